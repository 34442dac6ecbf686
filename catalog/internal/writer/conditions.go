package writer

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"math/bits"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// cond is a template condition checked against the catalog.
type cond struct {
	level  catalog.AccessLevel // LevelUnknown: the whole template
	op     string
	key    string
	values []string
	def    *catalog.ConditionKey
	loc    *diag.Location
	// left collects the actions the condition was meant for but does not apply to.
	left []string
	used int
}

const maxConditions = 64 // a mask per action holds them all; IAM's size limits come first anyway

// conditions checks the template's conditions: the key must exist, and the operator fit its type.
func (w *writer) conditions() []*cond {
	var out []*cond
	seen := map[string]*diag.Location{}
	for _, b := range w.t.Conditions {
		for _, c := range b.Conditions {
			loc := c.Loc
			if loc == nil {
				loc = b.Loc
			}
			op, err := policy.ParseOperator(c.Operator)
			if err != nil {
				w.errorf(diag.UnknownConditionOperator, loc, "%v", err)
				continue
			}
			def := w.conditionKey(c.Key)
			if def == nil {
				what := fmt.Sprintf("neither a global key nor one of %s's keys", keyService(c.Key))
				if strings.EqualFold(keyService(c.Key), "aws") {
					what = "not a global condition key"
				}
				d := diag.Errorf(diag.UnknownConditionKey, loc, "condition key %q is %s", c.Key, what)
				d.Suggestions = w.suggestKeys(c.Key)
				if len(d.Suggestions) > 0 {
					d.Message += fmt.Sprintf(" (did you mean %s?)", strings.Join(d.Suggestions, ", "))
				}
				w.diags = append(w.diags, d)
				continue
			}
			if msg := op.Fits(def.Name, def.Type); msg != "" {
				w.errorf(diag.ConditionOperatorMismatch, loc, "%s on %s: %s", c.Operator, c.Key, msg)
				continue
			}
			id := fmt.Sprintf("%d|%s|%s", b.Level, strings.ToLower(op.Name), strings.ToLower(c.Key))
			if first, dup := seen[id]; dup {
				w.errorf(diag.DuplicateCondition, loc, "%s %s is given twice for the same access level (first at %s); IAM would keep one, so this one is left out", c.Operator, c.Key, first.String())
				continue
			}
			seen[id] = loc
			out = append(out, &cond{level: b.Level, op: c.Operator, key: c.Key, values: c.Values, def: def, loc: loc})
		}
	}
	if len(out) > maxConditions {
		w.errorf(diag.TooManyConditions, nil, "the template has %d conditions; at most %d are supported (a policy with that many would exceed IAM's size limits)", len(out), maxConditions)
		out = out[:maxConditions]
	}
	return out
}

func keyService(key string) string {
	p, _, _ := strings.Cut(key, ":")
	return p
}

// conditionKey finds a key's definition: a global key, or one of its service's keys.
func (w *writer) conditionKey(key string) *catalog.ConditionKey { return w.cat.ConditionKey(key) }

func (w *writer) suggestKeys(key string) []string {
	var names []string
	for _, k := range catalog.GlobalConditionKeys() {
		names = append(names, k.Name)
	}
	if s, err := w.cat.Service(keyService(key)); err == nil {
		for _, k := range s.ConditionKeys {
			names = append(names, k.Name)
		}
	}
	return suggest.Closest(key, names, 3)
}

// applies reports whether the condition takes effect for an action on a resource type.
func (c *cond) applies(a *catalog.Action, rt *catalog.ResourceType) bool {
	return catalog.KeyApplies(c.key, a, rt)
}

// applyConditions turns a built statement into one or more policy statements: actions are
// grouped by the conditions that apply to them, so a key lands only where it takes effect.
func (w *writer) applyConditions(s *stmt, effect string, conds []*cond) []policy.Statement {
	names := sortedActions(s.actions)
	type group struct {
		mask    uint64
		actions []string
	}
	var groups []*group
	byMask := map[uint64]*group{}
	for _, n := range names {
		a := s.actions[n]
		var mask uint64
		for i, c := range conds {
			if c.level != catalog.LevelUnknown && c.level != a.AccessLevel {
				continue
			}
			if c.applies(a, s.rt) {
				mask |= 1 << i
				c.used++
			} else {
				c.left = append(c.left, n)
			}
		}
		g := byMask[mask]
		if g == nil {
			g = &group{mask: mask}
			byMask[mask] = g
			groups = append(groups, g)
		}
		g.actions = append(g.actions, n)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		return bits.OnesCount64(groups[i].mask) > bits.OnesCount64(groups[j].mask)
	})
	var out []policy.Statement
	for i, g := range groups {
		sid := s.sid
		if i > 0 {
			if g.mask == 0 {
				sid += "NoCondition"
			} else {
				sid += fmt.Sprintf("Part%d", i+1)
			}
		}
		st := policy.Statement{Sid: sid, Effect: effect, Action: g.actions, Resource: append([]string(nil), s.resources...)}
		for i, c := range conds {
			if g.mask&(1<<i) != 0 {
				st.Condition = append(st.Condition, policy.Condition{Operator: c.op, Key: c.key, Values: c.values})
			}
		}
		out = append(out, st)
	}
	return out
}

// reportConditions says, per condition, which actions it could not be put on.
func (w *writer) reportConditions(conds []*cond) {
	for _, c := range conds {
		if len(c.left) == 0 {
			continue
		}
		if c.used == 0 {
			w.warnf(diag.ConditionNotApplicable, c.loc, "%s %s applies to none of the actions it is meant for (%s); they are granted without it",
				c.op, c.key, summarize(c.left, 6))
			continue
		}
		w.warnf(diag.ConditionNotApplicable, c.loc, "%s %s does not apply to %s; those are in statements without it",
			c.op, c.key, summarize(c.left, 6))
	}
}

func summarize(names []string, n int) string {
	sort.Strings(names)
	names = dedupe(names)
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
