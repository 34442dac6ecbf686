package template

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// The walk follows the template's schema over the yamlite.Node tree rather than decoding into Go
// values: it keeps every line and column, sees duplicate keys, and never descends where the
// schema has nothing to read, which with the node budget keeps alias bombs harmless.

type parser struct {
	collector
	data   []byte
	budget int
	over   bool // the node budget ran out: stop walking
}

func (p *parser) loc(n *yamlite.Node, key string) *diag.Location {
	return &diag.Location{File: p.file, Line: n.Line, Column: n.Column, Key: key}
}

func (p *parser) locAt(n *yamlite.Node, key string, i int) *diag.Location {
	l := p.loc(n, key)
	l.Index = &i
	return l
}

// visit charges one node to the budget and follows an alias to its anchor; nil once the budget
// is spent. Counting every arrival, not every node, is what bounds alias expansion.
func (p *parser) visit(n *yamlite.Node) *yamlite.Node {
	if p.over || n == nil {
		return nil
	}
	p.budget--
	if p.budget < 0 {
		p.over = true
		p.errorf(diag.TooComplex, p.loc(n, ""), "the template's aliases expand it by more than %d YAML nodes; a real template has a few hundred in all", MaxNodes)
		return nil
	}
	if n.Kind == yamlite.AliasNode {
		if n.Alias == nil {
			return nil
		}
		return n.Alias
	}
	return n
}

func isNull(n *yamlite.Node) bool { return n.Kind == yamlite.ScalarNode && n.Tag == "!!null" }

// isBlank reports whether n is null or a blank string: an entry that asks for nothing.
func isBlank(n *yamlite.Node) bool {
	return isNull(n) || n.Kind == yamlite.ScalarNode && n.Tag == "!!str" && strings.TrimSpace(n.Value) == ""
}

// describe names what a node is, for type errors.
func describe(n *yamlite.Node) string {
	switch n.Kind {
	case yamlite.SequenceNode:
		return "a list"
	case yamlite.MappingNode:
		return "a mapping"
	case yamlite.ScalarNode:
		switch n.Tag {
		case "!!str":
			return fmt.Sprintf("the string %q", clip(n.Value))
		case "!!int", "!!float":
			return "the number " + clip(n.Value)
		case "!!bool":
			return "the boolean " + n.Value
		case "!!null":
			return "nothing (null)"
		case "!!timestamp":
			return "the date " + clip(n.Value)
		case "!!merge":
			return "a merge key (<<)"
		}
		return fmt.Sprintf("%q tagged %s", clip(n.Value), n.Tag)
	}
	return "an alias"
}

// clip shortens a value quoted in a message: a hostile template can have a megabyte-long key.
func clip(s string) string { return clipTo(s, 100) }

// clipKey shortens a key in a message or a Location's Key; real keys, condition keys with tag
// names included, are far shorter.
func clipKey(s string) string { return clipTo(s, 200) }

func clipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// entry is one key of a mapping, with the key's name, the key node and the value node (not yet
// visited).
type entry struct {
	name     string
	key, val *yamlite.Node
}

// entries lists a mapping's keys, reporting duplicates (the first is kept, as the error says)
// and applying merge keys (<<) the way YAML 1.1 loaders, Policy Sentry's included, do: merged
// keys fill in what the mapping does not set itself.
func (p *parser) entries(m *yamlite.Node, path string) []entry {
	return p.collect(m, path, 0)
}

