package template

import (
	"errors"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// partitions are AWS's partitions, as they appear in ARNs.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// isWordChar is a character of a service prefix or an action name; action names are letters
// and digits, and one (vpc-lattice:AssociateViaAWSService-EventsAndStates) has a hyphen.
func isWordChar(c byte, glob bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || glob && (c == '*' || c == '?')
}

// isActionLike reports whether s looks like SERVICE:ACTION, with * and ? allowed when glob.
// IAM reads actions case-insensitively, so case is the resolver's to judge.
func isActionLike(s string, glob bool) bool {
	svc, name, ok := strings.Cut(s, ":")
	if !ok || svc == "" || name == "" {
		return false
	}
	for i := 0; i < len(svc); i++ {
		if !isWordChar(svc[i], glob) {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		if !isWordChar(name[i], glob) {
			return false
		}
	}
	return true
}

// isServiceLike reports whether s is made of lower-case letters, digits and hyphens: a service
// prefix or a region.
func isServiceLike(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkOperator reports whether op is an IAM condition operator, spelt exactly; the knowledge
// is package policy's, shared with the policy reader and the writer.
func checkOperator(op string) (family string, ok bool) {
	o, ok := policy.IsOperator(op)
	return o.Family, ok
}

func hasUpper(s string) bool { return strings.ToLower(s) != s }

// conditions reads the conditions extension: operator blocks for the whole template, and
// read/write/list/tagging/permissions-management keys holding operator blocks for one level.
// A condition narrows a grant, so one that is empty or misspelt is an error: dropping it
// silently would grant more than the user asked.
func (p *parser) conditions(e entry) []ConditionBlock {
	v := p.visit(e.val)
	if v == nil || isBlank(v) || v.Kind == yamlite.MappingNode && len(v.Content) == 0 {
		return nil
	}
	if v.Kind != yamlite.MappingNode {
		p.errorf(CodeInvalidType, p.loc(v, "conditions"), "want a mapping of condition operators (like StringEquals), or of access levels (like write) holding them; got %s", describe(v))
		return nil
	}
	whole := ConditionBlock{Level: catalog.LevelUnknown, Loc: p.loc(e.key, "conditions")}
	perLevel := map[catalog.AccessLevel]ConditionBlock{}
	for _, ce := range p.entries(v, "conditions") {
		level, isLevel := levelOf(ce.name)
		if !isLevel {
			whole.Conditions = append(whole.Conditions, p.operator(ce, "conditions", true)...)
			continue
		}
		key := "conditions." + ce.name
		bv := p.visit(ce.val)
		switch {
		case bv == nil:
			return nil
		case isNull(bv) || bv.Kind == yamlite.MappingNode && len(bv.Content) == 0:
			p.errorf(CodeEmptyCondition, p.loc(ce.key, key), "%s has no condition operators; add one (like StringEquals) or remove the key", key)
			continue
		case bv.Kind != yamlite.MappingNode:
			p.errorf(CodeInvalidType, p.loc(bv, key), "want a mapping of condition operators (like StringEquals), got %s", describe(bv))
			continue
		}
		var cs []Condition
		for _, oe := range p.entries(bv, key) {
			cs = append(cs, p.operator(oe, key, false)...)
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

// operator reads one operator block: condition keys to a value or a list of values.
func (p *parser) operator(oe entry, path string, levelsAllowed bool) []Condition {
	key := join(path, oe.name)
	if _, ok := checkOperator(oe.name); !ok {
		p.unknownOperator(oe, path, levelsAllowed)
		return nil
	}
	v := p.visit(oe.val)
	switch {
	case v == nil:
		return nil
	case isNull(v) || v.Kind == yamlite.MappingNode && len(v.Content) == 0:
		p.errorf(CodeEmptyCondition, p.loc(oe.key, key), "%s has no condition keys; add one (like aws:SecureTransport: true) or remove it", oe.name)
		return nil
	case v.Kind != yamlite.MappingNode:
		p.errorf(CodeInvalidType, p.loc(v, key), "want a mapping of condition keys to values (like aws:SecureTransport: true), got %s", describe(v))
		return nil
	}
	var out []Condition
	for _, ke := range p.entries(v, key) {
		ckey := join(key, ke.name)
		if vals := p.conditionValues(ke, ckey); len(vals) > 0 {
			out = append(out, Condition{Operator: oe.name, Key: ke.name, Values: vals, Loc: p.loc(ke.key, ckey)})
		}
	}
	return out
}

func (p *parser) unknownOperator(oe entry, path string, levelsAllowed bool) {
	key := join(path, oe.name)
	if levelsAllowed && !hasUpper(oe.name) {
		// Operators are CamelCase; a lower-case key close to an access level is a misspelt one.
		names := make([]string, len(levelKeys))
		for i, l := range levelKeys {
			names[i] = l.key
		}
		if s := closest(oe.name, names); len(s) > 0 {
			d := p.errorf(CodeUnknownKey, p.loc(oe.key, key), "unknown key %q under %s: want a condition operator or an access level", clipKey(oe.name), path)
			p.suggest(d, s)
			return
		}
	}
	msg := "unknown condition operator %q"
	var suggestion string
	var oerr *policy.OperatorError
	if _, err := policy.ParseOperator(oe.name); errors.As(err, &oerr) {
		if oerr.Reason != "" {
			msg += ": " + strings.ReplaceAll(oerr.Reason, "%", "%%")
		}
		suggestion = oerr.Suggestion
	}
	if _, isLevel := levelOf(oe.name); isLevel {
		msg += ": access levels hold operators, not each other; put this block directly under conditions"
	}
	d := p.errorf(CodeUnknownConditionOp, p.loc(oe.key, key), msg, clipKey(oe.name))
	if d != &p.scratch && suggestion != "" {
		p.suggest(d, []string{suggestion})
	}
}

// conditionValues reads a condition's value or values as text: true, 42 and "x" become "true",
// "42" and "x". An empty string is a value (IAM can compare with it); nothing is not.
func (p *parser) conditionValues(ke entry, key string) []string {
	v := p.visit(ke.val)
	switch {
	case v == nil:
		return nil
	case isNull(v) || v.Kind == yamlite.SequenceNode && len(v.Content) == 0:
		p.errorf(CodeEmptyCondition, p.loc(ke.key, key), "condition key %q has no value; give a value or a list of values", clipKey(ke.name))
		return nil
	case v.Kind == yamlite.ScalarNode:
		return []string{v.Value}
	case v.Kind != yamlite.SequenceNode:
		p.errorf(CodeInvalidType, p.loc(v, key), "want a value or a list of values, got %s", describe(v))
		return nil
	}
	out := make([]string, 0, len(v.Content))
	var seen map[string]*yamlite.Node
	for i, c := range v.Content {
		n := p.visit(c)
		if n == nil {
			return nil
		}
		l := p.locAt(n, key, i)
		if n.Kind != yamlite.ScalarNode || isNull(n) {
			p.errorf(CodeInvalidType, l, "want a value (a string, number or boolean), got %s", describe(n))
			continue
		}
		if seen == nil {
			seen = map[string]*yamlite.Node{}
		}
		if first, dup := seen[n.Value]; dup {
			p.warnf(CodeDuplicateItem, l, "value %q is already listed at line %d; skipped", clip(n.Value), first.Line)
			continue
		}
		seen[n.Value] = n
		out = append(out, n.Value)
	}
	return out
}

// closest returns the candidates nearest to word: catalog.Closest's, cut to those as near as
// the best, so that "service_read" suggests service-read alone and not service-list too.
func closest(word string, candidates []string) []string {
	hits := catalog.Closest(word, candidates, 3)
	if len(hits) < 2 {
		return hits
	}
	w := strings.ToLower(word)
	best := editDistance(w, strings.ToLower(hits[0]))
	out := hits[:1]
	for _, h := range hits[1:] {
		if editDistance(w, strings.ToLower(h)) <= best {
			out = append(out, h)
		}
	}
	return out
}

// editDistance is the Levenshtein distance in bytes; keys and operators are short ASCII.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
