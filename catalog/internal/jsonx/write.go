package jsonx

import "unicode/utf8"

// Raw is JSON text, written as it is less the white space outside strings (as encoding/json
// compacts what a json.Marshaler returns).
type Raw []byte

// MarshalJSON returns r, so that encoding/json, in tests, writes it as this package does.
func (r Raw) MarshalJSON() ([]byte, error) { return r, nil }

// appendRaw appends JSON text without its white space outside strings; with html, it escapes
// <, >, &, U+2028 and U+2029 in strings, as encoding/json's Marshal does.
func appendRaw(dst []byte, r []byte, html bool) []byte {
	in := false
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case in:
			switch {
			case c == '\\' && i+1 < len(r):
				dst = append(dst, c)
				i++
				c = r[i]
			case c == '"':
				in = false
			case html && (c == '<' || c == '>' || c == '&'):
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
				continue
			case html && c == 0xE2 && i+2 < len(r) && r[i+1] == 0x80 && r[i+2]&^1 == 0xA8:
				// U+2028 and U+2029
				dst = append(dst, '\\', 'u', '2', '0', '2', hex[r[i+2]&0xF])
				i += 2
				continue
			}
		case c == '"':
			in = true
		case isSpace(c):
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

const hex = "0123456789abcdef"

// appendString appends s quoted as encoding/json quotes it: \" \\ \b \f \n \r \t, other
// control characters as \u00XX, U+2028 and U+2029 as \u2028 and \u2029, each byte that is not
// UTF-8 as \ufffd, and with html <, > and & as \u003c, \u003e and \u0026.
func appendString(dst []byte, s string, html bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && (!html || b != '<' && b != '>' && b != '&') {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Indent lays out compact JSON (as this package writes it: no white space outside strings) as
// encoding/json's Encoder does with SetIndent("", indent): one member or element a line, "[]"
// and "{}" for empty ones, ": " after keys, and a final newline.
func Indent(src []byte, indent string) []byte {
	dst := make([]byte, 0, len(src)+len(src)/2)
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// Copy the string through its closing quote.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '\n')
}
