package servicedoc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A small JSON reader of its own, rather than encoding/json, because the model keeps source
// order (Policy Sentry's rows are not sorted), duplicate keys must be reported rather than
// merged, every error needs a line, and encoding/json would silently turn a lone surrogate
// escape into U+FFFD.

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k jkind) String() string {
	return [...]string{"null", "a bool", "a number", "a string", "an array", "an object"}[k]
}

// jnode is a parsed JSON value; line is the line of the block it starts on (1-based).
type jnode struct {
	kind    jkind
	line    int
	str     string
	b       bool
	elems   []*jnode
	members []jmember
}

type jmember struct {
	key  string
	line int
	val  *jnode
}

// jsonError is a syntax error at a line of the block.
type jsonError struct {
	line int
	msg  string
}

func (e *jsonError) Error() string { return e.msg }

// maxDepth bounds nesting: the schema needs four levels, and recursion on hostile input must
// not exhaust the stack.
const maxDepth = 32

type jparser struct {
	src   string
	pos   int
	line  int
	depth int
}

// parseJSON parses one JSON value filling all of src.
func parseJSON(src string) (*jnode, error) {
	p := &jparser{src: src, line: 1}
	p.space()
	if p.pos >= len(p.src) {
		return nil, &jsonError{p.line, "empty block (want a JSON value)"}
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errf("unexpected %s after the JSON value", p.found())
	}
	return v, nil
}

func (p *jparser) errf(format string, args ...any) error {
	return &jsonError{p.line, fmt.Sprintf(format, args...)}
}

// found describes what is at the current position, for "want …, found …" messages.
func (p *jparser) found() string {
	if p.pos >= len(p.src) {
		return "end of block"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jparser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\n':
			p.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		p.pos++
	}
}

func (p *jparser) value() (*jnode, error) {
	if p.pos >= len(p.src) {
		return nil, p.errf("unexpected end of block (want a JSON value)")
	}
	line := p.line
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jnode{kind: jString, line: line, str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case strings.HasPrefix(p.src[p.pos:], "true"):
		p.pos += 4
		return &jnode{kind: jBool, line: line, b: true}, nil
	case strings.HasPrefix(p.src[p.pos:], "false"):
		p.pos += 5
		return &jnode{kind: jBool, line: line}, nil
	case strings.HasPrefix(p.src[p.pos:], "null"):
		p.pos += 4
		return &jnode{kind: jNull, line: line}, nil
	}
	return nil, p.errf("unexpected %s (want a JSON value)", p.found())
}

func (p *jparser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errf("nested more than %d levels deep", maxDepth)
	}
	return nil
}

func (p *jparser) object() (*jnode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jnode{kind: jObject, line: p.line}
	p.pos++ // {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return nil, p.errf("unexpected %s (want a string key)", p.found())
		}
		line := p.line
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.errf("unexpected %s after key %q (want ':')", p.found(), k)
		}
		p.pos++
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, jmember{key: k, line: line, val: v})
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return n, nil
		}
		return nil, p.errf("unexpected %s in object (want ',' or '}')", p.found())
	}
}

func (p *jparser) array() (*jnode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jnode{kind: jArray, line: p.line}
	p.pos++ // [
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			return n, nil
		}
		return nil, p.errf("unexpected %s in array (want ',' or ']')", p.found())
	}
}

func (p *jparser) number() (*jnode, error) {
	line, start := p.line, p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.src[p.pos] == '-' {
		p.pos++
	}
	if digits() == 0 {
		return nil, p.errf("invalid number (want a digit after '-')")
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errf("invalid number (want a digit after '.')")
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errf("invalid number (want a digit in the exponent)")
		}
	}
	return &jnode{kind: jNumber, line: line, str: p.src[start:p.pos]}, nil
}

// string reads a JSON string at p.pos (which is '"').
func (p *jparser) string() (string, error) {
	s, n, err := unquoteJSON(p.src[p.pos:])
	if err != nil {
		return "", p.errf("%v", err)
	}
	p.pos += n
	return s, nil
}

