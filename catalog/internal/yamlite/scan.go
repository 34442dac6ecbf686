package yamlite

import (
	"fmt"
	"strings"
)

// The scanner turns characters into tokens the way libyaml, and so yaml.v3, does: the same
// tokens at the same marks, so that nodes get yaml.v3's lines and columns and the same inputs
// are accepted. Its one piece of cleverness is libyaml's too: a "simple key" (a key with no
// '?' before it) is only known to be a key when the ':' after it is found, so the scanner
// remembers where each possible key started and inserts the KEY token, and the
// BLOCK-MAPPING-START token a new mapping needs, back at that place in its queue.

type tokenType uint8

const (
	tStreamStart tokenType = iota + 1
	tStreamEnd
	tDocumentStart
	tDocumentEnd
	tBlockSequenceStart
	tBlockMappingStart
	tBlockEnd
	tFlowSequenceStart
	tFlowSequenceEnd
	tFlowMappingStart
	tFlowMappingEnd
	tBlockEntry
	tFlowEntry
	tKey
	tValue
	tAlias
	tAnchor
	tTag
	tScalar
)

// mark is a position: index counts characters from the start; line and column are 0-based.
type mark struct {
	index, line, column int
}

type token struct {
	typ        tokenType
	start, end mark
	// value is a scalar's text, an anchor's or alias's name, or a tag's handle.
	value string
	// suffix is a tag's suffix.
	suffix string
	// style is a scalar's: 0 for plain, or one of the quoted and block styles.
	style Style
}

type simpleKey struct {
	possible, required bool
	tokenNumber        int
	mark               mark
}

// maxSimpleKeyLength is how far, in characters, a ':' may follow the start of its key: YAML's
// limit, which keeps the lookahead bounded.
const maxSimpleKeyLength = 1024

// padding is how many NUL bytes follow the input in buf: every lookahead stays within them,
// and a NUL is where the input ends (the input itself holds none).
const padding = 8

type scanner struct {
	buf      []byte
	pos      int // byte offset in buf
	mark     mark
	newlines int // line breaks since the last non-blank character, for line comments

	tokens    []token
	head      int // the first queued token
	parsed    int // tokens taken off the queue so far
	available bool

	streamStartProduced bool

	indent           int // the current block indentation column; -1 outside any block
	indents          []int
	simpleKeyAllowed bool
	simpleKeys       []simpleKey // one per flow level, 0 being the block context
	keysByToken      map[int]int // token number of a possible simple key -> its level
	flowLevel        int
}

func newScanner(data []byte, start int) *scanner {
	buf := make([]byte, len(data)+padding)
	copy(buf, data)
	return &scanner{buf: buf, pos: start}
}

// Character classes at byte offset i of the buffer.

func (s *scanner) isBlank(i int) bool { return s.buf[i] == ' ' || s.buf[i] == '\t' }

func (s *scanner) isBreak(i int) bool {
	b := s.buf
	return b[i] == '\r' || b[i] == '\n' ||
		b[i] == 0xC2 && b[i+1] == 0x85 || // NEL
		b[i] == 0xE2 && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) // LS, PS
}

func (s *scanner) isZ(i int) bool       { return s.buf[i] == 0 }
func (s *scanner) isBreakZ(i int) bool  { return s.isBreak(i) || s.isZ(i) }
func (s *scanner) isBlankZ(i int) bool  { return s.isBlank(i) || s.isBreakZ(i) }
func (s *scanner) isDigit(i int) bool   { return '0' <= s.buf[i] && s.buf[i] <= '9' }
func (s *scanner) isHex(i int) bool     { return isHexDigit(s.buf[i]) }
func (s *scanner) isAlphaAt(i int) bool { return isAlpha(s.buf[i]) }

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isAlpha is libyaml's "alpha": what anchor names and tag handles are made of.
func isAlpha(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-'
}

