package expand

import (
	"io"
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
		var listed []catalog.ServiceActions // a NotAction's actions, by name, when !granted
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
				all, err := cat.ActionNames()
				if err != nil {
					ds = append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
					continue
				}
				listed = all[:0] // the lists are this call's: keep what is left in place
				for _, sa := range all {
					kept := 0
					for i, n := range sa.Names {
						if !ps.matches(sa.Service, n) {
							sa.Names[kept], sa.Levels[kept] = n, sa.Levels[i]
							kept++
						}
					}
					if kept > 0 {
						listed = append(listed, catalog.ServiceActions{Service: sa.Service, Names: sa.Names[:kept], Levels: sa.Levels[:kept]})
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
		if listed != nil {
			e.addNames(listed, true) // ActionNames lists each service in name order
		} else {
			e.addNames(blocks(acts), false)
		}
		if granted {
			e.Granted = acts
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

// blocks groups actions as addNames takes them: a block per run of one service.
func blocks(acts []*catalog.Action) []catalog.ServiceActions {
	var out []catalog.ServiceActions
	for i := 0; i < len(acts); {
		j := i + 1
		for j < len(acts) && acts[j].Service == acts[i].Service {
			j++
		}
		b := catalog.ServiceActions{Service: acts[i].Service, Names: make([]string, j-i), Levels: make([]catalog.AccessLevel, j-i)}
		for k, a := range acts[i:j] {
			b.Names[k], b.Levels[k] = a.Name, a.AccessLevel
		}
		out = append(out, b)
		i = j
	}
	return out
}

// addNames adds the actions' full names to Names and Actions, Names in order. A NotAction
// leaves some 21,000 actions, and making their names was most of its expansion, so it is done
// with a few large allocations rather than tens of thousands: the names are cut from one string,
// the lists by level from one array. Actions come in blocks of one service (as catalog.Expand
// and catalog.ActionNames give them), in name order within each when sorted says so. When every
// block is in name order and no service has two, writing the blocks in the order of their
// "service:" puts Names in order ("s3-outposts:…" before "s3:…", as ':' sorts after '-')
// without comparing the names: a "service:" holds its only ':' at its end, so one that sorts
// before another differs from it before either ends, and so do the full names. Otherwise Names
// and the lists by level are sorted.
func (e *Expanded) addNames(blocks []catalog.ServiceActions, sorted bool) {
	type block struct {
		key string // "service:"
		catalog.ServiceActions
	}
	bs := make([]block, 0, len(blocks))
	ordered := true // every block in name order, no service in two
	size, n := 0, 0
	for _, b := range blocks {
		if len(b.Names) == 0 {
			continue
		}
		ordered = ordered && (sorted || slices.IsSorted(b.Names))
		bs = append(bs, block{b.Service + ":", b})
		for _, name := range b.Names {
			size += len(b.Service) + 1 + len(name)
		}
		n += len(b.Names)
	}
	if ordered {
		sort.Slice(bs, func(i, j int) bool { return bs[i].key < bs[j].key })
		for i := 1; i < len(bs); i++ {
			ordered = ordered && bs[i].key != bs[i-1].key
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	for _, b := range bs {
		for _, name := range b.Names {
			sb.WriteString(b.key)
			sb.WriteString(name)
		}
	}
	all := sb.String()
	if n > 0 {
		e.Names = slices.Grow(e.Names, n)
	}
	byLevel := make([]string, n) // every list by level is a piece of it
	off, used := 0, 0
	for _, b := range bs {
		var count [catalog.Tagging + 2]int
		for _, l := range b.Levels {
			count[levelIndex(l)]++
		}
		var lists [catalog.Tagging + 2][]string
		for l, n := range count {
			lists[l] = byLevel[used : used : used+n]
			used += n
		}
		for i, name := range b.Names {
			full := all[off : off+len(b.key)+len(name)]
			off += len(full)
			l := levelIndex(b.Levels[i])
			lists[l] = append(lists[l], full)
			e.Names = append(e.Names, full)
		}
		levels := e.Actions[b.Service]
		if levels == nil {
			levels = map[string][]string{}
			e.Actions[b.Service] = levels
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
	if !ordered {
		sort.Strings(e.Names)
		for _, levels := range e.Actions {
			for _, names := range levels {
				if !sort.StringsAreSorted(names) {
					sort.Strings(names)
				}
			}
		}
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
	WriteTable(&b, ex)
	return b.String()
}

// WriteTable writes Table's text to w, a piece at a time: a NotAction's table is most of a
// megabyte, which the command line need not hold. It returns w's first error.
func WriteTable(w io.Writer, ex []Expanded) error {
	const flushAt = 32 << 10
	buf := make([]byte, 0, flushAt+1024)
	var err error
	flush := func() {
		if err == nil {
			_, err = w.Write(buf)
		}
		buf = buf[:0]
	}
	var svcs []string
	for _, e := range ex {
		buf = append(buf, e.Path...)
		if e.Sid != "" {
			buf = append(buf, " ("...)
			buf = append(buf, e.Sid...)
			buf = append(buf, ')')
		}
		buf = append(buf, ": "...)
		buf = append(buf, e.Effect...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(e.Count), 10)
		buf = append(buf, " action"...)
		if e.Count != 1 {
			buf = append(buf, 's')
		}
		if e.NotAction {
			buf = append(buf, " (everything NotAction leaves)"...)
		}
		for i, r := range e.Resource {
			if i == 0 {
				buf = append(buf, " on "...)
			} else {
				buf = append(buf, ", "...)
			}
			buf = append(buf, r...)
		}
		buf = append(buf, '\n')
		svcs = svcs[:0]
		for s := range e.Actions {
			svcs = append(svcs, s)
		}
		sort.Strings(svcs)
		for _, s := range svcs {
			levels := e.Actions[s]
			for _, lv := range levelsOrder {
				names := levels[lv]
				if len(names) == 0 {
					continue
				}
				buf = append(buf, "  "...)
				buf = append(buf, s...)
				buf = append(buf, ' ')
				buf = append(buf, lv...)
				buf = append(buf, " ("...)
				buf = strconv.AppendInt(buf, int64(len(names)), 10)
				buf = append(buf, "):\n"...)
				for _, n := range names {
					if len(buf) >= flushAt {
						flush()
					}
					buf = append(buf, "    "...)
					buf = append(buf, n...)
					buf = append(buf, '\n')
				}
			}
		}
	}
	flush()
	return err
}
