package yamlite

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
)

// The emitter writes what yaml.v3's encoder writes for the same tree, byte for byte, because
// golden files and users' diffs hold yaml.v3's output: the same indentation arithmetic, the
// same choice of scalar style, the same escapes. Only block style is written (an empty
// collection becomes [] or {}, as in yaml.v3), lines are never folded (yaml.v3's default), and
// trees go no deeper than MaxDepth, so the recursion is bounded.

// Encode writes n, a document node or the root of a tree, as block-style YAML whose
// indentation step is indent spaces (2 to 9). Scalars are written as their Style asks
// (DoubleQuotedStyle, SingleQuotedStyle, LiteralStyle) when YAML allows it; otherwise plain
// when that reads back the same, else quoted. A scalar tagged !!str (or untagged) whose text
// would read as another type ("true", "12", "2012-10-17", "") is double-quoted, so that it
// stays a string. Aliases, folded and flow styles, explicit tags other than those the text
// resolves to, and keys other than scalars are not supported.
func Encode(n *Node, indent int) ([]byte, error) {
	if indent < 2 || indent > 9 {
		return nil, fmt.Errorf("yamlite: indent %d: want 2 to 9 spaces", indent)
	}
	if n != nil && n.Kind == DocumentNode {
		if len(n.Content) != 1 {
			return nil, fmt.Errorf("yamlite: a document node to encode needs one root, not %d", len(n.Content))
		}
		n = n.Content[0]
	}
	if n == nil {
		return nil, errors.New("yamlite: nothing to encode")
	}
	e := &emitter{best: indent, indent: -1, whitespace: true, indention: true}
	if err := e.node(n, context{}, 0); err != nil {
		return nil, err
	}
	// End the document as yaml.v3 does: on a line of its own.
	e.writeIndent()
	return e.out, nil
}

// FromJSON turns a JSON document into block-style YAML indented by indent spaces (2 to 9),
// keeping the order of object keys. Numbers are written as the JSON has them. Strings are
// quoted as yaml.v3's Marshal quotes Go strings: also YAML 1.1's booleans (yes, on, off...)
// and sexagesimal numbers (1:20), which older YAML readers would take for something else.
func FromJSON(data []byte, indent int) ([]byte, error) {
	n, err := nodeFromJSON(data)
	if err != nil {
		return nil, err
	}
	return Encode(n, indent)
}

func nodeFromJSON(data []byte) (*Node, error) {
	src := string(data)
	nodes, end, err := jsonscan.Parse(src, 0, jsonscan.Options{MaxDepth: MaxDepth})
	if err != nil {
		if err.Deep {
			return nil, fmt.Errorf("yamlite: reading JSON: nesting deeper than %d levels", MaxDepth)
		}
		return nil, fmt.Errorf("yamlite: reading JSON: %w", err)
	}
	if jsonscan.SkipSpace(src, end) < len(src) {
		return nil, errors.New("yamlite: reading JSON: more than one value")
	}
	return jsonNode(nodes, 0), nil
}

// jsonNode makes the node of JSON node i; recursion is bounded by MaxDepth.
func jsonNode(nodes []jsonscan.Node, i int32) *Node {
	jn := &nodes[i]
	switch jn.Kind {
	case jsonscan.Object, jsonscan.Array:
		n := &Node{Kind: SequenceNode, Tag: seqTag}
		if jn.Kind == jsonscan.Object {
			n.Kind, n.Tag = MappingNode, mapTag
		}
		for c := jn.First; c >= 0; c = nodes[c].Next {
			if jn.Kind == jsonscan.Object {
				n.Content = append(n.Content, jsonString(nodes[c].Key))
			}
			n.Content = append(n.Content, jsonNode(nodes, c))
		}
		return n
	case jsonscan.String:
		return jsonString(jn.Text)
	}
	// A number as the JSON has it, true, false or null.
	return &Node{Kind: ScalarNode, Value: jn.Text}
}

// jsonString makes the node yaml.v3's Marshal makes of a Go string: plain if that reads back
// as the same string in YAML 1.2 and 1.1 alike, double-quoted if not, literal if multi-line.
func jsonString(s string) *Node {
	n := &Node{Kind: ScalarNode, Tag: strTag, Value: s}
	switch {
	case strings.Contains(s, "\n"):
		n.Style = LiteralStyle
	case resolve(s) != strTag || isBase60Float(s) || isOldBool(s):
		n.Style = DoubleQuotedStyle
	}
	return n
}

type emitter struct {
	out    []byte
	best   int // the indentation step
	indent int // the current indentation; -1 before the root
	column int
	// whitespace: the last character written was white space (or none was written yet).
	// indention: the line holds only indentation so far.
	whitespace, indention bool
}

