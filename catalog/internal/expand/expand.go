package expand

import (
	"slices"
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
// NotAction becomes every action of the catalog it does not name. An entry the policy grammar
// rejects (policy.ValidAction: "*:Describe*", " s3:GetObject") matches nothing, in Action and
// NotAction alike, and gets no diagnostic here: Parse reports it.
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
			// An entry the grammar rejects (" s3:GetObject", "*:Describe*") matches nothing, as in
			// Action.
			var pats []string
			for _, pat := range st.NotAction {
				if policy.ValidAction(pat) {
					pats = append(pats, pat)
				}
			}
			ps := newPatternSet(pats)
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
				if !policy.ValidAction(pat) {
					continue
				}
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
		e.Count = len(e.Names)
		out = append(out, e)
	}
	return out, ds
}

// Dedupe takes the grammar's findings on a policy and Expand's together, located
// (Policy.Locate), and returns them sorted with one finding per action entry: where Expand
// found an action unknown, the grammar's note on the case of its service prefix goes.
func Dedupe(ds diag.List) diag.List {
	unknown := map[string]bool{}
	for _, d := range ds {
		if (d.Code == diag.UnknownAction || d.Code == diag.UnknownService) && d.Location != nil {
			unknown[d.Location.Key] = true
		}
	}
	out := make(diag.List, 0, len(ds))
	for _, d := range ds {
		if d.Code == diag.ActionServiceCase && d.Location != nil && unknown[d.Location.Key] {
			continue
		}
		out = append(out, d)
	}
	return out.Sort()
}

// addNames adds the actions' full names to Names and Actions, Names in order. A NotAction
// leaves some 21,000 actions, and making their names was most of its expansion, so it is done
// with a few large allocations rather than tens of thousands: the names are cut from one string,
// the lists by level from one array. Actions come in blocks of one service, each in name order
// (as catalog.Expand and catalog.ActionList give them); when no service has two blocks, writing
// the blocks in the order of their "service:" puts Names in order ("s3-outposts:…" before
// "s3:…", as ':' sorts after '-') without comparing the names. Otherwise Names is sorted.
func (e *Expanded) addNames(acts []catalog.SearchEntry) {
	type block struct {
		key      string // "service:"
		from, to int
	}
	var blocks []block
	ordered := true // every block in name order, no service in two
	for i := 0; i < len(acts); {
		j := i + 1
		for j < len(acts) && acts[j].Service == acts[i].Service {
			if acts[j].Name < acts[j-1].Name {
				ordered = false
			}
			j++
		}
		blocks = append(blocks, block{acts[i].Service + ":", i, j})
		i = j
	}
	if ordered {
		sort.Slice(blocks, func(i, j int) bool { return blocks[i].key < blocks[j].key })
		for i := 1; i < len(blocks); i++ {
			ordered = ordered && blocks[i].key != blocks[i-1].key
		}
	}
	size := 0
	for _, a := range acts {
		size += len(a.Service) + 1 + len(a.Name)
	}
	var b strings.Builder
	b.Grow(size)
	for _, bl := range blocks {
		for _, a := range acts[bl.from:bl.to] {
			b.WriteString(a.Service)
			b.WriteByte(':')
			b.WriteString(a.Name)
		}
	}
	all := b.String()
	if len(acts) > 0 {
		e.Names = slices.Grow(e.Names, len(acts))
	}
	byLevel := make([]string, len(acts)) // every list by level is a piece of it
	off, used := 0, 0
	for _, bl := range blocks {
		part := acts[bl.from:bl.to]
		var count [catalog.Tagging + 2]int
		for _, a := range part {
			count[levelIndex(a.Level)]++
		}
		var lists [catalog.Tagging + 2][]string
		for l, n := range count {
			lists[l] = byLevel[used : used : used+n]
			used += n
		}
		for _, a := range part {
			n := all[off : off+len(a.Service)+1+len(a.Name)]
			off += len(n)
			l := levelIndex(a.Level)
			lists[l] = append(lists[l], n)
			e.Names = append(e.Names, n)
		}
		svc := part[0].Service
		levels := e.Actions[svc]
		if levels == nil {
			levels = map[string][]string{}
			e.Actions[svc] = levels
		}
		for l, names := range lists {
			if len(names) == 0 {
				continue
			}
			lv := catalog.AccessLevel(l).String()
			if levels[lv] == nil {
				levels[lv] = names
			} else {
				levels[lv] = append(levels[lv], names...)
			}
		}
	}
	if !ordered || !sort.StringsAreSorted(e.Names) {
		sort.Strings(e.Names)
	}
}

// levelIndex is an access level as an index, out-of-range levels counted as unknown.
func levelIndex(l catalog.AccessLevel) int {
	if l > catalog.Tagging {
		return int(catalog.LevelUnknown)
	}
	return int(l)
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
		b.WriteString(head + ": " + e.Effect + " " + strconv.Itoa(e.Count) + " action")
		if e.Count != 1 {
			b.WriteString("s")
		}
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
					b.WriteString("    ")
					b.WriteString(n)
					b.WriteByte('\n')
				}
			}
		}
	}
	return b.String()
}
