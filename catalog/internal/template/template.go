package template

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// Template is a request for a policy: what it asks for, with where each entry was written.
// Every way in makes one — Read from template text (YAML or JSON), the builder's state, the
// CLI — and Check is the one validator they all pass before the writer sees it. Until Check has
// run, the values are as written; after it, they are the ones the writer acts on and the
// template holds nothing Check refused.
type Template struct {
	File string `json:"file,omitempty"`
	// Mode is "crud" or "actions".
	Mode string `json:"mode"`
	// Name is accepted and, as in Policy Sentry, used nowhere.
	Name string `json:"name,omitempty"`
	// Effect is "Allow" (the default) or "Deny".
	Effect string `json:"effect"`

	// Levels holds the ARNs per access level, in Policy Sentry's processing order: read, write,
	// list, tagging, permissions-management. Levels with no ARN are left out.
	Levels []LevelARNs `json:"levels,omitempty"`
	// ActionsOn is iamforge's actions-on: exact actions on exact ARNs, beside (or instead of)
	// whole access levels, in the order written.
	ActionsOn []ARNActions `json:"actionsOn,omitempty"`
	// SingleActions is wildcard-only.single-actions.
	SingleActions []Item `json:"singleActions,omitempty"`
	// ServiceWildcards is wildcard-only.service-read, -write, -list, -tagging and
	// -permissions-management, in that order.
	ServiceWildcards        []LevelServices `json:"serviceWildcards,omitempty"`
	SkipResourceConstraints []Item          `json:"skipResourceConstraints,omitempty"`
	// ExcludeActions may hold globs ("kms:Delete*").
	ExcludeActions []Item `json:"excludeActions,omitempty"`
	// STS is sts.assume-role, assume-role-with-saml and assume-role-with-web-identity, in that
	// order.
	STS []STSRoles `json:"sts,omitempty"`

	// Actions is the actions-mode list.
	Actions []Item `json:"actions,omitempty"`

	// Conditions holds the whole-template block (Level == catalog.LevelUnknown) first, when there
	// is one, then the per-level blocks in the order of Levels.
	Conditions []ConditionBlock `json:"conditions,omitempty"`
	// Partition, Region and Account fill ${Partition}, ${Region} and ${Account} in ARN
	// templates; Value is empty when the key is absent.
	Partition Item `json:"partition,omitzero"`
	Region    Item `json:"region,omitzero"`
	Account   Item `json:"account,omitzero"`
	// DependentActions is "scoped" (the default: on the same resource where they can be, else
	// "*"), "wildcard" or "none".
	DependentActions string `json:"dependentActions"`

	// Keys says where each top-level key was written, for findings about a key as a whole: the
	// value of a single-valued key (mode, effect, dependent-actions), the key of a list. A front
	// door that has no such key (the builder's state) points at its own field.
	Keys map[string]*diag.Location `json:"-"`
}

// Item is one value as written (trimmed), and where.
type Item struct {
	Value string `json:"value"`
	// Loc has the file, line, column, template key ("read", "wildcard-only.single-actions") and,
	// for list items, the position in the list as written (skipped empty items count).
	Loc *diag.Location `json:"location,omitempty"`
}

// LevelARNs is one of read, write, list, tagging and permissions-management. A front door that
// names levels by value (the builder's state) may give one Check does not know: Level is then
// catalog.LevelUnknown and Key the name given.
type LevelARNs struct {
	Level catalog.AccessLevel `json:"level"`
	Key   string              `json:"key"`
	ARNs  []Item              `json:"arns"`
}

// ARNActions is one entry of actions-on: an ARN and the actions to grant on it.
type ARNActions struct {
	ARN     Item   `json:"arn"`
	Actions []Item `json:"actions"`
}

// LevelServices is one of wildcard-only's service-<level> lists (Level and Key as in
// LevelARNs).
type LevelServices struct {
	Level    catalog.AccessLevel `json:"level"`
	Key      string              `json:"key"`
	Services []Item              `json:"services"`
}

// STSRoles is one of sts's lists: the action it grants ("sts:AssumeRole") on the role ARNs.
type STSRoles struct {
	Action string `json:"action"`
	Key    string `json:"key"`
	Roles  []Item `json:"roles"`
}

// ConditionBlock is the conditions for the whole template (Level == catalog.LevelUnknown) or
// for the actions of one access level.
type ConditionBlock struct {
	Level catalog.AccessLevel `json:"level"`
	// LevelName is the level as a front door named it, when it named one Check does not know.
	LevelName  string         `json:"-"`
	Conditions []Condition    `json:"conditions"`
	Loc        *diag.Location `json:"location,omitempty"`
}

