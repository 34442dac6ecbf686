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
	return expand(cat, p, true)
}

// Names is Expand for printing: the same statements, without Granted. A NotAction is matched
// against the catalog's list of action names and levels (catalog.ActionList) rather than
// against every service decoded, which was most of what `iamforge expand` of a large NotAction
// took once its patterns were grouped.
func Names(cat *catalog.Catalog, p *policy.Policy) ([]Expanded, diag.List) {
	return expand(cat, p, false)
}

func expand(cat *catalog.Catalog, p *policy.Policy, granted bool) ([]Expanded, diag.List) {
	var out []Expanded
	var ds diag.List
	for i, st := range p.Statement {
		path := st.Path
		if path == "" {
			path = "Statement[" + strconv.Itoa(i) + "]"
		}
		e := Expanded{Sid: st.Sid, Path: path, Effect: st.Effect, Resource: st.Resource, Actions: map[string]map[string][]string{}}
		var acts []*catalog.Action
		var listed []catalog.SearchEntry // a NotAction's actions, by name, when !granted
		if len(st.NotAction) > 0 {
			e.NotAction = true
			ps := newPatternSet(st.NotAction)
			if granted {
				all, err := cat.Expand("*:*")
				if err != nil {
					ds = append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
					continue
				}
				for _, a := range all {
					if !ps.matches(a.Service, a.Name) {
						acts = append(acts, a)
					}
				}
			} else {
				all, err := cat.ActionList()
				if err != nil {
					ds = append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
					continue
				}
				listed = all[:0] // the list is this call's: keep what is left in place
				for _, x := range all {
					if !ps.matches(x.Service, x.Name) {
						listed = append(listed, x)
					}
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
			listed = append(listed, catalog.SearchEntry{Service: a.Service, Name: a.Name, Level: a.AccessLevel})
		}
		e.addNames(listed)
		if granted {
			e.Granted = acts
		}
		for _, lv := range e.Actions {
			for k := range lv {
				if !sort.StringsAreSorted(lv[k]) {
					sort.Strings(lv[k])
				}
			}
		}
		sortNames(e.Names)
		e.Count = len(e.Names)
		out = append(out, e)
	}
	return out, ds
}

// addNames adds the actions' full names to Names and Actions. The names are cut from one
// string: a NotAction leaves some 21,000 actions, one allocation rather than one each.
func (e *Expanded) addNames(acts []catalog.SearchEntry) {
	size := 0
	for _, a := range acts {
		size += len(a.Service) + 1 + len(a.Name)
	}
	var b strings.Builder
	b.Grow(size)
	for _, a := range acts {
		b.WriteString(a.Service)
		b.WriteByte(':')
		b.WriteString(a.Name)
	}
	all := b.String()
	if e.Names == nil && len(acts) > 0 {
		e.Names = make([]string, 0, len(acts))
	}
	// Actions come grouped by service: gather a service's names by level, then file them.
	var svc string
	var byLevel [catalog.Tagging + 1][]string
	flush := func() {
		for l, names := range byLevel {
			if len(names) == 0 {
				continue
			}
			levels := e.Actions[svc]
			if levels == nil {
				levels = map[string][]string{}
				e.Actions[svc] = levels
			}
			lv := catalog.AccessLevel(l).String()
			levels[lv] = append(levels[lv], names...)
			byLevel[l] = nil
		}
	}
	off := 0
	for _, a := range acts {
		n := all[off : off+len(a.Service)+1+len(a.Name)]
		off += len(n)
		if a.Service != svc {
			flush()
			svc = a.Service
		}
		l := a.Level
		if l > catalog.Tagging {
			l = catalog.LevelUnknown
		}
		byLevel[l] = append(byLevel[l], n)
		e.Names = append(e.Names, n)
	}
	flush()
}

// sortNames sorts full action names. Expanded names come in blocks, one per service, each
// already in name order; only the blocks need ordering ("s3-outposts:…" before "s3:…", as ':'
// sorts after '-'). When that is so, it orders the blocks, without comparing 21,000 names;
// otherwise it sorts.
func sortNames(names []string) {
	type block struct {
		service  string
		from, to int
	}
	var blocks []block
	for i := 0; i < len(names); {
		c := indexColon(names[i])
		if c < 0 {
			sort.Strings(names)
			return
		}
		svc := names[i][:c]
		j := i + 1
		for j < len(names) && strings.HasPrefix(names[j], svc) && indexColon(names[j]) == len(svc) {
			if names[j] < names[j-1] {
				sort.Strings(names)
				return
			}
			j++
		}
		blocks = append(blocks, block{svc + ":", i, j})
		i = j
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].service < blocks[j].service })
	for i := 1; i < len(blocks); i++ {
		if blocks[i].service == blocks[i-1].service {
			sort.Strings(names) // a service in two places
			return
		}
	}
	if sort.SliceIsSorted(blocks, func(i, j int) bool { return blocks[i].from < blocks[j].from }) {
		return
	}
	out := make([]string, 0, len(names))
	for _, b := range blocks {
		out = append(out, names[b.from:b.to]...)
	}
	copy(names, out)
}

func indexColon(s string) int { return strings.IndexByte(s, ':') }

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
	size := 0
	for _, e := range ex {
		size += 128 + len(e.Actions)*5*48
		for _, n := range e.Names {
			size += len(n) + 5
		}
	}
	b.Grow(size)
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
