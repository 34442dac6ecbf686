package template

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// parseJSONStd is the JSON reader as it was, on encoding/json's Decoder: the oracle for
// parseJSON, whose trees, messages and error offsets must not differ from it.
type stdBuilder struct {
	data []byte
	base int // the length of a byte-order mark, which encoding/json refuses and so never sees
	dec  *json.Decoder
	cur  *cursor
}

func parseJSONStd(data []byte) (*yamlite.Node, error) {
	base := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		base = 3
	}
	dec := json.NewDecoder(bytes.NewReader(data[base:]))
	dec.UseNumber()
	b := &stdBuilder{data: data, base: base, dec: dec, cur: newCursor(data)}
	n, err := b.value(0)
	if err != nil {
		return nil, b.wrap(err)
	}
	start := b.next()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &jsonSyntaxError{off: start, msg: "unexpected data after the JSON object"}
	}
	return n, nil
}

// next returns where the next token starts: past white space and the ',' or ':' that the
// decoder consumes along with it.
func (b *stdBuilder) next() int {
	i := b.base + int(b.dec.InputOffset())
	for i < len(b.data) {
		switch b.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

func (b *stdBuilder) value(depth int) (*yamlite.Node, error) {
	start := b.next()
	tok, err := b.dec.Token()
	if err != nil {
		return nil, err
	}
	return b.build(tok, start, depth)
}

func (b *stdBuilder) build(tok json.Token, start, depth int) (*yamlite.Node, error) {
	b.cur.advance(start)
	n := &yamlite.Node{Line: b.cur.line, Column: b.cur.col}
	switch v := tok.(type) {
	case json.Delim:
		if depth >= maxJSONDepth {
			return nil, &jsonSyntaxError{off: start, msg: fmt.Sprintf("exceeded max depth of %d", maxJSONDepth)}
		}
		n.Style = yamlite.FlowStyle
		if v == '{' {
			n.Kind, n.Tag = yamlite.MappingNode, "!!map"
		} else {
			n.Kind, n.Tag = yamlite.SequenceNode, "!!seq"
		}
		for b.dec.More() {
			if n.Kind == yamlite.MappingNode {
				k, err := b.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, k)
			}
			c, err := b.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		if _, err := b.dec.Token(); err != nil { // the closing ] or }
			return nil, err
		}
	case string:
		n.Kind, n.Tag, n.Value, n.Style = yamlite.ScalarNode, "!!str", v, yamlite.DoubleQuotedStyle
	case json.Number:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!int", string(v)
		if strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!float"
		}
	case bool:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!bool", fmt.Sprint(v)
	case nil:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// wrap gives a decoder error the offset it concerns.
func (b *stdBuilder) wrap(err error) error {
	var se *json.SyntaxError
	var je *jsonSyntaxError
	switch {
	case errors.As(err, &je):
		return je
	case errors.As(err, &se):
		// The streaming decoder's offsets are sometimes relative to the value it was reading;
		// Unmarshal's checker counts from the start, the offending byte included. Only the
		// error path pays for the second scan.
		var raw json.RawMessage
		if err := json.Unmarshal(b.data[b.base:], &raw); errors.As(err, &se) {
			return &jsonSyntaxError{off: b.base + max(int(se.Offset)-1, 0), msg: se.Error()}
		}
		return &jsonSyntaxError{off: b.base + int(b.dec.InputOffset()), msg: se.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &jsonSyntaxError{off: len(b.data), msg: "unexpected end of JSON input"}
	}
	return &jsonSyntaxError{off: b.base + int(b.dec.InputOffset()), msg: strings.TrimPrefix(err.Error(), "json: ")}
}

var jsonStdSeeds = []string{
	`{}`, `{"mode": "crud", "read": ["arn:aws:s3:::a", "arn:aws:s3:::b"]}`, "\uFEFF{\"mode\": \"actions\"}",
	"{\n  \"mode\": \"crud\",\n  \"read\": [\"a\",\n    \"b\" \"c\"]\n}", `{"a": 1, "a": 2.5e3, "b": [true, null, {}], "c": "\u00e9\ud83d\ude80"}`,
	`{"a": tru}`, `{"a": 01}`, `{"a" 1}`, `{"a": 1,}`, `{"a": [1,]}`, `{"a": "\q"}`, `{"a": "\u12"}`, `{"a":`, `{"a": "x`, `{`,
	`{} x`, `{} ,x`, `{}:`, `{}  `, `{} {}`, "{\"a\":\"\u2028\"}\r\n", `{"a": -}`, `{"a": 1.}`, `{"a": 1e}`, `{"a": [` + strings.Repeat("[", 10001),
	`{"a": "` + "\x01" + `"}`, "{\"k\u212a\": \"\xff\"}",
}

// FuzzParseJSONAsBefore checks parseJSON against the encoding/json reader it replaced.
func FuzzParseJSONAsBefore(f *testing.F) {
	for _, s := range jsonStdSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !looksLikeJSON(data) {
			return
		}
		got, err := parseJSON(data)
		want, wantErr := parseJSONStd(data)
		if fmt.Sprintf("%#v", err) != fmt.Sprintf("%#v", wantErr) {
			t.Fatalf("parseJSON(%q) error = %#v; encoding/json's reader %#v", data, err, wantErr)
		}
		if d := nodeDiff(got, want); d != "" {
			t.Fatalf("parseJSON(%q): %s", data, d)
		}
	})
}

func TestParseJSONAsBefore(t *testing.T) {
	for _, s := range jsonStdSeeds {
		data := []byte(s)
		got, err := parseJSON(data)
		want, wantErr := parseJSONStd(data)
		if fmt.Sprintf("%#v", err) != fmt.Sprintf("%#v", wantErr) {
			t.Errorf("parseJSON(%q) error = %#v; encoding/json's reader %#v", data, err, wantErr)
		}
		if d := nodeDiff(got, want); d != "" {
			t.Errorf("parseJSON(%q): %s", data, d)
		}
	}
}

// nodeDiff describes the first difference between two trees, "" if none.
func nodeDiff(a, b *yamlite.Node) string {
	if (a == nil) != (b == nil) {
		return fmt.Sprintf("%v against %v", a, b)
	}
	if a == nil {
		return ""
	}
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%v %s %q %v at %d:%d (%d children) against %v %s %q %v at %d:%d (%d children)",
			a.Kind, a.Tag, a.Value, a.Style, a.Line, a.Column, len(a.Content), b.Kind, b.Tag, b.Value, b.Style, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if d := nodeDiff(a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}
