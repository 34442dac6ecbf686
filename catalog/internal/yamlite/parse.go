package yamlite

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// The parser is libyaml's state machine, and so yaml.v3's: tokens in, events out, with the
// states of the collections being read on a stack rather than the Go stack. Events become
// nodes on another explicit stack, so no input nests the Go stack.

type eventType uint8

const (
	evStreamEnd eventType = iota + 1
	evDocumentStart
	evDocumentEnd
	evAlias
	evScalar
	evSequenceStart
	evSequenceEnd
	evMappingStart
	evMappingEnd
)

type event struct {
	typ   eventType
	start mark
	// anchor is an alias's name, or the anchor set on a node.
	anchor string
	// tag is the tag as resolved from its handle; "" when none was given.
	tag   string
	value string
	// style is a scalar's style (0 for plain), or FlowStyle for a flow collection.
	style Style
}

type state uint8

const (
	stStreamStart state = iota
	stImplicitDocumentStart
	stDocumentStart
	stDocumentContent
	stDocumentEnd
	stBlockNode
	stBlockNodeOrIndentlessSequence
	stFlowNode
	stBlockSequenceFirstEntry
	stBlockSequenceEntry
	stIndentlessSequenceEntry
	stBlockMappingFirstKey
	stBlockMappingKey
	stBlockMappingValue
	stFlowSequenceFirstEntry
	stFlowSequenceEntry
	stFlowSequenceEntryMappingKey
	stFlowSequenceEntryMappingValue
	stFlowSequenceEntryMappingEnd
	stFlowMappingFirstKey
	stFlowMappingKey
	stFlowMappingValue
	stFlowMappingEmptyValue
	stEnd
)

type parser struct {
	s      *scanner
	state  state
	states []state
	// marks are where the collections being read started, for error messages.
	marks   []mark
	anchors map[string]*Node
	// endedWithMarker is set when the last document ended with "...".
	endedWithMarker bool
}

// Parse reads the first YAML document of data. It returns nil and no error when data holds no
// document at all (nothing, or only comments). When a second document follows the first, it
// returns the first and an *Error wrapping ErrSecondDocument, placed at the second's "---"; a
// syntax error in the second document is returned instead, without the first.
func Parse(data []byte) (*Node, error) {
	start, err := checkInput(data)
	if err != nil {
		return nil, err
	}
	p := &parser{s: newScanner(data, start), anchors: map[string]*Node{}}
	doc, err := p.document()
	if err != nil || doc == nil {
		return nil, err
	}
	next, err := p.document()
	if err != nil {
		return nil, err
	}
	if next != nil {
		return doc, newError(next.Line, next.Column, ErrSecondDocument)
	}
	return doc, nil
}

// checkInput refuses what yaml.v3's reader refuses: other encodings than UTF-8, invalid UTF-8,
// and control characters. It returns where the text starts: past a byte-order mark, which
// takes no column.
func checkInput(data []byte) (int, error) {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return 0, newError(1, 1, errors.New("the input is UTF-16; YAML is read here as UTF-8 only"))
	}
	start := 0
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		start = 3
	}
	for i := start; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
				return 0, errorAtOffset(data, start, i, fmt.Sprintf("the control character U+%04X is not allowed", c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return 0, errorAtOffset(data, start, i, fmt.Sprintf("the byte 0x%02X is not UTF-8", c))
		}
		if r < 0xA0 && r != 0x85 || r == 0xFFFE || r == 0xFFFF {
			return 0, errorAtOffset(data, start, i, fmt.Sprintf("the control character U+%04X is not allowed", r))
		}
		i += n
	}
	return start, nil
}

// errorAtOffset places an error at a byte offset, counting lines and columns as the scanner
// does. Only the error path pays for the scan.
func errorAtOffset(data []byte, start, off int, msg string) *Error {
	s := newScanner(data[:off], start)
	for !s.isZ(s.pos) {
		if s.isBreak(s.pos) {
			s.skipLine()
		} else {
			s.skip()
		}
	}
	return newError(s.mark.line+1, s.mark.column+1, errors.New(msg))
}

