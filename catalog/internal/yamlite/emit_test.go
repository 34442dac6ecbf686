package yamlite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// TestFromJSONGolden writes each testdata/emit/<case>.json as YAML and compares the output with
// testdata/emit/<case>.golden.yaml; -update rewrites them.
func TestFromJSONGolden(t *testing.T) {
	for _, in := range testutil.Glob(t, "testdata/emit/*.json") {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := FromJSON(data, 2)
			if err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata/emit", name+".golden.yaml"), got)
			// What is written reads back as the JSON's data.
			if d := roundTrip(data, got); d != "" {
				t.Error(d)
			}
		})
	}
}

// roundTrip checks that yaml, read back with Parse, holds the data of the JSON document.
func roundTrip(jsonData, yamlData []byte) string {
	var want any
	dec := json.NewDecoder(bytes.NewReader(jsonData))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		return err.Error()
	}
	doc, err := Parse(yamlData)
	if err != nil {
		return fmt.Sprintf("Parse(%q): %v", yamlData, err)
	}
	got, err := toAny(doc.Content[0])
	if err != nil {
		return fmt.Sprintf("Parse(%q): %v", yamlData, err)
	}
	if !reflect.DeepEqual(normalize(got), normalize(want)) {
		return fmt.Sprintf("%q reads back as %#v; want %#v", yamlData, got, want)
	}
	return ""
}

