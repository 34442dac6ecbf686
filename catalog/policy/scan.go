package policy

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The scanner turns JSON text into a flat tree of nodes that remember where each key and value
// starts, so that every diagnostic can point at a line and column. encoding/json cannot do that
// for values inside arrays, keeps no duplicate keys, and its messages do not name the open
// object a truncated document left behind.

// MaxInput is the largest input Parse reads, in bytes. AWS's largest policy is 10,240
// characters; the cap only keeps hostile input from costing unbounded time and memory.
const MaxInput = 1 << 20

// MaxDepth is how deeply Parse lets JSON nest. A policy needs six levels
// (policy, Statement, statement, Condition, operator, values); recursion is bounded by it.
const MaxDepth = 64

type valueKind uint8

const (
	jNull valueKind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k valueKind) String() string {
	switch k {
	case jNull:
		return "null"
	case jBool:
		return "a boolean"
	case jNumber:
		return "a number"
	case jString:
		return "a string"
	case jArray:
		return "an array"
	}
	return "an object"
}

// node is one JSON value. Children of arrays and objects are chained through first and next so
// that the whole document lives in one slice.
type node struct {
	kind   valueKind
	off    int32 // offset of the value's first byte
	end    int32 // offset just past the value
	keyOff int32 // offset of the key's opening quote, for object members
	first  int32 // first child, or -1
	next   int32 // next sibling, or -1
	n      int32 // number of children
	// ignored marks an object member whose key appears again later: the later one counts.
	ignored bool
	text    string
	key     string
}

// frame is an open array or object, kept to name the JSON path and the open bracket in messages.
type frame struct {
	obj    bool
	off    int
	index  int    // elements or members read so far
	key    string // key of the member being read
	hasKey bool
}

type scanError struct {
	code string
	off  int
	path string
	msg  string
}

type scanner struct {
	src   string
	pos   int
	nodes []node
	stack []frame
	err   *scanError
}

// scan parses src as one JSON value. On failure it returns the first error.
func scan(src string) ([]node, *scanError) {
	s := &scanner{src: src, nodes: make([]node, 0, estimateNodes(src))}
	if strings.HasPrefix(src, "\uFEFF") {
		// A byte order mark is no JSON, but editors on Windows write one; invalid-character
		// reports it, and the policy is still read.
		s.pos = len("\uFEFF")
	}
	s.space()
	if s.pos == len(s.src) {
		return nil, &scanError{code: "invalid-json", off: 0, msg: "empty input; a policy is a JSON object: {\"Version\": \"2012-10-17\", \"Statement\": [...]}"}
	}
	s.value()
	if s.err != nil {
		return nil, s.err
	}
	s.space()
	if s.pos < len(s.src) {
		s.fail(s.pos, "unexpected %s after the end of the policy; a file holds one JSON object", s.describe(s.pos))
		return nil, s.err
	}
	return s.nodes, nil
}

// estimateNodes bounds the node count from above: besides the root, every value is the first
// element or member after a '[' or '{', or follows a ','. Counting is fast, and sizing the slice
// once saves the copies of growing it, which for a 1 MiB array of numbers cost five times the
// final size.
func estimateNodes(src string) int {
	return strings.Count(src, ",") + strings.Count(src, "[") + strings.Count(src, "{") + 1
}

func (s *scanner) space() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = &scanError{code: "invalid-json", off: off, path: s.path(), msg: fmt.Sprintf(format, args...)}
	}
}

// path is the JSON path of the value being read.
func (s *scanner) path() string {
	p := ""
	for _, f := range s.stack {
		if f.obj {
			if f.hasKey {
				p = joinKey(p, f.key)
			}
		} else {
			p = joinIndex(p, f.index)
		}
	}
	return p
}

