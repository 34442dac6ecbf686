//go:build !js

package query

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// pyYAMLDump is PyYAML's yaml.dump(v) with its defaults, which Policy Sentry's --fmt yaml prints:
// block style (flow only for empty lists and dicts), keys sorted, indent 2, lines folded at
// 80 columns, no Unicode (non-ASCII is escaped in double quotes), a list met twice written once
// with an anchor (&id001) and then as an alias (*id001). It follows PyYAML's serializer and
// emitter (lib/yaml/serializer.py, emitter.py) step for step, for the values Policy Sentry
// prints: strings, None, lists and dicts.
func pyYAMLDump(v any) string {
	e := &yEmitter{indent: -1, whitespace: true, indention: true}
	e.serialize(v)
	e.run()
	return e.out.String()
}

type yEventKind uint8

const (
	yStreamStart yEventKind = iota
	yStreamEnd
	yDocStart
	yDocEnd
	yAlias
	yScalar
	ySeqStart
	ySeqEnd
	yMapStart
	yMapEnd
)

type yEvent struct {
	kind   yEventKind
	anchor string
	value  string
	// plainImplicit is the serializer's implicit[0]: the value, written plain, reads back as
	// what it is (a string that does not look like a number, a boolean or null; None).
	plainImplicit bool
}

// serialize turns a value into PyYAML's events: the representer's nodes (one per list or dict,
// a new one per string) and the serializer's anchors, numbered in the order its first walk
// meets each shared node a second time.
func (e *yEmitter) serialize(v any) {
	anchors := map[any]string{}
	seen := map[any]bool{}
	n := 0
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case *pyList, *pyDict:
			if seen[x] {
				if anchors[x] == "" {
					n++
					anchors[x] = fmt.Sprintf("id%03d", n)
				}
				return
			}
			seen[x] = true
			if l, ok := x.(*pyList); ok {
				for _, it := range l.items {
					walk(it)
				}
			} else {
				d := x.(*pyDict)
				for _, i := range sortedKeys(d) {
					walk(d.vals[i])
				}
			}
		}
	}
	walk(v)
	done := map[any]bool{}
	var emit func(v any)
	emit = func(v any) {
		switch x := v.(type) {
		case nil:
			e.events = append(e.events, yEvent{kind: yScalar, value: "null", plainImplicit: true})
		case string:
			e.events = append(e.events, yEvent{kind: yScalar, value: x, plainImplicit: yResolvesToStr(x)})
		case *pyList:
			if done[x] {
				e.events = append(e.events, yEvent{kind: yAlias, anchor: anchors[x]})
				return
			}
			done[x] = true
			e.events = append(e.events, yEvent{kind: ySeqStart, anchor: anchors[x]})
			for _, it := range x.items {
				emit(it)
			}
			e.events = append(e.events, yEvent{kind: ySeqEnd})
		case *pyDict:
			if done[x] {
				e.events = append(e.events, yEvent{kind: yAlias, anchor: anchors[x]})
				return
			}
			done[x] = true
			e.events = append(e.events, yEvent{kind: yMapStart, anchor: anchors[x]})
			for _, i := range sortedKeys(x) {
				emit(x.keys[i])
				emit(x.vals[i])
			}
			e.events = append(e.events, yEvent{kind: yMapEnd})
		default:
			panic(fmt.Sprintf("pyyaml: unexpected %T", v))
		}
	}
	e.events = append(e.events, yEvent{kind: yStreamStart}, yEvent{kind: yDocStart})
	emit(v)
	e.events = append(e.events, yEvent{kind: yDocEnd}, yEvent{kind: yStreamEnd})
}

// sortedKeys returns the indexes of d's keys in sorted order (yaml.dump's sort_keys=True).
func sortedKeys(d *pyDict) []int {
	idx := make([]int, len(d.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return d.keys[idx[a]] < d.keys[idx[b]] })
	return idx
}

// yResolvesToStr reports whether PyYAML's resolver reads s, written plain, as a string: whether
// it matches none of PyYAML's implicit resolvers (YAML 1.1's bool, float, int, merge, null,
// timestamp and value, and the "yaml" tag of a lone !, & or *). Hand-written rather than regular expressions, which would add the
// regexp package to the WebAssembly build. Python's re.match lets "$" match before a final
// newline; a value ending in one is never written plain, so that is left out.
func yResolvesToStr(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL", "<<", "=", "!", "&", "*",
		"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF":
		return false
	}
	return !yIsInt(s) && !yIsFloat(s) && !yIsTimestamp(s)
}

