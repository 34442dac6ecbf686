package expand

import (
	"sort"
	"strconv"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// Expanded is a statement with its actions made concrete.
type Expanded struct {
	Sid       string   `json:"sid,omitempty"`
	Path      string   `json:"path"`
	Effect    string   `json:"effect"`
	NotAction bool     `json:"not_action,omitempty"`
	Resource  []string `json:"resource,omitempty"`
	// Actions maps service → access level → action names, sorted.
	Actions map[string]map[string][]string `json:"actions"`
	Count   int                            `json:"count"`
	// Names lists every action, sorted, for callers that want a flat list.
	Names []string `json:"-"`

	// Granted holds the actions themselves, for checks against the catalog.
	Granted []*catalog.Action `json:"-"`
}

// Expand makes every statement's actions concrete: wildcards become the actions they match,
// NotAction becomes every action of the catalog it does not name.
func Expand(cat *catalog.Catalog, p *policy.Policy) ([]Expanded, diag.List) {
	var out []Expanded
	var ds diag.List
	for i, st := range p.Statement {
		path := st.Path
		if path == "" {
			path = "Statement[" + strconv.Itoa(i) + "]"
		}
		e := Expanded{Sid: st.Sid, Path: path, Effect: st.Effect, Resource: st.Resource, Actions: map[string]map[string][]string{}}
		var acts []*catalog.Action
		if len(st.NotAction) > 0 {
			e.NotAction = true
			all, err := cat.Expand("*:*")
			if err != nil {
				ds = append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
				continue
			}
			ps := newPatternSet(st.NotAction)
			for _, a := range all {
				if !ps.matches(a) {
					acts = append(acts, a)
				}
			}
		} else {
			seen := map[*catalog.Action]bool{}
			for j, pat := range st.Action {
				got, err := cat.Expand(pat)
				loc := &diag.Location{Key: path + ".Action[" + strconv.Itoa(j) + "]"}
				if err != nil {
					d := diag.Errorf(diag.UnknownAction, loc, "%v", err)
					if le, ok := err.(*catalog.LookupError); ok {
						d.Suggestions = le.Suggestions
						if le.Err == catalog.ErrUnknownService {
							d.Code = diag.UnknownService
						}
					}
					ds = append(ds, d)
					continue
				}
				if len(got) == 0 {
					if _, err := cat.Action(pat); err != nil && !catalog.HasGlob(pat) {
						d := diag.Errorf(diag.UnknownAction, loc, "%v", err)
						if le, ok := err.(*catalog.LookupError); ok {
							d.Suggestions = le.Suggestions
						}
						ds = append(ds, d)
					} else {
						ds = append(ds, diag.Warnf(diag.ActionMatchesNothing, loc, "%s matches no action in the catalog", pat))
					}
				}
				for _, a := range got {
					if !seen[a] {
						seen[a] = true
						acts = append(acts, a)
					}
				}
			}
		}
		for _, a := range acts {
			lv := a.AccessLevel.String()
			if e.Actions[a.Service] == nil {
				e.Actions[a.Service] = map[string][]string{}
			}
			n := a.FullName()
			e.Actions[a.Service][lv] = append(e.Actions[a.Service][lv], n)
			e.Names = append(e.Names, n)
		}
		e.Granted = acts
		for _, lv := range e.Actions {
			for k := range lv {
				sort.Strings(lv[k])
			}
		}
		sort.Strings(e.Names)
		e.Count = len(e.Names)
		out = append(out, e)
	}
	return out, ds
}

// Policy returns the policy with every statement's actions replaced by the concrete list
// (NotAction becomes Action).
func Policy(p *policy.Policy, ex []Expanded) *policy.Policy {
	out := &policy.Policy{Version: p.Version, ID: p.ID}
	for i, st := range p.Statement {
		st.Action, st.NotAction = ex[i].Names, nil
		if st.Action == nil {
			st.Action = []string{}
		}
		out.Statement = append(out.Statement, st)
	}
	return out
}

// levelsOrder is AWS's order of access levels, for printing.
var levelsOrder = []string{"List", "Read", "Write", "Permissions management", "Tagging"}

// Table renders expanded statements for people.
func Table(ex []Expanded) string {
	var b strings.Builder
	for _, e := range ex {
		head := e.Path
		if e.Sid != "" {
			head += " (" + e.Sid + ")"
		}
		b.WriteString(head + ": " + e.Effect + " " + strconv.Itoa(e.Count) + " actions")
		if e.NotAction {
			b.WriteString(" (everything NotAction leaves)")
		}
		if len(e.Resource) > 0 {
			b.WriteString(" on " + strings.Join(e.Resource, ", "))
		}
		b.WriteString("\n")
		var svcs []string
		for s := range e.Actions {
			svcs = append(svcs, s)
		}
		sort.Strings(svcs)
		for _, s := range svcs {
			for _, lv := range levelsOrder {
				names := e.Actions[s][lv]
				if len(names) == 0 {
					continue
				}
				b.WriteString("  " + s + " " + lv + " (" + strconv.Itoa(len(names)) + "):\n")
				for _, n := range names {
					b.WriteString("    " + n + "\n")
				}
			}
		}
	}
	return b.String()
}
