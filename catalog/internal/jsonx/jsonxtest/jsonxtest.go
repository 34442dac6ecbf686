// Package jsonxtest holds the tests' oracle for jsonx: each function does a thing with jsonx
// and with encoding/json and reports where the two differ. Only tests import it, so
// encoding/json stays out of the WebAssembly build.
package jsonxtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonx"
)

// Strings are awkward strings for random values: what JSON escapes, what HTML escaping
// touches, line and paragraph separators, invalid UTF-8, lone surrogates' bytes.
var Strings = []string{
	"", "a", "s3:GetObject", "arn:aws:s3:::bucket/*", "Read", "<b>&amp;</b>", "\u2028\u2029",
	"\x00\x01\x1f\x7f", "\b\f\n\r\t", `"\/`, "é中🚀", "\xff\xfe", "a\xe2\x80", "\xed\xa0\x80",
	"\ufffd", "${aws:username}", " leading and trailing ", "Mode", "MODE", "k\u212aelvin",
}

// Random returns a random value of type t, depth-bounded: strings from Strings or random bytes,
// integers across their range, nil, empty and full slices and maps, nil and set pointers,
// interfaces holding nothing or a string, an int or a bool. Unexported fields and those tagged
// json:"-" stay zero.
func Random(r *rand.Rand, t reflect.Type) reflect.Value {
	return random(r, t, 0)
}

var rawType = reflect.TypeFor[jsonx.Raw]()

// raws are JSON texts for random jsonx.Raw values, which must hold JSON.
var raws = []string{"", `{}`, `[]`, `null`, ` { "a" : [1, "<\" x", true] } `, `"\u2028"`, "\"\u2028&\u2029\"", `-1.5e3`}

func random(r *rand.Rand, t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if t == rawType {
		if s := raws[r.IntN(len(raws))]; s != "" {
			v.SetBytes([]byte(s))
		}
		return v
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(RandomString(r))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch r.IntN(4) {
		case 0:
		case 1:
			v.SetInt(int64(r.IntN(100)))
		case 2:
			v.SetInt(-int64(r.IntN(1000)))
		default:
			v.SetInt(int64(r.Uint64()) >> (64 - t.Bits()))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(r.Uint64() >> (64 - t.Bits()) >> r.IntN(int(t.Bits())))
	case reflect.Float64:
		v.SetFloat(float64(r.IntN(1000)) / 8)
	case reflect.Pointer:
		if depth < 6 && r.IntN(4) != 0 {
			v.Set(random(r, t.Elem(), depth+1).Addr())
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			switch r.IntN(4) {
			case 1:
				v.Set(reflect.ValueOf(RandomString(r)))
			case 2:
				v.Set(reflect.ValueOf(r.IntN(100)))
			case 3:
				v.Set(reflect.ValueOf(r.IntN(2) == 0))
			}
		}
	case reflect.Slice:
		switch n := r.IntN(5); {
		case n == 0 || depth >= 6:
		case n == 1:
			v.Set(reflect.MakeSlice(t, 0, r.IntN(3)))
		default:
			v.Set(reflect.MakeSlice(t, n-1, n-1))
			for i := range n - 1 {
				v.Index(i).Set(random(r, t.Elem(), depth+1))
			}
		}
	case reflect.Array:
		for i := range t.Len() {
			v.Index(i).Set(random(r, t.Elem(), depth+1))
		}
	case reflect.Map:
		switch n := r.IntN(5); {
		case n == 0 || depth >= 6:
		case n == 1:
			v.Set(reflect.MakeMap(t))
		default:
			v.Set(reflect.MakeMap(t))
			for range n - 1 {
				v.SetMapIndex(random(r, t.Key(), depth+1), random(r, t.Elem(), depth+1))
			}
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("json") != "-" {
				v.Field(i).Set(random(r, f.Type, depth+1))
			}
		}
	default:
		panic(fmt.Sprintf("jsonxtest: no random %s", t))
	}
	return v
}

// RandomString returns one of Strings, or a few random bytes.
func RandomString(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	}
	return Strings[r.IntN(len(Strings))]
}