// yScan walks a string for the resolvers' patterns; each step consumes what it matches and
// reports whether it did. The patterns' repetitions are followed by characters they cannot
// match, so taking as much as possible never needs to back up.
type yScan struct {
	s string
	i int
}

func (c *yScan) done() bool { return c.i == len(c.s) }

func (c *yScan) peek() byte {
	if c.i < len(c.s) {
		return c.s[c.i]
	}
	return 0
}

// one consumes a byte in set.
func (c *yScan) one(set func(byte) bool) bool {
	if c.i < len(c.s) && set(c.s[c.i]) {
		c.i++
		return true
	}
	return false
}

// many consumes bytes in set, returning how many.
func (c *yScan) many(set func(byte) bool) int {
	n := 0
	for c.one(set) {
		n++
	}
	return n
}

func (c *yScan) lit(l string) bool {
	if strings.HasPrefix(c.s[c.i:], l) {
		c.i += len(l)
		return true
	}
	return false
}

func (c *yScan) sign() { c.one(func(b byte) bool { return b == '-' || b == '+' }) }

func isDigit(b byte) bool      { return '0' <= b && b <= '9' }
func isDigitUnder(b byte) bool { return isDigit(b) || b == '_' }

// sexagesimal consumes (:[0-5]?[0-9])+ and reports whether it matched once at least.
func (c *yScan) sexagesimal() bool {
	n := 0
	for c.peek() == ':' {
		j := c.i + 1
		switch {
		case j+1 < len(c.s) && '0' <= c.s[j] && c.s[j] <= '5' && isDigit(c.s[j+1]):
			c.i = j + 2
		case j < len(c.s) && isDigit(c.s[j]):
			c.i = j + 1
		default:
			return n > 0
		}
		n++
	}
	return n > 0
}

// yIsInt: [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
// [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
func yIsInt(s string) bool {
	try := func(f func(c *yScan) bool) bool {
		c := &yScan{s: s}
		c.sign()
		return f(c) && c.done()
	}
	return try(func(c *yScan) bool {
		return c.lit("0b") && c.many(func(b byte) bool { return b == '0' || b == '1' || b == '_' }) > 0
	}) || try(func(c *yScan) bool {
		return c.lit("0") && c.many(func(b byte) bool { return '0' <= b && b <= '7' || b == '_' }) > 0
	}) || try(func(c *yScan) bool {
		if c.lit("0") {
			return true
		}
		return c.one(func(b byte) bool { return '1' <= b && b <= '9' }) && c.many(isDigitUnder) >= 0
	}) || try(func(c *yScan) bool {
		return c.lit("0x") && c.many(func(b byte) bool {
			return isDigit(b) || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F' || b == '_'
		}) > 0
	}) || try(func(c *yScan) bool {
		return c.one(func(b byte) bool { return '1' <= b && b <= '9' }) && c.many(isDigitUnder) >= 0 && c.sexagesimal()
	})
}

// exponent consumes an optional [eE][-+][0-9]+; it fails only on a partial one.
func (c *yScan) exponent() bool {
	if !c.one(func(b byte) bool { return b == 'e' || b == 'E' }) {
		return true
	}
	return c.one(func(b byte) bool { return b == '-' || b == '+' }) && c.many(isDigit) > 0
}

// yIsFloat: [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)? |
// [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
func yIsFloat(s string) bool {
	try := func(signed bool, f func(c *yScan) bool) bool {
		c := &yScan{s: s}
		if signed {
			c.sign()
		}
		return f(c) && c.done()
	}
	return try(true, func(c *yScan) bool {
		return c.one(isDigit) && c.many(isDigitUnder) >= 0 && c.lit(".") && c.many(isDigitUnder) >= 0 && c.exponent()
	}) || try(false, func(c *yScan) bool {
		return c.lit(".") && c.one(isDigit) && c.many(isDigitUnder) >= 0 && c.exponent()
	}) || try(true, func(c *yScan) bool {
		return c.one(isDigit) && c.many(isDigitUnder) >= 0 && c.sexagesimal() && c.lit(".") && c.many(isDigitUnder) >= 0
	}) || try(true, func(c *yScan) bool {
		return c.lit(".inf") || c.lit(".Inf") || c.lit(".INF")
	}) || try(false, func(c *yScan) bool {
		return c.lit(".nan") || c.lit(".NaN") || c.lit(".NAN")
	})
}

