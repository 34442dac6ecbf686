package yamlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// nodeFromJSONStd is FromJSON's reader as it was, on encoding/json's Decoder: the oracle for
// nodeFromJSON, whose trees must not differ from it.
func nodeFromJSONStd(data []byte) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root *Node
	var stack []*Node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("yamlite: reading JSON: %w", err)
		}
		var n *Node
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				n = &Node{Kind: MappingNode, Tag: mapTag}
			case '[':
				n = &Node{Kind: SequenceNode, Tag: seqTag}
			default:
				stack = stack[:len(stack)-1]
				continue
			}
		case string:
			n = jsonString(v)
		case json.Number:
			n = &Node{Kind: ScalarNode, Value: v.String()}
		case bool:
			n = &Node{Kind: ScalarNode, Value: "false"}
			if v {
				n.Value = "true"
			}
		case nil:
			n = &Node{Kind: ScalarNode, Value: "null"}
		}
		if len(stack) == 0 {
			if root != nil {
				return nil, errors.New("yamlite: reading JSON: more than one value")
			}
			root = n
		} else {
			parent := stack[len(stack)-1]
			parent.Content = append(parent.Content, n)
		}
		if n.Kind != ScalarNode {
			if len(stack) >= MaxDepth {
				return nil, fmt.Errorf("yamlite: reading JSON: nesting deeper than %d levels", MaxDepth)
			}
			stack = append(stack, n)
		}
	}
	if root == nil || len(stack) > 0 {
		return nil, errors.New("yamlite: reading JSON: unexpected end of input")
	}
	return root, nil
}

// FuzzNodeFromJSONAsBefore checks nodeFromJSON against the encoding/json reader it replaced:
// the same tree, and an error for the same inputs.
func FuzzNodeFromJSONAsBefore(f *testing.F) {
	for _, s := range []string{`{"a": [1, "2", true, null, {}], "b": "x\ny"}`, `"yes"`, `[]`, `{"": ""}`, `{"a":1,"a":2}`,
		"\"\xff\"", `[1] [2]`, `{`, `nul`, strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), ` 1e3 `, `-0`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := nodeFromJSON(data)
		want, wantErr := nodeFromJSONStd(data)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("nodeFromJSON(%q) error = %v; encoding/json's reader %v", data, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("nodeFromJSON(%q) = %s; encoding/json's reader %s", data, dumpOrNil(got), dumpOrNil(want))
		}
	})
}

func dumpOrNil(n *Node) string {
	if n == nil {
		return "nil"
	}
	return dump(n)
}
