package jsonx

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// ErrEOF and ErrUnexpectedEOF are what Decode returns for input without a value and for input
// that ends inside one, in io.EOF's and io.ErrUnexpectedEOF's words, as encoding/json's Decoder
// does.
var (
	ErrEOF           = errors.New("EOF")
	ErrUnexpectedEOF = errors.New("unexpected EOF")
)

// Decode reads the first JSON value of src into the value v points to, as encoding/json's
// Decoder.Decode does (with DisallowUnknownFields when strict), and returns the offset just
// past it: what follows is the caller's to judge. The first error is returned in
// encoding/json's words: a syntax error in the value, else the first thing that does not fit,
// in document order. The kinds Marshal writes are supported, and floats.
func Decode(src string, v any, strict bool) (end int, err error) {
	end, serr := Check(src)
	if serr != nil {
		if serr.EOF {
			if SkipSpace(src, 0) == len(src) {
				return 0, ErrEOF
			}
			return 0, ErrUnexpectedEOF
		}
		return 0, serr
	}
	return end, decode(src[:end], v, strict)
}

// Unmarshal reads src, one JSON value and nothing but white space around it, into the value v
// points to, as encoding/json's Unmarshal does; unknown fields are skipped.
func Unmarshal(src string, v any) error {
	end, serr := Check(src)
	if serr != nil {
		return serr
	}
	if i := SkipSpace(src, end); i < len(src) {
		return &SyntaxError{Msg: "invalid character " + quoteChar(src[i]) + " after top-level value", Offset: i + 1}
	}
	return decode(src[:end], v, false)
}

func decode(src string, v any, strict bool) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("jsonx: decoding into %T, not a pointer", v)
	}
	// A request's commas are mostly in its strings (a template's text): let the nodes grow.
	nodes, _, perr := Parse(src, 0, Options{MaxDepth: maxNesting, Nodes: 32})
	if perr != nil {
		// Check accepted what Parse refuses: the two grammars should not differ.
		return perr
	}
	d := &decoder{nodes: nodes, strict: strict}
	d.value(0, rv)
	return d.err
}

