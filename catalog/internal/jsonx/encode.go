package jsonx

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Marshal appends v as compact JSON, as encoding/json's Marshal writes it: struct fields by
// their json tags ("-", a name, omitempty; embedded structs' fields promoted), maps with their
// keys sorted, nil slices, maps and pointers as null, Raw as it is. html escapes <, > and & in
// strings, as Marshal does by default; encoding/json's Encoder with SetEscapeHTML(false) does
// not. The kinds iamforge's types use are supported: strings, bools, integers, pointers,
// interfaces, structs, slices, arrays and maps with string keys; others (floats, []byte,
// channels...) are an error. Cycles are the caller's to avoid.
//
// Reflection costs the WebAssembly build little: fmt links it in anyway, while encoding/json
// brought 200 KB of its own.
func Marshal(dst []byte, v any, html bool) ([]byte, error) {
	e := encoder{dst: dst, html: html}
	e.value(reflect.ValueOf(v))
	if e.err != nil {
		return nil, e.err
	}
	return e.dst, nil
}

type encoder struct {
	dst  []byte
	html bool
	err  error
}

var rawType = reflect.TypeFor[Raw]()

func (e *encoder) value(v reflect.Value) {
	if e.err != nil {
		return
	}
	if !v.IsValid() {
		e.dst = append(e.dst, "null"...)
		return
	}
	t := v.Type()
	if t == rawType {
		if v.Len() == 0 {
			e.err = errors.New("jsonx: empty Raw")
			return
		}
		e.dst = appendRaw(e.dst, v.Bytes(), e.html)
		return
	}
	switch t.Kind() {
	case reflect.String:
		e.dst = appendString(e.dst, v.String(), e.html)
	case reflect.Bool:
		e.dst = strconv.AppendBool(e.dst, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.dst = strconv.AppendInt(e.dst, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.dst = strconv.AppendUint(e.dst, v.Uint(), 10)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.dst = append(e.dst, "null"...)
			return
		}
		e.value(v.Elem())
	case reflect.Struct:
		e.dst = append(e.dst, '{')
		first := true
		for _, f := range cachedFields(t) {
			fv, ok := fieldByIndex(v, f.index)
			if !ok || f.omitEmpty && isEmpty(fv) {
				continue
			}
			if !first {
				e.dst = append(e.dst, ',')
			}
			first = false
			e.dst = appendString(e.dst, f.name, e.html)
			e.dst = append(e.dst, ':')
			e.value(fv)
		}
		e.dst = append(e.dst, '}')
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			e.err = fmt.Errorf("jsonx: cannot write %s as JSON: only string keys", t)
			return
		}
		if v.IsNil() {
			e.dst = append(e.dst, "null"...)
			return
		}
		keys := make([]string, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			keys = append(keys, it.Key().String())
		}
		slices.Sort(keys)
		e.dst = append(e.dst, '{')
		for i, k := range keys {
			if i > 0 {
				e.dst = append(e.dst, ',')
			}
			e.dst = appendString(e.dst, k, e.html)
			e.dst = append(e.dst, ':')
			e.value(v.MapIndex(reflect.ValueOf(k).Convert(t.Key())))
		}
		e.dst = append(e.dst, '}')
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			e.err = fmt.Errorf("jsonx: cannot write %s as JSON", t)
			return
		}
		if t.Kind() == reflect.Slice && v.IsNil() {
			e.dst = append(e.dst, "null"...)
			return
		}
		e.dst = append(e.dst, '[')
		for i := range v.Len() {
			if i > 0 {
				e.dst = append(e.dst, ',')
			}
			e.value(v.Index(i))
		}
		e.dst = append(e.dst, ']')
	default:
		e.err = fmt.Errorf("jsonx: cannot write %s as JSON", t)
	}
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// fieldByIndex follows an index path through embedded structs; false when it passes a nil
// pointer (encoding/json then leaves the field out).
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// field is a struct field as JSON sees it.
type field struct {
	name      string
	index     []int
	omitEmpty bool
	tagged    bool
	// path names the field from the struct, through embedded ones, for messages:
	// "Request.kind".
	path string
}

var fieldCache sync.Map // reflect.Type → []field

func cachedFields(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	f, _ := fieldCache.LoadOrStore(t, typeFields(t, nil, ""))
	return f.([]field)
}

// typeFields lists the JSON fields of struct type t as encoding/json does: exported fields
// not tagged "-", named by their tag or else their Go name; an embedded struct without a tag
// name promotes its fields, a shallower field hiding a deeper one of the same name (and two
// at the same depth hiding each other, unless one is tagged); in the order of their index.
func typeFields(t reflect.Type, index []int, path string) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if sf.Anonymous {
			if !sf.IsExported() && ft.Kind() != reflect.Struct {
				continue
			}
		} else if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		idx := append(slices.Clip(index), i)
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			out = append(out, typeFields(ft, idx, path+sf.Name+".")...)
			continue
		}
		f := field{name: name, index: idx, tagged: name != "", path: path}
		if name == "" {
			f.name = sf.Name
		}
		f.path += f.name
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			f.omitEmpty = f.omitEmpty || o == "omitempty"
		}
		out = append(out, f)
	}
	if index != nil {
		return out // the outermost call resolves names
	}
	// Keep, per name, the dominant field.
	kept := out[:0:0]
	for i, f := range out {
		dominant, tie := true, false
		for j, g := range out {
			if i == j || g.name != f.name {
				continue
			}
			switch {
			case len(g.index) < len(f.index):
				dominant = false
			case len(g.index) == len(f.index):
				if g.tagged == f.tagged {
					tie = true
				} else if g.tagged {
					dominant = false
				}
			}
		}
		if dominant && !tie {
			kept = append(kept, f)
		}
	}
	return kept
}