// Condition is one condition key under one operator.
type Condition struct {
	// Operator is as written: "StringEquals", "ForAnyValue:StringLike", "BoolIfExists".
	Operator string `json:"operator"`
	Key      string `json:"key"`
	// Values are the texts of the values as written: true, 42 and "x" become "true", "42", "x".
	Values []string       `json:"values"`
	Loc    *diag.Location `json:"location,omitempty"`
}

// Modes.
const (
	ModeCRUD    = "crud"
	ModeActions = "actions"
)

// Dependent-action choices.
const (
	DepsScoped   = "scoped"
	DepsWildcard = "wildcard"
	DepsNone     = "none"
)

// Limits on hostile input. A real template is a few kilobytes and a few hundred nodes.
const (
	// MaxSize is the largest template Parse reads, in bytes: room for 50,000 ARNs of a
	// realistic length (about 3 MB), well short of what would strain a browser tab.
	MaxSize = 4 << 20
	// MaxNodes bounds alias expansion ("billion laughs"): the walk charges each node it
	// reaches, again each time an alias leads to it, to a budget of MaxNodes plus the input's
	// length in bytes. No node takes less than a byte, so a template without aliases never
	// runs out, and one with them does within a bounded amount of work.
	MaxNodes = 200_000
	// maxMergeDepth bounds merge keys (<<) that merge mappings that merge mappings.
	maxMergeDepth = 16
	// maxJSONDepth matches the YAML parser's own nesting limit.
	maxJSONDepth = 10_000
)

// Parse reads a template in YAML or JSON and checks it: Read, then Check. It returns the
// template whenever one could be read, even with errors, and nil only when nothing usable could
// be (too large, binary, a syntax error, not a mapping, empty); the diagnostics then say why.
// Callers must not act on a template whose diagnostics hold an error. Diagnostics come sorted
// by line.
func Parse(name string, data []byte) (*Template, diag.List) {
	p := &parser{collector: collector{file: name}, data: data, budget: MaxNodes + len(data)}
	t := p.read()
	if t != nil {
		check(t, &p.collector)
	}
	return t, p.finish()
}

// Read reads a template's text into a Template as written, reporting what the text alone
// shows: syntax, types, unknown and duplicate keys, empty items, a missing mode. What the
// values say is Check's to judge, the same for every way in.
func Read(name string, data []byte) (*Template, diag.List) {
	p := &parser{collector: collector{file: name}, data: data, budget: MaxNodes + len(data)}
	t := p.read()
	return t, p.finish()
}

func (p *parser) read() (t *Template) {
	defer func() {
		// Neither the YAML reader nor this walk should panic, but a template must never bring
		// down the CLI or the browser tab; a panic here is a bug to report, not a crash.
		if r := recover(); r != nil {
			t = nil
			p.errorf(diag.InternalError, p.fileLoc(), "internal error reading the template (please report it): %v", r)
		}
	}()
	root := p.decode()
	if root == nil {
		return nil
	}
	return p.template(root)
}

// decode checks the raw input and parses it into a node tree; nil when there is nothing to walk.
func (p *parser) decode() *yamlite.Node {
	data := p.data
	if len(data) > MaxSize {
		p.errorf(diag.InputTooLarge, p.fileLoc(), "the template is %d bytes, over the limit of %d bytes (%d MiB)", len(data), MaxSize, MaxSize>>20)
		return nil
	}
	if off, what := findBinary(data); off >= 0 {
		l := p.offsetLoc(off)
		p.errorf(diag.BinaryInput, l, "byte offset %d: %s; a template is UTF-8 text (YAML or JSON)", off, what)
		return nil
	}
	var root *yamlite.Node
	if looksLikeJSON(data) {
		n, jerr := parseJSON(data)
		if jerr == nil {
			root = n
		} else {
			// JSON-like YAML ({mode: crud}, trailing commas) is still YAML: try that before
			// giving up, and report the error of the syntax the file claims to be in.
			yn, yerr := p.parseYAML()
			if yerr == nil {
				root = yn
			} else if strings.HasSuffix(strings.ToLower(p.file), ".json") {
				p.jsonError(jerr)
				return nil
			} else {
				p.yamlError(yerr)
				return nil
			}
		}
	} else {
		n, err := p.parseYAML()
		if err != nil {
			p.yamlError(err)
			return nil
		}
		root = n
	}
	if root == nil || root.Kind == yamlite.ScalarNode && root.Tag == "!!null" {
		p.errorf(diag.EmptyTemplate, p.fileLoc(), "the template is empty: it needs a mode and something to grant")
		return nil
	}
	if root.Kind == yamlite.AliasNode && root.Alias != nil {
		root = root.Alias
	}
	if root.Kind != yamlite.MappingNode {
		p.errorf(diag.InvalidType, p.loc(root, ""), "want a mapping of template keys (mode, read, write, ...), got %s", describe(root))
		return nil
	}
	return root
}

