package jsonx_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonx"
	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// The tests hold jsonx to encoding/json: the same bytes written, the same values read, the
// same errors in the same words.

type inner struct {
	A string `json:"a"`
	B int    `json:"b,omitempty"`
}

type Embedded struct {
	E      string `json:"e"`
	Shadow string `json:"shadow"`
	Twice  string
	In     inner `json:"in"`
}

type EmbeddedPtr struct {
	EP    []string `json:"ep,omitempty"`
	Twice string
}

// kinds has every kind and tag iamforge's types use, and the field rules around them.
type kinds struct {
	Embedded
	*EmbeddedPtr
	S        string              `json:"s"`
	SO       string              `json:"so,omitempty"`
	I        int                 `json:"i"`
	IO       int                 `json:",omitempty"`
	I8       int8                `json:"i8"`
	U16      uint16              `json:"u16,omitempty"`
	B        bool                `json:"b,omitempty"`
	P        *int                `json:"p,omitempty"`
	PS       *string             `json:"ps"`
	PP       **bool              `json:"pp"`
	L        []string            `json:"l"`
	LO       []string            `json:"lo,omitempty"`
	LS       []inner             `json:"ls"`
	LP       []*inner            `json:"lp,omitempty"`
	M        map[string]int      `json:"m"`
	MM       map[string][]string `json:"mm,omitempty"`
	Skip     string              `json:"-"`
	Dash     string              `json:"-,"`
	Shadow   string              `json:"shadow"`
	Untagged string
	unexp    string
}

// withAny adds what only writing supports: interfaces and arrays.
type withAny struct {
	kinds
	Raw jsonx.Raw `json:"raw,omitempty"`
	X   any       `json:"x"`
	XS  []any     `json:"xs"`
	Arr [2]string `json:"arr"`
}

func TestMarshalKinds(t *testing.T) {
	n := 5
	b, s := true, "<s>"
	pb := &b
	for _, v := range []any{
		kinds{}, withAny{}, &kinds{}, (*kinds)(nil), []kinds(nil), []kinds{}, map[string]kinds{"z": {}, "a": {I: 1}},
		kinds{Embedded: Embedded{E: "e", Shadow: "hidden"}, EmbeddedPtr: &EmbeddedPtr{EP: []string{"x"}}, P: &n, PS: &s, PP: &pb,
			LP: []*inner{nil, {A: "a"}}},
		withAny{Raw: jsonx.Raw(" { \"a\" : [1, \"<\\\" x\"] } ")},
		withAny{X: []any{"a", 1, nil, map[string]any{"k": true}}, XS: []any{}},
		"plain", 12, true, nil, []string{"a", "<b>"}, map[string][]int{"b": nil, "a": {1}},
	} {
		jsonxtest.Marshal(t, v)
	}
	jsonxtest.MarshalRandom(t, 1, 300, kinds{}, withAny{})
}

func TestMarshalUnsupported(t *testing.T) {
	for _, v := range []any{1.5, []byte("x"), map[int]string{1: "a"}, make(chan int), jsonx.Raw(nil)} {
		if b, err := jsonx.Marshal(nil, v, false); err == nil {
			t.Errorf("Marshal(%T) = %s; want an error", v, b)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range jsonxtest.Strings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		jsonxtest.Marshal(t, s)
		jsonxtest.Marshal(t, map[string]string{s: s})
	})
}

// FuzzIndent checks Indent against encoding/json on compact JSON, the raw JSON a response may
// embed included.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[],"b":{},"c":[{"d":null}]}`, `"x"`, `[1,"\"]",{"k":"{["}]`, `{"":""}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		if json.Compact(&b, []byte(s)) != nil {
			return
		}
		jsonxtest.Marshal(t, jsonx.Raw(b.Bytes()))
	})
}

var syntaxSeeds = []string{
	``, ` `, `{`, `}`, `{"a":1}`, `{"a":1} x`, `{"a" 1}`, `{"a":}`, `{,}`, `{"a":1,}`, `[1,]`, `[1 2]`, `["a"`,
	`"\u12`, `"\uzzzz"`, `"\q"`, "\"a\nb\"", `tru`, `trux`, `nul`, `nullx`, `-`, `-x`, `01`, `1.`, `1.x`, `1e`,
	`1e+`, `1ex`, `123x`, `"abc"x`, "\xef\xbb\xbf{}", `{"a":[{"b":-0.5e+3}]}`, `'a'`, "\x00", `[` + strings.Repeat("[", 10001),
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000), `{"a":1}}`, `{"a":1}]`, `{"a":1}{"b":2}`, "{\"\xff\":\"\xfe\"}",
}

