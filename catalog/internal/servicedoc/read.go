package servicedoc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
)

type parser struct {
	file  string
	lines []string
}

func (p *parser) errf(line int, format string, args ...any) error {
	return &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

type section uint8

const (
	noSection section = iota
	summarySection
	privilegesSection
	resourceTypesSection
	conditionKeysSection
)

var sectionNames = map[string]section{
	"summary":        summarySection,
	"privileges":     privilegesSection,
	"resource types": resourceTypesSection,
	"condition keys": conditionKeysSection,
}

// read parses a doc and also returns the line of its prefix, for ReadPath's duplicate check.
func read(name string, data []byte) (*catalog.Service, int, error) {
	p := &parser{file: name}
	if !utf8.Valid(data) {
		bad := 0
		for len(data[bad:]) > 0 {
			r, size := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		return nil, 0, p.errf(1+bytes.Count(data[:bad], []byte("\n")), "invalid UTF-8 (want a UTF-8 text file)")
	}
	text := string(data)
	text = strings.TrimSuffix(text, "\n")
	if text != "" {
		p.lines = strings.Split(text, "\n")
	}
	for i, l := range p.lines {
		// CRLF files read like LF ones; Write always writes LF.
		p.lines[i] = strings.TrimSuffix(l, "\r")
	}
	s := &catalog.Service{Source: name}
	prefixLine, err := p.service(s)
	if err != nil {
		return nil, 0, err
	}
	return s, prefixLine, nil
}

// item tracks the "### " entry being read and which of its bullets have been seen.
type item struct {
	line    int
	bullets map[string]int
	action  *catalog.Action
	rt      *catalog.ResourceType
	ck      *catalog.ConditionKey
}

// bulletSpec says how a bullet is written: with a one-line value ("- prefix: x"), a verbatim
// text value (descriptions) or a JSON block on the following lines.
type bulletKind uint8

const (
	valueBullet bulletKind = iota
	textBullet
	blockBullet
)

var (
	summaryBullets   = map[string]bulletKind{"prefix": valueBullet, "authorization url": valueBullet}
	actionBullets    = map[string]bulletKind{"description": textBullet, "access level": valueBullet, "resource types": blockBullet, "scenarios": blockBullet, "dependent actions source": valueBullet}
	rtBullets        = map[string]bulletKind{"arn": valueBullet, "condition keys": blockBullet}
	ckBullets        = map[string]bulletKind{"type": valueBullet, "description": textBullet}
	summaryWant      = "prefix or authorization url"
	actionWant       = "description, access level, resource types, scenarios or dependent actions source"
	resourceTypeWant = "arn or condition keys"
	conditionKeyWant = "type or description"
)

func (p *parser) service(s *catalog.Service) (prefixLine int, err error) {
	i := 0
	if len(p.lines) > 0 && p.lines[0] == "---" {
		end := -1
		for j := 1; j < len(p.lines); j++ {
			if p.lines[j] == "---" {
				end = j
				break
			}
		}
		if end < 0 {
			return 0, p.errf(1, "front matter has no closing \"---\" line")
		}
		if s.Doc, err = p.frontMatter(1, end); err != nil {
			return 0, err
		}
		i = end + 1
	}

	for i < len(p.lines) && isBlank(p.lines[i]) {
		i++
	}
	if i >= len(p.lines) {
		return 0, p.errf(0, "want a \"# <service name>\" heading, found end of file")
	}
	if h := p.lines[i]; h == "#" || strings.HasPrefix(h, "# ") {
		if s.Name, err = p.oneLine(i+1, "service name", h[1:]); err != nil {
			return 0, err
		}
	} else {
		return 0, p.errf(i+1, "want a \"# <service name>\" heading, found %q", clip(h))
	}
	i++

	var (
		cur        section
		seenSec    = map[section]int{}
		names      = map[section]map[string]int{}
		it         *item
		summary    = &item{bullets: map[string]int{}}
		summaryLn  int
		prefixSeen bool
	)
	for i < len(p.lines) {
		line, ln := p.lines[i], i+1
		i++
		switch {
		case isBlank(line):
		case strings.HasPrefix(line, "## "):
			title := strings.TrimSpace(line[3:])
			sec, ok := sectionNames[strings.ToLower(title)]
			if !ok {
				return 0, p.errf(ln, "unknown section %q (want Summary, Privileges, Resource Types or Condition Keys)", clip(title))
			}
			if first, dup := seenSec[sec]; dup {
				return 0, p.errf(ln, "duplicate section %q (first at line %d)", clip(title), first)
			}
			seenSec[sec] = ln
			cur, it = sec, nil
			if sec == summarySection {
				summaryLn, it = ln, summary
			}
		case line == "###" || strings.HasPrefix(line, "### "):
			if cur == noSection || cur == summarySection {
				return 0, p.errf(ln, "heading %q outside Privileges, Resource Types or Condition Keys", clip(line))
			}
			what := map[section]string{privilegesSection: "action", resourceTypesSection: "resource type", conditionKeysSection: "condition key"}[cur]
			name, err := p.oneLine(ln, what+" name", line[3:])
			if err != nil {
				return 0, err
			}
			if name == "" {
				return 0, p.errf(ln, "empty %s name (want \"### <name>\")", what)
			}
			if names[cur] == nil {
				names[cur] = map[string]int{}
			}
			// Lookups are case-insensitive, so names differing only in case would shadow.
			if first, dup := names[cur][strings.ToLower(name)]; dup {
				return 0, p.errf(ln, "duplicate %s %q (first at line %d)", what, name, first)
			}
			names[cur][strings.ToLower(name)] = ln
			it = &item{line: ln, bullets: map[string]int{}}
			switch cur {
			case privilegesSection:
				it.action = &catalog.Action{Name: name}
				s.Actions = append(s.Actions, it.action)
			case resourceTypesSection:
				it.rt = &catalog.ResourceType{Name: name}
				s.ResourceTypes = append(s.ResourceTypes, it.rt)
			case conditionKeysSection:
				it.ck = &catalog.ConditionKey{Name: name}
				s.ConditionKeys = append(s.ConditionKeys, it.ck)
			}
		case strings.HasPrefix(line, "#"):
			return 0, p.errf(ln, "unexpected heading %q (want \"## <section>\" or \"### <name>\")", clip(line))
		case line == "-" || strings.HasPrefix(line, "- "):
			if it == nil {
				if cur == noSection {
					return 0, p.errf(ln, "bullet %q before any section (want \"## Summary\" first)", clip(line))
				}
				return 0, p.errf(ln, "bullet %q before any \"### <name>\" heading", clip(line))
			}
			var specs map[string]bulletKind
			var want, owner string
			switch {
			case it == summary:
				specs, want, owner = summaryBullets, summaryWant, "Summary"
			case it.action != nil:
				specs, want, owner = actionBullets, actionWant, fmt.Sprintf("action %q", it.action.Name)
			case it.rt != nil:
				specs, want, owner = rtBullets, resourceTypeWant, fmt.Sprintf("resource type %q", it.rt.Name)
			default:
				specs, want, owner = ckBullets, conditionKeyWant, fmt.Sprintf("condition key %q", it.ck.Name)
			}
			label, value, hasValue := strings.Cut(line[1:], ":")
			label = strings.ToLower(strings.TrimSpace(label))
			kind, ok := specs[label]
			if !ok {
				return 0, p.errf(ln, "unknown bullet %q under %s (want %s)", "- "+clip(label), owner, want)
			}
			if first, dup := it.bullets[label]; dup && label != "arn" {
				return 0, p.errf(ln, "duplicate \"- %s\" under %s (first at line %d)", label, owner, first)
			}
			it.bullets[label] = ln
			switch kind {
			case valueBullet, textBullet:
				if !hasValue {
					return 0, p.errf(ln, "want \"- %s: <value>\", found %q", label, clip(line))
				}
			case blockBullet:
				if hasValue && !isBlank(value) {
					return 0, p.errf(ln, "\"- %s\" takes a JSON block on the following lines, not a value (found %q)", label, clip(strings.TrimSpace(value)))
				}
			}
			switch kind {
			case textBullet:
				v, err := p.text(ln, label, value)
				if err != nil {
					return 0, err
				}
				if it.action != nil {
					it.action.Description = v
				} else {
					it.ck.Description = v
				}
			case valueBullet:
				v, err := p.oneLine(ln, label, value)
				if err != nil {
					return 0, err
				}
				if err := p.setValue(s, it, label, v, ln); err != nil {
					return 0, err
				}
				if label == "prefix" {
					prefixLine, prefixSeen = ln, true
				}
			case blockBullet:
				root, base, next, err := p.block(ln, i, label)
				if err != nil {
					return 0, err
				}
				i = next
				if err := p.setBlock(it, label, root, base); err != nil {
					return 0, err
				}
			}
		case strings.HasPrefix(line, "```"):
			return 0, p.errf(ln, "code block without a bullet before it (want \"- resource types\", \"- scenarios\" or \"- condition keys\")")
		default:
			return 0, p.errf(ln, "unexpected line %q (want a \"- \" bullet or a heading)", clip(line))
		}
	}

	if !prefixSeen {
		if summaryLn == 0 {
			return 0, p.errf(0, "no \"## Summary\" section (want one with \"- prefix: <prefix>\")")
		}
		return 0, p.errf(summaryLn, "\"## Summary\" has no \"- prefix: <prefix>\" bullet")
	}
	for _, a := range s.Actions {
		a.Service = s.Prefix
	}
	for _, r := range s.ResourceTypes {
		r.Service = s.Prefix
	}
	return prefixLine, nil
}

// oneLine reads a one-line value (a heading or a bullet value): surrounding space is layout,
// and control characters could not be written back.
func (p *parser) oneLine(ln int, what, v string) (string, error) {
	v = strings.TrimSpace(v)
	if i := strings.IndexFunc(v, isControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(v[i:])
		return "", p.errf(ln, "%s: control character %U (want printable text)", what, r)
	}
	return v, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// text reads a description: verbatim after "- description: ", or a JSON string when it starts
// with a quote (how Write carries newlines and surrounding space).
func (p *parser) text(ln int, what, v string) (string, error) {
	v = strings.TrimPrefix(v, " ")
	if !strings.HasPrefix(v, `"`) {
		return v, nil
	}
	s, n, err := unquoteJSON(v)
	if err != nil {
		return "", p.errf(ln, "%s: %v (a value starting with '\"' is a JSON string)", what, err)
	}
	if n != len(v) {
		return "", p.errf(ln, "%s: unexpected %q after the JSON string", what, clip(v[n:]))
	}
	return s, nil
}

func (p *parser) setValue(s *catalog.Service, it *item, label, v string, ln int) error {
	switch label {
	case "prefix":
		if v == "" {
			return p.errf(ln, "empty prefix (want \"- prefix: <prefix>\", e.g. s3)")
		}
		s.Prefix = v
	case "authorization url":
		s.AuthorizationURL = v
	case "access level":
		l, err := catalog.ParseAccessLevel(v)
		if err != nil {
			return p.errf(ln, "%v", err)
		}
		it.action.AccessLevel = l
	case "dependent actions source":
		it.action.DependentActionsSource = v
	case "arn":
		if v == "" {
			return p.errf(ln, "empty ARN format (want \"- arn: arn:${Partition}:…\")")
		}
		it.rt.ARNFormats = append(it.rt.ARNFormats, v)
	case "type":
		it.ck.Type = v
	}
	return nil
}

// block reads the fenced JSON block that follows a bullet at line ln; i is the index of the
// line after the bullet. It returns the parsed value, the line number of the opening fence
// (block line n is file line base+n) and the index of the line after the closing fence.
func (p *parser) block(ln, i int, what string) (root *jnode, base, next int, err error) {
	for i < len(p.lines) && isBlank(p.lines[i]) {
		i++
	}
	if i >= len(p.lines) {
		return nil, 0, 0, p.errf(ln, "%s: want a \"```\" code block on the next line, found end of file", what)
	}
	if f := strings.TrimRight(p.lines[i], " \t"); f != "```" && f != "```json" {
		return nil, 0, 0, p.errf(i+1, "%s: want a \"```\" code block, found %q", what, clip(p.lines[i]))
	}
	base = i + 1
	end := i + 1
	for end < len(p.lines) && strings.TrimRight(p.lines[end], " \t") != "```" {
		end++
	}
	if end >= len(p.lines) {
		return nil, 0, 0, p.errf(base, "%s: code block has no closing \"```\" line", what)
	}
	root, err = parseJSON(strings.Join(p.lines[i+1:end], "\n"))
	if err != nil {
		je := err.(*jsonError)
		return nil, 0, 0, p.errf(base+je.line, "%s: invalid JSON at line %d of the block: %s", what, je.line, je.msg)
	}
	return root, base, end + 1, nil
}

func (p *parser) setBlock(it *item, label string, root *jnode, base int) error {
	d := &decoder{p: p, base: base, what: label}
	var err error
	switch label {
	case "resource types":
		it.action.ResourceTypes, err = d.resourceTypes(root)
	case "scenarios":
		it.action.Scenarios, err = d.scenarios(root)
	case "condition keys":
		it.rt.ConditionKeys, err = d.strings(root, "")
	}
	return err
}

// decoder turns a parsed JSON block into model values, with errors at file lines.
type decoder struct {
	p    *parser
	base int
	what string
}

func (d *decoder) errf(n *jnode, line int, format string, args ...any) error {
	if n != nil {
		line = n.line
	}
	return d.p.errf(d.base+line, "%s: %s", d.what, fmt.Sprintf(format, args...))
}

// fields walks an object's members, rejecting duplicates and keys not in want.
func (d *decoder) fields(n *jnode, owner string, want []string, f func(m jmember) error) error {
	seen := map[string]int{}
	for _, m := range n.members {
		if first, dup := seen[m.key]; dup {
			return d.errf(nil, m.line, "duplicate key %q in %s (first at line %d)", m.key, owner, d.base+first)
		}
		seen[m.key] = m.line
		known := false
		for _, w := range want {
			known = known || w == m.key
		}
		if !known {
			return d.errf(nil, m.line, "unknown key %q in %s (want %s)", m.key, owner, orList(want))
		}
		if err := f(m); err != nil {
			return err
		}
	}
	return nil
}

func orList(want []string) string {
	if len(want) == 1 {
		return want[0]
	}
	return strings.Join(want[:len(want)-1], ", ") + " or " + want[len(want)-1]
}

func (d *decoder) resourceTypes(root *jnode) ([]catalog.ActionResource, error) {
	if root.kind != jObject {
		return nil, d.errf(root, 0, "want a JSON object keyed by resource type, found %s", root.kind)
	}
	var out []catalog.ActionResource
	seen := map[string]int{}
	for _, m := range root.members {
		if first, dup := seen[m.key]; dup {
			return nil, d.errf(nil, m.line, "duplicate resource type %q (first at line %d)", m.key, d.base+first)
		}
		seen[m.key] = m.line
		owner := fmt.Sprintf("%q", m.key)
		if m.val.kind != jObject {
			return nil, d.errf(m.val, 0, "%s: want an object, found %s", owner, m.val.kind)
		}
		var r catalog.ActionResource
		var hasType, hasRequired bool
		err := d.fields(m.val, owner, []string{"resource_type", "required", "condition_keys", "dependent_actions"}, func(f jmember) (err error) {
			switch f.key {
			case "resource_type":
				r.ResourceType, err = d.string(f.val, f.key)
				hasType = true
			case "required":
				r.Required, err = d.bool(f.val, f.key)
				hasRequired = true
			case "condition_keys":
				r.ConditionKeys, err = d.strings(f.val, f.key)
			case "dependent_actions":
				r.DependentActions, err = d.strings(f.val, f.key)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		switch {
		case !hasType:
			return nil, d.errf(m.val, 0, "%s has no \"resource_type\"", owner)
		case !hasRequired:
			return nil, d.errf(m.val, 0, "%s has no \"required\"", owner)
		case r.ResourceType != m.key:
			return nil, d.errf(nil, m.line, "key %q does not match its \"resource_type\" %q", m.key, r.ResourceType)
		}
		out = append(out, r)
	}
	return out, nil
}

func (d *decoder) scenarios(root *jnode) ([]catalog.Scenario, error) {
	if root.kind != jArray {
		return nil, d.errf(root, 0, "want a JSON array of scenarios, found %s", root.kind)
	}
	var out []catalog.Scenario
	for i, e := range root.elems {
		owner := fmt.Sprintf("scenario %d", i+1)
		if e.kind != jObject {
			return nil, d.errf(e, 0, "%s: want an object, found %s", owner, e.kind)
		}
		var sc catalog.Scenario
		hasName := false
		err := d.fields(e, owner, []string{"name", "resource_types"}, func(f jmember) (err error) {
			switch f.key {
			case "name":
				sc.Name, err = d.string(f.val, f.key)
				hasName = true
			case "resource_types":
				sc.ResourceTypes, err = d.scenarioResources(f.val, owner)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if !hasName {
			return nil, d.errf(e, 0, "%s has no \"name\"", owner)
		}
		out = append(out, sc)
	}
	return out, nil
}

func (d *decoder) scenarioResources(n *jnode, owner string) ([]catalog.ScenarioResource, error) {
	if n.kind != jArray {
		return nil, d.errf(n, 0, "%s: resource_types: want an array, found %s", owner, n.kind)
	}
	var out []catalog.ScenarioResource
	for _, e := range n.elems {
		if e.kind != jObject {
			return nil, d.errf(e, 0, "%s: resource_types: want an object, found %s", owner, e.kind)
		}
		var r catalog.ScenarioResource
		var hasType, hasRequired bool
		err := d.fields(e, owner, []string{"resource_type", "required"}, func(f jmember) (err error) {
			switch f.key {
			case "resource_type":
				r.ResourceType, err = d.string(f.val, f.key)
				hasType = true
			case "required":
				r.Required, err = d.bool(f.val, f.key)
				hasRequired = true
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if !hasType || !hasRequired {
			return nil, d.errf(e, 0, "%s: resource_types: want both \"resource_type\" and \"required\"", owner)
		}
		out = append(out, r)
	}
	return out, nil
}

func (d *decoder) string(n *jnode, key string) (string, error) {
	if n.kind != jString {
		return "", d.errf(n, 0, "%s: want a string, found %s", key, n.kind)
	}
	return n.str, nil
}

func (d *decoder) bool(n *jnode, key string) (bool, error) {
	if n.kind != jBool {
		return false, d.errf(n, 0, "%s: want true or false, found %s", key, n.kind)
	}
	return n.b, nil
}

// strings reads an array of strings; an empty array is nil, as the model keeps it. key names
// the member it is the value of, if any.
func (d *decoder) strings(n *jnode, key string) ([]string, error) {
	if key != "" {
		key += ": "
	}
	if n.kind != jArray {
		return nil, d.errf(n, 0, "%swant an array of strings, found %s", key, n.kind)
	}
	var out []string
	for _, e := range n.elems {
		if e.kind != jString {
			return nil, d.errf(e, 0, "%swant an array of strings, found %s in it", key, e.kind)
		}
		out = append(out, e.str)
	}
	return out, nil
}
