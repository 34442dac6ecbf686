package jsonscan_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
)

var syntaxSeeds = []string{
	``, ` `, `{`, `}`, `{"a":1}`, `{"a":1} x`, `{"a" 1}`, `{"a":}`, `{,}`, `{"a":1,}`, `[1,]`, `[1 2]`, `["a"`,
	`"\u12`, `"\uzzzz"`, `"\q"`, "\"a\nb\"", `tru`, `trux`, `nul`, `nullx`, `-`, `-x`, `01`, `1.`, `1.x`, `1e`,
	`1e+`, `1ex`, `123x`, `"abc"x`, "\xef\xbb\xbf{}", `{"a":[{"b":-0.5e+3}]}`, `'a'`, "\x00", `[` + strings.Repeat("[", 10001),
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000), `{"a":1}}`, `{"a":1}]`, `{"a":1}{"b":2}`, "{\"\xff\":\"\xfe\"}",
}

func FuzzParse(f *testing.F) {
	for _, s := range syntaxSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// encoding/json is the grammar's oracle: Parse accepts a value followed by nothing but
		// white space exactly when json.Valid does.
		nodes, pend, perr := jsonscan.Parse(s, 0, jsonscan.Options{MaxDepth: 10000})
		whole := perr == nil && jsonscan.SkipSpace(s, pend) == len(s)
		if whole != json.Valid([]byte(s)) {
			t.Fatalf("Parse(%q) reads it whole: %v (%v); json.Valid: %v", s, whole, perr, !whole)
		}
		if !whole {
			return
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

func render(nodes []jsonscan.Node, i int32) string {
	n := &nodes[i]
	switch n.Kind {
	case jsonscan.Object, jsonscan.Array:
		var b strings.Builder
		b.WriteByte("[{"[map[bool]int{false: 0, true: 1}[n.Kind == jsonscan.Object]])
		for c := n.First; c >= 0; c = nodes[c].Next {
			if n.Kind == jsonscan.Object {
				b.WriteString(quote(nodes[c].Key) + ":")
			}
			b.WriteString(render(nodes, c) + ",")
		}
		b.WriteByte("]}"[map[bool]int{false: 0, true: 1}[n.Kind == jsonscan.Object]])
		return b.String()
	case jsonscan.String:
		return quote(n.Text)
	}
	return n.Text
}

func TestKindString(t *testing.T) {
	want := []string{"null", "a boolean", "a number", "a string", "an array", "an object"}
	for k, w := range want {
		if got := jsonscan.Kind(k).String(); got != w {
			t.Errorf("Kind(%d).String() = %q; want %q", k, got, w)
		}
	}
	if !reflect.DeepEqual(jsonscan.JoinKey(jsonscan.JoinIndex("Statement", 0), "a.b"), `Statement[0]["a.b"]`) {
		t.Error(jsonscan.JoinKey(jsonscan.JoinIndex("Statement", 0), "a.b"))
	}
}