// context is where a node is written.
type context struct {
	// item: the node is a block sequence's item; key: a mapping's simple key.
	item, key bool
}

func (e *emitter) put(c byte) {
	e.out = append(e.out, c)
	e.column++
}

func (e *emitter) putBreak() {
	e.out = append(e.out, '\n')
	e.column = 0
	e.indention = true
}

// write copies the character at s[i] and returns the index past it.
func (e *emitter) write(s string, i int) int {
	w := width(s[i])
	e.out = append(e.out, s[i:i+w]...)
	e.column++
	return i + w
}

// writeBreak copies the line break at s[i], as '\n' if it is one.
func (e *emitter) writeBreak(s string, i int) int {
	if s[i] == '\n' {
		e.putBreak()
		return i + 1
	}
	i = e.write(s, i)
	e.column = 0
	e.indention = true
	return i
}

func (e *emitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || e.column == indent && !e.whitespace {
		e.putBreak()
	}
	for e.column < indent {
		e.put(' ')
	}
	e.whitespace = true
}

func (e *emitter) writeIndicator(s string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !e.whitespace {
		e.put(' ')
	}
	e.out = append(e.out, s...)
	e.column += len(s)
	e.whitespace = isWhitespace
	e.indention = e.indention && isIndention
}

// increaseIndent is yaml.v3's arithmetic: a sequence item's content is indented past its
// "- ", anything else to the next multiple of the step.
func (e *emitter) increaseIndent(flow, item bool) {
	switch {
	case e.indent < 0 && flow:
		e.indent = e.best
	case e.indent < 0:
		e.indent = 0
	case item:
		e.indent += 2
	default:
		e.indent = e.best * ((e.indent + e.best) / e.best)
	}
}

func (e *emitter) node(n *Node, ctx context, depth int) error {
	if depth > MaxDepth {
		return fmt.Errorf("yamlite: the tree nests deeper than %d levels", MaxDepth)
	}
	if n == nil {
		return errors.New("yamlite: a nil node")
	}
	switch n.Kind {
	case ScalarNode:
		return e.scalar(n, ctx)
	case SequenceNode, MappingNode:
		if n.Style&FlowStyle != 0 {
			return errors.New("yamlite: flow style is not supported")
		}
		if err := checkTag(n); err != nil {
			return err
		}
		if n.Kind == MappingNode && len(n.Content)%2 != 0 {
			return fmt.Errorf("yamlite: a mapping node with %d children", len(n.Content))
		}
		if len(n.Content) == 0 {
			// Written in flow style, as yaml.v3 writes an empty collection.
			open, close := "[", "]"
			if n.Kind == MappingNode {
				open, close = "{", "}"
			}
			e.writeIndicator(open, true, true, false)
			e.writeIndicator(close, false, false, false)
			return nil
		}
		saved := e.indent
		e.increaseIndent(false, ctx.item)
		var err error
		if n.Kind == SequenceNode {
			err = e.sequence(n, depth)
		} else {
			err = e.mapping(n, depth)
		}
		e.indent = saved
		return err
	}
	return fmt.Errorf("yamlite: cannot encode a %v node", n.Kind)
}