// document builds the next document's node tree; nil at the end of the stream.
func (p *parser) document() (*Node, error) {
	ev, err := p.next()
	if err != nil || ev.typ == evStreamEnd {
		return nil, err
	}
	doc := &Node{Kind: DocumentNode, Line: ev.start.line + 1, Column: ev.start.column + 1}
	stack := []*Node{doc}
	for {
		ev, err := p.next()
		if err != nil {
			return nil, err
		}
		var n *Node
		switch ev.typ {
		case evDocumentEnd:
			return doc, nil
		case evSequenceEnd, evMappingEnd:
			stack = stack[:len(stack)-1]
			continue
		case evAlias:
			n = p.node(ev, AliasNode, "")
			n.Value = ev.anchor
			if n.Alias = p.anchors[ev.anchor]; n.Alias == nil {
				name := clip(ev.anchor)
				return nil, errorAt(ev.start, "unknown anchor %q: *%s refers to no &%s before it", name, name, name)
			}
		case evScalar:
			defaultTag := strTag
			if ev.style == 0 {
				defaultTag = ""
				if ev.value == "<<" {
					defaultTag = mergeTag
				}
			}
			n = p.node(ev, ScalarNode, defaultTag)
			n.Style |= ev.style
		case evSequenceStart:
			n = p.node(ev, SequenceNode, seqTag)
			n.Style |= ev.style
		case evMappingStart:
			n = p.node(ev, MappingNode, mapTag)
			n.Style |= ev.style
		}
		parent := stack[len(stack)-1]
		parent.Content = append(parent.Content, n)
		if n.Kind == SequenceNode || n.Kind == MappingNode {
			stack = append(stack, n)
		}
	}
}

// node makes a node of an event, tagged as yaml.v3 tags it, and records its anchor: before its
// content is read, so that an alias inside may refer to it.
func (p *parser) node(ev event, kind Kind, defaultTag string) *Node {
	n := &Node{Kind: kind, Line: ev.start.line + 1, Column: ev.start.column + 1}
	switch {
	case kind == AliasNode:
	case ev.tag != "" && ev.tag != "!":
		n.Tag, n.Style = shortTag(ev.tag), TaggedStyle
	case defaultTag != "":
		n.Tag = defaultTag
	case kind == ScalarNode:
		n.Tag = resolve(ev.value)
	}
	if kind == ScalarNode {
		n.Value = ev.value
	}
	if kind != AliasNode && ev.anchor != "" {
		n.Anchor = ev.anchor
		p.anchors[ev.anchor] = n
	}
	return n
}

func (p *parser) peek() (*token, error) { return p.s.peekToken() }

func (p *parser) skip() { p.s.skipToken() }

func (p *parser) push(st state) { p.states = append(p.states, st) }

func (p *parser) pop() {
	p.state = p.states[len(p.states)-1]
	p.states = p.states[:len(p.states)-1]
}

func (p *parser) pushMark(m mark) { p.marks = append(p.marks, m) }

func (p *parser) popMark() mark {
	m := p.marks[len(p.marks)-1]
	p.marks = p.marks[:len(p.marks)-1]
	return m
}

func emptyScalar(m mark) event { return event{typ: evScalar, start: m} }

// next returns the next event.
func (p *parser) next() (event, error) {
	switch p.state {
	case stStreamStart:
		if _, err := p.peek(); err != nil {
			return event{}, err
		}
		p.skip() // STREAM-START
		return p.documentStart(true)
	case stImplicitDocumentStart:
		return p.documentStart(true)
	case stDocumentStart:
		return p.documentStart(false)
	case stDocumentContent:
		return p.documentContent()
	case stDocumentEnd:
		return p.documentEnd()
	case stBlockNode:
		return p.parseNode(true, false)
	case stBlockNodeOrIndentlessSequence:
		return p.parseNode(true, true)
	case stFlowNode:
		return p.parseNode(false, false)
	case stBlockSequenceFirstEntry:
		return p.blockSequenceEntry(true)
	case stBlockSequenceEntry:
		return p.blockSequenceEntry(false)
	case stIndentlessSequenceEntry:
		return p.indentlessSequenceEntry()
	case stBlockMappingFirstKey:
		return p.blockMappingKey(true)
	case stBlockMappingKey:
		return p.blockMappingKey(false)
	case stBlockMappingValue:
		return p.blockMappingValue()
	case stFlowSequenceFirstEntry:
		return p.flowSequenceEntry(true)
	case stFlowSequenceEntry:
		return p.flowSequenceEntry(false)
	case stFlowSequenceEntryMappingKey:
		return p.flowSequenceEntryMappingKey()
	case stFlowSequenceEntryMappingValue:
		return p.flowSequenceEntryMappingValue()
	case stFlowSequenceEntryMappingEnd:
		return p.flowSequenceEntryMappingEnd()
	case stFlowMappingFirstKey:
		return p.flowMappingKey(true)
	case stFlowMappingKey:
		return p.flowMappingKey(false)
	case stFlowMappingValue:
		return p.flowMappingValue(false)
	case stFlowMappingEmptyValue:
		return p.flowMappingValue(true)
	}
	return event{typ: evStreamEnd}, nil
}