func (p *parser) collect(m *yamlite.Node, path string, depth int) []entry {
	out := make([]entry, 0, len(m.Content)/2)
	seen := make(map[string]*yamlite.Node, len(m.Content)/2)
	var merges []*yamlite.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := p.visit(m.Content[i])
		if k == nil {
			return out
		}
		if k.Kind != yamlite.ScalarNode {
			p.errorf(diag.InvalidType, p.loc(k, path), "want a key (a string), got %s", describe(k))
			continue
		}
		if k.Tag == "!!merge" {
			merges = append(merges, m.Content[i+1])
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.errorf(diag.DuplicateKey, p.loc(k, join(path, k.Value)), "duplicate key %q: first at line %d, again at line %d; the first is kept", clipKey(k.Value), first.Line, k.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, entry{k.Value, k, m.Content[i+1]})
	}
	for _, mv := range merges {
		v := p.visit(mv)
		if v == nil {
			return out
		}
		var maps []*yamlite.Node
		switch v.Kind {
		case yamlite.MappingNode:
			maps = append(maps, v)
		case yamlite.SequenceNode:
			for _, c := range v.Content {
				if c = p.visit(c); c == nil {
					return out
				}
				if c.Kind != yamlite.MappingNode {
					p.errorf(diag.InvalidType, p.loc(c, path), "a merge key (<<) wants mappings, got %s", describe(c))
					continue
				}
				maps = append(maps, c)
			}
		default:
			p.errorf(diag.InvalidType, p.loc(v, path), "a merge key (<<) wants a mapping or a list of mappings, got %s", describe(v))
			continue
		}
		if depth >= maxMergeDepth {
			p.errorf(diag.TooComplex, p.loc(v, path), "merge keys (<<) nest deeper than %d, or merge a mapping into itself", maxMergeDepth)
			continue
		}
		for _, mm := range maps {
			for _, e := range p.collect(mm, path, depth+1) {
				if _, set := seen[e.name]; !set {
					seen[e.name] = e.key
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// join makes a Location's Key: the path of template keys, dot-separated.
func join(path, key string) string {
	if path == "" {
		return clipKey(key)
	}
	return path + "." + clipKey(key)
}

// Keys, in Policy Sentry's processing order where it has one.
var (
	levelKeys = []struct {
		key   string
		level catalog.AccessLevel
	}{
		{"read", catalog.Read},
		{"write", catalog.Write},
		{"list", catalog.List},
		{"tagging", catalog.Tagging},
		{"permissions-management", catalog.PermissionsManagement},
	}
	wildcardKeys = []string{"single-actions", "service-read", "service-write", "service-list", "service-tagging", "service-permissions-management"}
	stsKeys      = []struct{ key, action string }{
		{"assume-role", "sts:AssumeRole"},
		{"assume-role-with-saml", "sts:AssumeRoleWithSAML"},
		{"assume-role-with-web-identity", "sts:AssumeRoleWithWebIdentity"},
	}
	stsKeyNames = []string{"assume-role", "assume-role-with-saml", "assume-role-with-web-identity"}
	topKeys     = []string{
		"mode", "name", "effect",
		"read", "write", "list", "tagging", "permissions-management",
		"wildcard-only", "skip-resource-constraints", "exclude-actions", "sts",
		"actions",
		"conditions", "partition", "region", "account", "dependent-actions", "actions-on",
	}
	// crudKeys are the keys actions mode has no use for.
	crudKeys = map[string]bool{
		"read": true, "write": true, "list": true, "tagging": true, "permissions-management": true,
		"wildcard-only": true, "skip-resource-constraints": true, "exclude-actions": true, "sts": true,
		"actions-on": true,
	}
)

func levelOf(key string) (catalog.AccessLevel, bool) {
	for _, l := range levelKeys {
		if l.key == key {
			return l.level, true
		}
	}
	return catalog.LevelUnknown, false
}

// template walks the root mapping. It keeps values as written; Check judges them.
func (p *parser) template(root *yamlite.Node) *Template {
	t := &Template{File: p.file, Keys: map[string]*diag.Location{}}
	var (
		asked     bool                         // a crud request key holds something
		present   = map[string]*yamlite.Node{} // key nodes of the keys given
		written   = map[string]bool{}          // keys that hold something, for the mode
		levels    = map[string][]Item{}
		wildcards = map[string][]Item{}
		sts       = map[string][]Item{}
	)
	for _, e := range p.entries(root, "") {
		if p.over {
			break
		}
		present[e.name] = e.key
		switch e.name {
		case "mode", "effect", "dependent-actions", "partition", "region", "account", "name":
			it, ok := p.scalarItem(e)
			if !ok {
				continue
			}
			t.Keys[e.name] = it.Loc
			switch e.name {
			case "mode":
				t.Mode = it.Value
			case "effect":
				t.Effect = it.Value
			case "dependent-actions":
				t.DependentActions = it.Value
			case "partition":
				t.Partition = it
			case "region":
				t.Region = it
			case "account":
				t.Account = it
			case "name":
				t.Name = it.Value
			}
			continue
		case "read", "write", "list", "tagging", "permissions-management":
			items, w := p.list(e, e.name)
			levels[e.name] = items
			written[e.name], asked = w, asked || w
		case "wildcard-only":
			w := p.group(e, wildcardKeys, func(se entry, key string) bool {
				items, w := p.list(se, key)
				wildcards[se.name] = items
				return w
			})
			written[e.name], asked = w, asked || w
		case "actions-on":
			var w bool
			t.ActionsOn, w = p.actionsOn(e)
			written[e.name], asked = w, asked || w
		case "skip-resource-constraints":
			items, w := p.list(e, e.name)
			t.SkipResourceConstraints = items
			written[e.name], asked = w, asked || w
		case "exclude-actions":
			// Exclusions alone ask for nothing, so they do not count against empty-template.
			items, w := p.list(e, e.name)
			t.ExcludeActions = items
			written[e.name] = w
		case "sts":
			w := p.group(e, stsKeyNames, func(se entry, key string) bool {
				items, w := p.list(se, key)
				sts[se.name] = items
				return w
			})
			written[e.name], asked = w, asked || w
		case "actions":
			items, w := p.list(e, e.name)
			t.Actions = items
			written[e.name] = w
		case "conditions":
			t.Conditions = p.conditions(e)
		default:
			p.unknownTopKey(e)
			continue
		}
		t.Keys[e.name] = p.loc(e.key, e.name)
	}
	if p.over {
		return nil
	}

	for _, l := range levelKeys {
		if items := levels[l.key]; len(items) > 0 {
			t.Levels = append(t.Levels, LevelARNs{Level: l.level, Key: l.key, ARNs: items})
		}
	}
	t.SingleActions = wildcards["single-actions"]
	for _, l := range levelKeys {
		key := "service-" + l.key
		if items := wildcards[key]; len(items) > 0 {
			t.ServiceWildcards = append(t.ServiceWildcards, LevelServices{Level: l.level, Key: "wildcard-only." + key, Services: items})
		}
	}
	for _, s := range stsKeys {
		if items := sts[s.key]; len(items) > 0 {
			t.STS = append(t.STS, STSRoles{Action: s.action, Key: "sts." + s.key, Roles: items})
		}
	}
	if strings.TrimSpace(t.Mode) == "" {
		// Read the rest in the mode the keys suggest, so that one run reports every problem.
		t.Mode = inferMode(written["actions"], asked)
		l := &diag.Location{File: p.file, Line: root.Line, Column: root.Column, Key: "mode"}
		if k := present["mode"]; k != nil {
			l = p.loc(k, "mode")
			p.errorf(diag.MissingKey, l, "mode is empty: add \"mode: %s\" (crud grants by access level and ARN, actions grants listed actions)", t.Mode)
		} else {
			p.errorf(diag.MissingKey, l, "the template has no mode: add \"mode: %s\" (crud grants by access level and ARN, actions grants listed actions)", t.Mode)
		}
		t.Keys["mode"] = l
	}
	return t
}

// actionsOn reads actions-on: a mapping of ARNs to lists of actions.
func (p *parser) actionsOn(e entry) (out []ARNActions, written bool) {
	v := p.visit(e.val)
	if v == nil || isBlank(v) || v.Kind == yamlite.MappingNode && len(v.Content) == 0 {
		return nil, false
	}
	if v.Kind != yamlite.MappingNode {
		p.errorf(diag.InvalidType, p.loc(v, e.name), "want a mapping of ARNs to lists of actions (like arn:aws:dynamodb:us-east-1:123456789012:table/orders: [dynamodb:PutItem]), got %s", describe(v))
		return nil, true
	}
	for _, ae := range p.entries(v, e.name) {
		key := join(e.name, ae.name)
		items, w := p.list(ae, key)
		if !w {
			p.errorf(diag.EmptyTemplate, p.loc(ae.key, key), "%s has no actions; list the actions to grant on it, or remove it", clip(ae.name))
			continue
		}
		written = true
		out = append(out, ARNActions{ARN: Item{Value: strings.TrimSpace(ae.name), Loc: p.loc(ae.key, key)}, Actions: items})
	}
	return out, written
}

// inferMode is the mode a template without a valid one is read in: actions when it lists
// actions and asks for nothing by ARN, else crud.
func inferMode(hasActions, asked bool) string {
	if hasActions && !asked {
		return ModeActions
	}
	return ModeCRUD
}

// unknownTopKey reports a key the format does not have, and where it probably belongs.
func (p *parser) unknownTopKey(e entry) {
	for _, k := range wildcardKeys {
		if e.name == k {
			d := p.errorf(diag.UnknownKey, p.loc(e.key, e.name), "unknown key %q: it belongs under wildcard-only", e.name)
			d.Suggestions = []string{"wildcard-only." + k}
			return
		}
	}
	for _, s := range stsKeys {
		if e.name == s.key {
			d := p.errorf(diag.UnknownKey, p.loc(e.key, e.name), "unknown key %q: it belongs under sts", e.name)
			d.Suggestions = []string{"sts." + s.key}
			return
		}
	}
	if _, ok := checkOperator(e.name); ok {
		d := p.errorf(diag.UnknownKey, p.loc(e.key, e.name), "unknown key %q: condition operators belong under conditions", e.name)
		d.Suggestions = []string{"conditions." + e.name}
		return
	}
	d := p.errorf(diag.UnknownKey, p.loc(e.key, join("", e.name)), "unknown key %q", clipKey(e.name))
	if d != &p.scratch {
		p.suggest(d, closest(e.name, topKeys))
	}
}

// group reads a mapping of lists (wildcard-only, sts); each reports whether it held anything.
func (p *parser) group(e entry, keys []string, read func(se entry, key string) bool) (written bool) {
	v := p.visit(e.val)
	if v == nil || isBlank(v) {
		return false
	}
	if v.Kind != yamlite.MappingNode {
		p.errorf(diag.InvalidType, p.loc(v, e.name), "want a mapping of %s, got %s", strings.Join(keys, ", "), describe(v))
		return true
	}
	for _, se := range p.entries(v, e.name) {
		key := join(e.name, se.name)
		known := false
		for _, k := range keys {
			known = known || k == se.name
		}
		if !known {
			d := p.errorf(diag.UnknownKey, p.loc(se.key, key), "unknown key %q under %s", clipKey(se.name), e.name)
			if d != &p.scratch {
				p.suggest(d, closest(se.name, keys))
			}
			continue
		}
		if read(se, key) {
			written = true
		}
	}
	return written
}

// scalarItem reads a single value as written (its text, trimmed: an unquoted account ID is a
// YAML number, and its text is what counts); ok is false when there is none to read. A blank
// one is as good as absent.
func (p *parser) scalarItem(e entry) (Item, bool) {
	v := p.visit(e.val)
	if v == nil {
		return Item{}, false
	}
	if v.Kind != yamlite.ScalarNode {
		p.errorf(diag.InvalidType, p.loc(v, e.name), "want a single value, got %s", describe(v))
		return Item{}, false
	}
	if isBlank(v) {
		return Item{Loc: p.loc(v, e.name)}, true
	}
	return Item{Value: strings.TrimSpace(v.Value), Loc: p.loc(v, e.name)}, true
}

// list reads a list of strings as written. A list with no non-blank item asks for nothing,
// like Policy Sentry's generated "- ”" lists, and is absent; written reports whether it held
// anything. What the items say is Check's to judge.
func (p *parser) list(e entry, key string) (items []Item, written bool) {
	v := p.visit(e.val)
	if v == nil || isBlank(v) {
		return nil, false
	}
	if v.Kind != yamlite.SequenceNode {
		hint := ""
		if v.Kind == yamlite.ScalarNode && v.Tag == "!!str" {
			hint = fmt.Sprintf("; write it as a list: \"%s: [%s]\" or \"- %s\" on the next line", key[strings.LastIndexByte(key, '.')+1:], clip(v.Value), clip(v.Value))
		}
		p.errorf(diag.InvalidType, p.loc(v, key), "want a list of %ss, got %s%s", nounOf(key), describe(v), hint)
		return nil, true
	}
	var blanks []*diag.Location
	for i, c := range v.Content {
		n := p.visit(c)
		if n == nil {
			break
		}
		l := p.locAt(n, key, i)
		if isBlank(n) {
			blanks = append(blanks, l)
			continue
		}
		written = true
		if n.Kind != yamlite.ScalarNode || n.Tag != "!!str" {
			p.errorf(diag.InvalidType, l, "want an %s (a string), got %s", nounOf(key), describe(n))
			continue
		}
		items = append(items, Item{Value: strings.TrimSpace(n.Value), Loc: l})
	}
	if written {
		for _, l := range blanks {
			p.warnf(diag.EmptyItem, l, "empty item skipped")
		}
	}
	return items, written
}
