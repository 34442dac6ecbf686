//go:build !js

package query

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Policy Sentry prints Python values: lists of strings, dictionaries in insertion order, None,
// with print(), json.dumps(v, indent=4) or yaml.dump(v). These types hold such a value so that
// it can be printed byte for byte as Python prints it. A value is a string, nil (None), a
// *pyList or a *pyDict.

// pyList is a Python list. Its identity matters: PyYAML writes a list that appears twice in a
// value once, with an anchor, and an alias where it appears again (Policy Sentry shares one
// dependent_actions list between all the records of an action).
type pyList struct {
	items []any
}

// pyDict is a Python dict: keys in insertion order.
type pyDict struct {
	keys []string
	vals []any
}

func newPyList(items ...string) *pyList {
	l := &pyList{items: make([]any, len(items))}
	for i, s := range items {
		l.items[i] = s
	}
	return l
}

func (d *pyDict) set(k string, v any) {
	for i, x := range d.keys {
		if x == k {
			d.vals[i] = v
			return
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}

// MarshalJSON writes the dict compactly, keys in insertion order, so that the bridge's data
// keeps Policy Sentry's key order.
func (d *pyDict) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	writePyJSON(&b, d, "", "")
	return []byte(b.String()), nil
}

// MarshalJSON writes the list compactly.
func (l *pyList) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	writePyJSON(&b, l, "", "")
	return []byte(b.String()), nil
}

// pyJSONDumps is Python's json.dumps(v, indent=4): ensure_ascii, ", " and ": " separators with
// the item separator's space dropped at line ends, "[]" and "{}" for empty containers.
func pyJSONDumps(v any) string {
	var b strings.Builder
	writePyJSON(&b, v, "    ", "\n")
	return b.String()
}

// writePyJSON writes v; with indent "" and nl "" it is json.dumps(v, separators=(",", ":")).
func writePyJSON(b *strings.Builder, v any, indent, nl string) {
	var write func(v any, depth int)
	pad := func(depth int) {
		b.WriteString(nl)
		for range depth {
			b.WriteString(indent)
		}
	}
	sep := ","
	colon := ":"
	if nl != "" {
		colon = ": "
	}
	write = func(v any, depth int) {
		switch v := v.(type) {
		case nil:
			b.WriteString("null")
		case string:
			pyJSONString(b, v)
		case *pyList:
			if len(v.items) == 0 {
				b.WriteString("[]")
				return
			}
			b.WriteByte('[')
			for i, x := range v.items {
				if i > 0 {
					b.WriteString(sep)
				}
				pad(depth + 1)
				write(x, depth+1)
			}
			pad(depth)
			b.WriteByte(']')
		case *pyDict:
			if len(v.keys) == 0 {
				b.WriteString("{}")
				return
			}
			b.WriteByte('{')
			for i, k := range v.keys {
				if i > 0 {
					b.WriteString(sep)
				}
				pad(depth + 1)
				pyJSONString(b, k)
				b.WriteString(colon)
				write(v.vals[i], depth+1)
			}
			pad(depth)
			b.WriteByte('}')
		default:
			panic(fmt.Sprintf("pyjson: unexpected %T", v))
		}
	}
	write(v, 0)
}

// pyJSONString writes s as json.dumps does with ensure_ascii: every character outside
// ' '..'~' escaped, as \uXXXX (a surrogate pair above U+FFFF) unless it has a short escape.
func pyJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r >= ' ' && r <= '~':
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			if r == utf8.RuneError {
				r = 0xFFFD
			}
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
}
