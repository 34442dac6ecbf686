package expand

import (
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Listed is a statement with its actions listed by service, as names and levels: what Expanded
// holds before its full names are made. Printing a table needs no more, and making 21,000 full
// names, with a flat list and a list by level of them, was half of `iamforge expand` of a large
// NotAction.
type Listed struct {
	Sid       string
	Path      string
	Effect    string
	NotAction bool
	Resource  []string
	// Services holds the actions: a block per service, in prefix order, each in name order.
	Services []catalog.ServiceActions
	Count    int

	granted []*catalog.Action // the actions themselves, when Expand asked for them
}

// Expand makes every statement's actions concrete: wildcards become the actions they match,
// NotAction becomes every action of the catalog it does not name. An entry the policy grammar
// rejects (policy.ValidAction: "*:Describe*", " s3:GetObject") matches nothing, in Action and
// NotAction alike, and gets no diagnostic here: Parse reports it.
func Expand(cat *catalog.Catalog, p *policy.Policy) ([]Expanded, diag.List) {
	ls, ds := list(cat, p, true)
	return Expandeds(ls), ds
}

// Names is Expand for printing: the same statements, without Granted (Expandeds of List).
func Names(cat *catalog.Catalog, p *policy.Policy) ([]Expanded, diag.List) {
	ls, ds := List(cat, p)
	return Expandeds(ls), ds
}

// List is Names without the full names: what WriteTable prints. A NotAction is matched against
// the catalog's names and levels (catalog.ActionNames) rather than against every service
// decoded, which was most of what `iamforge expand` of a large NotAction took once its patterns
// were grouped.
func List(cat *catalog.Catalog, p *policy.Policy) ([]Listed, diag.List) {
	return list(cat, p, false)
}

// Expandeds makes the full names of listed statements.
func Expandeds(ls []Listed) []Expanded {
	if ls == nil {
		return nil
	}
	out := make([]Expanded, len(ls))
	for i, l := range ls {
		out[i] = Expanded{Sid: l.Sid, Path: l.Path, Effect: l.Effect, NotAction: l.NotAction, Resource: l.Resource,
			Actions: map[string]map[string][]string{}, Count: l.Count, Granted: l.granted}
		out[i].addNames(l.Services)
	}
	return out
}

func list(cat *catalog.Catalog, p *policy.Policy, granted bool) ([]Listed, diag.List) {
	if len(p.Statement) == 0 {
		return nil, nil
	}
	l := &lister{cat: cat, granted: granted}
	out := make([]Listed, len(p.Statement))
	dss := make([]diag.List, len(p.Statement))
	// Where a NotAction makes every action's name listed anyway, the Action statements take
	// theirs from that list too, before the NotAction uses it up, rather than decoding their
	// services (sagemaker:* decoded was a twelfth of `iamforge expand` of the 685-entry
	// NotAction, whose first statement it is).
	hasNot := false
	for _, st := range p.Statement {
		hasNot = hasNot || len(st.NotAction) > 0
	}
	if hasNot && !granted {
		if all, err := cat.ActionNames(); err == nil {
			l.names = all
		}
	}
	for _, not := range []bool{false, true} {
		for i, st := range p.Statement {
			if (len(st.NotAction) > 0) == not {
				out[i], dss[i] = l.statement(i, st)
			}
		}
	}
	var ds diag.List
	for _, d := range dss {
		ds = append(ds, d...)
	}
	return out, ds
}

// lister lists the statements of one policy.
type lister struct {
	cat     *catalog.Catalog
	granted bool
	// names is every action's name, when a NotAction needs them: the Action statements read
	// it, then the first NotAction takes it.
	names []catalog.ServiceActions
}

func (l *lister) statement(i int, st policy.Statement) (Listed, diag.List) {
	cat, granted := l.cat, l.granted
	var ds diag.List
	{
		path := st.Path
		if path == "" {
			path = "Statement[" + strconv.Itoa(i) + "]"
		}
		e := Listed{Sid: st.Sid, Path: path, Effect: st.Effect, Resource: st.Resource}
		var acts []*catalog.Action
		var found []named // an Action's actions matched among names, when l.names is set
		if len(st.NotAction) > 0 {
			e.NotAction = true
			// An entry the grammar rejects (" s3:GetObject", "*:Describe*") matches nothing, as in
			// Action.
			pats := make([]string, 0, len(st.NotAction))
			for _, pat := range st.NotAction {
				if policy.ValidAction(pat) {
					pats = append(pats, pat)
				}
			}
			ps := newPatternSet(pats)
			if granted {
				all, err := cat.Expand("*:*")
				if err != nil {
					return e, append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
				}
				for _, a := range all {
					if !ps.matches(a.Service, a.Name) {
						acts = append(acts, a)
					}
				}
			} else {
				all := l.names
				l.names = nil
				if all == nil {
					var err error
					if all, err = cat.ActionNames(); err != nil {
						return e, append(ds, diag.Errorf(diag.CatalogError, nil, "%v", err))
					}
				}
				e.Services = all[:0] // the lists are this call's: keep what is left in place
				for _, sa := range all {
					if ps.service(sa.Service) {
						sa.Keep(func(i int) bool { return !ps.matchesName(sa.Service, sa.Name(i)) })
					}
					if kept := sa.Len(); kept > 0 {
						e.Services = append(e.Services, sa)
						e.Count += kept
					}
				}
			}
		} else {
			seen := map[*catalog.Action]bool{}
			for j, pat := range st.Action {
				if !policy.ValidAction(pat) {
					continue
				}
				if l.names != nil {
					if got, ok := matchNames(l.names, pat); ok {
						found = append(found, got...)
						continue
					}
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
		if found != nil {
			for _, a := range acts {
				found = append(found, named{a.Service, a.Name, a.AccessLevel})
			}
			e.Services, e.Count = blocksOf(found)
		} else if acts != nil {
			e.Services = blocks(acts)
			e.Count = len(acts)
		}
		if granted {
			e.granted = acts
		}
		return e, ds
	}
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

// named is an action by service, name and level.
type named struct {
	service, name string
	level         catalog.AccessLevel
}

// matchNames gives the actions pattern names, from every action's name (catalog.ActionNames),
// as catalog.Expand would find them in the decoded services; ok is false when it found none, or
// cannot be sure to find what Expand does (a pattern Expand rejects, an unknown service, a name
// not ASCII, two actions of one name but for case), for the caller to ask Expand, which says
// why.
func matchNames(all []catalog.ServiceActions, pattern string) (out []named, ok bool) {
	p := strings.TrimSpace(pattern)
	if p == "*" {
		p = "*:*"
	}
	svcPat, namePat, found := strings.Cut(p, ":")
	if !found || svcPat == "" || namePat == "" || strings.ContainsAny(namePat, ": ") {
		return nil, false
	}
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return nil, false
		}
	}
	add := func(sa catalog.ServiceActions) bool {
		if catalog.HasGlob(namePat) {
			for i := range sa.Len() {
				if n := sa.Name(i); catalog.MatchGlob(namePat, n) {
					out = append(out, named{sa.Service, n, sa.Levels[i]})
				}
			}
			return true
		}
		from := len(out)
		for i := range sa.Len() {
			if n := sa.Name(i); strings.EqualFold(n, namePat) {
				out = append(out, named{sa.Service, n, sa.Levels[i]})
			}
		}
		return len(out)-from <= 1
	}
	if catalog.HasGlob(svcPat) {
		for _, sa := range all {
			if catalog.MatchGlob(svcPat, sa.Service) && !add(sa) {
				return nil, false
			}
		}
		return out, len(out) > 0
	}
	for _, sa := range all {
		if strings.EqualFold(sa.Service, svcPat) {
			return out, add(sa) && len(out) > 0
		}
	}
	return nil, false
}

// blocksOf lists actions as Listed holds them, once each, and counts them.
func blocksOf(ns []named) ([]catalog.ServiceActions, int) {
	if !slices.IsSortedFunc(ns, compareNamed) {
		ns = sortRuns(ns)
	}
	ns = slices.CompactFunc(ns, func(a, b named) bool { return a.service == b.service && a.name == b.name })
	names, levels := make([]string, len(ns)), make([]catalog.AccessLevel, len(ns))
	var out []catalog.ServiceActions
	for i := 0; i < len(ns); {
		j := i
		for ; j < len(ns) && ns[j].service == ns[i].service; j++ {
			names[j], levels[j] = ns[j].name, ns[j].level
		}
		out = append(out, catalog.NewServiceActions(ns[i].service, names[i:j:j], levels[i:j:j]))
		i = j
	}
	return out, len(ns)
}

func compareNamed(a, b named) int {
	if c := strings.Compare(a.service, b.service); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// sortRuns puts ns in order. Each entry of an Action gives a run already in order, and the runs
// of most lists do not overlap ("sagemaker:*", "logs:*"): putting the runs in order of their
// first action is then enough, where sorting every action was a twentieth of expanding such a
// statement. Runs that overlap are sorted.
func sortRuns(ns []named) []named {
	// Sorted through pointers: every sort of pointers in the WebAssembly build shares one copy
	// of slices' sorting code, where a sort of named values (or of runs of them) added a copy of
	// its own (13 functions, 19 KB of code).
	var runs []*[]named
	for i := 0; i < len(ns); {
		j := i + 1
		for j < len(ns) && compareNamed(ns[j-1], ns[j]) <= 0 {
			j++
		}
		run := ns[i:j]
		runs = append(runs, &run)
		i = j
	}
	sort.Slice(runs, func(i, j int) bool { return compareNamed((*runs[i])[0], (*runs[j])[0]) < 0 })
	out := make([]named, 0, len(ns))
	for _, r := range runs {
		out = append(out, *r...)
	}
	if slices.IsSortedFunc(out, compareNamed) {
		return out
	}
	ps := make([]*named, len(out))
	for i := range out {
		ps[i] = &out[i]
	}
	sort.Slice(ps, func(i, j int) bool { return compareNamed(*ps[i], *ps[j]) < 0 })
	sorted := make([]named, len(ps))
	for i, p := range ps {
		sorted[i] = *p
	}
	return sorted
}

// blocks lists actions as Listed holds them: a block per service, in prefix order, each in name
// order. Those of one catalog.Expand come so; those of an Action of several entries may name a
// service twice ("s3:Put*", "kms:Decrypt", "s3:Get*") or come out of order: when each service's
// run is in name order and no service has two, the runs are put in prefix order, else all the
// actions are sorted.
func blocks(acts []*catalog.Action) []catalog.ServiceActions {
	var runs [][]*catalog.Action
	ok := true // every run in name order, no service in two
	seen := map[string]bool{}
	for i := 0; i < len(acts); {
		j := i + 1
		for j < len(acts) && acts[j].Service == acts[i].Service {
			ok = ok && acts[j-1].Name < acts[j].Name
			j++
		}
		ok = ok && !seen[acts[i].Service]
		seen[acts[i].Service] = true
		runs = append(runs, acts[i:j])
		i = j
	}
	if ok {
		// A run per service, so few: sort.Slice, rather than slices' sorting code copied for
		// slices of slices (13 functions, 21 KB of WebAssembly).
		sort.Slice(runs, func(i, j int) bool { return runs[i][0].Service < runs[j][0].Service })
	} else {
		sorted := slices.Clone(acts)
		sort.Slice(sorted, func(i, j int) bool {
			a, b := sorted[i], sorted[j]
			if a.Service != b.Service {
				return a.Service < b.Service
			}
			return a.Name < b.Name
		})
		runs = runs[:0]
		for i := 0; i < len(sorted); {
			j := i + 1
			for j < len(sorted) && sorted[j].Service == sorted[i].Service {
				j++
			}
			runs = append(runs, sorted[i:j])
			i = j
		}
	}
	names, levels := make([]string, 0, len(acts)), make([]catalog.AccessLevel, 0, len(acts))
	out := make([]catalog.ServiceActions, len(runs))
	for i, run := range runs {
		from := len(names)
		for _, a := range run {
			names, levels = append(names, a.Name), append(levels, a.AccessLevel)
		}
		out[i] = catalog.NewServiceActions(run[0].Service, names[from:len(names):len(names)], levels[from:len(levels):len(levels)])
	}
	return out
}

// addNames adds the actions' full names to Names and Actions. A NotAction leaves some 21,000
// actions, so it is done with a few large allocations rather than tens of thousands: the names
// are cut from one string, the lists by level from one array. The blocks are as Listed holds
// them (one per service, in prefix order, each in name order); written in the order of their
// "service:", they put Names in order ("s3-outposts:…" before "s3:…", as ':' sorts after '-')
// without comparing names: a "service:" holds its only ':' at its end, so one that sorts before
// another differs from it before either ends, and so do their full names.
func (e *Expanded) addNames(blocks []catalog.ServiceActions) {
	type block struct {
		key string // "service:"
		catalog.ServiceActions
	}
	bs := make([]block, 0, len(blocks))
	size, n := 0, 0
	for _, b := range blocks {
		bs = append(bs, block{b.Service + ":", b})
		for i := range b.Len() {
			size += len(b.Service) + 1 + len(b.Name(i))
		}
		n += b.Len()
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].key < bs[j].key })
	var sb strings.Builder
	sb.Grow(size)
	for _, b := range bs {
		for i := range b.Len() {
			sb.WriteString(b.key)
			sb.WriteString(b.Name(i))
		}
	}
	all := sb.String()
	if n > 0 {
		e.Names = make([]string, 0, n)
	}
	byLevel := make([]string, n) // every list by level is a piece of it
	off, used := 0, 0
	for _, b := range bs {
		if b.Len() == 0 {
			continue
		}
		var count [catalog.Tagging + 2]int
		for _, l := range b.Levels {
			count[levelIndex(l)]++
		}
		var lists [catalog.Tagging + 2][]string
		for l, n := range count {
			lists[l] = byLevel[used : used : used+n]
			used += n
		}
		for i := range b.Len() {
			full := all[off : off+len(b.key)+len(b.Name(i))]
			off += len(full)
			l := levelIndex(b.Levels[i])
			lists[l] = append(lists[l], full)
			e.Names = append(e.Names, full)
		}
		levels := make(map[string][]string, 5)
		for l, names := range lists {
			if len(names) > 0 {
				levels[catalog.AccessLevel(l).String()] = names
			}
		}
		e.Actions[b.Service] = levels
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

// Table renders listed statements for people.
func Table(ls []Listed) string {
	var b strings.Builder
	size := 0
	for _, l := range ls {
		size += 128 + len(l.Services)*5*48
		for _, sa := range l.Services {
			for i := range sa.Len() {
				size += len(sa.Service) + len(sa.Name(i)) + 6
			}
		}
	}
	b.Grow(size)
	WriteTable(&b, ls)
	return b.String()
}

// WriteTable writes Table's text to w, a piece at a time: a NotAction's table is most of a
// megabyte, which the command line need not hold. Each action's full name is written from its
// service and name, never made. It returns w's first error.
func WriteTable(w io.Writer, ls []Listed) error {
	const flushAt = 32 << 10
	buf := make([]byte, 0, flushAt+1024)
	var err error
	flush := func() {
		if err == nil {
			_, err = w.Write(buf)
		}
		buf = buf[:0]
	}
	for _, l := range ls {
		buf = append(buf, l.Path...)
		if l.Sid != "" {
			buf = append(buf, " ("...)
			buf = append(buf, l.Sid...)
			buf = append(buf, ')')
		}
		buf = append(buf, ": "...)
		buf = append(buf, l.Effect...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(l.Count), 10)
		buf = append(buf, " action"...)
		if l.Count != 1 {
			buf = append(buf, 's')
		}
		if l.NotAction {
			buf = append(buf, " (everything NotAction leaves)"...)
		}
		for i, r := range l.Resource {
			if i == 0 {
				buf = append(buf, " on "...)
			} else {
				buf = append(buf, ", "...)
			}
			buf = append(buf, r...)
		}
		buf = append(buf, '\n')
		for _, sa := range l.Services {
			var count [catalog.Tagging + 2]int
			for _, lv := range sa.Levels {
				count[levelIndex(lv)]++
			}
			for _, lv := range catalog.AccessLevels { // AWS's order; actions of no known level are not shown
				if count[lv] == 0 {
					continue
				}
				buf = append(buf, "  "...)
				buf = append(buf, sa.Service...)
				buf = append(buf, ' ')
				buf = append(buf, lv.String()...)
				buf = append(buf, " ("...)
				buf = strconv.AppendInt(buf, int64(count[lv]), 10)
				buf = append(buf, "):\n"...)
				for i := range sa.Len() {
					if sa.Levels[i] != lv {
						continue
					}
					n := sa.Name(i)
					if len(buf) >= flushAt {
						flush()
					}
					buf = append(buf, "    "...)
					buf = append(buf, sa.Service...)
					buf = append(buf, ':')
					buf = append(buf, n...)
					buf = append(buf, '\n')
				}
			}
		}
	}
	flush()
	return err
}