// yIsTimestamp: [0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)
// [0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
func yIsTimestamp(s string) bool {
	digits := func(c *yScan, lo, hi int) bool {
		n := 0
		for n < hi && c.one(isDigit) {
			n++
		}
		return n >= lo
	}
	blank := func(b byte) bool { return b == ' ' || b == '\t' }
	c := &yScan{s: s}
	if !digits(c, 4, 4) || !c.lit("-") || !digits(c, 1, 2) || !c.lit("-") || !digits(c, 1, 2) {
		return false
	}
	if c.done() {
		// The date alone needs two-digit month and day.
		return len(s) == 10
	}
	if !c.one(func(b byte) bool { return b == 'T' || b == 't' }) && c.many(blank) == 0 {
		return false
	}
	if !digits(c, 1, 2) || !c.lit(":") || !digits(c, 2, 2) || !c.lit(":") || !digits(c, 2, 2) {
		return false
	}
	if c.lit(".") {
		c.many(isDigit)
	}
	if c.done() {
		return true
	}
	c.many(blank)
	switch {
	case c.lit("Z"):
	case c.one(func(b byte) bool { return b == '-' || b == '+' }):
		if !digits(c, 1, 2) {
			return false
		}
		if c.lit(":") && !digits(c, 2, 2) {
			return false
		}
	default:
		return false
	}
	return c.done()
}

const (
	yBestIndent = 2
	yBestWidth  = 80
)

// Scalar styles; styleUnset is Python's None.
const (
	styleUnset  = -1
	stylePlain  = 0
	styleSingle = '\''
	styleDouble = '"'
)

type yAnalysis struct {
	scalar                      []rune
	empty, multiline            bool
	allowFlowPlain, allowBlock  bool
	allowBlockPlain, allowQuote bool
}

// yEmitter is PyYAML's Emitter, for the events above, with canonical off, allow_unicode off,
// no tags, no explicit document markers.
type yEmitter struct {
	events []yEvent
	next   int
	event  *yEvent

	states  []func()
	state   func()
	indents []int
	indent  int // -1 is None

	flowLevel                            int
	rootCtx, seqCtx, mapCtx, simpleKeyCt bool

	column                           int
	whitespace, indention, openEnded bool

	preparedAnchor *string
	analysis       *yAnalysis
	style          int

	out strings.Builder
}

func (e *yEmitter) run() {
	e.state = e.expectStreamStart
	e.style = styleUnset
	for e.next < len(e.events) {
		e.event = &e.events[e.next]
		e.next++
		e.state()
		e.event = nil
	}
}

// peek is the event after the current one (Python's self.events[0]).
func (e *yEmitter) peek() *yEvent {
	if e.next < len(e.events) {
		return &e.events[e.next]
	}
	return nil
}

func (e *yEmitter) push(f func()) { e.states = append(e.states, f) }

func (e *yEmitter) pop() func() {
	f := e.states[len(e.states)-1]
	e.states = e.states[:len(e.states)-1]
	return f
}

func (e *yEmitter) popIndent() {
	e.indent = e.indents[len(e.indents)-1]
	e.indents = e.indents[:len(e.indents)-1]
}

func (e *yEmitter) increaseIndent(flow, indentless bool) {
	e.indents = append(e.indents, e.indent)
	if e.indent < 0 {
		if flow {
			e.indent = yBestIndent
		} else {
			e.indent = 0
		}
	} else if !indentless {
		e.indent += yBestIndent
	}
}

func (e *yEmitter) expectStreamStart() { e.state = e.expectFirstDocumentStart }

func (e *yEmitter) expectNothing() { panic("pyyaml: expected nothing") }

func (e *yEmitter) expectFirstDocumentStart() { e.expectDocumentStart(true) }