// describe names the character at off for a message.
func (s *scanner) describe(off int) string {
	if off >= len(s.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(s.src[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", s.src[off])
	}
	return fmt.Sprintf("character %q", r)
}

// eof reports a truncated document, naming the innermost open bracket.
func (s *scanner) eof() {
	if len(s.stack) == 0 {
		s.fail(len(s.src), "unexpected end of input")
		return
	}
	f := s.stack[len(s.stack)-1]
	what := "an array"
	if f.obj {
		what = "an object"
	}
	line, col := lineCol(s.src, f.off)
	s.fail(len(s.src), "unexpected end of input; %s is still open since line %d, column %d", what, line, col)
}

func (s *scanner) add(n node) int32 {
	n.first, n.next = -1, -1
	s.nodes = append(s.nodes, n)
	return int32(len(s.nodes) - 1)
}

// value reads one value and returns its node, or -1 after an error.
func (s *scanner) value() int32 {
	if s.pos >= len(s.src) {
		s.eof()
		return -1
	}
	start := s.pos
	switch c := s.src[s.pos]; {
	case c == '{':
		return s.container(true)
	case c == '[':
		return s.container(false)
	case c == '"':
		text, ok := s.str()
		if !ok {
			return -1
		}
		return s.add(node{kind: jString, off: int32(start), end: int32(s.pos), text: text})
	case c == '-' || c >= '0' && c <= '9':
		if !s.number() {
			return -1
		}
		return s.add(node{kind: jNumber, off: int32(start), end: int32(s.pos), text: s.src[start:s.pos]})
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		end := start
		for end < len(s.src) && isWordByte(s.src[end]) {
			end++
		}
		word := s.src[start:end]
		switch word {
		case "true", "false":
			s.pos = end
			return s.add(node{kind: jBool, off: int32(start), end: int32(end), text: word})
		case "null":
			s.pos = end
			return s.add(node{kind: jNull, off: int32(start), end: int32(end), text: word})
		}
		switch lw := strings.ToLower(word); lw {
		case "true", "false", "null":
			s.fail(start, "JSON writes %s in lower case, not %s", lw, word)
		case "none":
			s.fail(start, "%s is not JSON; use null", word)
		default:
			s.fail(start, "unquoted text %.40q; JSON strings are written in double quotes", word)
		}
		return -1
	case c == '\'':
		s.fail(start, "JSON strings are written in double quotes, not single quotes")
	case c == '/' || c == '#':
		s.fail(start, "JSON has no comments")
	case c == '}' || c == ']':
		s.fail(start, "unexpected %q where a value is expected", c)
	default:
		s.fail(start, "unexpected %s where a value is expected (a string in double quotes, a number, true, false, null, an object or an array)", s.describe(start))
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// container reads an object or an array.
func (s *scanner) container(obj bool) int32 {
	start := s.pos
	if len(s.stack) >= MaxDepth {
		s.err = &scanError{code: "nesting-too-deep", off: start, path: s.path(),
			msg: fmt.Sprintf("JSON nested deeper than %d levels; a policy needs six", MaxDepth)}
		return -1
	}
	kind, closer, what, items := jArray, byte(']'), "array", "elements"
	if obj {
		kind, closer, what, items = jObject, '}', "object", "members"
	}
	self := s.add(node{kind: kind, off: int32(start)})
	// The frame is addressed by index: reading a child may grow the stack and move it.
	fi := len(s.stack)
	s.stack = append(s.stack, frame{obj: obj, off: start})
	s.pos++
	s.space()
	if s.pos < len(s.src) && s.src[s.pos] == closer {
		s.pos++
		return s.closeContainer(self)
	}
	last := int32(-1)
	for {
		s.space()
		if s.pos >= len(s.src) {
			s.eof()
			return -1
		}
		keyOff := s.pos
		var key string
		if obj {
			var ok bool
			if key, ok = s.key(); !ok {
				return -1
			}
			s.stack[fi].key, s.stack[fi].hasKey = key, true
		}
		child := s.value()
		if child < 0 {
			return -1
		}
		if obj {
			s.nodes[child].key = key
			s.nodes[child].keyOff = int32(keyOff)
		}
		if last < 0 {
			s.nodes[self].first = child
		} else {
			s.nodes[last].next = child
		}
		last = child
		s.nodes[self].n++
		s.space()
		if s.pos >= len(s.src) {
			s.eof()
			return -1
		}
		switch c := s.src[s.pos]; {
		case c == closer:
			s.pos++
			return s.closeContainer(self)
		case c == ',':
			s.pos++
			s.stack[fi].index++
			s.stack[fi].key, s.stack[fi].hasKey = "", false
			s.space()
			if s.pos < len(s.src) && s.src[s.pos] == closer {
				s.fail(s.pos, "trailing comma before %q; JSON allows no comma after the last of the %s", closer, items)
				return -1
			}
		case c == '"' || c == '{' || c == '[' || c == '-' || c >= '0' && c <= '9':
			s.fail(s.pos, "missing ',' between %s", items)
			return -1
		case c == ']' || c == '}':
			s.fail(s.pos, "unexpected %q; the %s opened at %s is still open", c, what, s.where(start))
			return -1
		default:
			s.fail(s.pos, "expected ',' or %q after %s, found %s", closer, map[bool]string{true: "a member", false: "an element"}[obj], s.describe(s.pos))
			return -1
		}
	}
}

func (s *scanner) closeContainer(self int32) int32 {
	s.nodes[self].end = int32(s.pos)
	s.stack = s.stack[:len(s.stack)-1]
	return self
}

// key reads an object key and the colon after it.
func (s *scanner) key() (string, bool) {
	c := s.src[s.pos]
	if c != '"' {
		switch {
		case c == '\'':
			s.fail(s.pos, "object keys are strings in double quotes, not single quotes")
		case isWordByte(c):
			end := s.pos
			for end < len(s.src) && isWordByte(s.src[end]) {
				end++
			}
			s.fail(s.pos, "object key %.40q is not quoted; keys are strings in double quotes", s.src[s.pos:end])
		case c == '/' || c == '#':
			s.fail(s.pos, "JSON has no comments")
		default:
			s.fail(s.pos, "unexpected %s where an object key (a string in double quotes) is expected", s.describe(s.pos))
		}
		return "", false
	}
	key, ok := s.str()
	if !ok {
		return "", false
	}
	s.space()
	if s.pos >= len(s.src) {
		s.eof()
		return "", false
	}
	if s.src[s.pos] != ':' {
		s.fail(s.pos, "expected ':' after the key %.40q, found %s", key, s.describe(s.pos))
		return "", false
	}
	s.pos++
	s.space()
	return key, true
}

func (s *scanner) where(off int) string {
	line, col := lineCol(s.src, off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

// str reads a string starting at the opening quote and returns its decoded text. Strings
// without escapes are returned as slices of the source, so a typical policy costs no copies.
func (s *scanner) str() (string, bool) {
	start := s.pos
	i := start + 1
	ascii := true
	for i < len(s.src) {
		c := s.src[i]
		if c == '"' {
			text := s.src[start+1 : i]
			if !ascii && !utf8.ValidString(text) {
				text = strings.ToValidUTF8(text, "\uFFFD")
			}
			s.pos = i + 1
			return text, true
		}
		if c == '\\' {
			return s.strSlow(start)
		}
		if c < 0x20 {
			s.controlInString(i, c)
			return "", false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		i++
	}
	s.pos = len(s.src)
	s.fail(len(s.src), "unexpected end of input in the string that starts at %s", s.where(start))
	return "", false
}

func (s *scanner) controlInString(off int, c byte) {
	esc := map[byte]string{'\n': `\n`, '\r': `\r`, '\t': `\t`}[c]
	if esc == "" {
		esc = fmt.Sprintf(`\u%04x`, c)
	}
	s.fail(off, "control character U+%04X in a string; write it as %s", c, esc)
}

func (s *scanner) strSlow(start int) (string, bool) {
	var b strings.Builder
	i := start + 1
	for i < len(s.src) {
		c := s.src[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return b.String(), true
		case c < 0x20:
			s.controlInString(i, c)
			return "", false
		case c == '\\':
			if i+1 >= len(s.src) {
				i++
				continue
			}
			e := s.src[i+1]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(s.src, i+2)
				if !ok {
					s.fail(i, `invalid escape %.6q; \u takes four hexadecimal digits`, s.src[i:min(i+6, len(s.src))])
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(s.src, i+2); ok && i+1 < len(s.src) && s.src[i] == '\\' && s.src[i+1] == 'u' {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							i += 6
							b.WriteRune(d)
							continue
						}
					}
					// A lone surrogate is not a character; encoding/json reads it the same way.
					r = utf8.RuneError
				}
				b.WriteRune(r)
				continue
			default:
				s.fail(i, `invalid escape %.2q in a string; JSON knows \" \\ \/ \b \f \n \r \t and \uXXXX`, s.src[i:i+2])
				return "", false
			}
			i += 2
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s.src[i:])
			b.WriteRune(r) // invalid bytes become U+FFFD; invalid-character reports them
			i += n
		}
	}
	s.pos = len(s.src)
	s.fail(len(s.src), "unexpected end of input in the string that starts at %s", s.where(start))
	return "", false
}

func hex4(src string, i int) (rune, bool) {
	if i+4 > len(src) {
		return 0, false
	}
	v, err := strconv.ParseUint(src[i:i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// number reads a number with JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	i := s.pos
	src := s.src
	digits := func() int {
		j := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i - j
	}
	if src[i] == '-' {
		i++
	}
	intStart := i
	switch n := digits(); {
	case n == 0:
		s.fail(i, "invalid number: a digit must follow '-'")
		return false
	case n > 1 && src[intStart] == '0':
		s.fail(intStart, "invalid number: JSON numbers have no leading zeros")
		return false
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			s.fail(i, "invalid number: a digit must follow '.'")
			return false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.fail(i, "invalid number: the exponent needs digits")
			return false
		}
	}
	s.pos = i
	return true
}

// joinKey appends an object key to a JSON path. Keys that would make the path ambiguous are
// quoted.
func joinKey(path, key string) string {
	if key == "" || strings.ContainsAny(key, ".[]\"") {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// lineCol returns the 1-based line and column of a byte offset.
func lineCol(src string, off int) (line, col int) {
	s := locState{line: 1, col: 1}
	s.advance(src, max(min(off, len(src)), 0))
	return s.line, s.col
}

// locator turns byte offsets into lines and columns. Lines end at LF, CR LF or a lone CR;
// columns count characters, not bytes. A first query records the position every locStride
// bytes, so that any later one costs at most locStride steps: 1,000 diagnostics on a 1 MiB
// one-line policy must not cost a pass over it each.
type locator struct {
	src string
	cps []locState // the position at every multiple of locStride
	cur locState
}

const locStride = 4096

type locState struct{ off, line, col int }

// advance moves s forward to offset to.
func (s *locState) advance(src string, to int) {
	for i := s.off; i < to; i++ {
		switch c := src[i]; {
		case c == '\n' || c == '\r' && (i+1 >= len(src) || src[i+1] != '\n'):
			s.line++
			s.col = 1
		case c < utf8.RuneSelf || utf8.RuneStart(c):
			s.col++
		}
	}
	s.off = to
}

func (l *locator) at(off int) (line, col int) {
	off = max(min(off, len(l.src)), 0)
	if l.cps == nil {
		s := locState{line: 1, col: 1}
		l.cps = make([]locState, 0, len(l.src)/locStride+1)
		for k := 0; k <= len(l.src); k += locStride {
			s.advance(l.src, k)
			l.cps = append(l.cps, s)
		}
		l.cur = l.cps[0]
	}
	if off < l.cur.off || off-l.cur.off > locStride {
		l.cur = l.cps[off/locStride]
	}
	l.cur.advance(l.src, off)
	return l.cur.line, l.cur.col
}