// FuzzCheck holds Check to encoding/json's Decoder and Unmarshal to json.Unmarshal: the same
// first error in the same words, at the same offset, and where the first value ends.
func FuzzCheck(f *testing.F) {
	for _, s := range syntaxSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var raw json.RawMessage
		dec := json.NewDecoder(strings.NewReader(s))
		wantErr := dec.Decode(&raw)
		end, err := jsonx.Check(s)
		switch {
		case wantErr == nil:
			if err != nil || end != int(dec.InputOffset()) {
				t.Fatalf("Check(%q) = %d, %v; the Decoder reads %d bytes, no error", s, end, err, dec.InputOffset())
			}
		case errors.Is(wantErr, io.EOF), errors.Is(wantErr, io.ErrUnexpectedEOF):
			if err == nil || !err.EOF {
				t.Fatalf("Check(%q) = %d, %v; the Decoder says %v", s, end, err, wantErr)
			}
		default:
			var se *json.SyntaxError
			if !errors.As(wantErr, &se) || err == nil || err.Msg != se.Error() || err.EOF {
				t.Fatalf("Check(%q) = %v; the Decoder says %v", s, err, wantErr)
			}
		}
		jsonxtest.Decode(t, []byte(s), func() any { return new(any2) }, false)
		// Unmarshal's offsets too.
		wantErr = json.Unmarshal([]byte(s), &raw)
		gotErr := jsonx.Unmarshal(s, new(any2))
		var se *json.SyntaxError
		var ge *jsonx.SyntaxError
		if errors.As(wantErr, &se) {
			if !errors.As(gotErr, &ge) || ge.Msg != se.Error() || int64(ge.Offset) != se.Offset {
				t.Fatalf("Unmarshal(%q) = %v; json.Unmarshal says %v at %d", s, gotErr, wantErr, se.Offset)
			}
		} else if errors.As(gotErr, &ge) {
			t.Fatalf("Unmarshal(%q) = %v; json.Unmarshal says %v", s, gotErr, wantErr)
		}
	})
}

// any2 takes any JSON object: what Check lets through must decode.
type any2 struct{}

// FuzzParse checks that Parse reads what the Decoder reads: the same values, keys in order,
// duplicates kept; and that it refuses what Check refuses.
func FuzzParse(f *testing.F) {
	for _, s := range syntaxSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end, serr := jsonx.Check(s)
		nodes, pend, perr := jsonx.Parse(s, 0, jsonx.Options{MaxDepth: 10000})
		if serr != nil {
			if perr == nil && !(end == 0 && serr.EOF) {
				// Parse reads a number to its end; Check also stops there, so only a value cut
				// short may differ (Parse reads "1." as an error too).
				t.Fatalf("Parse(%q) succeeded; Check says %v", s, serr)
			}
			return
		}
		if perr != nil {
			// A top-level number followed by what continues no number ("01", "1x") ends early
			// for the Decoder; Parse reads the whole word.
			if _, _, e := jsonx.Parse(s[:end], 0, jsonx.Options{MaxDepth: 10000}); e != nil {
				t.Fatalf("Parse(%q) = %v; Check accepts %q", s, e, s[:end])
			}
			return
		}
		if pend != end {
			t.Fatalf("Parse(%q) ends at %d; Check at %d", s, pend, end)
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var b strings.Builder
		tokens(t, dec, &b)
		if got := render(nodes, 0); got != b.String() {
			t.Fatalf("Parse(%q) = %s; the Decoder reads %s", s, got, b.String())
		}
	})
}