// StdCompact is what encoding/json's Encoder writes with SetEscapeHTML(false), less the newline.
func StdCompact(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// StdIndent is what encoding/json's Encoder writes with SetEscapeHTML(false) and
// SetIndent("", indent).
func StdIndent(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Marshal checks that jsonx writes v as encoding/json does: compact without HTML escaping (the
// bridge's responses), with it (json.Marshal, the permalinks) and indented (the CLI's output).
func Marshal(tb testing.TB, v any) {
	tb.Helper()
	want, err := StdCompact(v)
	if err != nil {
		if got, err2 := jsonx.Marshal(nil, v, false); err2 == nil {
			tb.Fatalf("jsonx.Marshal(%#v) = %s; encoding/json cannot write it: %v", v, got, err)
		}
		return
	}
	got, err := jsonx.Marshal(nil, v, false)
	if err != nil || !bytes.Equal(got, want) {
		tb.Fatalf("jsonx.Marshal(%T) =\n%s, %v\nencoding/json writes\n%s", v, got, err, want)
	}
	wantHTML, _ := json.Marshal(v)
	if got, err := jsonx.Marshal(nil, v, true); err != nil || !bytes.Equal(got, wantHTML) {
		tb.Fatalf("jsonx.Marshal(%T, html) =\n%s, %v\njson.Marshal writes\n%s", v, got, err, wantHTML)
	}
	wantIndent, _ := StdIndent(v, "  ")
	if got := jsonx.Indent(want, "  "); !bytes.Equal(got, wantIndent) {
		tb.Fatalf("jsonx.Indent(%s) =\n%s\nencoding/json writes\n%s", want, got, wantIndent)
	}
}

// MarshalRandom checks Marshal on n random values of each of the types of values.
func MarshalRandom(t *testing.T, seed uint64, n int, values ...any) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	for _, v := range values {
		typ := reflect.TypeOf(v)
		Marshal(t, v)
		for range n {
			Marshal(t, Random(r, typ).Interface())
		}
	}
}

// StdDecode decodes data into v as encoding/json's Decoder does, strict or not, and returns
// the error and the offset after the value.
func StdDecode(data []byte, v any, strict bool) (int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(v)
	return int(dec.InputOffset()), err
}

// Decode checks that jsonx.Decode reads data as encoding/json's Decoder does: the same error,
// word for word, or the same value and the same offset after it. fresh returns a new value to
// decode into, each time the same (zero or prefilled: a repeated key or a prefilled slice
// decodes into what is there).
func Decode(tb testing.TB, data []byte, fresh func() any, strict bool) {
	tb.Helper()
	want, got := fresh(), fresh()
	wantEnd, wantErr := StdDecode(data, want, strict)
	gotEnd, gotErr := jsonx.Decode(string(data), got, strict)
	if errString(gotErr) != errString(wantErr) {
		tb.Fatalf("jsonx.Decode(%q, %T) error = %v; encoding/json says %v", data, got, gotErr, wantErr)
	}
	if wantErr != nil {
		return
	}
	if !reflect.DeepEqual(got, want) {
		tb.Fatalf("jsonx.Decode(%q) = %#v; encoding/json gives %#v", data, got, want)
	}
	if gotEnd != wantEnd {
		tb.Fatalf("jsonx.Decode(%q) ends at %d; encoding/json at %d", data, gotEnd, wantEnd)
	}
}

// Unmarshal checks that jsonx.Unmarshal reads data as json.Unmarshal does.
func Unmarshal(tb testing.TB, data []byte, fresh func() any) {
	tb.Helper()
	want, got := fresh(), fresh()
	wantErr := json.Unmarshal(data, want)
	gotErr := jsonx.Unmarshal(string(data), got)
	if errString(gotErr) != errString(wantErr) {
		tb.Fatalf("jsonx.Unmarshal(%q, %T) error = %v; encoding/json says %v", data, got, gotErr, wantErr)
	}
	if wantErr == nil && !reflect.DeepEqual(got, want) {
		tb.Fatalf("jsonx.Unmarshal(%q) = %#v; encoding/json gives %#v", data, got, want)
	}
}

func errString(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, io.EOF) && err.Error() == "EOF":
		return "EOF"
	}
	return err.Error()
}

// Mutate returns JSON text near data: keys in other cases, values swapped for other types or
// null, members repeated, elements dropped, bytes cut or changed; what a decoder must read as
// encoding/json does, mistakes and all.
func Mutate(r *rand.Rand, data []byte) []byte {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if dec.Decode(&v) == nil && r.IntN(4) != 0 {
		v = mutate(r, v, 0)
		var b bytes.Buffer
		writeJSON(r, &b, v)
		return b.Bytes()
	}
	out := append([]byte(nil), data...)
	switch {
	case len(out) == 0:
		return []byte("{}")
	case r.IntN(2) == 0:
		return out[:r.IntN(len(out))]
	default:
		const bytes = "{}[],:\" \\0-1.eEtfnux\xff"
		out[r.IntN(len(out))] = bytes[r.IntN(len(bytes))]
		return out
	}
}

