package overrides

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// index makes a lookup cost one map access plus the globs of one service, rather than a pass
// over every rule for each of the catalog's actions.
type index struct {
	exact map[string][]int // lower-cased pattern → rules, in file order
	globs map[string][]int // lower-cased service → its glob rules
	// other holds rules with no valid service part, which only a hand-built Overrides has; they
	// are tried against every action.
	other    []int
	literals []int // per rule, its count of non-wildcard characters
}

func (o *Overrides) index() *index {
	o.once.Do(func() {
		x := &index{exact: map[string][]int{}, globs: map[string][]int{}, literals: make([]int, len(o.Rules))}
		for i, r := range o.Rules {
			x.literals[i] = len(r.Pattern) - strings.Count(r.Pattern, "*") - strings.Count(r.Pattern, "?")
			service, _, ok := strings.Cut(r.Pattern, ":")
			switch {
			case !ok || catalog.HasGlob(service):
				x.other = append(x.other, i)
			case catalog.HasGlob(r.Pattern):
				x.globs[strings.ToLower(service)] = append(x.globs[strings.ToLower(service)], i)
			default:
				lower := strings.ToLower(r.Pattern)
				x.exact[lower] = append(x.exact[lower], i)
			}
		}
		o.idx = x
	})
	return o.idx
}

// Level returns the overriding level for "service:Action" (any case) and the rule that decided,
// or ok=false when no rule matches. An exact name beats a glob; among globs, more literal
// characters win; still tied, the later line wins.
func (o *Overrides) Level(action string) (level catalog.AccessLevel, rule *Rule, ok bool) {
	if o == nil || len(o.Rules) == 0 {
		return catalog.LevelUnknown, nil, false
	}
	x := o.index()
	service, _, found := strings.Cut(action, ":")
	if !found {
		return catalog.LevelUnknown, nil, false
	}
	if rules := x.exact[strings.ToLower(action)]; len(rules) > 0 {
		r := &o.Rules[rules[len(rules)-1]]
		return r.Level, r, true
	}
	best := -1
	try := func(i int) {
		if best >= 0 && !o.beats(x, i, best) {
			return
		}
		if catalog.MatchGlob(o.Rules[i].Pattern, action) {
			best = i
		}
	}
	for _, i := range x.globs[strings.ToLower(service)] {
		try(i)
	}
	for _, i := range x.other {
		try(i)
	}
	if best < 0 {
		return catalog.LevelUnknown, nil, false
	}
	return o.Rules[best].Level, &o.Rules[best], true
}

// beats reports whether glob rule i takes precedence over glob rule j.
func (o *Overrides) beats(x *index, i, j int) bool {
	if x.literals[i] != x.literals[j] {
		return x.literals[i] > x.literals[j]
	}
	if o.Rules[i].Line != o.Rules[j].Line {
		return o.Rules[i].Line > o.Rules[j].Line
	}
	return i > j
}

// Apply returns a copy of s whose actions carry the overridden levels, plus how many actions
// changed. s is shared by every user of the catalog and is left as it was: the copy is a new
// Service (its lookup index is rebuilt on first use) holding new Action values for the changed
// actions and the same pointers for the others; its slices are clipped, so appending to them
// cannot write into s's.
func (o *Overrides) Apply(s *catalog.Service) (*catalog.Service, int) {
	if s == nil {
		return nil, 0
	}
	out := &catalog.Service{
		Prefix:           s.Prefix,
		Name:             s.Name,
		Actions:          make([]*catalog.Action, len(s.Actions)),
		ResourceTypes:    clip(s.ResourceTypes),
		ConditionKeys:    clip(s.ConditionKeys),
		AuthorizationURL: s.AuthorizationURL,
		Source:           s.Source,
		Doc:              s.Doc,
	}
	changed := 0
	for i, a := range s.Actions {
		out.Actions[i] = a
		if a == nil {
			continue
		}
		// The service's prefix is the one rules are written against, whatever a.Service says.
		level, _, ok := o.Level(s.Prefix + ":" + a.Name)
		if !ok || level == a.AccessLevel || level == catalog.LevelUnknown {
			continue
		}
		c := *a
		c.AccessLevel = level
		c.ResourceTypes = clip(a.ResourceTypes)
		c.Scenarios = clip(a.Scenarios)
		out.Actions[i] = &c
		changed++
	}
	return out, changed
}

func clip[T any](s []T) []T { return s[:len(s):len(s)] }

// maxSuggested bounds how many unused rules get suggestions: finding them compares the rule with
// every action of its service, and a file of thousands of stale rules should not make that
// quadratic.
const maxSuggested = 100

// Unused returns a warning (code "override-unused", with the file and line) for every rule that
// matches none of actions, which are "service:Action" names. A rule naming one action gets the
// service's actions it is probably a typo of as suggestions.
func (o *Overrides) Unused(actions []string) []diag.Diagnostic {
	if o == nil || len(o.Rules) == 0 {
		return nil
	}
	x := o.index()
	used := make([]bool, len(o.Rules))
	byService := map[string][]string{}
	for _, a := range actions {
		service, name, ok := strings.Cut(a, ":")
		if !ok {
			continue
		}
		service = strings.ToLower(service)
		byService[service] = append(byService[service], name)
		for _, i := range x.exact[strings.ToLower(a)] {
			used[i] = true
		}
		for _, i := range x.globs[service] {
			if !used[i] && catalog.MatchGlob(o.Rules[i].Pattern, a) {
				used[i] = true
			}
		}
		for _, i := range x.other {
			if !used[i] && catalog.MatchGlob(o.Rules[i].Pattern, a) {
				used[i] = true
			}
		}
	}
	var out []diag.Diagnostic
	suggested := 0
	for i, r := range o.Rules {
		if used[i] {
			continue
		}
		service, name, _ := strings.Cut(r.Pattern, ":")
		service = strings.ToLower(service)
		msg := fmt.Sprintf("override %s matches no action", r.Pattern)
		names, known := byService[service]
		if !known {
			msg += fmt.Sprintf(" (no service %q in the catalog)", service)
		}
		d := diag.Warnf(diag.OverrideUnused, &diag.Location{File: o.File, Line: r.Line}, "%s", msg)
		if known && !catalog.HasGlob(r.Pattern) && suggested < maxSuggested {
			suggested++
			for _, n := range suggest.Within(name, names, 2, 3) {
				d.Suggestions = append(d.Suggestions, service+":"+n)
			}
		}
		out = append(out, d)
	}
	return out
}
