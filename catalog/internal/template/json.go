package template

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"strings"

	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// JSON input is read as JSON rather than as YAML: its errors are then told in JSON's terms (in
// encoding/json's words, as they always were), and YAML's limits on JSON read as YAML (a key of
// at most 1024 characters, on the line of its ':') do not apply. The values become the same
// yamlite.Node tree YAML gives, with lines and columns counted the YAML way, so the walk does
// not care which it was.

// jsonSyntaxError is a JSON error and the byte offset it concerns.
type jsonSyntaxError struct {
	off int
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

func parseJSON(data []byte) (*yamlite.Node, error) {
	base := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		// encoding/json refuses a byte-order mark, and so never saw one.
		base = 3
	}
	src := string(data)
	nodes, end, err := jsonscan.Parse(src, base, jsonscan.Options{MaxDepth: maxJSONDepth})
	if err != nil {
		if err.Deep {
			return nil, &jsonSyntaxError{off: err.Off, msg: fmt.Sprintf("exceeded max depth of %d", maxJSONDepth)}
		}
		// The scanner's messages are written for policies; a template's JSON errors have
		// always been encoding/json's, so it is asked for them. Only the error path pays.
		var v any
		var serr *json.SyntaxError
		switch uerr := json.Unmarshal(data[base:], &v); {
		case !errors.As(uerr, &serr): // the grammars agree; this is only defensive
			return nil, &jsonSyntaxError{off: err.Off, msg: err.Msg}
		case serr.Error() == "unexpected end of JSON input":
			return nil, &jsonSyntaxError{off: len(data), msg: serr.Error()}
		default:
			return nil, &jsonSyntaxError{off: base + max(int(serr.Offset)-1, 0), msg: serr.Error()}
		}
	}
	if jsonscan.SkipSpace(src, end) < len(src) {
		// What follows the object is pointed at past white space, commas and colons, which
		// encoding/json's token reader skipped.
		return nil, &jsonSyntaxError{off: end + len(src[end:]) - len(strings.TrimLeft(src[end:], " \t\r\n,:")), msg: "unexpected data after the JSON object"}
	}
	b := &jsonBuilder{nodes: nodes, cur: newCursor(data)}
	return b.build(0, nodes[0].Off), nil
}

type jsonBuilder struct {
	nodes []jsonscan.Node
	cur   *cursor
}

// build makes the yamlite node of JSON node i, which starts at offset start (its key's, for a
// key). Nodes come in the order of their offsets, which the cursor needs.
func (b *jsonBuilder) build(i int32, start int32) *yamlite.Node {
	jn := &b.nodes[i]
	b.cur.advance(int(start))
	n := &yamlite.Node{Line: b.cur.line, Column: b.cur.col}
	switch jn.Kind {
	case jsonscan.Object, jsonscan.Array:
		n.Style = yamlite.FlowStyle
		if jn.Kind == jsonscan.Object {
			n.Kind, n.Tag = yamlite.MappingNode, "!!map"
		} else {
			n.Kind, n.Tag = yamlite.SequenceNode, "!!seq"
		}
		for c := jn.First; c >= 0; c = b.nodes[c].Next {
			if jn.Kind == jsonscan.Object {
				b.cur.advance(int(b.nodes[c].KeyOff))
				n.Content = append(n.Content, &yamlite.Node{Kind: yamlite.ScalarNode, Tag: "!!str", Value: b.nodes[c].Key,
					Style: yamlite.DoubleQuotedStyle, Line: b.cur.line, Column: b.cur.col})
			}
			n.Content = append(n.Content, b.build(c, b.nodes[c].Off))
		}
	case jsonscan.String:
		n.Kind, n.Tag, n.Value, n.Style = yamlite.ScalarNode, "!!str", jn.Text, yamlite.DoubleQuotedStyle
	case jsonscan.Number:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!int", jn.Text
		if strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!float"
		}
	case jsonscan.Bool:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!bool", jn.Text
	case jsonscan.Null:
		n.Kind, n.Tag, n.Value = yamlite.ScalarNode, "!!null", "null"
	}
	return n
}

func (p *parser) jsonError(err error) {
	var je *jsonSyntaxError
	if errors.As(err, &je) {
		p.errorf(diag.SyntaxError, p.offsetLoc(je.off), "invalid JSON: %s", je.msg)
		return
	}
	p.errorf(diag.SyntaxError, p.fileLoc(), "invalid JSON: %v", err)
}
