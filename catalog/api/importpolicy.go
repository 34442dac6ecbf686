package api

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/state"
)

// ImportedPolicy is an existing policy turned into builder state, so that it can be tightened:
// every wildcard spelled out as the actions it grants, each resource a row with exactly the
// actions the policy grants on it, actions on "*" as they are. Findings say what was spelled
// out and what the builder cannot hold (a condition on one statement, NotAction, a Deny beside
// an Allow), so that nothing widens in silence.
type ImportedPolicy struct {
	State *state.State `json:"state"`
	// Expanded lists, per wildcard of the policy, the actions it stands for.
	Expanded []ExpandedPattern `json:"expanded"`
}

// ExpandedPattern is a wildcard action of an imported policy and what it grants.
type ExpandedPattern struct {
	Pattern string   `json:"pattern"`
	Path    string   `json:"path"`
	Actions []string `json:"actions"`
}

// ImportPolicy reads a policy (JSON, or Terraform's or CloudFormation's wrapper of one) and
// turns what it allows into builder state.
func ImportPolicy(cat *catalog.Catalog, r PolicyRequest) (*ImportedPolicy, diag.List) {
	p, ds, file := r.parse()
	if p == nil || ds.Has(diag.InvalidJSON) {
		return nil, ds
	}
	ex, eds := expand.Expand(cat, p)
	ds = append(ds, eds...)
	// The policy already holds what its actions need: adding their dependent actions again would
	// widen it, so the state asks for none.
	out := &ImportedPolicy{State: &state.State{V: state.Version, Deps: "none"}, Expanded: []ExpandedPattern{}}
	s := out.State
	rows := map[string]int{}
	note := func(path string, sev diag.Severity, code diag.Code, format string, args ...any) {
		d := diag.Diagnostic{Code: code, Severity: sev, Message: fmt.Sprintf(format, args...), Location: &diag.Location{File: file, Key: path}}
		ds = append(ds, d)
	}
	allDeny := len(p.Statement) > 0
	for _, st := range p.Statement {
		allDeny = allDeny && st.Effect == "Deny"
	}
	if allDeny {
		s.Effect = "Deny"
	}
	var conds policy.Conditions
	sameConds := true
	for i, st := range p.Statement {
		if i == 0 {
			conds = st.Condition
		} else if conditionsKey(st.Condition) != conditionsKey(conds) {
			sameConds = false
		}
	}
	for i, st := range p.Statement {
		e := ex[i]
		switch {
		case st.Effect == "Deny" && !allDeny:
			note(e.Path, diag.Warning, diag.NotImported, "%s denies, beside statements that allow; the builder writes one effect, so it is left out: keep it as a policy of its own", st.Name(i))
			continue
		case len(st.NotAction) > 0:
			note(e.Path, diag.Warning, diag.NotImported, "%s uses NotAction, which grants every action it does not name (%d here); the builder lists actions, so it is left out: list what the statement needs instead", st.Name(i), e.Count)
			continue
		case len(st.NotResource) > 0:
			note(e.Path, diag.Warning, diag.NotImported, "%s uses NotResource; the builder lists resources, so it is left out", st.Name(i))
			continue
		case st.Principal != nil || st.NotPrincipal != nil:
			note(e.Path, diag.Warning, diag.NotImported, "%s names a principal: a resource or trust policy, which the builder does not write; it is left out", st.Name(i))
			continue
		}
		if len(st.Condition) > 0 && !sameConds {
			note(e.Path+".Condition", diag.Warning, diag.NotImported, "%s has a condition of its own; the builder puts conditions on the whole policy or an access level, so it is left out, and the imported grants are wider than this statement's: add it back under Conditions", st.Name(i))
		}
		for _, pat := range st.Action {
			if catalog.HasGlob(pat) {
				var acts []string
				for _, a := range e.Granted {
					if catalog.MatchGlob(pat, a.FullName()) {
						acts = append(acts, a.FullName())
					}
				}
				sort.Strings(acts)
				out.Expanded = append(out.Expanded, ExpandedPattern{Pattern: pat, Path: e.Path + ".Action", Actions: acts})
				note(e.Path+".Action", diag.Info, diag.WildcardExpanded, "%s in %s grants %d actions; the builder lists each, so that you can keep the ones needed", pat, st.Name(i), len(acts))
			}
		}
		for _, res := range st.Resource {
			if res == "*" {
				for _, a := range e.Granted {
					s.Skip = appendNew(s.Skip, a.FullName())
				}
				continue
			}
			m := cat.MatchARN(res)
			var on []string
			var off []string
			for _, a := range e.Granted {
				if actsOnAny(a, m) {
					on = append(on, a.FullName())
				} else {
					off = append(off, a.FullName())
				}
			}
			if len(off) > 0 && len(m.Types) > 0 {
				if len(off) == 1 {
					note(e.Path+".Resource", diag.Info, diag.NotImported, "%s of %s does not act on %s, so it grants nothing there and is not imported on it", off[0], st.Name(i), res)
				} else {
					note(e.Path+".Resource", diag.Info, diag.NotImported, "%d actions of %s do not act on %s (%s), so they grant nothing there and are not imported on it", len(off), st.Name(i), res, summarize(off, 3))
				}
			}
			if len(on) == 0 {
				continue
			}
			row, ok := rows[res]
			if !ok {
				row = len(s.Resources)
				rows[res] = row
				s.Resources = append(s.Resources, state.Resource{ARN: res})
			}
			for _, a := range on {
				s.Resources[row].Actions = appendNew(s.Resources[row].Actions, a)
			}
		}
	}
	if sameConds {
		for _, c := range conds {
			s.Conditions = append(s.Conditions, state.Condition{Operator: c.Operator, Key: c.Key, Values: c.Values})
		}
	}
	for i := range s.Resources {
		sort.Strings(s.Resources[i].Actions)
	}
	sort.Strings(s.Skip)
	if len(s.Resources) == 0 && len(s.Skip) == 0 {
		note("", diag.Error, diag.NotImported, "nothing of the policy could be imported: it allows no action the builder can list")
	}
	if err := s.Check(); err != nil {
		return nil, append(ds, diag.Errorf(diag.BadState, nil, "the imported policy is too large for the builder: %v", err))
	}
	p.Locate(ds, file)
	return out, ds.Sort()
}

// actsOnAny reports whether an action acts on any resource type the ARN matched.
func actsOnAny(a *catalog.Action, m catalog.ARNMatch) bool {
	if a.Service != m.Service {
		return false
	}
	for _, t := range m.Types {
		if a.Resource(t.Name) != nil {
			return true
		}
	}
	return false
}

func conditionsKey(c policy.Conditions) string {
	var b strings.Builder
	for _, x := range c {
		b.WriteString(x.Operator + "\x00" + x.Key + "\x00" + strings.Join(x.Values, "\x01") + "\x02")
	}
	return b.String()
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func summarize(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func opImportPolicy(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r PolicyRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	res, ds := ImportPolicy(cat, r)
	if res == nil {
		return nil, ds
	}
	return res, ds
}
