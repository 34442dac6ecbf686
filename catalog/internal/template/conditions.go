package template

import (
	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// conditions reads the conditions extension: operator blocks for the whole template, and
// read/write/list/tagging/permissions-management keys holding operator blocks for one level.
// Operators are kept as written (Check judges them); what is read here is the shape. A
// condition narrows a grant, so one that is empty is an error: dropping it silently would grant
// more than the user asked.
func (p *parser) conditions(e entry) []ConditionBlock {
	v := p.visit(e.val)
	if v == nil || isBlank(v) || v.Kind == yamlite.MappingNode && len(v.Content) == 0 {
		return nil
	}
	if v.Kind != yamlite.MappingNode {
		p.errorf(diag.InvalidType, p.loc(v, "conditions"), "want a mapping of condition operators (like StringEquals), or of access levels (like write) holding them; got %s", describe(v))
		return nil
	}
	whole := ConditionBlock{Level: catalog.LevelUnknown, Loc: p.loc(e.key, "conditions")}
	perLevel := map[catalog.AccessLevel]ConditionBlock{}
	for _, ce := range p.entries(v, "conditions") {
		level, isLevel := levelOf(ce.name)
		if !isLevel {
			if !hasUpper(ce.name) {
				// Operators are CamelCase; a lower-case key close to an access level is a
				// misspelt one, and what it holds are operators, not condition keys.
				if s := closest(ce.name, levelNames()); len(s) > 0 {
					d := p.errorf(diag.UnknownKey, p.loc(ce.key, join("conditions", ce.name)), "unknown key %q under conditions: want a condition operator or an access level", clipKey(ce.name))
					p.suggest(d, s)
					continue
				}
			}
			whole.Conditions = append(whole.Conditions, p.operator(ce, "conditions", catalog.LevelUnknown)...)
			continue
		}
		key := "conditions." + ce.name
		bv := p.visit(ce.val)
		switch {
		case bv == nil:
			return nil
		case isNull(bv) || bv.Kind == yamlite.MappingNode && len(bv.Content) == 0:
			p.errorf(diag.EmptyCondition, p.loc(ce.key, key), "%s has no condition operators; add one (like StringEquals) or remove the key", key)
			continue
		case bv.Kind != yamlite.MappingNode:
			p.errorf(diag.InvalidType, p.loc(bv, key), "want a mapping of condition operators (like StringEquals), got %s", describe(bv))
			continue
		}
		var cs []Condition
		for _, oe := range p.entries(bv, key) {
			cs = append(cs, p.operator(oe, key, level)...)
		}
		if len(cs) > 0 {
			perLevel[level] = ConditionBlock{Level: level, Conditions: cs, Loc: p.loc(ce.key, key)}
		}
	}
	var out []ConditionBlock
	if len(whole.Conditions) > 0 {
		out = append(out, whole)
	}
	for _, l := range levelKeys {
		if b, ok := perLevel[l.level]; ok {
			out = append(out, b)
		}
	}
	return out
}

func levelNames() []string {
	names := make([]string, len(levelKeys))
	for i, l := range levelKeys {
		names[i] = l.key
	}
	return names
}

// operator reads one operator block: condition keys to a value or a list of values.
func (p *parser) operator(oe entry, path string, level catalog.AccessLevel) []Condition {
	key := join(path, oe.name)
	if _, ok := checkOperator(oe.name); !ok {
		// What an unknown operator holds cannot be told apart from a misplaced block: say what
		// is wrong with the operator, and leave the rest unread.
		p.unknownOperator(oe.name, level, p.loc(oe.key, key))
		return nil
	}
	v := p.visit(oe.val)
	switch {
	case v == nil:
		return nil
	case isNull(v) || v.Kind == yamlite.MappingNode && len(v.Content) == 0:
		p.errorf(diag.EmptyCondition, p.loc(oe.key, key), "%s has no condition keys; add one (like aws:SecureTransport: true) or remove it", clipKey(oe.name))
		return nil
	case v.Kind != yamlite.MappingNode:
		p.errorf(diag.InvalidType, p.loc(v, key), "want a mapping of condition keys to values (like aws:SecureTransport: true), got %s", describe(v))
		return nil
	}
	var out []Condition
	for _, ke := range p.entries(v, key) {
		ckey := join(key, ke.name)
		if vals, ok := p.conditionValues(ke, ckey); ok {
			out = append(out, Condition{Operator: oe.name, Key: ke.name, Values: vals, Loc: p.loc(ke.key, ckey)})
		}
	}
	return out
}

// conditionValues reads a condition's value or values as text: true, 42 and "x" become "true",
// "42" and "x". An empty string is a value (IAM can compare with it); nothing is not.
func (p *parser) conditionValues(ke entry, key string) ([]string, bool) {
	v := p.visit(ke.val)
	switch {
	case v == nil:
		return nil, false
	case isNull(v) || v.Kind == yamlite.SequenceNode && len(v.Content) == 0:
		p.errorf(diag.EmptyCondition, p.loc(ke.key, key), "condition key %q has no value; give a value or a list of values", clipKey(ke.name))
		return nil, false
	case v.Kind == yamlite.ScalarNode:
		return []string{v.Value}, true
	case v.Kind != yamlite.SequenceNode:
		p.errorf(diag.InvalidType, p.loc(v, key), "want a value or a list of values, got %s", describe(v))
		return nil, false
	}
	out := make([]string, 0, len(v.Content))
	for i, c := range v.Content {
		n := p.visit(c)
		if n == nil {
			return nil, false
		}
		if n.Kind != yamlite.ScalarNode || isNull(n) {
			p.errorf(diag.InvalidType, p.locAt(n, key, i), "want a value (a string, number or boolean), got %s", describe(n))
			continue
		}
		out = append(out, n.Value)
	}
	return out, len(out) > 0
}