// describe names a token for an error message.
func describe(t *token) string {
	switch t.typ {
	case tStreamEnd:
		return "the end of the input"
	case tDocumentStart:
		return "'---'"
	case tDocumentEnd:
		return "'...'"
	case tBlockSequenceStart, tBlockEntry:
		return "'-'"
	case tBlockMappingStart:
		return "a mapping key"
	case tBlockEnd:
		return "a line indented less"
	case tFlowSequenceStart:
		return "'['"
	case tFlowSequenceEnd:
		return "']'"
	case tFlowMappingStart:
		return "'{'"
	case tFlowMappingEnd:
		return "'}'"
	case tFlowEntry:
		return "','"
	case tKey:
		if t.start == t.end {
			return "a mapping key" // a key with no '?', found at its ':'
		}
		return "'?'"
	case tValue:
		return "':'"
	case tAlias:
		return "the alias *" + clip(t.value)
	case tAnchor:
		return "the anchor &" + clip(t.value)
	case tTag:
		return "a tag"
	case tScalar:
		return fmt.Sprintf("%q", clip(t.value))
	}
	return "a token"
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

func at(m mark) string { return fmt.Sprintf("line %d, column %d", m.line+1, m.column+1) }

func (p *parser) documentStart(implicit bool) (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if !implicit {
		// Extra "..." markers.
		for t.typ == tDocumentEnd {
			p.skip()
			if t, err = p.peek(); err != nil {
				return event{}, err
			}
		}
	}
	switch {
	case implicit && t.typ != tDocumentStart && t.typ != tStreamEnd:
		// A document without "---".
		p.push(stDocumentEnd)
		p.state = stBlockNode
		return event{typ: evDocumentStart, start: t.start}, nil
	case t.typ == tDocumentStart:
		p.push(stDocumentEnd)
		p.state = stDocumentContent
		p.skip()
		return event{typ: evDocumentStart, start: t.start}, nil
	case t.typ == tStreamEnd:
		p.state = stEnd
		p.skip()
		return event{typ: evStreamEnd, start: t.start}, nil
	}
	if p.endedWithMarker {
		return event{}, errorAt(t.start, "expected '---' to start another document after '...', found %s", describe(t))
	}
	return event{}, errorAt(t.start, "expected the end of the document after its root value, found %s", describe(t))
}

func (p *parser) documentContent() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	switch t.typ {
	case tDocumentStart, tDocumentEnd, tStreamEnd:
		p.pop()
		return emptyScalar(t.start), nil
	}
	return p.parseNode(true, false)
}

func (p *parser) documentEnd() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	start := t.start
	p.endedWithMarker = t.typ == tDocumentEnd
	if p.endedWithMarker {
		p.skip()
	}
	p.state = stDocumentStart
	return event{typ: evDocumentEnd, start: start}, nil
}