func (e *yEmitter) expectDocumentStart(first bool) {
	switch e.event.kind {
	case yDocStart:
		// An implicit document start: the first document, not explicit, and not empty (a plain
		// scalar's event always carries a tag).
		if !first {
			e.writeIndent()
			e.writeIndicator("---", true, false, false)
		}
		e.state = e.expectDocumentRoot
	case yStreamEnd:
		if e.openEnded {
			e.writeIndicator("...", true, false, false)
			e.writeIndent()
		}
		e.state = e.expectNothing
	}
}

func (e *yEmitter) expectDocumentEnd() {
	e.writeIndent()
	e.state = func() { e.expectDocumentStart(false) }
}

func (e *yEmitter) expectDocumentRoot() {
	e.push(e.expectDocumentEnd)
	e.expectNode(true, false, false, false)
}

func (e *yEmitter) expectNode(root, sequence, mapping, simpleKey bool) {
	e.rootCtx, e.seqCtx, e.mapCtx, e.simpleKeyCt = root, sequence, mapping, simpleKey
	switch e.event.kind {
	case yAlias:
		e.processAnchor("*")
		e.state = e.pop()
	case yScalar:
		e.processAnchor("&")
		e.processTag()
		e.increaseIndent(true, false)
		e.processScalar()
		e.popIndent()
		e.state = e.pop()
	case ySeqStart:
		e.processAnchor("&")
		if e.flowLevel > 0 || e.checkEmptySequence() {
			e.expectFlowSequence()
		} else {
			e.expectBlockSequence()
		}
	case yMapStart:
		e.processAnchor("&")
		if e.flowLevel > 0 || e.checkEmptyMapping() {
			e.expectFlowMapping()
		} else {
			e.expectBlockMapping()
		}
	default:
		panic("pyyaml: expected a node")
	}
}

func (e *yEmitter) expectFlowSequence() {
	e.writeIndicator("[", true, true, false)
	e.flowLevel++
	e.increaseIndent(true, false)
	e.state = e.expectFirstFlowSequenceItem
}

func (e *yEmitter) expectFirstFlowSequenceItem() {
	if e.event.kind == ySeqEnd {
		e.popIndent()
		e.flowLevel--
		e.writeIndicator("]", false, false, false)
		e.state = e.pop()
		return
	}
	if e.column > yBestWidth {
		e.writeIndent()
	}
	e.push(e.expectFlowSequenceItem)
	e.expectNode(false, true, false, false)
}

func (e *yEmitter) expectFlowSequenceItem() {
	if e.event.kind == ySeqEnd {
		e.popIndent()
		e.flowLevel--
		e.writeIndicator("]", false, false, false)
		e.state = e.pop()
		return
	}
	e.writeIndicator(",", false, false, false)
	if e.column > yBestWidth {
		e.writeIndent()
	}
	e.push(e.expectFlowSequenceItem)
	e.expectNode(false, true, false, false)
}

func (e *yEmitter) expectFlowMapping() {
	e.writeIndicator("{", true, true, false)
	e.flowLevel++
	e.increaseIndent(true, false)
	e.state = func() { e.expectFlowMappingKey(true) }
}

func (e *yEmitter) expectFlowMappingKey(first bool) {
	if e.event.kind == yMapEnd {
		e.popIndent()
		e.flowLevel--
		e.writeIndicator("}", false, false, false)
		e.state = e.pop()
		return
	}
	if !first {
		e.writeIndicator(",", false, false, false)
	}
	if e.column > yBestWidth {
		e.writeIndent()
	}
	if e.checkSimpleKey() {
		e.push(func() {
			e.writeIndicator(":", false, false, false)
			e.push(func() { e.expectFlowMappingKey(false) })
			e.expectNode(false, false, true, false)
		})
		e.expectNode(false, false, true, true)
		return
	}
	e.writeIndicator("?", true, false, false)
	e.push(func() {
		if e.column > yBestWidth {
			e.writeIndent()
		}
		e.writeIndicator(":", true, false, false)
		e.push(func() { e.expectFlowMappingKey(false) })
		e.expectNode(false, false, true, false)
	})
	e.expectNode(false, false, true, false)
}

func (e *yEmitter) expectBlockSequence() {
	indentless := e.mapCtx && !e.indention
	e.increaseIndent(false, indentless)
	e.state = func() { e.expectBlockSequenceItem(true) }
}

