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
	file   string
	data   []byte
	diags  diag.List
	budget int
	over   bool // the node budget ran out: stop walking
	// dropped and droppedErrors count the diagnostics past maxDiagnostics.
	dropped, droppedErrors int
	scratch                diag.Diagnostic
}

// maxDiagnostics bounds the diagnostics kept: a megabyte of bad items would otherwise give
// hundreds of thousands, too many to read or for the browser to show.
const maxDiagnostics = 1000

// full reports whether the diagnostics are at the limit, counting one more that is dropped.
// Only the count is kept, so the message is never formatted: a flood stays cheap.
func (p *parser) full(code string, sev diag.Severity) bool {
	if len(p.diags) < maxDiagnostics || code == CodeTooComplex {
		return false
	}
	p.dropped++
	if sev == diag.Error {
		p.droppedErrors++
	}
	return true
}

// errorf adds an error and returns it, for suggestions to be added; past the limit, a scratch
// diagnostic that goes nowhere.
func (p *parser) errorf(code string, loc *diag.Location, format string, args ...any) *diag.Diagnostic {
	if p.full(code, diag.Error) {
		p.scratch = diag.Diagnostic{}
		return &p.scratch
	}
	p.diags = append(p.diags, diag.Errorf(code, loc, format, args...))
	return &p.diags[len(p.diags)-1]
}

func (p *parser) warnf(code string, loc *diag.Location, format string, args ...any) {
	if !p.full(code, diag.Warning) {
		p.diags = append(p.diags, diag.Warnf(code, loc, format, args...))
	}
}

// finish sorts the diagnostics and says how many were left out.
func (p *parser) finish() diag.List {
	ds := p.diags.Sort()
	if p.dropped > 0 {
		d := diag.Warnf(CodeTooManyDiagnostics, p.fileLoc(), "%d more problems not listed", p.dropped)
		if p.droppedErrors > 0 {
			d = diag.Errorf(CodeTooManyDiagnostics, p.fileLoc(), "%d more problems not listed, %d of them errors", p.dropped, p.droppedErrors)
		}
		d.Message += "; fix the ones above first"
		ds = append(ds, d)
	}
	return ds
}