// decoder fills Go values from a parsed value with encoding/json's rules: keys match field
// names exactly or else ignoring case; null leaves a value as it is, but clears a pointer,
// slice or map; a slice is decoded into what it holds, up to its capacity, then cut; a repeated
// key decodes into what the first left.
type decoder struct {
	nodes  []Node
	strict bool
	err    error
	// The struct and the field path being decoded, for messages (encoding/json's errorContext).
	strct  reflect.Type
	fields []string
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// typeError records that the JSON value what ("string", "number 1.5") cannot fill a t.
func (d *decoder) typeError(what string, t reflect.Type) {
	if d.strct != nil || len(d.fields) > 0 {
		name := ""
		if d.strct != nil {
			name = d.strct.Name()
		}
		d.fail(fmt.Errorf("json: cannot unmarshal %s into Go struct field %s.%s of type %s", what, name, strings.Join(d.fields, "."), t))
		return
	}
	d.fail(fmt.Errorf("json: cannot unmarshal %s into Go value of type %s", what, t))
}

var kindNames = [...]string{Null: "null", Bool: "bool", Number: "number", String: "string", Array: "array", Object: "object"}

// indirect walks down pointers, allocating nil ones, to the value to fill; for null it stops at
// a settable pointer, which null clears. (encoding/json's indirect, less what concerns
// unmarshalers.)
func indirect(v reflect.Value, null bool) reflect.Value {
	for v.Kind() == reflect.Pointer {
		if null && v.CanSet() {
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	return v
}

func (d *decoder) value(n int32, v reflect.Value) {
	if d.err != nil {
		return
	}
	nd := &d.nodes[n]
	v = indirect(v, nd.Kind == Null)
	t := v.Type()
	k := t.Kind()
	switch nd.Kind {
	case Null:
		switch k {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice:
			v.SetZero()
		}
		return
	case Bool:
		if k == reflect.Bool {
			v.SetBool(nd.Text == "true")
			return
		}
	case String:
		if k == reflect.String {
			v.SetString(nd.Text)
			return
		}
	case Number:
		switch k {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			i, err := strconv.ParseInt(nd.Text, 10, 64)
			if err != nil || v.OverflowInt(i) {
				d.typeError("number "+nd.Text, t)
				return
			}
			v.SetInt(i)
			return
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			u, err := strconv.ParseUint(nd.Text, 10, 64)
			if err != nil || v.OverflowUint(u) {
				d.typeError("number "+nd.Text, t)
				return
			}
			v.SetUint(u)
			return
		case reflect.Float32, reflect.Float64:
			f, err := strconv.ParseFloat(nd.Text, t.Bits())
			if err != nil || v.OverflowFloat(f) {
				d.typeError("number "+nd.Text, t)
				return
			}
			v.SetFloat(f)
			return
		}
	case Array:
		if k == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
			d.slice(n, v)
			return
		}
	case Object:
		switch {
		case k == reflect.Struct:
			d.object(n, v)
			return
		case k == reflect.Map && t.Key().Kind() == reflect.String:
			d.mapping(n, v)
			return
		}
	}
	d.typeError(kindNames[nd.Kind], t)
}

// slice decodes array node n as encoding/json does: elements go into what the slice holds,
// growing it one element at a time, then the slice is cut to the elements read (an empty array
// gives an empty slice, not nil).
func (d *decoder) slice(n int32, v reflect.Value) {
	i := 0
	for c := d.nodes[n].First; c >= 0 && d.err == nil; c = d.nodes[c].Next {
		if i >= v.Cap() {
			v.Grow(1)
		}
		if i >= v.Len() {
			v.SetLen(i + 1)
		}
		d.value(c, v.Index(i))
		i++
	}
	if i < v.Len() {
		v.SetLen(i)
	}
	if i == 0 {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
}

// mapping decodes object node n into a map with string keys: each value into a zero value,
// stored under its key.
func (d *decoder) mapping(n int32, v reflect.Value) {
	t := v.Type()
	if v.IsNil() {
		v.Set(reflect.MakeMap(t))
	}
	elem := reflect.New(t.Elem()).Elem()
	for c := d.nodes[n].First; c >= 0 && d.err == nil; c = d.nodes[c].Next {
		elem.SetZero()
		d.value(c, elem)
		v.SetMapIndex(reflect.ValueOf(d.nodes[c].Key).Convert(t.Key()), elem)
	}
}

// object decodes object node n into a struct: each member into the field of its name, matched
// exactly or else ignoring case (Unicode simple folding, as encoding/json does); an unknown
// member is an error when strict.
func (d *decoder) object(n int32, v reflect.Value) {
	t := v.Type()
	fields := cachedFields(t)
	for c := d.nodes[n].First; c >= 0 && d.err == nil; c = d.nodes[c].Next {
		key := d.nodes[c].Key
		f := matchField(fields, key)
		if f == nil {
			if d.strict {
				d.fail(fmt.Errorf("json: unknown field %q", key))
			}
			continue
		}
		fv := v
		for i, x := range f.index {
			if i > 0 && fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					if !fv.CanSet() {
						d.fail(fmt.Errorf("json: cannot set embedded pointer to unexported struct: %v", fv.Type().Elem()))
						return
					}
					fv.Set(reflect.New(fv.Type().Elem()))
				}
				fv = fv.Elem()
			}
			fv = fv.Field(x)
		}
		strct, depth := d.strct, len(d.fields)
		d.strct, d.fields = t, append(d.fields, f.path)
		d.value(c, fv)
		d.strct, d.fields = strct, d.fields[:depth]
	}
}

func matchField(fields []field, key string) *field {
	var fold *field
	for i := range fields {
		if fields[i].name == key {
			return &fields[i]
		}
		if fold == nil && strings.EqualFold(fields[i].name, key) {
			fold = &fields[i]
		}
	}
	return fold
}