// toAny turns a tree of JSON's types back into Go values: strings, json.Number, bool, nil, maps
// and slices.
func toAny(n *Node) (any, error) {
	switch n.Kind {
	case ScalarNode:
		switch n.Tag {
		case strTag:
			return n.Value, nil
		case nullTag:
			return nil, nil
		case boolTag:
			return n.Value == "true", nil
		case intTag, floatTag:
			return json.Number(n.Value), nil
		}
		return nil, fmt.Errorf("%q tagged %s", n.Value, n.Tag)
	case SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := toAny(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case MappingNode:
		out := map[string]any{}
		for i := 0; i < len(n.Content); i += 2 {
			if n.Content[i].Tag != strTag {
				return nil, fmt.Errorf("key %q tagged %s", n.Content[i].Value, n.Content[i].Tag)
			}
			v, err := toAny(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %v node", n.Kind)
}

// normalize makes empty containers compare equal whatever their nil-ness, and turns a JSON
// number YAML does not read as one (1e400 overflows) into the string it reads back as.
func normalize(v any) any {
	switch v := v.(type) {
	case json.Number:
		if t := resolve(string(v)); t != intTag && t != floatTag {
			return string(v)
		}
	case []any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = normalize(v[i])
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalize(x)
		}
		return out
	}
	return v
}

// trickyStrings exercise every rule of the choice of scalar style.
var trickyStrings = []string{
	"", " ", "a", "abc", "a b", " lead", "trail ", "\t", "a\tb", "\n", "a\n", "a\nb", "a\nb\n", "a\nb\n\n", "\na", " a\nb",
	"a \nb", "a\n b", "a\r", "a\rb", "a\r\nb", "\u0085", "a\u2028b", "\u2029", "yes", "No", "on", "OFF", "y", "n", "~", "null",
	"Null", "true", "FALSE", "1", "-1", "+1", "0x1F", "0o17", "0b101", "1_000", "1.5", ".5", "1e3", "1E400", ".inf", "-.INF",
	".nan", "089", "1:20", "190:20:30.15", "2012-10-17", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43", "<<", "*",
	"&a", "!tag", "|", ">", "%x", "@x", "`x", "#c", "a #b", "a#b", "a: b", "a:b", "a:", ":a", "? q", "?q", "- x", "-x", "-",
	"--", "---", "--- x", "...", "[a]", "{a}", "a,b", "'q'", "\"q\"", "a'b", "a\"b", "a\\b", "é", "中文", "🚀", "a🚀b", "\uFEFF",
	"\uFEFFx", "x\uFEFF", "\x00", "\x01", "\x7F", "\u00A0", "\u00A0x", "\uFFFE", "\uE000", "arn:aws:s3:::b/*",
	"${aws:username}", "aws:SourceIp", "203.0.113.0/24", "2001:db8::/32", strings.Repeat("k", 128), strings.Repeat("k", 129),
	"a  b", "a \n b", "line1\n\nline3", "x\n ", "x\n\t", "  \n  ",
}

// randomTree builds a random tree of mappings, sequences and tricky scalars.
func randomTree(r *rand.Rand, depth int, scalar func(*rand.Rand) *Node) *Node {
	if depth <= 0 || r.Intn(3) == 0 {
		return scalar(r)
	}
	n := &Node{Kind: SequenceNode}
	if r.Intn(2) == 0 {
		n.Kind = MappingNode
	}
	for i := r.Intn(4); i > 0; i-- {
		if n.Kind == MappingNode {
			n.Content = append(n.Content, scalar(r))
		}
		n.Content = append(n.Content, randomTree(r, depth-1, scalar))
	}
	return n
}

// toV3 copies a tree into yaml.v3's nodes.
func toV3(n *Node) *yaml.Node {
	out := &yaml.Node{Kind: yaml.Kind(n.Kind), Style: yaml.Style(n.Style), Tag: n.Tag, Value: n.Value}
	for _, c := range n.Content {
		out.Content = append(out.Content, toV3(c))
	}
	return out
}

func encodeV3(n *yaml.Node, indent int) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(indent)
	if err := enc.Encode(n); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// TestEncodeAgainstYAMLv3 compares Encode with yaml.v3's encoder on random trees of tricky
// strings, tagged !!str or untagged, with each style asked for, at several indentations.
func TestEncodeAgainstYAMLv3(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	scalar := func(r *rand.Rand) *Node {
		n := &Node{Kind: ScalarNode, Value: trickyStrings[r.Intn(len(trickyStrings))]}
		if r.Intn(4) > 0 {
			n.Tag = strTag
		}
		switch r.Intn(8) {
		case 0:
			n.Style = DoubleQuotedStyle
		case 1:
			n.Style = SingleQuotedStyle
		case 2:
			n.Style = LiteralStyle
		}
		return n
	}
	compared := 0
	for i := 0; i < 20000; i++ {
		tree := randomTree(r, 4, scalar)
		indent := []int{2, 3, 4, 7}[i%4]
		want, err := encodeV3(toV3(tree), indent)
		if err != nil {
			continue
		}
		compared++
		got, err := Encode(tree, indent)
		if err != nil {
			t.Fatalf("Encode: %v\n%s", err, want)
		}
		if string(got) != want {
			t.Fatalf("Encode(indent %d) =\n%s\nyaml.v3 writes\n%s", indent, got, want)
		}
	}
	if compared < 19000 {
		t.Errorf("only %d of 20000 trees compared", compared)
	}
}

// TestFromJSONAgainstYAMLv3 compares FromJSON with what yaml.v3's Marshal writes for the same
// values, keys kept in order.
func TestFromJSONAgainstYAMLv3(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var value func(depth int) (any, *yaml.Node)
	str := func() string { return trickyStrings[r.Intn(len(trickyStrings))] }
	value = func(depth int) (any, *yaml.Node) {
		var n yaml.Node
		if depth <= 0 || r.Intn(3) == 0 {
			var v any
			switch r.Intn(6) {
			case 0:
				v = int64(r.Intn(2000) - 1000)
			case 1:
				v = r.Intn(2) == 0
			case 2:
				v = nil
			default:
				v = str()
			}
			if err := n.Encode(v); err != nil {
				t.Fatal(err)
			}
			return v, &n
		}
		if r.Intn(2) == 0 {
			list := []any{}
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for i := r.Intn(4); i > 0; i-- {
				v, c := value(depth - 1)
				list = append(list, v)
				n.Content = append(n.Content, c)
			}
			return list, &n
		}
		// An object, as JSON text so that its key order holds.
		var obj bytes.Buffer
		obj.WriteByte('{')
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		seen := map[string]bool{}
		for i := r.Intn(4); i > 0; i-- {
			k := str()
			if seen[k] {
				continue
			}
			seen[k] = true
			v, c := value(depth - 1)
			var kn yaml.Node
			if err := kn.Encode(k); err != nil {
				t.Fatal(err)
			}
			n.Content = append(n.Content, &kn, c)
			if obj.Len() > 1 {
				obj.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			vb, _ := json.Marshal(v)
			obj.Write(kb)
			obj.WriteByte(':')
			obj.Write(vb)
		}
		obj.WriteByte('}')
		return json.RawMessage(obj.Bytes()), &n
	}
	for i := 0; i < 20000; i++ {
		v, n := value(4)
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encodeV3(n, 2)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FromJSON(data, 2)
		if err != nil {
			t.Fatalf("FromJSON(%s): %v", data, err)
		}
		if string(got) != want {
			t.Fatalf("FromJSON(%s) =\n%s\nyaml.v3 writes\n%s", data, got, want)
		}
		if d := roundTrip(data, got); d != "" {
			t.Fatal(d)
		}
	}
}

func TestFromJSONErrors(t *testing.T) {
	for _, in := range []string{"", "{", `{"a" 1}`, "[1] [2]", "nul", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)} {
		if got, err := FromJSON([]byte(in), 2); err == nil {
			t.Errorf("FromJSON(%.40q) = %q; want an error", in, got)
		}
	}
	if _, err := FromJSON([]byte("{}"), 1); err == nil {
		t.Error("FromJSON with indent 1 succeeded; want an error")
	}
}

func TestEncodeErrors(t *testing.T) {
	for name, n := range map[string]*Node{
		"nil":         nil,
		"alias":       {Kind: AliasNode, Value: "a"},
		"flow":        {Kind: SequenceNode, Style: FlowStyle, Content: []*Node{{Kind: ScalarNode, Value: "a"}}},
		"folded":      {Kind: ScalarNode, Value: "a", Style: FoldedStyle},
		"tag":         {Kind: ScalarNode, Value: "a", Tag: "!!int"},
		"invalid":     {Kind: ScalarNode, Value: "\xff"},
		"odd mapping": {Kind: MappingNode, Content: []*Node{{Kind: ScalarNode, Value: "a"}}},
		"list key":    {Kind: MappingNode, Content: []*Node{{Kind: SequenceNode}, {Kind: ScalarNode, Value: "a"}}},
		"empty doc":   {Kind: DocumentNode},
	} {
		if got, err := Encode(n, 2); err == nil {
			t.Errorf("%s: Encode = %q; want an error", name, got)
		}
	}
}

// FuzzFromJSON checks that any JSON document becomes YAML that reads back as the same data,
// and that yaml.v3 would have written the same.
func FuzzFromJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, "2", true, null, {}], "b": "x\ny"}`, `"yes"`, `[]`, `{"": ""}`, `[" a", "a: b", "#"]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) || len(data) > 1<<12 {
			return
		}
		got, err := FromJSON(data, 2)
		if err != nil {
			if strings.Contains(err.Error(), "deeper") {
				return
			}
			t.Fatalf("FromJSON(%q): %v", data, err)
		}
		if d := roundTrip(data, got); d != "" {
			t.Fatal(d)
		}
		if want, err := fromJSONV3(data); err == nil && want != string(got) {
			t.Fatalf("FromJSON(%q) =\n%s\nyaml.v3 writes\n%s", data, got, want)
		}
	})
}

// fromJSONV3 is FromJSON done by yaml.v3: each string quoted by its Marshal, key order kept.
func fromJSONV3(data []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root *yaml.Node
	var stack []*yaml.Node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		n := &yaml.Node{}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				n.Kind, n.Tag = yaml.MappingNode, "!!map"
			case '[':
				n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			default:
				stack = stack[:len(stack)-1]
				continue
			}
		case json.Number:
			n.Kind, n.Value = yaml.ScalarNode, v.String()
		default:
			if err := n.Encode(v); err != nil {
				return "", err
			}
		}
		if len(stack) == 0 {
			root = n
		} else {
			stack[len(stack)-1].Content = append(stack[len(stack)-1].Content, n)
		}
		if n.Kind != yaml.ScalarNode {
			stack = append(stack, n)
		}
	}
	return encodeV3(root, 2)
}