// parseNode reads a node: an alias, or properties (anchor, tag) and content.
func (p *parser) parseNode(block, indentlessSequence bool) (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ == tAlias {
		p.pop()
		ev := event{typ: evAlias, start: t.start, anchor: t.value}
		p.skip()
		return ev, nil
	}

	// Properties: an anchor, a tag, or both in either order.
	start := t.start
	var anchor, handle, suffix string
	var tagMark mark
	hasTag := false
	takeAnchor := func() error {
		anchor = t.value
		p.skip()
		t, err = p.peek()
		return err
	}
	takeTag := func() error {
		hasTag, handle, suffix, tagMark = true, t.value, t.suffix, t.start
		p.skip()
		t, err = p.peek()
		return err
	}
	if t.typ == tAnchor {
		if err := takeAnchor(); err != nil {
			return event{}, err
		}
		if t.typ == tTag {
			if err := takeTag(); err != nil {
				return event{}, err
			}
		}
	} else if t.typ == tTag {
		if err := takeTag(); err != nil {
			return event{}, err
		}
		if t.typ == tAnchor {
			if err := takeAnchor(); err != nil {
				return event{}, err
			}
		}
	}

	var tag string
	if hasTag {
		switch handle {
		case "":
			tag = suffix
		case "!":
			tag = "!" + suffix
		case "!!":
			tag = longTagPrefix + suffix
		default:
			return event{}, errorAt(tagMark, "the tag handle %s is not defined (%%TAG directives are not supported)", clip(handle))
		}
	}

	switch {
	case indentlessSequence && t.typ == tBlockEntry:
		p.state = stIndentlessSequenceEntry
		return event{typ: evSequenceStart, start: start, anchor: anchor, tag: tag}, nil
	case t.typ == tScalar:
		p.pop()
		ev := event{typ: evScalar, start: start, anchor: anchor, tag: tag, value: t.value, style: t.style}
		p.skip()
		return ev, nil
	case t.typ == tFlowSequenceStart:
		p.state = stFlowSequenceFirstEntry
		return event{typ: evSequenceStart, start: start, anchor: anchor, tag: tag, style: FlowStyle}, nil
	case t.typ == tFlowMappingStart:
		p.state = stFlowMappingFirstKey
		return event{typ: evMappingStart, start: start, anchor: anchor, tag: tag, style: FlowStyle}, nil
	case block && t.typ == tBlockSequenceStart:
		p.state = stBlockSequenceFirstEntry
		return event{typ: evSequenceStart, start: start, anchor: anchor, tag: tag}, nil
	case block && t.typ == tBlockMappingStart:
		p.state = stBlockMappingFirstKey
		return event{typ: evMappingStart, start: start, anchor: anchor, tag: tag}, nil
	case anchor != "" || hasTag:
		// Properties with no content: an empty scalar.
		p.pop()
		return event{typ: evScalar, start: start, anchor: anchor, tag: tag}, nil
	}
	if !block && (t.typ == tBlockEntry || t.typ == tBlockSequenceStart) {
		return event{}, errorAt(t.start, "expected a value, found '-': a list inside [ ] or { } is written [a, b]")
	}
	return event{}, errorAt(t.start, "expected a value, found %s", describe(t))
}

func (p *parser) blockSequenceEntry(first bool) (event, error) {
	if first {
		t, err := p.peek()
		if err != nil {
			return event{}, err
		}
		p.pushMark(t.start)
		p.skip()
	}
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	switch t.typ {
	case tBlockEntry:
		m := t.end
		p.skip()
		if t, err = p.peek(); err != nil {
			return event{}, err
		}
		if t.typ != tBlockEntry && t.typ != tBlockEnd {
			p.push(stBlockSequenceEntry)
			return p.parseNode(true, false)
		}
		p.state = stBlockSequenceEntry
		return emptyScalar(m), nil
	case tBlockEnd:
		p.pop()
		p.popMark()
		p.skip()
		return event{typ: evSequenceEnd, start: t.start}, nil
	}
	m := p.popMark()
	return event{}, errorAt(t.start, "expected a list item ('-'), found %s; check the indentation (this list's items are at column %d)", describe(t), m.column+1)
}

func (p *parser) indentlessSequenceEntry() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ == tBlockEntry {
		m := t.end
		p.skip()
		if t, err = p.peek(); err != nil {
			return event{}, err
		}
		if t.typ != tBlockEntry && t.typ != tKey && t.typ != tValue && t.typ != tBlockEnd {
			p.push(stIndentlessSequenceEntry)
			return p.parseNode(true, false)
		}
		p.state = stIndentlessSequenceEntry
		return emptyScalar(m), nil
	}
	p.pop()
	return event{typ: evSequenceEnd, start: t.start}, nil
}

func (p *parser) blockMappingKey(first bool) (event, error) {
	if first {
		t, err := p.peek()
		if err != nil {
			return event{}, err
		}
		p.pushMark(t.start)
		p.skip()
	}
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	switch t.typ {
	case tKey:
		m := t.end
		p.skip()
		if t, err = p.peek(); err != nil {
			return event{}, err
		}
		if t.typ != tKey && t.typ != tValue && t.typ != tBlockEnd {
			p.push(stBlockMappingValue)
			return p.parseNode(true, true)
		}
		p.state = stBlockMappingValue
		return emptyScalar(m), nil
	case tBlockEnd:
		p.pop()
		p.popMark()
		p.skip()
		return event{typ: evMappingEnd, start: t.start}, nil
	}
	m := p.popMark()
	return event{}, errorAt(t.start, "expected a mapping key, found %s; check the indentation (this mapping's keys are at column %d)", describe(t), m.column+1)
}

