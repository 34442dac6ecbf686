package jsonscan

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

// Kind is the type of a JSON value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind for a message: "null", "a boolean", "a number", "a string", "an
// array", "an object".
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "an array"
	}
	return "an object"
}

// Node is one JSON value. Children of arrays and objects are chained through First and Next so
// that the whole document lives in one slice; the root is the first node.
type Node struct {
	Kind   Kind
	Off    int32 // offset of the value's first byte
	End    int32 // offset just past the value
	KeyOff int32 // offset of the key's opening quote, for object members
	First  int32 // first child, or -1
	Next   int32 // next sibling, or -1
	N      int32 // number of children
	// Ignored is the caller's to set: the policy reader marks an object member whose key
	// appears again later, since the later one counts.
	Ignored bool
	// Text is a string's decoded value, or the literal text of a number, true, false or null.
	Text string
	// Key is the decoded key of an object member.
	Key string
}

// Options say how Parse reads.
type Options struct {
	// MaxDepth is how deeply arrays and objects may nest; recursion is bounded by it.
	MaxDepth int
	// Runs makes a run of invalid UTF-8 bytes in a string without escapes one U+FFFD, as the
	// policy reader always did; otherwise each invalid byte becomes one, as in encoding/json.
	Runs bool
	// Nodes is how many nodes to make room for at first; 0 counts the commas and open
	// brackets in src, a bound that is tight when they are the document's own (and not, say,
	// in one long string).
	Nodes int
}

// Error is a syntax error: where, the JSON path of the value being read, and what is wrong.
type Error struct {
	Off  int
	Path string
	Msg  string
	// Deep reports nesting beyond Options.MaxDepth.
	Deep bool
}

func (e *Error) Error() string { return e.Msg }

// frame is an open array or object, kept to name the JSON path and the open bracket in messages.
type frame struct {
	obj    bool
	off    int
	index  int    // elements or members read so far
	key    string // key of the member being read
	hasKey bool
}

type scanner struct {
	src   string
	pos   int
	opt   Options
	nodes []Node
	stack []frame
	err   *Error
}

// Parse reads one JSON value from src, starting at offset start and after any white space,
// and returns its nodes (the value is nodes[0]) and the offset just past it; what follows is
// the caller's to judge. On failure it returns the first error.
func Parse(src string, start int, o Options) ([]Node, int, *Error) {
	n := o.Nodes
	if n <= 0 {
		n = estimateNodes(src[start:])
	}
	s := &scanner{src: src, pos: start, opt: o, nodes: make([]Node, 0, n)}
	s.space()
	s.value()
	if s.err != nil {
		return nil, 0, s.err
	}
	return s.nodes, s.pos, nil
}

// estimateNodes bounds the node count from above: besides the root, every value is the first
// element or member after a '[' or '{', or follows a ','. Counting is fast, and sizing the slice
// once saves the copies of growing it, which for a 1 MiB array of numbers cost five times the
// final size.
func estimateNodes(src string) int {
	return strings.Count(src, ",") + strings.Count(src, "[") + strings.Count(src, "{") + 1
}

// SkipSpace returns the offset of the first byte at or after off that is not JSON white space.
func SkipSpace(src string, off int) int {
	for off < len(src) {
		switch src[off] {
		case ' ', '\t', '\n', '\r':
			off++
		default:
			return off
		}
	}
	return off
}

func (s *scanner) space() { s.pos = SkipSpace(s.src, s.pos) }

func (s *scanner) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = &Error{Off: off, Path: s.path(), Msg: fmt.Sprintf(format, args...)}
	}
}

// path is the JSON path of the value being read.
func (s *scanner) path() string {
	p := ""
	for _, f := range s.stack {
		if f.obj {
			if f.hasKey {
				p = JoinKey(p, f.key)
			}
		} else {
			p = JoinIndex(p, f.index)
		}
	}
	return p
}

// Describe names the character at off for a message: "character 'x'", "byte 0xff" or "end of
// input".
func Describe(src string, off int) string {
	if off >= len(src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(src[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", src[off])
	}
	return fmt.Sprintf("character %q", r)
}

func (s *scanner) describe(off int) string { return Describe(s.src, off) }

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
	line, col := LineCol(s.src, f.off)
	s.fail(len(s.src), "unexpected end of input; %s is still open since line %d, column %d", what, line, col)
}

func (s *scanner) add(n Node) int32 {
	n.First, n.Next = -1, -1
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
		return s.add(Node{Kind: String, Off: int32(start), End: int32(s.pos), Text: text})
	case c == '-' || c >= '0' && c <= '9':
		if !s.number() {
			return -1
		}
		return s.add(Node{Kind: Number, Off: int32(start), End: int32(s.pos), Text: s.src[start:s.pos]})
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		end := start
		for end < len(s.src) && isWordByte(s.src[end]) {
			end++
		}
		word := s.src[start:end]
		switch word {
		case "true", "false":
			s.pos = end
			return s.add(Node{Kind: Bool, Off: int32(start), End: int32(end), Text: word})
		case "null":
			s.pos = end
			return s.add(Node{Kind: Null, Off: int32(start), End: int32(end), Text: word})
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
	if len(s.stack) >= s.opt.MaxDepth {
		s.err = &Error{Off: start, Path: s.path(), Deep: true,
			Msg: fmt.Sprintf("JSON nested deeper than %d levels", s.opt.MaxDepth)}
		return -1
	}
	kind, closer, what, items := Array, byte(']'), "array", "elements"
	if obj {
		kind, closer, what, items = Object, '}', "object", "members"
	}
	self := s.add(Node{Kind: kind, Off: int32(start)})
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
			s.nodes[child].Key = key
			s.nodes[child].KeyOff = int32(keyOff)
		}
		if last < 0 {
			s.nodes[self].First = child
		} else {
			s.nodes[last].Next = child
		}
		last = child
		s.nodes[self].N++
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
	s.nodes[self].End = int32(s.pos)
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
	line, col := LineCol(s.src, off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

// str reads a string starting at the opening quote and returns its decoded text. Strings
// without escapes are returned as slices of the source, so a typical document costs no copies.
func (s *scanner) str() (string, bool) {
	start := s.pos
	i := start + 1
	ascii := true
	for i < len(s.src) {
		c := s.src[i]
		if c == '"' {
			text := s.src[start+1 : i]
			if !ascii && !utf8.ValidString(text) {
				if !s.opt.Runs {
					return s.strSlow(start)
				}
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

// strSlow decodes a string with escapes or invalid UTF-8 as encoding/json does: each invalid
// byte and each lone surrogate becomes U+FFFD.
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
			b.WriteRune(r) // an invalid byte becomes U+FFFD
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

// JoinKey appends an object key to a JSON path. Keys that would make the path ambiguous are
// quoted.
func JoinKey(path, key string) string {
	if key == "" || strings.ContainsAny(key, ".[]\"") {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// JoinIndex appends an array index to a JSON path.
func JoinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// LineCol returns the 1-based line and column of a byte offset, as the messages count them:
// lines end at LF, CR LF or a lone CR; columns count characters, not bytes.
func LineCol(src string, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < max(min(off, len(src)), 0); i++ {
		switch c := src[i]; {
		case c == '\n' || c == '\r' && (i+1 >= len(src) || src[i+1] != '\n'):
			line++
			col = 1
		case c < utf8.RuneSelf || utf8.RuneStart(c):
			col++
		}
	}
	return line, col
}