func hexValue(c byte) int {
	switch {
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return int(c - '0')
}

// width is the length of the UTF-8 sequence that starts with c (1 for the NUL padding).
func width(c byte) int {
	switch {
	case c&0x80 == 0:
		return 1
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	}
	return 4
}

// isDocumentIndicator reports "---" or "..." followed by a blank, at the start of a line.
func (s *scanner) isDocumentIndicator() bool {
	b, p := s.buf, s.pos
	return s.mark.column == 0 &&
		(b[p] == '-' && b[p+1] == '-' && b[p+2] == '-' || b[p] == '.' && b[p+1] == '.' && b[p+2] == '.') &&
		s.isBlankZ(p+3)
}

// skip moves past one character.
func (s *scanner) skip() {
	if !s.isBlank(s.pos) {
		s.newlines = 0
	}
	s.mark.index++
	s.mark.column++
	s.pos += width(s.buf[s.pos])
}

// skipLine moves past a line break, \r\n counting as one.
func (s *scanner) skipLine() {
	switch {
	case s.buf[s.pos] == '\r' && s.buf[s.pos+1] == '\n':
		s.mark.index += 2
		s.pos += 2
	case s.isBreak(s.pos):
		s.mark.index++
		s.pos += width(s.buf[s.pos])
	default:
		return
	}
	s.mark.column = 0
	s.mark.line++
	s.newlines++
}

// read appends the current character to b and moves past it.
func (s *scanner) read(b []byte) []byte {
	if !s.isBlank(s.pos) {
		s.newlines = 0
	}
	w := width(s.buf[s.pos])
	b = append(b, s.buf[s.pos:s.pos+w]...)
	s.pos += w
	s.mark.index++
	s.mark.column++
	return b
}

// readLine appends a line break to b, as '\n' except for LS and PS, which are kept.
func (s *scanner) readLine(b []byte) []byte {
	buf, p := s.buf, s.pos
	switch {
	case buf[p] == '\r' && buf[p+1] == '\n':
		b = append(b, '\n')
		s.pos += 2
		s.mark.index++
	case buf[p] == '\r' || buf[p] == '\n':
		b = append(b, '\n')
		s.pos++
	case buf[p] == 0xC2 && buf[p+1] == 0x85:
		b = append(b, '\n')
		s.pos += 2
	case buf[p] == 0xE2 && buf[p+1] == 0x80 && (buf[p+2] == 0xA8 || buf[p+2] == 0xA9):
		b = append(b, buf[p:p+3]...)
		s.pos += 3
	default:
		return b
	}
	s.mark.index++
	s.mark.column = 0
	s.mark.line++
	s.newlines++
	return b
}

func errorAt(m mark, format string, args ...any) *Error {
	return newError(m.line+1, m.column+1, fmt.Errorf(format, args...))
}

// describeChar names the character at the current position for an error message.
func (s *scanner) describeChar() string {
	switch c := s.buf[s.pos]; {
	case c == 0:
		return "the end of the input"
	case c == '\t':
		return "a tab"
	case s.isBreak(s.pos):
		return "the end of the line"
	default:
		w := width(c)
		return fmt.Sprintf("%q", s.buf[s.pos:s.pos+w])
	}
}

// peekToken returns the next token, scanning as far as needed to know it.
func (s *scanner) peekToken() (*token, error) {
	if !s.available {
		if err := s.fetchMoreTokens(); err != nil {
			return nil, err
		}
	}
	return &s.tokens[s.head], nil
}

func (s *scanner) skipToken() {
	s.available = false
	s.parsed++
	s.head++
}

// fetchMoreTokens scans until the head of the queue is a token whose type is settled: one that
// is not a possible simple key still waiting for its ':'.
func (s *scanner) fetchMoreTokens() error {
	for {
		if s.head < len(s.tokens) {
			level, ok := s.keysByToken[s.parsed]
			if !ok {
				break
			}
			valid, err := s.simpleKeyValid(&s.simpleKeys[level])
			if err != nil {
				return err
			}
			if !valid {
				break
			}
		}
		if err := s.fetchNextToken(); err != nil {
			return err
		}
	}
	s.available = true
	return nil
}

// push appends a token to the queue.
func (s *scanner) push(t token) {
	// Reuse the space of consumed tokens rather than growing without end.
	if s.head > 0 && len(s.tokens) == cap(s.tokens) {
		n := copy(s.tokens, s.tokens[s.head:])
		s.tokens = s.tokens[:n]
		s.head = 0
	}
	s.tokens = append(s.tokens, t)
}

// insert puts a token into the queue where the token numbered number now is.
func (s *scanner) insert(number int, t token) {
	s.push(t)
	i := s.head + number - s.parsed
	copy(s.tokens[i+1:], s.tokens[i:])
	s.tokens[i] = t
}

func (s *scanner) fetchNextToken() error {
	if !s.streamStartProduced {
		s.fetchStreamStart()
		return nil
	}
	if err := s.scanToNextToken(); err != nil {
		return err
	}
	s.unrollIndent(s.mark.column)

	c := s.buf[s.pos]
	switch {
	case s.isZ(s.pos):
		return s.fetchStreamEnd()
	case s.mark.column == 0 && c == '%':
		return errorAt(s.mark, "directives (%%YAML, %%TAG) are not supported")
	case s.isDocumentIndicator() && c == '-':
		return s.fetchDocumentIndicator(tDocumentStart)
	case s.isDocumentIndicator():
		return s.fetchDocumentIndicator(tDocumentEnd)
	}

	var err error
	switch {
	case c == '[':
		err = s.fetchFlowCollectionStart(tFlowSequenceStart)
	case c == '{':
		err = s.fetchFlowCollectionStart(tFlowMappingStart)
	case c == ']':
		err = s.fetchFlowCollectionEnd(tFlowSequenceEnd)
	case c == '}':
		err = s.fetchFlowCollectionEnd(tFlowMappingEnd)
	case c == ',':
		err = s.fetchFlowEntry()
	case c == '-' && s.isBlankZ(s.pos+1):
		err = s.fetchBlockEntry()
	case c == '?' && (s.flowLevel > 0 || s.isBlankZ(s.pos+1)):
		err = s.fetchKey()
	case c == ':' && (s.flowLevel > 0 || s.isBlankZ(s.pos+1)):
		err = s.fetchValue()
	case c == '*':
		err = s.fetchNode(func() (token, error) { return s.scanAnchor(tAlias) })
	case c == '&':
		err = s.fetchNode(func() (token, error) { return s.scanAnchor(tAnchor) })
	case c == '!':
		err = s.fetchNode(s.scanTag)
	case c == '|' && s.flowLevel == 0:
		err = s.fetchBlockScalar(true)
	case c == '>' && s.flowLevel == 0:
		err = s.fetchBlockScalar(false)
	case c == '\'':
		err = s.fetchNode(func() (token, error) { return s.scanFlowScalar(true) })
	case c == '"':
		err = s.fetchNode(func() (token, error) { return s.scanFlowScalar(false) })
	case s.canStartPlain():
		err = s.fetchNode(s.scanPlainScalar)
	case c == '\t':
		return errorAt(s.mark, "found a tab where indentation or a value was expected; YAML indents with spaces")
	default:
		return errorAt(s.mark, "found %s, which cannot start a value here (quote the value if it is text)", s.describeChar())
	}
	if err != nil {
		return err
	}
	// A comment on the same line belongs to the token; reading it here, as yaml.v3 does, also
	// lets tabs precede it where they would otherwise be refused. A '-' has no line comment.
	if s.tokens[len(s.tokens)-1].typ != tBlockEntry {
		s.scanLineComment()
	}
	return nil
}

// canStartPlain is libyaml's rule for the first character of a plain scalar: anything but an
// indicator, and '-', '?' or ':' when a non-blank follows ('?' and ':' only in block context).
func (s *scanner) canStartPlain() bool {
	c := s.buf[s.pos]
	if !s.isBlankZ(s.pos) && !strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(c)) {
		return true
	}
	return c == '-' && !s.isBlank(s.pos+1) ||
		s.flowLevel == 0 && (c == '?' || c == ':') && !s.isBlankZ(s.pos+1)
}