func (e *yEmitter) expectBlockSequenceItem(first bool) {
	if !first && e.event.kind == ySeqEnd {
		e.popIndent()
		e.state = e.pop()
		return
	}
	e.writeIndent()
	e.writeIndicator("-", true, false, true)
	e.push(func() { e.expectBlockSequenceItem(false) })
	e.expectNode(false, true, false, false)
}

func (e *yEmitter) expectBlockMapping() {
	e.increaseIndent(false, false)
	e.state = func() { e.expectBlockMappingKey(true) }
}

func (e *yEmitter) expectBlockMappingKey(first bool) {
	if !first && e.event.kind == yMapEnd {
		e.popIndent()
		e.state = e.pop()
		return
	}
	e.writeIndent()
	if e.checkSimpleKey() {
		e.push(func() {
			e.writeIndicator(":", false, false, false)
			e.push(func() { e.expectBlockMappingKey(false) })
			e.expectNode(false, false, true, false)
		})
		e.expectNode(false, false, true, true)
		return
	}
	e.writeIndicator("?", true, false, true)
	e.push(func() {
		e.writeIndent()
		e.writeIndicator(":", true, false, true)
		e.push(func() { e.expectBlockMappingKey(false) })
		e.expectNode(false, false, true, false)
	})
	e.expectNode(false, false, true, false)
}

func (e *yEmitter) checkEmptySequence() bool {
	n := e.peek()
	return e.event.kind == ySeqStart && n != nil && n.kind == ySeqEnd
}

func (e *yEmitter) checkEmptyMapping() bool {
	n := e.peek()
	return e.event.kind == yMapStart && n != nil && n.kind == yMapEnd
}

func (e *yEmitter) checkSimpleKey() bool {
	length := 0
	if e.event.kind == yAlias || e.event.kind == yScalar || e.event.kind == ySeqStart || e.event.kind == yMapStart {
		if e.event.anchor != "" {
			if e.preparedAnchor == nil {
				a := e.event.anchor
				e.preparedAnchor = &a
			}
			length += len(*e.preparedAnchor)
		}
	}
	if e.event.kind == yScalar {
		if e.analysis == nil {
			e.analysis = analyzeScalar(e.event.value)
		}
		length += len(e.analysis.scalar)
	}
	return length < 128 && (e.event.kind == yAlias ||
		(e.event.kind == yScalar && !e.analysis.empty && !e.analysis.multiline) ||
		e.checkEmptySequence() || e.checkEmptyMapping())
}

func (e *yEmitter) processAnchor(indicator string) {
	if e.event.anchor == "" {
		e.preparedAnchor = nil
		return
	}
	if e.preparedAnchor == nil {
		a := e.event.anchor
		e.preparedAnchor = &a
	}
	if *e.preparedAnchor != "" {
		e.writeIndicator(indicator+*e.preparedAnchor, true, false, false)
	}
	e.preparedAnchor = nil
}

// processTag chooses the scalar's style; no tag is ever written for the values dumped here.
func (e *yEmitter) processTag() {
	if e.event.kind == yScalar && e.style == styleUnset {
		e.style = e.chooseScalarStyle()
	}
}

func (e *yEmitter) chooseScalarStyle() int {
	if e.analysis == nil {
		e.analysis = analyzeScalar(e.event.value)
	}
	a := e.analysis
	if e.event.plainImplicit {
		if !(e.simpleKeyCt && (a.empty || a.multiline)) &&
			(e.flowLevel > 0 && a.allowFlowPlain || e.flowLevel == 0 && a.allowBlockPlain) {
			return stylePlain
		}
	}
	if a.allowQuote && !(e.simpleKeyCt && a.multiline) {
		return styleSingle
	}
	return styleDouble
}

func (e *yEmitter) processScalar() {
	if e.analysis == nil {
		e.analysis = analyzeScalar(e.event.value)
	}
	if e.style == styleUnset {
		e.style = e.chooseScalarStyle()
	}
	split := !e.simpleKeyCt
	switch e.style {
	case styleDouble:
		e.writeDoubleQuoted(e.analysis.scalar, split)
	case styleSingle:
		e.writeSingleQuoted(e.analysis.scalar, split)
	default:
		e.writePlain(e.analysis.scalar, split)
	}
	e.analysis = nil
	e.style = styleUnset
}

