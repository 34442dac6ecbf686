package servicedoc

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
)

type parser struct {
	file  string
	lines []string
	// src is the lines joined by "\n", and starts[i] the offset of line i in it. JSON blocks
	// are read in place, so that offsets, and the positions jsonscan names in its messages, are the
	// file's.
	src    string
	starts []int
}

func (p *parser) errf(line int, format string, args ...any) error {
	return errorAt(p.file, line, 0, format, args...)
}

// lineCol returns the 1-based line and column (in characters) of an offset in p.src.
func (p *parser) lineCol(off int) (line, col int) {
	i := sort.Search(len(p.starts), func(i int) bool { return p.starts[i] > off }) - 1
	return i + 1, 1 + utf8.RuneCountInString(p.src[p.starts[i]:off])
}

func (p *parser) lineOf(off int32) int {
	line, _ := p.lineCol(int(off))
	return line
}

// syntaxErrf reports a syntax error at an offset of p.src, with its column.
func (p *parser) syntaxErrf(off int, format string, args ...any) error {
	line, col := p.lineCol(off)
	return errorAt(p.file, line, col, format, args...)
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
	off := 0
	for i, l := range p.lines {
		// CRLF files read like LF ones; Write always writes LF.
		p.lines[i] = strings.TrimSuffix(l, "\r")
		p.starts = append(p.starts, off)
		off += len(p.lines[i]) + 1
	}
	p.src = strings.Join(p.lines, "\n")
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
				d, next, err := p.block(ln, i, label)
				if err != nil {
					return 0, err
				}
				i = next
				if err := d.set(it, label); err != nil {
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
	const hint = "a value starting with '\"' is a JSON string"
	nodes, end, err := jsonscan.Parse(v, 0, jsonscan.Options{MaxDepth: 1})
	switch {
	case err != nil && err.Off >= len(v):
		return "", p.errf(ln, "%s: unterminated JSON string (%s)", what, hint)
	case err != nil:
		return "", p.errf(ln, "%s: %s (%s)", what, err.Msg, hint)
	case end != len(v):
		return "", p.errf(ln, "%s: unexpected %q after the JSON string", what, clip(v[end:]))
	}
	if bad := loneSurrogate(v); bad != "" {
		return "", p.errf(ln, "%s: lone surrogate %s (want a pair)", what, bad)
	}
	return nodes[0].Text, nil
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

// maxDepth bounds how deeply a block's JSON may nest: the schema needs four levels, and hostile
// input must not cost more.
const maxDepth = 32

// block reads the fenced JSON block that follows a bullet at line ln; i is the index of the
// line after the bullet. It returns a decoder over the parsed block and the index of the line
// after the closing fence.
func (p *parser) block(ln, i int, what string) (*decoder, int, error) {
	for i < len(p.lines) && isBlank(p.lines[i]) {
		i++
	}
	if i >= len(p.lines) {
		return nil, 0, p.errf(ln, "%s: want a \"```\" code block on the next line, found end of file", what)
	}
	if f := strings.TrimRight(p.lines[i], " \t"); f != "```" && f != "```json" {
		return nil, 0, p.errf(i+1, "%s: want a \"```\" code block, found %q", what, clip(p.lines[i]))
	}
	end := i + 1
	for end < len(p.lines) && strings.TrimRight(p.lines[end], " \t") != "```" {
		end++
	}
	if end >= len(p.lines) {
		return nil, 0, p.errf(i+1, "%s: code block has no closing \"```\" line", what)
	}
	// The block is read where it is in the file's text, up to the closing fence.
	src, start := p.src[:p.starts[end]], p.starts[i+1]
	if end == i+1 || strings.TrimSpace(src[start:]) == "" {
		return nil, 0, p.errf(i+1, "%s: empty code block (want a JSON value)", what)
	}
	nodes, stop, err := jsonscan.Parse(src, start, jsonscan.Options{MaxDepth: maxDepth})
	if err != nil && err.Deep {
		return nil, 0, p.syntaxErrf(err.Off, "%s: %s", what, err.Msg)
	}
	if err != nil {
		return nil, 0, p.syntaxErrf(err.Off, "%s: invalid JSON: %s", what, err.Msg)
	}
	if k := jsonscan.SkipSpace(src, stop); k < len(src) {
		return nil, 0, p.syntaxErrf(k, "%s: invalid JSON: unexpected %s after the value", what, jsonscan.Describe(src, k))
	}
	d := &decoder{p: p, nodes: nodes, what: what}
	// jsonscan reads a lone surrogate escape as U+FFFD, as encoding/json does; Write would then
	// write another character than the doc had, so it is an error here.
	for _, n := range nodes {
		at := n.Off
		bad := ""
		if n.Kind == jsonscan.String && strings.ContainsRune(n.Text, utf8.RuneError) {
			bad = loneSurrogate(src[at:])
		}
		if bad == "" && strings.ContainsRune(n.Key, utf8.RuneError) {
			at = n.KeyOff
			bad = loneSurrogate(src[at:])
		}
		if bad != "" {
			return nil, 0, d.errf(at, "lone surrogate %s (want a pair)", bad)
		}
	}
	return d, end + 1, nil
}

// loneSurrogate returns the first \uXXXX escape in the JSON string at the start of raw that is
// half a surrogate pair without its other half, or "". raw is known to hold a valid string.
func loneSurrogate(raw string) string {
	hex := func(i int) rune {
		v, _ := strconv.ParseUint(raw[i:i+4], 16, 32)
		return rune(v)
	}
	for i := 1; i < len(raw) && raw[i] != '"'; i++ {
		if raw[i] != '\\' {
			continue
		}
		i++
		if raw[i] != 'u' {
			continue
		}
		r := hex(i + 1)
		i += 4
		if !utf16.IsSurrogate(r) {
			continue
		}
		if strings.HasPrefix(raw[i+1:], `\u`) && utf16.DecodeRune(r, hex(i+3)) != utf8.RuneError {
			i += 6
			continue
		}
		return raw[i-5 : i+1]
	}
	return ""
}

// decoder turns a parsed JSON block into model values, with errors at file lines.
type decoder struct {
	p     *parser
	nodes []jsonscan.Node
	what  string
}

func (d *decoder) set(it *item, label string) (err error) {
	root := &d.nodes[0]
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

func (d *decoder) errf(off int32, format string, args ...any) error {
	return d.p.errf(d.p.lineOf(off), "%s: %s", d.what, fmt.Sprintf(format, args...))
}

// children calls f on each element or member of n, in source order.
func (d *decoder) children(n *jsonscan.Node, f func(c *jsonscan.Node) error) error {
	for c := n.First; c >= 0; c = d.nodes[c].Next {
		if err := f(&d.nodes[c]); err != nil {
			return err
		}
	}
	return nil
}

// fields walks an object's members, rejecting duplicates and keys not in want.
func (d *decoder) fields(n *jsonscan.Node, owner string, want []string, f func(m *jsonscan.Node) error) error {
	seen := map[string]int32{}
	return d.children(n, func(m *jsonscan.Node) error {
		if first, dup := seen[m.Key]; dup {
			return d.errf(m.KeyOff, "duplicate key %q in %s (first at line %d)", m.Key, owner, d.p.lineOf(first))
		}
		seen[m.Key] = m.KeyOff
		known := false
		for _, w := range want {
			known = known || w == m.Key
		}
		if !known {
			return d.errf(m.KeyOff, "unknown key %q in %s (want %s)", m.Key, owner, orList(want))
		}
		return f(m)
	})
}

func orList(want []string) string {
	if len(want) == 1 {
		return want[0]
	}
	return strings.Join(want[:len(want)-1], ", ") + " or " + want[len(want)-1]
}

func (d *decoder) resourceTypes(root *jsonscan.Node) ([]catalog.ActionResource, error) {
	if root.Kind != jsonscan.Object {
		return nil, d.errf(root.Off, "want a JSON object keyed by resource type, found %s", root.Kind)
	}
	var out []catalog.ActionResource
	seen := map[string]int32{}
	err := d.children(root, func(m *jsonscan.Node) error {
		if first, dup := seen[m.Key]; dup {
			return d.errf(m.KeyOff, "duplicate resource type %q (first at line %d)", m.Key, d.p.lineOf(first))
		}
		seen[m.Key] = m.KeyOff
		owner := fmt.Sprintf("%q", m.Key)
		if m.Kind != jsonscan.Object {
			return d.errf(m.Off, "%s: want an object, found %s", owner, m.Kind)
		}
		var r catalog.ActionResource
		var hasType, hasRequired bool
		err := d.fields(m, owner, []string{"resource_type", "required", "condition_keys", "dependent_actions"}, func(f *jsonscan.Node) (err error) {
			switch f.Key {
			case "resource_type":
				r.ResourceType, err = d.string(f)
				hasType = true
			case "required":
				r.Required, err = d.bool(f)
				hasRequired = true
			case "condition_keys":
				r.ConditionKeys, err = d.strings(f, f.Key)
			case "dependent_actions":
				r.DependentActions, err = d.strings(f, f.Key)
			}
			return err
		})
		switch {
		case err != nil:
			return err
		case !hasType:
			return d.errf(m.Off, "%s has no \"resource_type\"", owner)
		case !hasRequired:
			return d.errf(m.Off, "%s has no \"required\"", owner)
		case r.ResourceType != m.Key:
			return d.errf(m.KeyOff, "key %q does not match its \"resource_type\" %q", m.Key, r.ResourceType)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

func (d *decoder) scenarios(root *jsonscan.Node) ([]catalog.Scenario, error) {
	if root.Kind != jsonscan.Array {
		return nil, d.errf(root.Off, "want a JSON array of scenarios, found %s", root.Kind)
	}
	var out []catalog.Scenario
	err := d.children(root, func(e *jsonscan.Node) error {
		owner := fmt.Sprintf("scenario %d", len(out)+1)
		if e.Kind != jsonscan.Object {
			return d.errf(e.Off, "%s: want an object, found %s", owner, e.Kind)
		}
		var sc catalog.Scenario
		hasName := false
		err := d.fields(e, owner, []string{"name", "resource_types"}, func(f *jsonscan.Node) (err error) {
			switch f.Key {
			case "name":
				sc.Name, err = d.string(f)
				hasName = true
			case "resource_types":
				sc.ResourceTypes, err = d.scenarioResources(f, owner)
			}
			return err
		})
		if err != nil {
			return err
		}
		if !hasName {
			return d.errf(e.Off, "%s has no \"name\"", owner)
		}
		out = append(out, sc)
		return nil
	})
	return out, err
}

func (d *decoder) scenarioResources(n *jsonscan.Node, owner string) ([]catalog.ScenarioResource, error) {
	if n.Kind != jsonscan.Array {
		return nil, d.errf(n.Off, "%s: resource_types: want an array, found %s", owner, n.Kind)
	}
	var out []catalog.ScenarioResource
	err := d.children(n, func(e *jsonscan.Node) error {
		if e.Kind != jsonscan.Object {
			return d.errf(e.Off, "%s: resource_types: want an object, found %s", owner, e.Kind)
		}
		var r catalog.ScenarioResource
		var hasType, hasRequired bool
		err := d.fields(e, owner, []string{"resource_type", "required"}, func(f *jsonscan.Node) (err error) {
			switch f.Key {
			case "resource_type":
				r.ResourceType, err = d.string(f)
				hasType = true
			case "required":
				r.Required, err = d.bool(f)
				hasRequired = true
			}
			return err
		})
		if err != nil {
			return err
		}
		if !hasType || !hasRequired {
			return d.errf(e.Off, "%s: resource_types: want both \"resource_type\" and \"required\"", owner)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// string reads a member's string value.
func (d *decoder) string(n *jsonscan.Node) (string, error) {
	if n.Kind != jsonscan.String {
		return "", d.errf(n.Off, "%s: want a string, found %s", n.Key, n.Kind)
	}
	return n.Text, nil
}

// bool reads a member's boolean value.
func (d *decoder) bool(n *jsonscan.Node) (bool, error) {
	if n.Kind != jsonscan.Bool {
		return false, d.errf(n.Off, "%s: want true or false, found %s", n.Key, n.Kind)
	}
	return n.Text == "true", nil
}

// strings reads an array of strings; an empty array is nil, as the model keeps it. key names
// the member it is the value of, if any.
func (d *decoder) strings(n *jsonscan.Node, key string) ([]string, error) {
	if key != "" {
		key += ": "
	}
	if n.Kind != jsonscan.Array {
		return nil, d.errf(n.Off, "%swant an array of strings, found %s", key, n.Kind)
	}
	var out []string
	err := d.children(n, func(e *jsonscan.Node) error {
		if e.Kind != jsonscan.String {
			return d.errf(e.Off, "%swant an array of strings, found %s in it", key, e.Kind)
		}
		out = append(out, e.Text)
		return nil
	})
	return out, err
}
