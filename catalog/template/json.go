package template

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// JSON input is read with encoding/json rather than as YAML: its errors are then told in JSON's
// terms, and YAML's limits on JSON read as YAML (a key of at most 1024 characters, on the line
// of its ':') do not apply. The tokens become the same yamlite.Node tree YAML gives, with lines
// and columns counted the YAML way, so the walk does not care which it was.

// jsonSyntaxError is a JSON error and the byte offset it concerns.
type jsonSyntaxError struct {
	off int
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

type jsonBuilder struct {
	data []byte
	base int // the length of a byte-order mark, which encoding/json refuses and so never sees
	dec  *json.Decoder
	cur  *cursor
}

func parseJSON(data []byte) (*yamlite.Node, error) {
	base := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		base = 3
	}
	dec := json.NewDecoder(bytes.NewReader(data[base:]))
	dec.UseNumber()
	b := &jsonBuilder{data: data, base: base, dec: dec, cur: newCursor(data)}
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
func (b *jsonBuilder) next() int {
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

func (b *jsonBuilder) value(depth int) (*yamlite.Node, error) {
	start := b.next()
	tok, err := b.dec.Token()
	if err != nil {
		return nil, err
	}
	return b.build(tok, start, depth)
}

func (b *jsonBuilder) build(tok json.Token, start, depth int) (*yamlite.Node, error) {
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
func (b *jsonBuilder) wrap(err error) error {
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

func (p *parser) jsonError(err error) {
	var je *jsonSyntaxError
	if errors.As(err, &je) {
		p.errorf(CodeSyntaxError, p.offsetLoc(je.off), "invalid JSON: %s", je.msg)
		return
	}
	p.errorf(CodeSyntaxError, p.fileLoc(), "invalid JSON: %v", err)
}