// member is an object member; objects are lists of them, to keep order and repeats.
type member struct {
	key string
	val any
}

func mutate(r *rand.Rand, v any, depth int) any {
	if r.IntN(12) == 0 {
		return []any{nil, "x", json.Number("1"), json.Number("-2.5e3"), true, []any{}, map[string]any{}, []any{"a", nil}}[r.IntN(8)]
	}
	switch v := v.(type) {
	case map[string]any:
		var ms []member
		for k, x := range v {
			ms = append(ms, member{k, mutate(r, x, depth+1)})
		}
		for i := range ms {
			switch r.IntN(8) {
			case 0:
				ms[i].key = strings.ToUpper(ms[i].key)
			case 1:
				ms[i].key = strings.ToUpper(ms[i].key[:min(1, len(ms[i].key))]) + ms[i].key[min(1, len(ms[i].key)):]
			case 2:
				ms = append(ms, member{ms[i].key, mutate(r, ms[i].val, depth+1)})
			case 3:
				ms[i].key += "x"
			case 4:
				ms[i].val = nil
			}
		}
		r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		return ms
	case []any:
		out := make([]any, 0, len(v)+1)
		for _, x := range v {
			if r.IntN(8) != 0 {
				out = append(out, mutate(r, x, depth+1))
			}
		}
		if r.IntN(6) == 0 {
			out = append(out, nil)
		}
		return out
	case json.Number:
		return []json.Number{"0", "-0", "1.5", "1e2", "9223372036854775808", "-9223372036854775809", "255", "256", "-1", v}[r.IntN(10)]
	}
	return v
}

func writeJSON(r *rand.Rand, b *bytes.Buffer, v any) {
	space := func() {
		if r.IntN(8) == 0 {
			b.WriteString(" \n\t\r"[:1+r.IntN(4)])
		}
	}
	space()
	switch v := v.(type) {
	case []member:
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(m.key)
			b.Write(k)
			space()
			b.WriteByte(':')
			writeJSON(r, b, m.val)
		}
		b.WriteByte('}')
	case map[string]any:
		b.WriteString("{}")
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(r, b, x)
		}
		b.WriteByte(']')
	case json.Number:
		b.WriteString(string(v))
	default:
		x, _ := json.Marshal(v)
		b.Write(x)
	}
	space()
}

// Mode is how ProbeDecode decodes: as the Decoder does, strictly or not, or as Unmarshal does.
type Mode int

const (
	Strict Mode = iota
	Lenient
	Whole
)

// ProbeDecode checks Decode (or Unmarshal) on n random values of each type, written by
// encoding/json and mutated, decoded into zero values and into random prefilled ones.
func ProbeDecode(t *testing.T, seed uint64, n int, mode Mode, values ...any) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for _, v := range values {
		typ := reflect.TypeOf(v)
		for range n {
			data, err := json.Marshal(Random(r, typ).Interface())
			if err != nil {
				t.Fatal(err)
			}
			if r.IntN(4) != 0 {
				data = Mutate(r, data)
			}
			pre := Random(r, typ)
			for _, fresh := range []func() any{
				func() any { return reflect.New(typ).Interface() },
				func() any {
					p := reflect.New(typ)
					p.Elem().Set(deepCopy(pre))
					return p.Interface()
				},
			} {
				if mode == Whole {
					Unmarshal(t, data, fresh)
				} else {
					Decode(t, data, fresh, mode == Strict)
				}
			}
		}
	}
}

// deepCopy copies v with its slices, maps and pointers, so that two decodes into copies of
// one prefilled value share no memory.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			out.Set(deepCopy(v.Elem()).Addr())
		}
	case reflect.Slice:
		if !v.IsNil() {
			s := reflect.MakeSlice(v.Type(), v.Len(), v.Cap())
			for i := range v.Len() {
				s.Index(i).Set(deepCopy(v.Index(i)))
			}
			// Elements between length and capacity are there too, for decoders to reuse.
			full := v.Slice(0, v.Cap())
			sf := s.Slice(0, s.Cap())
			for i := v.Len(); i < v.Cap(); i++ {
				sf.Index(i).Set(deepCopy(full.Index(i)))
			}
			out.Set(s)
		}
	case reflect.Map:
		if !v.IsNil() {
			m := reflect.MakeMap(v.Type())
			for it := v.MapRange(); it.Next(); {
				m.SetMapIndex(it.Key(), deepCopy(it.Value()))
			}
			out.Set(m)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			out.Set(deepCopy(v.Elem()))
		}
	default:
		out.Set(v)
	}
	return out
}