func (e *emitter) sequence(n *Node, depth int) error {
	for _, item := range n.Content {
		e.writeIndent()
		e.writeIndicator("-", true, false, true)
		if err := e.node(item, context{item: true}, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (e *emitter) mapping(n *Node, depth int) error {
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k == nil || k.Kind != ScalarNode {
			return errors.New("yamlite: mapping keys must be scalars")
		}
		e.writeIndent()
		// A key goes on the line of its ':' when it is short and on one line; otherwise it
		// is written after "? ", and its value after ": " on the next line.
		if !strings.ContainsAny(k.Value, "\n\r\u0085\u2028\u2029") && len(k.Value) <= 128 {
			if err := e.scalar(k, context{key: true}); err != nil {
				return err
			}
			e.writeIndicator(":", false, false, false)
		} else {
			e.writeIndicator("?", true, false, true)
			if err := e.scalar(k, context{}); err != nil {
				return err
			}
			e.writeIndent()
			e.writeIndicator(":", true, false, true)
		}
		if err := e.node(v, context{}, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// checkTag refuses a tag that would have to be written out.
func checkTag(n *Node) error {
	want := ""
	switch n.Kind {
	case MappingNode:
		want = mapTag
	case SequenceNode:
		want = seqTag
	}
	if n.Tag != "" && shortTag(n.Tag) != want {
		return fmt.Errorf("yamlite: cannot write the tag %s", n.Tag)
	}
	return nil
}

type scalarStyle uint8

const (
	plainStyle scalarStyle = iota
	singleStyle
	doubleStyle
	literalStyle
)

func (e *emitter) scalar(n *Node, ctx context) error {
	value := n.Value
	if !utf8.ValidString(value) {
		return fmt.Errorf("yamlite: the scalar %q is not UTF-8", clip(value))
	}
	// The style asked for, as yaml.v3's encoder chooses it for a node.
	force := false
	if tag := shortTag(n.Tag); tag != "" {
		switch {
		case tag == strTag && n.Style&(DoubleQuotedStyle|SingleQuotedStyle|LiteralStyle|FoldedStyle) != 0:
		case resolve(value) == tag:
		case tag == strTag:
			force = true
		default:
			return fmt.Errorf("yamlite: cannot write %q tagged %s", clip(value), n.Tag)
		}
	}
	style := plainStyle
	switch {
	case n.Style&DoubleQuotedStyle != 0:
		style = doubleStyle
	case n.Style&SingleQuotedStyle != 0:
		style = singleStyle
	case n.Style&LiteralStyle != 0:
		style = literalStyle
	case n.Style&FoldedStyle != 0:
		return errors.New("yamlite: folded style is not supported")
	case strings.Contains(value, "\n"):
		style = literalStyle
	case force:
		style = doubleStyle
	}

	// The style YAML allows for this text here.
	a := analyze(value)
	if ctx.key && a.multiline {
		style = doubleStyle
	}
	if style == plainStyle && (!a.blockPlain || value == "" && ctx.key) {
		style = singleStyle
	}
	if style == singleStyle && !a.singleQuoted {
		style = doubleStyle
	}
	if style == literalStyle && (!a.block || ctx.key) {
		style = doubleStyle
	}

	saved := e.indent
	e.increaseIndent(true, ctx.item)
	switch style {
	case plainStyle:
		e.writePlain(value)
	case singleStyle:
		e.writeSingleQuoted(value)
	case doubleStyle:
		e.writeDoubleQuoted(value)
	case literalStyle:
		e.writeLiteral(value)
	}
	e.indent = saved
	return nil
}

// analysis is what a scalar's text allows, as yaml.v3's emitter works it out.
type analysis struct {
	multiline                       bool
	blockPlain, singleQuoted, block bool
}

// Character classes at byte i of s, as yaml.v3's emitter defines them; s is valid UTF-8, so
// the bytes a multi-byte test reads are there.

func isSpace(s string, i int) bool { return s[i] == ' ' }
func isBlank(s string, i int) bool { return s[i] == ' ' || s[i] == '\t' }

func isBreak(s string, i int) bool {
	return s[i] == '\r' || s[i] == '\n' ||
		s[i] == 0xC2 && s[i+1] == 0x85 ||
		s[i] == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)
}

func isBlankZ(s string, i int) bool { return isBlank(s, i) || isBreak(s, i) || s[i] == 0 }

// isPrintable is YAML's printable set, as yaml.v3 tests it: it leaves out U+FEFF, and every
// character past U+FFFF.
func isPrintable(s string, i int) bool {
	b := s[i]
	return b == 0x0A || b >= 0x20 && b <= 0x7E ||
		b == 0xC2 && s[i+1] >= 0xA0 || b > 0xC2 && b < 0xED ||
		b == 0xED && s[i+1] < 0xA0 || b == 0xEE ||
		b == 0xEF && !(s[i+1] == 0xBB && s[i+2] == 0xBF) && !(s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF))
}

func analyze(s string) analysis {
	if s == "" {
		return analysis{blockPlain: true, singleQuoted: true}
	}
	var blockIndicators, lineBreaks, specialCharacters, tabs bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	var previousSpace, previousBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockIndicators = true
	}
	precededByWhitespace := true
	for i, w := 0, 0; i < len(s); i += w {
		w = width(s[i])
		followedByWhitespace := i+w >= len(s) || isBlank(s, i+w)
		c := s[i]
		if i == 0 {
			switch c {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				blockIndicators = true
			case '?', ':', '-':
				if followedByWhitespace {
					blockIndicators = true
				}
			}
		} else {
			switch c {
			case ':':
				if followedByWhitespace {
					blockIndicators = true
				}
			case '#':
				if precededByWhitespace {
					blockIndicators = true
				}
			}
		}
		if c == '\t' {
			tabs = true
		} else if !isPrintable(s, i) {
			specialCharacters = true
		}
		switch {
		case isSpace(s, i):
			leadingSpace = leadingSpace || i == 0
			trailingSpace = i+w == len(s)
			breakSpace = breakSpace || previousBreak
			previousSpace, previousBreak = true, false
		case isBreak(s, i):
			lineBreaks = true
			leadingBreak = leadingBreak || i == 0
			trailingBreak = i+w == len(s)
			spaceBreak = spaceBreak || previousSpace
			previousSpace, previousBreak = false, true
		default:
			previousSpace, previousBreak = false, false
		}
		precededByWhitespace = isBlankZ(s, i)
	}
	a := analysis{multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || blockIndicators {
		a.blockPlain = false
	}
	if trailingSpace {
		a.block = false
	}
	if breakSpace || spaceBreak || tabs || specialCharacters {
		a.blockPlain, a.singleQuoted = false, false
	}
	if spaceBreak || specialCharacters {
		a.block = false
	}
	return a
}

func (e *emitter) writePlain(s string) {
	if s != "" && !e.whitespace {
		e.put(' ')
	}
	for i := 0; i < len(s); {
		i = e.write(s, i)
	}
	if s != "" {
		e.whitespace = false
	}
	e.indention = false
}

func (e *emitter) writeSingleQuoted(s string) {
	e.writeIndicator("'", true, false, false)
	breaks := false
	for i := 0; i < len(s); {
		switch {
		case isSpace(s, i):
			i = e.write(s, i)
		case isBreak(s, i):
			if !breaks && s[i] == '\n' {
				e.putBreak()
			}
			i = e.writeBreak(s, i)
			breaks = true
		default:
			if breaks {
				e.writeIndent()
			}
			if s[i] == '\'' {
				e.put('\'')
			}
			i = e.write(s, i)
			e.indention = false
			breaks = false
		}
	}
	e.writeIndicator("'", false, false, false)
	e.whitespace = false
	e.indention = false
}

func (e *emitter) writeDoubleQuoted(s string) {
	e.writeIndicator(`"`, true, false, false)
	// yaml.v3 escapes every character of a string that starts with a byte-order mark: its
	// test for one looks at the start of the string wherever it is asked about.
	bom := strings.HasPrefix(s, "\uFEFF")
	for i := 0; i < len(s); {
		c := s[i]
		if !isPrintable(s, i) || bom || isBreak(s, i) || c == '"' || c == '\\' {
			r, w := utf8.DecodeRuneInString(s[i:])
			i += w
			e.put('\\')
			switch r {
			case 0:
				e.put('0')
			case '\a':
				e.put('a')
			case '\b':
				e.put('b')
			case '\t':
				e.put('t')
			case '\n':
				e.put('n')
			case '\v':
				e.put('v')
			case '\f':
				e.put('f')
			case '\r':
				e.put('r')
			case 0x1B:
				e.put('e')
			case '"':
				e.put('"')
			case '\\':
				e.put('\\')
			case 0x85:
				e.put('N')
			case 0xA0:
				e.put('_')
			case 0x2028:
				e.put('L')
			case 0x2029:
				e.put('P')
			default:
				digits := 8
				switch {
				case r <= 0xFF:
					e.put('x')
					digits = 2
				case r <= 0xFFFF:
					e.put('u')
					digits = 4
				default:
					e.put('U')
				}
				for k := (digits - 1) * 4; k >= 0; k -= 4 {
					e.put("0123456789ABCDEF"[r>>k&0xF])
				}
			}
			continue
		}
		i = e.write(s, i)
	}
	e.writeIndicator(`"`, false, false, false)
	e.whitespace = false
	e.indention = false
}

func (e *emitter) writeLiteral(s string) {
	e.writeIndicator("|", true, false, false)
	// An indentation indicator when the text starts with a space or a break, and the
	// chomping indicator that gives back its trailing line breaks.
	if s != "" && (isSpace(s, 0) || isBreak(s, 0)) {
		e.writeIndicator(string(rune('0'+e.best)), false, false, false)
	}
	chomp := ""
	if s == "" {
		chomp = "-"
	} else {
		i := len(s) - 1
		for s[i]&0xC0 == 0x80 {
			i--
		}
		switch {
		case !isBreak(s, i):
			chomp = "-"
		case i == 0:
			chomp = "+"
		default:
			i--
			for s[i]&0xC0 == 0x80 {
				i--
			}
			if isBreak(s, i) {
				chomp = "+"
			}
		}
	}
	if chomp != "" {
		e.writeIndicator(chomp, false, false, false)
	}
	e.putBreak()
	e.whitespace = true
	breaks := true
	for i := 0; i < len(s); {
		if isBreak(s, i) {
			i = e.writeBreak(s, i)
			breaks = true
			continue
		}
		if breaks {
			e.writeIndent()
		}
		i = e.write(s, i)
		e.indention = false
		breaks = false
	}
}