func (s *scanner) simpleKeyValid(k *simpleKey) (bool, error) {
	if !k.possible {
		return false, nil
	}
	// A simple key is on one line, and its ':' at most 1024 characters on.
	if k.mark.line < s.mark.line || k.mark.index+maxSimpleKeyLength < s.mark.index {
		if k.required {
			return false, errorAt(k.mark, "expected ':' after this mapping key, on the same line")
		}
		k.possible = false
		delete(s.keysByToken, k.tokenNumber)
		return false, nil
	}
	return true, nil
}

// saveSimpleKey records that a simple key may start here.
func (s *scanner) saveSimpleKey() error {
	// In block context a key is required where a token starts at the indentation column.
	required := s.flowLevel == 0 && s.indent == s.mark.column
	if !s.simpleKeyAllowed {
		return nil
	}
	k := simpleKey{possible: true, required: required, tokenNumber: s.parsed + len(s.tokens) - s.head, mark: s.mark}
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeys[len(s.simpleKeys)-1] = k
	s.keysByToken[k.tokenNumber] = len(s.simpleKeys) - 1
	return nil
}

// removeSimpleKey drops the possible simple key of the current flow level.
func (s *scanner) removeSimpleKey() error {
	k := &s.simpleKeys[len(s.simpleKeys)-1]
	if k.possible {
		if k.required {
			return errorAt(k.mark, "expected ':' after this mapping key, on the same line")
		}
		k.possible = false
		delete(s.keysByToken, k.tokenNumber)
	}
	return nil
}

func (s *scanner) increaseFlowLevel() error {
	s.simpleKeys = append(s.simpleKeys, simpleKey{tokenNumber: s.parsed + len(s.tokens) - s.head, mark: s.mark})
	s.flowLevel++
	if s.flowLevel > MaxDepth {
		return errorAt(s.mark, "exceeded max depth of %d: flow collections ([ ] and { }) nest too deeply", MaxDepth)
	}
	return nil
}