func isBreak(r rune) bool { return r == '\n' || r == '\x85' || r == '\u2028' || r == '\u2029' }

func isBlankOrBreak(r rune) bool { return r == 0 || r == ' ' || r == '\t' || r == '\r' || isBreak(r) }

// analyzeScalar is PyYAML's Emitter.analyze_scalar with allow_unicode off.
func analyzeScalar(s string) *yAnalysis {
	sc := []rune(s)
	if len(sc) == 0 {
		return &yAnalysis{scalar: sc, empty: true, allowBlockPlain: true, allowQuote: true}
	}
	var blockInd, flowInd, lineBreaks, special bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockInd, flowInd = true, true
	}
	precededByWS := true
	followedByWS := len(sc) == 1 || isBlankOrBreak(sc[1])
	prevSpace, prevBreak := false, false
	for i, ch := range sc {
		if i == 0 {
			if strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch) {
				flowInd, blockInd = true, true
			}
			if ch == '?' || ch == ':' {
				flowInd = true
				if followedByWS {
					blockInd = true
				}
			}
			if ch == '-' && followedByWS {
				flowInd, blockInd = true, true
			}
		} else {
			if strings.ContainsRune(",?[]{}", ch) {
				flowInd = true
			}
			if ch == ':' {
				flowInd = true
				if followedByWS {
					blockInd = true
				}
			}
			if ch == '#' && precededByWS {
				flowInd, blockInd = true, true
			}
		}
		if isBreak(ch) {
			lineBreaks = true
		}
		if !(ch == '\n' || ch >= 0x20 && ch <= 0x7E) {
			// Non-ASCII is special too, as allow_unicode is off.
			special = true
		}
		switch {
		case ch == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i == len(sc)-1 {
				trailingSpace = true
			}
			if prevBreak {
				breakSpace = true
			}
			prevSpace, prevBreak = true, false
		case isBreak(ch):
			if i == 0 {
				leadingBreak = true
			}
			if i == len(sc)-1 {
				trailingBreak = true
			}
			if prevSpace {
				spaceBreak = true
			}
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededByWS = isBlankOrBreak(ch)
		followedByWS = i+2 >= len(sc) || isBlankOrBreak(sc[i+2])
	}
	a := &yAnalysis{scalar: sc, multiline: lineBreaks, allowFlowPlain: true, allowBlockPlain: true, allowQuote: true, allowBlock: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.allowFlowPlain, a.allowBlockPlain = false, false
	}
	if trailingSpace {
		a.allowBlock = false
	}
	if breakSpace {
		a.allowFlowPlain, a.allowBlockPlain, a.allowQuote = false, false, false
	}
	if spaceBreak || special {
		a.allowFlowPlain, a.allowBlockPlain, a.allowQuote, a.allowBlock = false, false, false, false
	}
	if lineBreaks {
		a.allowFlowPlain, a.allowBlockPlain = false, false
	}
	if flowInd {
		a.allowFlowPlain = false
	}
	if blockInd {
		a.allowBlockPlain = false
	}
	return a
}

func (e *yEmitter) write(s string) {
	e.column += utf8.RuneCountInString(s)
	e.out.WriteString(s)
}

func (e *yEmitter) writeIndicator(ind string, needWhitespace, whitespace, indention bool) {
	data := ind
	if !e.whitespace && needWhitespace {
		data = " " + ind
	}
	e.whitespace = whitespace
	e.indention = e.indention && indention
	e.openEnded = false
	e.write(data)
}

func (e *yEmitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || e.column == indent && !e.whitespace {
		e.writeLineBreak()
	}
	if e.column < indent {
		e.whitespace = true
		e.write(strings.Repeat(" ", indent-e.column))
	}
}

func (e *yEmitter) writeLineBreak() {
	e.whitespace = true
	e.indention = true
	e.column = 0
	e.out.WriteByte('\n')
}

// writeBreak writes a break character of the scalar: "\n" as the line break, others as
// themselves (PyYAML's write_line_break(br)).
func (e *yEmitter) writeBreak(br rune) {
	e.whitespace = true
	e.indention = true
	e.column = 0
	e.out.WriteRune(br)
}