// tokens writes the Decoder's tokens of one value in a canonical form.
func tokens(t *testing.T, dec *json.Decoder, b *strings.Builder) {
	tok, err := dec.Token()
	if err != nil {
		t.Fatal(err)
	}
	switch v := tok.(type) {
	case json.Delim:
		b.WriteByte(byte(v))
		for i := 0; dec.More(); i++ {
			if v == '{' {
				k, _ := dec.Token()
				b.WriteString(quote(k.(string)) + ":")
			}
			tokens(t, dec, b)
			b.WriteByte(',')
		}
		end, _ := dec.Token()
		b.WriteByte(byte(end.(json.Delim)))
	case string:
		b.WriteString(quote(v))
	case json.Number:
		b.WriteString(string(v))
	case bool:
		b.WriteString(map[bool]string{true: "true", false: "false"}[v])
	case nil:
		b.WriteString("null")
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func render(nodes []jsonx.Node, i int32) string {
	n := &nodes[i]
	switch n.Kind {
	case jsonx.Object, jsonx.Array:
		var b strings.Builder
		b.WriteByte("[{"[map[bool]int{false: 0, true: 1}[n.Kind == jsonx.Object]])
		for c := n.First; c >= 0; c = nodes[c].Next {
			if n.Kind == jsonx.Object {
				b.WriteString(quote(nodes[c].Key) + ":")
			}
			b.WriteString(render(nodes, c) + ",")
		}
		b.WriteByte("]}"[map[bool]int{false: 0, true: 1}[n.Kind == jsonx.Object]])
		return b.String()
	case jsonx.String:
		return quote(n.Text)
	}
	return n.Text
}

// decodable is what Decode fills: kinds without interfaces and arrays, and floats.
type decodable struct {
	kinds
	F  float64        `json:"f"`
	F2 map[string]int `json:"Shadow"`
	U  uint8          `json:"u"`
}

var decodeSeeds = []string{
	`{}`, `null`, `[]`, `"x"`, `1`, `{"s":"a","S":"b"}`, `{"S":"a"}`, `{"i":1.5}`, `{"i":1e2}`, `{"i8":300}`, `{"u":-1}`,
	`{"l":["a",null,"b"]}`, `{"l":null}`, `{"l":[]}`, `{"ls":[{"a":"x","b":1},{"b":2}],"ls":[{"a":"y"}]}`, `{"x":1}`,
	`{"e":"promoted","in":{"a":"b"}}`, `{"ep":["x"]}`, `{"pp":true}`, `{"pp":null}`, `{"p":"s"}`, `{"m":{"a":1,"a":2}}`,
	`{"m":[]}`, `{"shadow":1}`, `{"Shadow":{"a":1}}`, `{"-":"dash"}`, `{"Skip":"x"}`, `{"unexp":"x"}`, `{"IO":3}`,
	`{"io":3}`, `{"k\u212a":1}`, `{"ſ":"long s"}`, `{"\u017f":"s"}`, `{"f":1e400}`, `{"ls":[1]}`, `{"in":{"b":"x"}}`,
	`{"s":"a"} trailing`, `{"s":"a"`, `{"l":["a"],"l":["b",null]}`, `{"raw":"x"}`, `{"Twice":"x"}`, `{"in":null,"in":{"b":2}}`,
}

func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		jsonxtest.Decode(t, data, func() any { return new(decodable) }, strict)
		jsonxtest.Decode(t, data, func() any {
			v := &decodable{}
			v.L = make([]string, 1, 4)[:1]
			v.LS = []inner{{A: "kept", B: 7}}
			v.M = map[string]int{"old": 1}
			return v
		}, strict)
		jsonxtest.Unmarshal(t, data, func() any { return new(decodable) })
	})
}

func TestDecodeRandom(t *testing.T) {
	jsonxtest.ProbeDecode(t, 2, 500, jsonxtest.Strict, decodable{})
	jsonxtest.ProbeDecode(t, 3, 500, jsonxtest.Lenient, decodable{})
	jsonxtest.ProbeDecode(t, 4, 500, jsonxtest.Whole, decodable{})
}

func TestDecodeNotPointer(t *testing.T) {
	var v decodable
	for _, target := range []any{v, (*decodable)(nil), nil} {
		if _, err := jsonx.Decode(`{}`, target, true); err == nil {
			t.Errorf("Decode into %T succeeded; want an error", target)
		}
	}
}

func TestKindString(t *testing.T) {
	want := []string{"null", "a boolean", "a number", "a string", "an array", "an object"}
	for k, w := range want {
		if got := jsonx.Kind(k).String(); got != w {
			t.Errorf("Kind(%d).String() = %q; want %q", k, got, w)
		}
	}
	if !reflect.DeepEqual(jsonx.JoinKey(jsonx.JoinIndex("Statement", 0), "a.b"), `Statement[0]["a.b"]`) {
		t.Error(jsonx.JoinKey(jsonx.JoinIndex("Statement", 0), "a.b"))
	}
}