func (s *scanner) decreaseFlowLevel() {
	if s.flowLevel > 0 {
		s.flowLevel--
		last := len(s.simpleKeys) - 1
		// The level's entry only: a level where no key was saved has the number of the '['
		// or '{' that opened it, which may be a possible key of the level below ("{}: x").
		// (yaml.v3 deletes that entry of the level below, and so mistakes such a key for a
		// plain collection when more than two tokens sit between it and its ':'; collections
		// as keys are beyond this package's promise.)
		if n := s.simpleKeys[last].tokenNumber; s.keysByToken[n] == last {
			delete(s.keysByToken, n)
		}
		s.simpleKeys = s.simpleKeys[:last]
	}
}

// rollIndent opens a block collection at column when it is deeper than the current one,
// queueing typ at token number (or at the end when number is -1).
func (s *scanner) rollIndent(column, number int, typ tokenType, m mark) error {
	if s.flowLevel > 0 || s.indent >= column {
		return nil
	}
	s.indents = append(s.indents, s.indent)
	s.indent = column
	if len(s.indents) > MaxDepth {
		return errorAt(m, "exceeded max depth of %d: block collections nest too deeply", MaxDepth)
	}
	t := token{typ: typ, start: m, end: m}
	if number < 0 {
		s.push(t)
	} else {
		s.insert(number, t)
	}
	return nil
}

// unrollIndent closes the block collections deeper than column.
func (s *scanner) unrollIndent(column int) {
	if s.flowLevel > 0 {
		return
	}
	for s.indent > column {
		s.push(token{typ: tBlockEnd, start: s.mark, end: s.mark})
		s.indent = s.indents[len(s.indents)-1]
		s.indents = s.indents[:len(s.indents)-1]
	}
}

func (s *scanner) fetchStreamStart() {
	s.indent = -1
	s.simpleKeys = append(s.simpleKeys, simpleKey{})
	s.keysByToken = make(map[int]int)
	s.simpleKeyAllowed = true
	s.streamStartProduced = true
	s.push(token{typ: tStreamStart, start: s.mark, end: s.mark})
}

func (s *scanner) fetchStreamEnd() error {
	if s.mark.column != 0 {
		s.mark.column = 0
		s.mark.line++
	}
	s.unrollIndent(-1)
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = false
	s.push(token{typ: tStreamEnd, start: s.mark, end: s.mark})
	return nil
}