// unquoteJSON decodes the JSON string at the start of src and returns it with the number of
// bytes it took. Lone surrogates are an error rather than U+FFFD so nothing changes silently.
func unquoteJSON(src string) (string, int, error) {
	if src == "" || src[0] != '"' {
		return "", 0, errors.New("want a JSON string")
	}
	var b strings.Builder
	i := 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			return b.String(), i + 1, nil
		case c < 0x20:
			return "", 0, fmt.Errorf("control character %U in string (want it escaped)", rune(c))
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(src) {
			break
		}
		e := src[i+1]
		i += 2
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
			r, ok := hex4(src[i:])
			if !ok {
				return "", 0, errors.New(`invalid \u escape (want 4 hex digits)`)
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if r < 0xdc00 && strings.HasPrefix(src[i:], `\u`) {
					r2, ok = hex4(src[i+2:])
				}
				d := utf16.DecodeRune(r, r2)
				if !ok || d == utf8.RuneError {
					return "", 0, fmt.Errorf(`lone surrogate \u%04x (want a pair)`, r)
				}
				i += 6
				r = d
			}
			b.WriteRune(r)
		default:
			return "", 0, fmt.Errorf("invalid escape %q", `\`+string(rune(e)))
		}
	}
	return "", 0, errors.New("unterminated string")
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil || strings.ContainsAny(s[:4], "+-_") {
		return 0, false
	}
	return rune(v), true
}

// Writing: the output must be what Python's json.dumps(obj, indent=4) prints, since the seed
// and Policy Sentry's database are made that way.

// jobj is an ordered JSON object.
type jobj []jkv

type jkv struct {
	k string
	v any // string, bool, []string, jobj or []any
}

// appendJSON appends v at the given indentation depth.
func appendJSON(b []byte, v any, depth int) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
	case bool:
		return strconv.AppendBool(b, v), nil
	case []string:
		if len(v) == 0 {
			return append(b, "[]"...), nil
		}
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = indent(b, depth+1)
			if b, err = appendJSONString(b, s); err != nil {
				return nil, err
			}
		}
		return append(indent(b, depth), ']'), nil
	case []any:
		if len(v) == 0 {
			return append(b, "[]"...), nil
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = indent(b, depth+1)
			if b, err = appendJSON(b, e, depth+1); err != nil {
				return nil, err
			}
		}
		return append(indent(b, depth), ']'), nil
	case jobj:
		if len(v) == 0 {
			return append(b, "{}"...), nil
		}
		b = append(b, '{')
		for i, kv := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = indent(b, depth+1)
			if b, err = appendJSONString(b, kv.k); err != nil {
				return nil, err
			}
			b = append(b, ": "...)
			if b, err = appendJSON(b, kv.v, depth+1); err != nil {
				return nil, err
			}
		}
		return append(indent(b, depth), '}'), nil
	}
	panic(fmt.Sprintf("servicedoc: appendJSON of %T", v)) // a bug in this package, not bad input
}

func indent(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, "    "...)
	}
	return b
}

// appendJSONString writes s as Python's json.dumps does with ensure_ascii: everything outside
// printable ASCII as \uXXXX (lower-case hex, surrogate pairs above the BMP).
func appendJSONString(b []byte, s string) ([]byte, error) {
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return nil, fmt.Errorf("invalid UTF-8 in %q", s)
		}
		i += size
		switch r {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		default:
			switch {
			case r >= 0x20 && r < 0x7f:
				b = append(b, byte(r))
			case r > 0xffff:
				r1, r2 := utf16.EncodeRune(r)
				b = fmt.Appendf(b, `\u%04x\u%04x`, r1, r2)
			default:
				b = fmt.Appendf(b, `\u%04x`, r)
			}
		}
	}
	return append(b, '"'), nil
}