func (e *yEmitter) writeSingleQuoted(text []rune, split bool) {
	e.writeIndicator("'", true, false, false)
	spaces, breaks := false, false
	start, end := 0, 0
	for end <= len(text) {
		ch := rune(-1)
		if end < len(text) {
			ch = text[end]
		}
		switch {
		case spaces:
			if ch == -1 || ch != ' ' {
				if start+1 == end && e.column > yBestWidth && split && start != 0 && end != len(text) {
					e.writeIndent()
				} else {
					e.write(string(text[start:end]))
				}
				start = end
			}
		case breaks:
			if ch == -1 || !isBreak(ch) {
				if text[start] == '\n' {
					e.writeLineBreak()
				}
				for _, br := range text[start:end] {
					if br == '\n' {
						e.writeLineBreak()
					} else {
						e.writeBreak(br)
					}
				}
				e.writeIndent()
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || isBreak(ch) || ch == '\'' {
				if start < end {
					e.write(string(text[start:end]))
					start = end
				}
			}
		}
		if ch == '\'' {
			e.write("''")
			start = end + 1
		}
		if ch != -1 {
			spaces = ch == ' '
			breaks = isBreak(ch)
		}
		end++
	}
	e.writeIndicator("'", false, false, false)
}

var yEscapes = map[rune]string{
	0: "0", '\x07': "a", '\x08': "b", '\x09': "t", '\x0A': "n", '\x0B': "v", '\x0C': "f",
	'\x0D': "r", '\x1B': "e", '"': "\"", '\\': "\\", '\x85': "N", '\xA0': "_", '\u2028': "L",
	'\u2029': "P",
}

func (e *yEmitter) writeDoubleQuoted(text []rune, split bool) {
	e.writeIndicator("\"", true, false, false)
	start, end := 0, 0
	for end <= len(text) {
		ch := rune(-1)
		if end < len(text) {
			ch = text[end]
		}
		if ch == -1 || ch == '"' || ch == '\\' || ch == '\x85' || ch == '\u2028' || ch == '\u2029' || ch == '\uFEFF' ||
			!(ch >= 0x20 && ch <= 0x7E) {
			if start < end {
				e.write(string(text[start:end]))
				start = end
			}
			if ch != -1 {
				var data string
				if r, ok := yEscapes[ch]; ok {
					data = "\\" + r
				} else if ch <= 0xFF {
					data = fmt.Sprintf("\\x%02X", ch)
				} else if ch <= 0xFFFF {
					data = fmt.Sprintf("\\u%04X", ch)
				} else {
					data = fmt.Sprintf("\\U%08X", ch)
				}
				e.write(data)
				start = end + 1
			}
		}
		if 0 < end && end < len(text)-1 && (ch == ' ' || start >= end) && e.column+(end-start) > yBestWidth && split {
			data := string(text[start:end]) + "\\"
			if start < end {
				start = end
			}
			e.write(data)
			e.writeIndent()
			e.whitespace = false
			e.indention = false
			if text[start] == ' ' {
				e.write("\\")
			}
		}
		end++
	}
	e.writeIndicator("\"", false, false, false)
}

func (e *yEmitter) writePlain(text []rune, split bool) {
	if e.rootCtx {
		e.openEnded = true
	}
	if len(text) == 0 {
		return
	}
	if !e.whitespace {
		e.write(" ")
	}
	e.whitespace = false
	e.indention = false
	spaces, breaks := false, false
	start, end := 0, 0
	for end <= len(text) {
		ch := rune(-1)
		if end < len(text) {
			ch = text[end]
		}
		switch {
		case spaces:
			if ch != ' ' {
				if start+1 == end && e.column > yBestWidth && split {
					e.writeIndent()
					e.whitespace = false
					e.indention = false
				} else {
					e.write(string(text[start:end]))
				}
				start = end
			}
		case breaks:
			if !isBreak(ch) {
				if text[start] == '\n' {
					e.writeLineBreak()
				}
				for _, br := range text[start:end] {
					if br == '\n' {
						e.writeLineBreak()
					} else {
						e.writeBreak(br)
					}
				}
				e.writeIndent()
				e.whitespace = false
				e.indention = false
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || isBreak(ch) {
				e.write(string(text[start:end]))
				start = end
			}
		}
		if ch != -1 {
			spaces = ch == ' '
			breaks = isBreak(ch)
		}
		end++
	}
}