func (s *scanner) fetchDocumentIndicator(typ tokenType) error {
	s.unrollIndent(-1)
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = false
	start := s.mark
	s.skip()
	s.skip()
	s.skip()
	s.push(token{typ: typ, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchFlowCollectionStart(typ tokenType) error {
	if err := s.saveSimpleKey(); err != nil {
		return err
	}
	if err := s.increaseFlowLevel(); err != nil {
		return err
	}
	s.simpleKeyAllowed = true
	start := s.mark
	s.skip()
	s.push(token{typ: typ, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchFlowCollectionEnd(typ tokenType) error {
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.decreaseFlowLevel()
	s.simpleKeyAllowed = false
	start := s.mark
	s.skip()
	s.push(token{typ: typ, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchFlowEntry() error {
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = true
	start := s.mark
	s.skip()
	s.push(token{typ: tFlowEntry, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchBlockEntry() error {
	if s.flowLevel == 0 {
		if !s.simpleKeyAllowed {
			return errorAt(s.mark, "found '-', but a list item cannot start here (start the list on a new line, or quote the value)")
		}
		if err := s.rollIndent(s.mark.column, -1, tBlockSequenceStart, s.mark); err != nil {
			return err
		}
	}
	// In flow context a '-' is an error the parser reports, where it can say more.
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = true
	start := s.mark
	s.skip()
	s.push(token{typ: tBlockEntry, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchKey() error {
	if s.flowLevel == 0 {
		if !s.simpleKeyAllowed {
			return errorAt(s.mark, "found '?', but a mapping key cannot start here (quote the value if it is text)")
		}
		if err := s.rollIndent(s.mark.column, -1, tBlockMappingStart, s.mark); err != nil {
			return err
		}
	}
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = s.flowLevel == 0
	start := s.mark
	s.skip()
	s.push(token{typ: tKey, start: start, end: s.mark})
	return nil
}

func (s *scanner) fetchValue() error {
	k := &s.simpleKeys[len(s.simpleKeys)-1]
	valid, err := s.simpleKeyValid(k)
	if err != nil {
		return err
	}
	if valid {
		// The possible key was one: queue KEY before it, and open a mapping if this key is
		// deeper than the current block.
		s.insert(k.tokenNumber, token{typ: tKey, start: k.mark, end: k.mark})
		if err := s.rollIndent(k.mark.column, k.tokenNumber, tBlockMappingStart, k.mark); err != nil {
			return err
		}
		k.possible = false
		delete(s.keysByToken, k.tokenNumber)
		s.simpleKeyAllowed = false
	} else {
		// The ':' follows a '?' key, or no key at all.
		if s.flowLevel == 0 {
			if !s.simpleKeyAllowed {
				return errorAt(s.mark, "found ':', but a mapping value cannot start here (quote the value if it holds \": \")")
			}
			if err := s.rollIndent(s.mark.column, -1, tBlockMappingStart, s.mark); err != nil {
				return err
			}
		}
		s.simpleKeyAllowed = s.flowLevel == 0
	}
	start := s.mark
	s.skip()
	s.push(token{typ: tValue, start: start, end: s.mark})
	return nil
}

// fetchNode scans a token that may be the start of a simple key (an alias, anchor, tag, or
// flow or plain scalar): the key candidate is saved at its start, before scan moves on.
func (s *scanner) fetchNode(scan func() (token, error)) error {
	if err := s.saveSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = false
	t, err := scan()
	if err != nil {
		return err
	}
	s.push(t)
	return nil
}

func (s *scanner) fetchBlockScalar(literal bool) error {
	if err := s.removeSimpleKey(); err != nil {
		return err
	}
	s.simpleKeyAllowed = true
	t, err := s.scanBlockScalar(literal)
	if err != nil {
		return err
	}
	s.push(t)
	return nil
}

// scanToNextToken skips white space, comments and line breaks. Tabs are skipped only in flow
// context or where no key may start, as in yaml.v3: elsewhere they would be indentation.
func (s *scanner) scanToNextToken() error {
	for {
		for s.buf[s.pos] == ' ' || (s.flowLevel > 0 || !s.simpleKeyAllowed) && s.buf[s.pos] == '\t' {
			s.skip()
		}
		if s.buf[s.pos] == '#' {
			s.scanComments()
		}
		if !s.isBreak(s.pos) {
			return nil
		}
		s.skipLine()
		if s.flowLevel == 0 {
			s.simpleKeyAllowed = true
		}
	}
}

// commentLookahead is how far yaml.v3 looks past a comment for the next one.
const commentLookahead = 512

// scanComments skips a comment and, as yaml.v3 does while gathering comment blocks, any
// further comments that follow it after nothing but blanks and line breaks (tabs included).
func (s *scanner) scanComments() {
	for {
		for !s.isBreakZ(s.pos) {
			s.skip()
		}
		// Look for another '#' past blanks and breaks, byte by byte as yaml.v3 does.
		next := -1
		for k := 1; k < commentLookahead; k++ {
			p := s.pos + k
			if p >= len(s.buf)-padding {
				break
			}
			if s.isBlank(p) || s.isBreak(p) {
				continue
			}
			if s.buf[p] == '#' {
				next = p
			}
			break
		}
		if next < 0 {
			return
		}
		for s.pos < next {
			if s.isBreak(s.pos) {
				s.skipLine()
			} else {
				s.skip()
			}
		}
	}
}

// scanLineComment skips blanks and a comment after a token on its line.
func (s *scanner) scanLineComment() {
	if s.newlines > 0 {
		return
	}
	for k := 0; k < commentLookahead; k++ {
		p := s.pos + k
		if s.isBlank(p) {
			continue
		}
		if s.buf[p] == '#' {
			for !s.isBreakZ(s.pos) {
				s.skip()
			}
		}
		return
	}
}

func (s *scanner) scanAnchor(typ tokenType) (token, error) {
	start := s.mark
	s.skip()
	var name []byte
	for s.isAlphaAt(s.pos) {
		name = s.read(name)
	}
	c := s.buf[s.pos]
	if len(name) == 0 || !(s.isBlankZ(s.pos) || strings.IndexByte("?:,]}%@`", c) >= 0) {
		what := "an alias (*name)"
		if typ == tAnchor {
			what = "an anchor (&name)"
		}
		return token{}, errorAt(start, "%s needs a name of letters, digits, '_' and '-', followed by a space", what)
	}
	return token{typ: typ, start: start, value: string(name)}, nil
}

func (s *scanner) scanTag() (token, error) {
	start := s.mark
	var handle, suffix string
	if s.buf[s.pos+1] == '<' {
		// !<verbatim>: the handle stays empty.
		s.skip()
		s.skip()
		u, err := s.scanTagURI("", start)
		if err != nil {
			return token{}, err
		}
		if s.buf[s.pos] != '>' {
			return token{}, errorAt(start, "a verbatim tag !<...> needs its closing '>'")
		}
		s.skip()
		suffix = u
	} else {
		// !suffix, or !handle!suffix.
		h := []byte{'!'}
		s.skip()
		for s.isAlphaAt(s.pos) {
			h = s.read(h)
		}
		if s.buf[s.pos] == '!' {
			h = s.read(h)
		}
		if len(h) > 1 && h[len(h)-1] == '!' {
			u, err := s.scanTagURI("", start)
			if err != nil {
				return token{}, err
			}
			handle, suffix = string(h), u
		} else {
			u, err := s.scanTagURI(string(h), start)
			if err != nil {
				return token{}, err
			}
			handle, suffix = "!", u
			if suffix == "" {
				// The non-specific tag "!".
				handle, suffix = "", "!"
			}
		}
	}
	if !s.isBlankZ(s.pos) {
		return token{}, errorAt(start, "a tag must be followed by a space or the end of the line")
	}
	return token{typ: tTag, start: start, value: handle, suffix: suffix}, nil
}

// scanTagURI reads the URI characters of a tag after head (a handle that turned out to be part
// of the suffix, without its '!').
func (s *scanner) scanTagURI(head string, start mark) (string, error) {
	var u []byte
	if len(head) > 1 {
		u = append(u, head[1:]...)
	}
	found := head != ""
	for {
		c := s.buf[s.pos]
		if !isAlpha(c) && strings.IndexByte(";/?:@&=+$,.!~*'()[]%", c) < 0 || c == 0 {
			break
		}
		if c == '%' {
			return "", errorAt(s.mark, "%%-escapes in tags are not supported")
		}
		u = s.read(u)
		found = true
	}
	if !found {
		return "", errorAt(start, "a tag needs a name after its '!'")
	}
	return string(u), nil
}

func (s *scanner) scanBlockScalar(literal bool) (token, error) {
	start := s.mark
	s.skip()

	// The chomping and indentation indicators, in either order.
	chomping, increment := 0, 0
	chomp := func() {
		switch s.buf[s.pos] {
		case '+':
			chomping = 1
			s.skip()
		case '-':
			chomping = -1
			s.skip()
		}
	}
	indentation := func() error {
		if !s.isDigit(s.pos) {
			return nil
		}
		if s.buf[s.pos] == '0' {
			return errorAt(start, "a block scalar's indentation indicator must be 1 to 9, not 0")
		}
		increment = int(s.buf[s.pos] - '0')
		s.skip()
		return nil
	}
	if c := s.buf[s.pos]; c == '+' || c == '-' {
		chomp()
		if err := indentation(); err != nil {
			return token{}, err
		}
	} else if s.isDigit(s.pos) {
		if err := indentation(); err != nil {
			return token{}, err
		}
		chomp()
	}

	for s.isBlank(s.pos) {
		s.skip()
	}
	if s.buf[s.pos] == '#' {
		for !s.isBreakZ(s.pos) {
			s.skip()
		}
	}
	if !s.isBreakZ(s.pos) {
		return token{}, errorAt(s.mark, "expected a comment or the end of the line after a block scalar's indicators, found %s", s.describeChar())
	}
	if s.isBreak(s.pos) {
		s.skipLine()
	}

	indent := 0
	if increment > 0 {
		if s.indent >= 0 {
			indent = s.indent + increment
		} else {
			indent = increment
		}
	}

	var text, leadingBreak, trailingBreaks []byte
	var err error
	if trailingBreaks, err = s.scanBlockScalarBreaks(&indent, trailingBreaks, start); err != nil {
		return token{}, err
	}
	leadingBlank := false
	for s.mark.column == indent && !s.isZ(s.pos) {
		// At the start of a line with content.
		trailingBlank := s.isBlank(s.pos)
		if !literal && !leadingBlank && !trailingBlank && len(leadingBreak) > 0 && leadingBreak[0] == '\n' {
			// Folded: one line break between text lines becomes a space.
			if len(trailingBreaks) == 0 {
				text = append(text, ' ')
			}
		} else {
			text = append(text, leadingBreak...)
		}
		leadingBreak = leadingBreak[:0]
		text = append(text, trailingBreaks...)
		trailingBreaks = trailingBreaks[:0]
		leadingBlank = s.isBlank(s.pos)
		for !s.isBreakZ(s.pos) {
			text = s.read(text)
		}
		leadingBreak = s.readLine(leadingBreak)
		if trailingBreaks, err = s.scanBlockScalarBreaks(&indent, trailingBreaks, start); err != nil {
			return token{}, err
		}
	}
	if chomping != -1 {
		text = append(text, leadingBreak...)
	}
	if chomping == 1 {
		text = append(text, trailingBreaks...)
	}
	style := LiteralStyle
	if !literal {
		style = FoldedStyle
	}
	return token{typ: tScalar, start: start, value: string(text), style: style}, nil
}

// scanBlockScalarBreaks skips indentation and empty lines, collecting the breaks, and settles
// the indentation when it is not known yet: that of the first line with text.
func (s *scanner) scanBlockScalarBreaks(indent *int, breaks []byte, start mark) ([]byte, error) {
	maxIndent := 0
	for {
		for (*indent == 0 || s.mark.column < *indent) && s.buf[s.pos] == ' ' {
			s.skip()
		}
		maxIndent = max(maxIndent, s.mark.column)
		if (*indent == 0 || s.mark.column < *indent) && s.buf[s.pos] == '\t' {
			return breaks, errorAt(s.mark, "found a tab where a block scalar's indentation was expected; YAML indents with spaces")
		}
		if !s.isBreak(s.pos) {
			break
		}
		breaks = s.readLine(breaks)
	}
	if *indent == 0 {
		*indent = max(maxIndent, s.indent+1, 1)
	}
	return breaks, nil
}

func (s *scanner) scanFlowScalar(single bool) (token, error) {
	start := s.mark
	s.skip()
	quote := byte('"')
	if single {
		quote = '\''
	}
	var text, leadingBreak, trailingBreaks, whitespace []byte
	for {
		if s.isDocumentIndicator() {
			return token{}, errorAt(s.mark, "found a document marker (%q) inside the quoted string started at line %d, column %d", s.buf[s.pos:s.pos+3], start.line+1, start.column+1)
		}
		if s.isZ(s.pos) {
			return token{}, errorAt(start, "this quoted string has no closing %c", quote)
		}

		leadingBlanks := false
		for !s.isBlankZ(s.pos) {
			c := s.buf[s.pos]
			switch {
			case single && c == '\'' && s.buf[s.pos+1] == '\'':
				text = append(text, '\'')
				s.skip()
				s.skip()
				continue
			case c == quote:
			case !single && c == '\\' && s.isBreak(s.pos+1):
				// An escaped line break: the string goes on without it.
				s.skip()
				s.skipLine()
				leadingBlanks = true
			case !single && c == '\\':
				var err error
				if text, err = s.scanEscape(text); err != nil {
					return token{}, err
				}
				continue
			default:
				text = s.read(text)
				continue
			}
			break
		}
		if s.buf[s.pos] == quote {
			break
		}

		// Blanks and line breaks: kept inside a line, folded across lines.
		for s.isBlank(s.pos) || s.isBreak(s.pos) {
			if s.isBlank(s.pos) {
				if !leadingBlanks {
					whitespace = s.read(whitespace)
				} else {
					s.skip()
				}
			} else if !leadingBlanks {
				whitespace = whitespace[:0]
				leadingBreak = s.readLine(leadingBreak)
				leadingBlanks = true
			} else {
				trailingBreaks = s.readLine(trailingBreaks)
			}
		}
		if leadingBlanks {
			text = fold(text, leadingBreak, trailingBreaks)
			leadingBreak, trailingBreaks = leadingBreak[:0], trailingBreaks[:0]
		} else {
			text = append(text, whitespace...)
			whitespace = whitespace[:0]
		}
	}
	s.skip()
	style := DoubleQuotedStyle
	if single {
		style = SingleQuotedStyle
	}
	return token{typ: tScalar, start: start, value: string(text), style: style}, nil
}

// fold joins lines: a single line break becomes a space, and more keep all but the first.
func fold(text, leadingBreak, trailingBreaks []byte) []byte {
	if len(leadingBreak) > 0 && leadingBreak[0] == '\n' {
		if len(trailingBreaks) == 0 {
			return append(text, ' ')
		}
		return append(text, trailingBreaks...)
	}
	text = append(text, leadingBreak...)
	return append(text, trailingBreaks...)
}

// escapes maps the character after a backslash to what it stands for, two bytes a pair: the
// escapes of YAML 1.2 (\/ included, which yaml.v3 lacks) and an escaped tab. \N, \_, \L, \P,
// \x, \u and \U are handled apart. A table keeps the WebAssembly build small, where a
// switch of appends would not.
const escapes = "0\x00a\ab\bt\t\t\tn\nv\vf\fr\re\x1b  \"\"''\\\\//"

// scanEscape reads a double-quoted string's escape sequence.
func (s *scanner) scanEscape(text []byte) ([]byte, error) {
	escapeMark := s.mark
	c := s.buf[s.pos+1]
	n := 0
	switch c {
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	case 'N', '_', 'L', 'P':
		n = -1
	default:
		i := 0
		for i < len(escapes) && escapes[i] != c {
			i += 2
		}
		if i == len(escapes) {
			if s.isBreakZ(s.pos + 1) {
				return text, errorAt(escapeMark, "unknown escape in a double-quoted string (write \\\\ for a backslash)")
			}
			s.skip()
			return text, errorAt(escapeMark, "unknown escape \\%s in a double-quoted string (write \\\\ for a backslash)", s.buf[s.pos:s.pos+width(s.buf[s.pos])])
		}
		text = append(text, escapes[i+1])
	}
	s.skip()
	s.skip()
	if n == -1 {
		// NEL, no-break space, line and paragraph separators.
		return appendRune(text, int([]rune{0x85, 0xA0, 0x2028, 0x2029}[strings.IndexByte("N_LP", c)])), nil
	}
	v := 0
	for k := 0; k < n; k++ {
		if !s.isHex(s.pos + k) {
			return text, errorAt(escapeMark, "the escape \\%c needs %d hexadecimal digits", c, n)
		}
		v = v<<4 + hexValue(s.buf[s.pos+k])
	}
	if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
		return text, errorAt(escapeMark, "the escape \\%c%s is not a Unicode character", c, s.buf[s.pos:s.pos+n])
	}
	if n > 0 {
		text = appendRune(text, v)
	}
	for k := 0; k < n; k++ {
		s.skip()
	}
	return text, nil
}

// appendRune encodes v as yaml.v3 does, without utf8.AppendRune's replacement of the code
// points a \x or \u escape may name but UTF-8 strings should not hold.
func appendRune(b []byte, v int) []byte {
	switch {
	case v <= 0x7F:
		return append(b, byte(v))
	case v <= 0x7FF:
		return append(b, byte(0xC0+v>>6), byte(0x80+v&0x3F))
	case v <= 0xFFFF:
		return append(b, byte(0xE0+v>>12), byte(0x80+v>>6&0x3F), byte(0x80+v&0x3F))
	}
	return append(b, byte(0xF0+v>>18), byte(0x80+v>>12&0x3F), byte(0x80+v>>6&0x3F), byte(0x80+v&0x3F))
}

func (s *scanner) scanPlainScalar() (token, error) {
	start := s.mark
	indent := s.indent + 1
	var text, leadingBreak, trailingBreaks, whitespace []byte
	leadingBlanks := false
	for {
		if s.isDocumentIndicator() || s.buf[s.pos] == '#' {
			break
		}
		for !s.isBlankZ(s.pos) {
			c := s.buf[s.pos]
			// ": " ends a plain scalar, and in flow context so do , ? [ ] { }.
			if c == ':' && s.isBlankZ(s.pos+1) ||
				s.flowLevel > 0 && strings.IndexByte(",?[]{}", c) >= 0 {
				break
			}
			if leadingBlanks {
				text = fold(text, leadingBreak, trailingBreaks)
				leadingBreak, trailingBreaks = leadingBreak[:0], trailingBreaks[:0]
				leadingBlanks = false
			} else if len(whitespace) > 0 {
				text = append(text, whitespace...)
				whitespace = whitespace[:0]
			}
			text = s.read(text)
		}
		if !s.isBlank(s.pos) && !s.isBreak(s.pos) {
			break
		}
		for s.isBlank(s.pos) || s.isBreak(s.pos) {
			if s.isBlank(s.pos) {
				if leadingBlanks && s.mark.column < indent && s.buf[s.pos] == '\t' {
					return token{}, errorAt(s.mark, "found a tab that indents a continuation line; YAML indents with spaces")
				}
				if !leadingBlanks {
					whitespace = s.read(whitespace)
				} else {
					s.skip()
				}
			} else if !leadingBlanks {
				whitespace = whitespace[:0]
				leadingBreak = s.readLine(leadingBreak)
				leadingBlanks = true
			} else {
				trailingBreaks = s.readLine(trailingBreaks)
			}
		}
		// A continuation line must be indented more than the block it is in.
		if s.flowLevel == 0 && s.mark.column < indent {
			break
		}
	}
	if leadingBlanks {
		// The scalar ended at the start of a line, where a key may start.
		s.simpleKeyAllowed = true
	}
	return token{typ: tScalar, start: start, value: string(text)}, nil
}