func (p *parser) blockMappingValue() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ == tValue {
		m := t.end
		p.skip()
		if t, err = p.peek(); err != nil {
			return event{}, err
		}
		if t.typ != tKey && t.typ != tValue && t.typ != tBlockEnd {
			p.push(stBlockMappingKey)
			return p.parseNode(true, true)
		}
		p.state = stBlockMappingKey
		return emptyScalar(m), nil
	}
	if t.typ == tBlockEnd {
		// Where a block mapping ends after a "? key" with no ": value", yaml.v3 places the
		// null value by its comment bookkeeping, which is not worth copying for a form no
		// template uses; the encoder always writes the ':'.
		return event{}, errorAt(t.start, "a \"? key\" needs a \": value\" line after it (leave the value empty for null)")
	}
	p.state = stBlockMappingKey
	return emptyScalar(t.start), nil
}

func (p *parser) flowSequenceEntry(first bool) (event, error) {
	if first {
		t, err := p.peek()
		if err != nil {
			return event{}, err
		}
		p.pushMark(t.start)
		p.skip()
	}
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ != tFlowSequenceEnd {
		if !first {
			if t.typ != tFlowEntry {
				m := p.popMark()
				return event{}, errorAt(t.start, "expected ',' or ']' in the list started at %s, found %s", at(m), describe(t))
			}
			p.skip()
			if t, err = p.peek(); err != nil {
				return event{}, err
			}
		}
		if t.typ == tKey {
			// A single-pair mapping: [a: b].
			p.state = stFlowSequenceEntryMappingKey
			ev := event{typ: evMappingStart, start: t.start, style: FlowStyle}
			p.skip()
			return ev, nil
		}
		if t.typ != tFlowSequenceEnd {
			p.push(stFlowSequenceEntry)
			return p.parseNode(false, false)
		}
	}
	p.pop()
	p.popMark()
	p.skip()
	return event{typ: evSequenceEnd, start: t.start}, nil
}

func (p *parser) flowSequenceEntryMappingKey() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ != tValue && t.typ != tFlowEntry && t.typ != tFlowSequenceEnd {
		p.push(stFlowSequenceEntryMappingValue)
		return p.parseNode(false, false)
	}
	m := t.end
	p.skip()
	p.state = stFlowSequenceEntryMappingValue
	return emptyScalar(m), nil
}

func (p *parser) flowSequenceEntryMappingValue() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	// An empty value is placed where yaml.v3 places it: at the ':' when there is one.
	m := t.start
	if t.typ == tValue {
		p.skip()
		next, err := p.peek()
		if err != nil {
			return event{}, err
		}
		if next.typ != tFlowEntry && next.typ != tFlowSequenceEnd {
			p.push(stFlowSequenceEntryMappingEnd)
			return p.parseNode(false, false)
		}
	}
	p.state = stFlowSequenceEntryMappingEnd
	return emptyScalar(m), nil
}

func (p *parser) flowSequenceEntryMappingEnd() (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	p.state = stFlowSequenceEntry
	return event{typ: evMappingEnd, start: t.start}, nil
}

func (p *parser) flowMappingKey(first bool) (event, error) {
	if first {
		t, err := p.peek()
		if err != nil {
			return event{}, err
		}
		p.pushMark(t.start)
		p.skip()
	}
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if t.typ != tFlowMappingEnd {
		if !first {
			if t.typ != tFlowEntry {
				m := p.popMark()
				return event{}, errorAt(t.start, "expected ',' or '}' in the mapping started at %s, found %s", at(m), describe(t))
			}
			p.skip()
			if t, err = p.peek(); err != nil {
				return event{}, err
			}
		}
		if t.typ == tKey {
			p.skip()
			if t, err = p.peek(); err != nil {
				return event{}, err
			}
			if t.typ != tValue && t.typ != tFlowEntry && t.typ != tFlowMappingEnd {
				p.push(stFlowMappingValue)
				return p.parseNode(false, false)
			}
			p.state = stFlowMappingValue
			return emptyScalar(t.start), nil
		}
		if t.typ != tFlowMappingEnd {
			p.push(stFlowMappingEmptyValue)
			return p.parseNode(false, false)
		}
	}
	p.pop()
	p.popMark()
	p.skip()
	return event{typ: evMappingEnd, start: t.start}, nil
}

func (p *parser) flowMappingValue(empty bool) (event, error) {
	t, err := p.peek()
	if err != nil {
		return event{}, err
	}
	if empty {
		p.state = stFlowMappingKey
		return emptyScalar(t.start), nil
	}
	if t.typ == tValue {
		p.skip()
		if t, err = p.peek(); err != nil {
			return event{}, err
		}
		if t.typ != tFlowEntry && t.typ != tFlowMappingEnd {
			p.push(stFlowMappingKey)
			return p.parseNode(false, false)
		}
	}
	p.state = stFlowMappingKey
	return emptyScalar(t.start), nil
}