// suggest adds "did you mean" candidates to a diagnostic.
func (p *parser) suggest(d *diag.Diagnostic, candidates []string) {
	if len(candidates) == 0 || d == &p.scratch {
		return
	}
	d.Suggestions = candidates
	q := make([]string, len(candidates))
	for i, c := range candidates {
		q[i] = fmt.Sprintf("%q", c)
	}
	d.Message += fmt.Sprintf(" (did you mean %s?)", strings.Join(q, " or "))
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
		p.errorf(CodeTooComplex, p.loc(n, ""), "the template's aliases expand it by more than %d YAML nodes; a real template has a few hundred in all", MaxNodes)
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
			p.errorf(CodeInvalidType, p.loc(k, path), "want a key (a string), got %s", describe(k))
			continue
		}
		if k.Tag == "!!merge" {
			merges = append(merges, m.Content[i+1])
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.errorf(CodeDuplicateKey, p.loc(k, join(path, k.Value)), "duplicate key %q: first at line %d, again at line %d; the first is kept", clipKey(k.Value), first.Line, k.Line)
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
					p.errorf(CodeInvalidType, p.loc(c, path), "a merge key (<<) wants mappings, got %s", describe(c))
					continue
				}
				maps = append(maps, c)
			}
		default:
			p.errorf(CodeInvalidType, p.loc(v, path), "a merge key (<<) wants a mapping or a list of mappings, got %s", describe(v))
			continue
		}
		if depth >= maxMergeDepth {
			p.errorf(CodeTooComplex, p.loc(v, path), "merge keys (<<) nest deeper than %d, or merge a mapping into itself", maxMergeDepth)
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
		"conditions", "partition", "region", "account", "dependent-actions",
	}
	// crudKeys are the keys actions mode has no use for.
	crudKeys = map[string]bool{
		"read": true, "write": true, "list": true, "tagging": true, "permissions-management": true,
		"wildcard-only": true, "skip-resource-constraints": true, "exclude-actions": true, "sts": true,
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

// template walks the root mapping.
func (p *parser) template(root *yamlite.Node) *Template {
	t := &Template{File: p.file, Effect: "Allow", DependentActions: DepsScoped}
	var (
		mode      string // the mode the rest is read in
		modeValid bool
		asked     bool                         // a crud request key holds something
		present   = map[string]*yamlite.Node{} // key nodes of the keys given
		written   = map[string]entry{}         // keys that hold something, for the mode rules
		levels    = map[string][]Item{}
		wildcards = map[string][]Item{}
		sts       = map[string][]Item{}
		conds     []ConditionBlock
	)
	for _, e := range p.entries(root, "") {
		if p.over {
			break
		}
		present[e.name] = e.key
		switch e.name {
		case "mode":
			mode, modeValid = p.mode(e)
		case "name":
			if v, ok := p.scalar(e, "name"); ok && !isNull(v) {
				t.Name = v.Value
			}
		case "effect":
			p.effect(e, t)
		case "read", "write", "list", "tagging", "permissions-management":
			items, w := p.list(e, e.name, kindARN)
			levels[e.name] = items
			if w {
				written[e.name], asked = e, true
			}
		case "wildcard-only":
			if p.group(e, wildcardKeys, func(se entry, key string) bool {
				kind := kindService
				if se.name == "single-actions" {
					kind = kindAction
				}
				items, w := p.list(se, key, kind)
				wildcards[se.name] = items
				return w
			}) {
				written[e.name], asked = e, true
			}
		case "skip-resource-constraints":
			items, w := p.list(e, e.name, kindAction)
			t.SkipResourceConstraints = items
			if w {
				written[e.name], asked = e, true
			}
		case "exclude-actions":
			// Exclusions alone ask for nothing, so they do not count against empty-template.
			items, w := p.list(e, e.name, kindActionGlob)
			t.ExcludeActions = items
			if w {
				written[e.name] = e
			}
		case "sts":
			if p.group(e, stsKeyNames, func(se entry, key string) bool {
				items, w := p.list(se, key, kindARN)
				sts[se.name] = items
				return w
			}) {
				written[e.name], asked = e, true
			}
		case "actions":
			items, w := p.list(e, e.name, kindAction)
			t.Actions = items
			if w {
				written[e.name] = e
			}
		case "conditions":
			conds = p.conditions(e)
		case "partition":
			t.Partition = p.partition(e)
		case "region":
			t.Region = p.region(e)
		case "account":
			t.Account = p.account(e)
		case "dependent-actions":
			if v := p.choice(e, []string{DepsScoped, DepsWildcard, DepsNone}); v != "" {
				t.DependentActions = v
			}
		default:
			p.unknownTopKey(e)
		}
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
	t.Conditions = conds

	rootLoc := func(key string) *diag.Location {
		return &diag.Location{File: p.file, Line: root.Line, Column: root.Column, Key: key}
	}
	if !modeValid {
		// Read the rest in the mode the keys suggest, so that one run reports every problem.
		_, hasActions := written["actions"]
		mode = ModeCRUD
		if hasActions && !asked {
			mode = ModeActions
		}
		if present["mode"] == nil {
			p.errorf(CodeMissingKey, rootLoc("mode"), "the template has no mode: add \"mode: %s\" (crud grants by access level and ARN, actions grants listed actions)", mode)
		}
	}
	t.Mode = mode
	if mode == ModeActions {
		for _, k := range topKeys {
			if e, ok := written[k]; ok && crudKeys[k] {
				p.errorf(CodeKeyIgnoredInMode, p.loc(e.key, k), "%q is a crud-mode key, and actions mode ignores it (Policy Sentry drops it silently); use mode: crud, or list the actions under \"actions\"", k)
			}
		}
		t.Levels, t.SingleActions, t.ServiceWildcards, t.SkipResourceConstraints, t.ExcludeActions, t.STS = nil, nil, nil, nil, nil, nil
		if _, ok := written["actions"]; !ok {
			if k := present["actions"]; k != nil {
				p.errorf(CodeEmptyTemplate, p.loc(k, "actions"), "the actions list is empty, so the policy would grant nothing; list actions like s3:GetObject")
			} else {
				p.errorf(CodeMissingKey, rootLoc("actions"), "actions mode needs an \"actions\" list (like [s3:GetObject])")
			}
		}
		return t
	}
	if e, ok := written["actions"]; ok {
		p.errorf(CodeKeyIgnoredInMode, p.loc(e.key, "actions"), "\"actions\" is an actions-mode key, and crud mode ignores it (Policy Sentry drops it silently); use mode: actions, or list ARNs under read, write, ...")
	}
	t.Actions = nil
	if !asked {
		l := rootLoc("")
		if k := present["mode"]; k != nil {
			l = p.loc(k, "mode")
		}
		p.errorf(CodeEmptyTemplate, l, "the template asks for nothing: every list is empty, so the policy would grant nothing; add ARNs under read, write, list, tagging or permissions-management")
	}
	return t
}

// unknownTopKey reports a key the format does not have, and where it probably belongs.
func (p *parser) unknownTopKey(e entry) {
	for _, k := range wildcardKeys {
		if e.name == k {
			d := p.errorf(CodeUnknownKey, p.loc(e.key, e.name), "unknown key %q: it belongs under wildcard-only", e.name)
			d.Suggestions = []string{"wildcard-only." + k}
			return
		}
	}
	for _, s := range stsKeys {
		if e.name == s.key {
			d := p.errorf(CodeUnknownKey, p.loc(e.key, e.name), "unknown key %q: it belongs under sts", e.name)
			d.Suggestions = []string{"sts." + s.key}
			return
		}
	}
	if _, ok := checkOperator(e.name); ok {
		d := p.errorf(CodeUnknownKey, p.loc(e.key, e.name), "unknown key %q: condition operators belong under conditions", e.name)
		d.Suggestions = []string{"conditions." + e.name}
		return
	}
	d := p.errorf(CodeUnknownKey, p.loc(e.key, join("", e.name)), "unknown key %q", clipKey(e.name))
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
		p.errorf(CodeInvalidType, p.loc(v, e.name), "want a mapping of %s, got %s", strings.Join(keys, ", "), describe(v))
		return true
	}
	for _, se := range p.entries(v, e.name) {
		key := join(e.name, se.name)
		known := false
		for _, k := range keys {
			known = known || k == se.name
		}
		if !known {
			d := p.errorf(CodeUnknownKey, p.loc(se.key, key), "unknown key %q under %s", clipKey(se.name), e.name)
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

// scalar visits a value that must be a scalar.
func (p *parser) scalar(e entry, key string) (*yamlite.Node, bool) {
	v := p.visit(e.val)
	if v == nil {
		return nil, false
	}
	if v.Kind != yamlite.ScalarNode {
		p.errorf(CodeInvalidType, p.loc(v, key), "want a single value, got %s", describe(v))
		return nil, false
	}
	return v, true
}

// mode reads mode: exactly "crud" or "actions", as Policy Sentry wants. A miscased one is
// still an error, but the rest of the template is read in the mode meant.
func (p *parser) mode(e entry) (string, bool) {
	v, ok := p.scalar(e, "mode")
	if !ok {
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	switch {
	case isNull(v) || s == "":
		p.errorf(CodeMissingKey, p.loc(v, "mode"), "mode is empty: want crud or actions")
		return "", false
	case v.Tag != "!!str":
	case s == ModeCRUD || s == ModeActions:
		return s, true
	case strings.EqualFold(s, ModeCRUD) || strings.EqualFold(s, ModeActions):
		m := strings.ToLower(s)
		d := p.errorf(CodeInvalidValue, p.loc(v, "mode"), "mode %q: modes are lower-case, as Policy Sentry wants them", s)
		p.suggest(d, []string{m})
		return m, true
	}
	d := p.errorf(CodeInvalidValue, p.loc(v, "mode"), "unknown mode %q: want crud or actions", clip(s))
	d.Suggestions = []string{ModeCRUD, ModeActions}
	return "", false
}

// effect reads effect: exactly "Allow" or "Deny". A miscased one is an error, but the effect
// meant is kept so that later checks see it.
func (p *parser) effect(e entry, t *Template) {
	v, ok := p.scalar(e, "effect")
	if !ok || isBlank(v) {
		return
	}
	s := strings.TrimSpace(v.Value)
	for _, want := range []string{"Allow", "Deny"} {
		switch {
		case v.Tag != "!!str":
		case s == want:
			t.Effect = want
			return
		case strings.EqualFold(s, want):
			t.Effect = want
			d := p.errorf(CodeInvalidValue, p.loc(v, "effect"), "effect %q: IAM spells it %q", s, want)
			d.Suggestions = []string{want}
			return
		}
	}
	d := p.errorf(CodeInvalidValue, p.loc(v, "effect"), "unknown effect %s: want Allow or Deny", quoteValue(v))
	d.Suggestions = []string{"Allow", "Deny"}
}

func quoteValue(v *yamlite.Node) string {
	if v.Tag == "!!str" {
		return fmt.Sprintf("%q", clip(v.Value))
	}
	return clip(v.Value)
}

// choice reads a value that must be one of choices; "" when absent or wrong.
func (p *parser) choice(e entry, choices []string) string {
	v, ok := p.scalar(e, e.name)
	if !ok || isBlank(v) {
		return ""
	}
	s := strings.TrimSpace(v.Value)
	for _, c := range choices {
		if s == c {
			return c
		}
	}
	d := p.errorf(CodeInvalidValue, p.loc(v, e.name), "unknown %s %s: want %s", e.name, quoteValue(v), orList(choices))
	p.suggest(d, closest(s, choices))
	return ""
}

func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func (p *parser) partition(e entry) Item {
	v, ok := p.scalar(e, e.name)
	if !ok || isBlank(v) {
		return Item{}
	}
	s := strings.TrimSpace(v.Value)
	for _, c := range partitions {
		if s == c {
			return Item{s, p.loc(v, e.name)}
		}
	}
	d := p.errorf(CodeInvalidValue, p.loc(v, e.name), "unknown partition %s: want %s", quoteValue(v), orList(partitions))
	p.suggest(d, closest(s, partitions))
	return Item{}
}

func (p *parser) region(e entry) Item {
	v, ok := p.scalar(e, e.name)
	if !ok || isBlank(v) {
		return Item{}
	}
	s := strings.TrimSpace(v.Value)
	if v.Tag != "!!str" || !isServiceLike(s) {
		d := p.errorf(CodeInvalidValue, p.loc(v, e.name), "region %s: want a region name of lower-case letters, digits and hyphens, like us-east-1", quoteValue(v))
		if low := strings.ToLower(s); low != s && isServiceLike(low) {
			d.Suggestions = []string{low}
		}
		return Item{}
	}
	return Item{s, p.loc(v, e.name)}
}

func (p *parser) account(e entry) Item {
	v, ok := p.scalar(e, e.name)
	if !ok || isBlank(v) {
		return Item{}
	}
	// An unquoted account ID is a YAML number; its text is what counts.
	s := strings.TrimSpace(v.Value)
	if v.Tag != "!!str" && v.Tag != "!!int" || !isAccount(s) {
		p.errorf(CodeInvalidValue, p.loc(v, e.name), "account %s: want a 12-digit account ID, like 123456789012 (quote it if it starts with 0)", quoteValue(v))
		return Item{}
	}
	return Item{s, p.loc(v, e.name)}
}

// itemKind is what a list holds.
type itemKind int

const (
	kindARN itemKind = iota
	kindAction
	kindActionGlob
	kindService
)

func (k itemKind) noun() string {
	switch k {
	case kindARN:
		return "ARN"
	case kindService:
		return "service prefix"
	}
	return "action"
}

// list reads a list of strings. A list with no non-blank item asks for nothing, like Policy
// Sentry's generated "- ”" lists, and is absent; written reports whether it held anything.
// Items that fail the syntax check are reported and left out.
func (p *parser) list(e entry, key string, kind itemKind) (items []Item, written bool) {
	v := p.visit(e.val)
	if v == nil || isBlank(v) {
		return nil, false
	}
	if v.Kind != yamlite.SequenceNode {
		hint := ""
		if v.Kind == yamlite.ScalarNode && v.Tag == "!!str" {
			hint = fmt.Sprintf("; write it as a list: \"%s: [%s]\" or \"- %s\" on the next line", key[strings.LastIndexByte(key, '.')+1:], clip(v.Value), clip(v.Value))
		}
		p.errorf(CodeInvalidType, p.loc(v, key), "want a list of %ss, got %s%s", kind.noun(), describe(v), hint)
		return nil, true
	}
	var blanks []*diag.Location
	var seen map[string]*yamlite.Node
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
			p.errorf(CodeInvalidType, l, "want an %s (a string), got %s", kind.noun(), describe(n))
			continue
		}
		s := strings.TrimSpace(n.Value)
		if !p.checkItem(kind, s, l) {
			continue
		}
		id := s
		if kind != kindARN {
			// Actions and service prefixes are case-insensitive in IAM.
			id = strings.ToLower(s)
		}
		if seen == nil {
			seen = make(map[string]*yamlite.Node, len(v.Content))
		}
		if first, dup := seen[id]; dup {
			p.warnf(CodeDuplicateItem, l, "%s %q is already listed at line %d; skipped", kind.noun(), clip(s), first.Line)
			continue
		}
		seen[id] = n
		items = append(items, Item{Value: s, Loc: l})
	}
	if written {
		for _, l := range blanks {
			p.warnf(CodeEmptyItem, l, "empty item skipped")
		}
	}
	return items, written
}

// checkItem is the syntax check that needs no catalog; the resolver does the rest.
func (p *parser) checkItem(kind itemKind, s string, l *diag.Location) bool {
	switch kind {
	case kindARN:
		if s == "*" || strings.HasPrefix(s, "arn:") {
			return true
		}
		d := p.errorf(CodeInvalidARN, l, "%q is not an ARN: want arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, or \"*\"", clip(s))
		if low := strings.ToLower(s); strings.HasPrefix(low, "arn:") {
			d.Suggestions = []string{"arn:" + s[4:]}
		} else if strings.Contains(s, ":") && !strings.Contains(s, "/") && !strings.Contains(s, "::") && isActionLike(s, false) {
			d.Message += "; it looks like an action: actions go under wildcard-only.single-actions, skip-resource-constraints or (in actions mode) actions"
		}
		return false
	case kindAction, kindActionGlob:
		glob := kind == kindActionGlob
		if isActionLike(s, glob) {
			return true
		}
		if !glob && isActionLike(s, true) {
			p.errorf(CodeInvalidAction, l, "%q: wildcards are allowed only in exclude-actions; list the actions themselves", clip(s))
			return false
		}
		d := p.errorf(CodeInvalidAction, l, "%q is not an action: want SERVICE:ACTION, like s3:GetObject", clip(s))
		if strings.HasPrefix(s, "arn:") {
			d.Message += "; ARNs go under read, write, list, tagging or permissions-management"
		}
		return false
	case kindService:
		if isServiceLike(s) {
			return true
		}
		d := p.errorf(CodeInvalidService, l, "%q is not a service prefix: want lower-case letters, digits and hyphens, like s3 or ec2", clip(s))
		if low := strings.ToLower(s); isServiceLike(low) {
			d.Suggestions = []string{low}
		} else if svc, _, ok := strings.Cut(s, ":"); ok && isServiceLike(strings.ToLower(svc)) {
			d.Message += "; single actions go under wildcard-only.single-actions"
		}
		return false
	}
	return false
}
