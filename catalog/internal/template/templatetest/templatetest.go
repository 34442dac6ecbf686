// Package templatetest generates templates over the real catalog for property tests: the
// writer's (what a template asks for is what the policy grants) and the operations' (a template
// written as text and as builder state gives the same policy and the same diagnostics).
package templatetest

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/arn"
)

// Sample is an ARN the catalog matches, unambiguously, to a resource type of Service.
type Sample struct{ ARN, Service string }

// Samples returns an example ARN of every ARN format that the catalog matches to itself alone,
// sorted.
func Samples(c *catalog.Catalog) ([]Sample, error) {
	all, err := c.AllServices()
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, s := range all {
		for _, rt := range s.ResourceTypes {
			for _, f := range rt.ARNFormats {
				cf, err := arn.CompileFormat(f)
				if err != nil || strings.Contains(f, "*") {
					continue
				}
				ex := cf.Example()
				if m := c.MatchARN(ex); m.Status == catalog.ARNMatched && m.Service == s.Prefix {
					out = append(out, Sample{ex, s.Prefix})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out, nil
}

// Template is a generated crud template and what it lists.
type Template struct {
	Levels   map[catalog.AccessLevel][]string // ARNs per level
	Single   []string                         // wildcard-only single actions
	Services []string                         // wildcard-only services, at SvcLevel
	SvcLevel catalog.AccessLevel
	Exclude  []string
}

// Random makes a crud template of up to four ARNs per level at random levels, and sometimes a
// service's wildcard-only actions and one of its single actions; nil when it drew nothing.
func Random(rng *rand.Rand, c *catalog.Catalog, all []*catalog.Service, samples []Sample) *Template {
	g := &Template{Levels: map[catalog.AccessLevel][]string{}}
	levels := catalog.AccessLevels
	for _, lv := range levels {
		if rng.Intn(2) == 0 {
			continue
		}
		for k := rng.Intn(4) + 1; k > 0; k-- {
			g.Levels[lv] = append(g.Levels[lv], samples[rng.Intn(len(samples))].ARN)
		}
	}
	g.SvcLevel = levels[rng.Intn(len(levels))]
	if rng.Intn(3) == 0 {
		s := all[rng.Intn(len(all))]
		g.Services = append(g.Services, s.Prefix)
		if a := s.Actions[rng.Intn(len(s.Actions))]; a.WildcardOnly() {
			g.Single = append(g.Single, a.FullName())
		}
	}
	if len(g.Levels) == 0 && len(g.Services) == 0 {
		return nil
	}
	return g
}

// Text is the template as YAML, keys in Policy Sentry's order.
func (g *Template) Text() string {
	var b strings.Builder
	b.WriteString("mode: crud\n")
	for _, lv := range catalog.AccessLevels {
		if arns := g.Levels[lv]; len(arns) > 0 {
			b.WriteString(lv.Slug() + ":\n")
			for _, a := range arns {
				b.WriteString(fmt.Sprintf("- '%s'\n", a))
			}
		}
	}
	if len(g.Services) > 0 {
		b.WriteString("wildcard-only:\n  service-" + g.SvcLevel.Slug() + ":\n")
		for _, s := range g.Services {
			b.WriteString("  - " + s + "\n")
		}
		if len(g.Single) > 0 {
			b.WriteString("  single-actions:\n")
			for _, a := range g.Single {
				b.WriteString("  - " + a + "\n")
			}
		}
	}
	if len(g.Exclude) > 0 {
		b.WriteString("exclude-actions:\n")
		for _, x := range g.Exclude {
			b.WriteString("- '" + x + "'\n")
		}
	}
	return b.String()
}

// ExcludePrefix returns a glob that excludes action and its neighbours: its name cut short at
// random, then "*".
func ExcludePrefix(rng *rand.Rand, action string) string {
	svc, name, _ := strings.Cut(action, ":")
	return svc + ":" + name[:len(name)-rng.Intn(len(name)/2+1)] + "*"
}
