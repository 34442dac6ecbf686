package writer_test

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/template/templatetest"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// grant is one (action, resource) pair a policy allows.
type grant struct{ action, resource string }

// asked computes, by brute force over the catalog and independently of the writer, the grants a
// generated template asks for: every action of the ARN's service at that level that acts on a
// resource type the ARN is, on that ARN; its dependent actions on the ARN when they act on the
// same type, else on "*"; wildcard-only grants on "*"; minus exclusions.
func asked(t *testing.T, c *catalog.Catalog, levels map[catalog.AccessLevel][]string, single, services []string, svcLevel catalog.AccessLevel, exclude []string) map[grant]bool {
	t.Helper()
	out := map[grant]bool{}
	for level, arns := range levels {
		for _, a := range arns {
			m := c.MatchARN(a)
			if len(m.Types) == 0 {
				continue
			}
			s, _ := c.Service(m.Service)
			for _, rt := range m.Types {
				for _, act := range s.Actions {
					if act.AccessLevel != level || act.Resource(rt.Name) == nil {
						continue
					}
					out[grant{act.FullName(), a}] = true
					deps := act.DependentActions() // every row's, as AWS's reference lists them
					for _, dn := range deps {
						d, err := c.Action(dn)
						if err != nil {
							continue
						}
						if d.Service == act.Service && d.Resource(rt.Name) != nil {
							out[grant{d.FullName(), a}] = true
						} else {
							out[grant{d.FullName(), "*"}] = true
						}
					}
				}
			}
		}
	}
	for _, n := range single {
		if a, err := c.Action(n); err == nil && a.WildcardOnly() {
			out[grant{a.FullName(), "*"}] = true
		}
	}
	for _, p := range services {
		s, _ := c.Service(p)
		for _, a := range s.Actions {
			if a.AccessLevel == svcLevel && a.WildcardOnly() {
				out[grant{a.FullName(), "*"}] = true
			}
		}
	}
	for g := range out {
		for _, x := range exclude {
			if catalog.MatchGlob(x, g.action) {
				delete(out, g)
			}
		}
	}
	return out
}

// granted expands a written policy into its grants, through the same expansion `iamforge
// expand` uses.
func granted(t *testing.T, c *catalog.Catalog, p *policy.Policy) map[grant]bool {
	t.Helper()
	ex, ds := expand.Expand(c, p)
	if ds.HasErrors() {
		t.Fatalf("expand: %v", ds)
	}
	out := map[grant]bool{}
	for i, st := range p.Statement {
		for _, n := range ex[i].Names {
			for _, r := range st.Resource {
				out[grant{n, r}] = true
			}
		}
	}
	return out
}

// TestPropertyWriteExpand: for many generated templates over the real catalog,
// expand(write(t)) is exactly what t asks for, and so is expand(minimize(write(t))).
func TestPropertyWriteExpand(t *testing.T) {
	c := cat(t)
	all, err := c.AllServices()
	if err != nil {
		t.Fatal(err)
	}
	samples, err := templatetest.Samples(c)
	if err != nil {
		t.Fatal(err)
	}
	n := 300
	if testing.Short() {
		n = 40
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		g := templatetest.Random(rng, c, all, samples)
		if g == nil {
			continue
		}
		exp := asked(t, c, g.Levels, g.Single, g.Services, g.SvcLevel, nil)
		if rng.Intn(3) == 0 && len(exp) > 1 {
			var names []string
			for gr := range exp {
				names = append(names, gr.action)
			}
			sort.Strings(names)
			g.Exclude = append(g.Exclude, templatetest.ExcludePrefix(rng, names[rng.Intn(len(names))]))
			exp = asked(t, c, g.Levels, g.Single, g.Services, g.SvcLevel, g.Exclude)
		}
		text := g.Text()
		tmpl, ds := template.Parse(fmt.Sprintf("case%d.yml", i), []byte(text))
		if ds.HasErrors() {
			t.Fatalf("case %d: template: %v\n%s", i, ds, text)
		}
		for _, min := range []bool{false, true} {
			res := writer.Write(c, tmpl, writer.Options{Minimize: min})
			got := granted(t, c, res.Policy)
			if !equalGrants(got, exp) {
				t.Fatalf("case %d (minimize %v): expand(write(t)) differs from what t asks for:\n%s\ntemplate:\n%s", i, min, diffGrants(got, exp), text)
			}
		}
	}
}

func equalGrants(a, b map[grant]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for g := range a {
		if !b[g] {
			return false
		}
	}
	return true
}

func diffGrants(got, want map[grant]bool) string {
	var out []string
	for g := range got {
		if !want[g] {
			out = append(out, "  extra:   "+g.action+" on "+g.resource)
		}
	}
	for g := range want {
		if !got[g] {
			out = append(out, "  missing: "+g.action+" on "+g.resource)
		}
	}
	sort.Strings(out)
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("  … %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}