// parseYAML parses the first document, and reports a second one: Policy Sentry's loader refuses
// several documents, and silently reading only the first would drop what the others ask for.
func (p *parser) parseYAML() (*yamlite.Node, error) {
	doc, err := yamlite.Parse(p.data)
	var ye *yamlite.Error
	if errors.Is(err, yamlite.ErrSecondDocument) && errors.As(err, &ye) {
		p.errorf(diag.SyntaxError, &diag.Location{File: p.file, Line: ye.Line, Column: ye.Column},
			"a second YAML document starts here; a template is one document (remove the \"---\" line and what follows, or make it a template of its own)")
		err = nil
	}
	if err != nil {
		return nil, err
	}
	if doc == nil || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// yamlError turns a YAML syntax error into a diagnostic at its line and column.
func (p *parser) yamlError(err error) {
	var ye *yamlite.Error
	if !errors.As(err, &ye) {
		p.errorf(diag.SyntaxError, p.fileLoc(), "%v", err)
		return
	}
	p.errorf(diag.SyntaxError, &diag.Location{File: p.file, Line: ye.Line, Column: ye.Column}, "%s", ye.Err.Error())
}

// findBinary returns the offset of the first byte the YAML reader would refuse (NUL and other
// control characters, U+FFFE, U+FFFF) or that is not UTF-8, and what it is; -1 if none.
// Checking here gives the byte offset, and reports binary input as such rather than as a syntax
// error.
func findBinary(data []byte) (int, string) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return 0, "a UTF-16 byte-order mark; save the template as UTF-8"
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
				if c == 0 {
					return i, "a NUL byte"
				}
				return i, fmt.Sprintf("the control character %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i, fmt.Sprintf("the byte 0x%02X is not UTF-8", c)
		}
		if r >= 0x80 && r < 0xA0 && r != 0x85 || r == 0xFFFE || r == 0xFFFF {
			return i, fmt.Sprintf("the control character %U", r)
		}
		i += size
	}
	return -1, ""
}

// looksLikeJSON reports whether the first significant character opens a JSON object.
func looksLikeJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}

// fileLoc locates a finding about the whole file.
func (p *parser) fileLoc() *diag.Location { return &diag.Location{File: p.file} }

// offsetLoc turns a byte offset into a line and a column, counted as the YAML reader counts
// them: lines end at \n, \r\n, \r, NEL, LS or PS, and columns count characters.
func (p *parser) offsetLoc(off int) *diag.Location {
	line, col := lineCol(p.data, off)
	return &diag.Location{File: p.file, Line: line, Column: col}
}

func lineCol(data []byte, off int) (line, col int) {
	c := newCursor(data)
	c.advance(off)
	return c.line, c.col
}

// cursor converts increasing byte offsets into lines and columns in linear total time.
type cursor struct {
	data      []byte
	off       int
	line, col int
}

// next reports whether the bytes after the current one are rest.
func (c *cursor) next(rest ...byte) bool {
	return bytes.HasPrefix(c.data[c.off+1:], rest)
}

// newCursor starts past a byte-order mark, which the YAML reader does not count as a column.
func newCursor(data []byte) *cursor {
	c := &cursor{data: data, line: 1, col: 1}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		c.off = 3
	}
	return c
}

func (c *cursor) advance(to int) {
	to = min(to, len(c.data))
	for c.off < to {
		b := c.data[c.off]
		switch {
		case b == '\n':
			c.line, c.col = c.line+1, 1
		case b == '\r':
			if c.off+1 < len(c.data) && c.data[c.off+1] == '\n' {
				// \r\n is one break: count it at the \n.
			} else {
				c.line, c.col = c.line+1, 1
			}
		case b == 0xC2 && c.next(0x85), b == 0xE2 && (c.next(0x80, 0xA8) || c.next(0x80, 0xA9)):
			// NEL, LS and PS end lines too, for YAML.
			c.line, c.col = c.line+1, 1
		case b < utf8.RuneSelf || utf8.RuneStart(b):
			c.col++
		}
		c.off++
	}
}
