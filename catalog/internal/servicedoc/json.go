package servicedoc

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

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
