package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// golden compares got with testdata/<path>, or rewrites the file with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", path), got)
}

// writeCases are the policies of testdata/write/<kind>-<name>.json; the kind prefix says how to
// parse them.
type writeCase struct {
	kind Kind
	*Policy
}

func writeCases(t testing.TB) map[string]writeCase {
	t.Helper()
	files := testutil.Glob(t, "testdata/write/*.json")
	out := map[string]writeCase{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if strings.Contains(name, ".golden") {
			continue
		}
		kindName, _, _ := strings.Cut(name, "-")
		kind, err := ParseKind(kindName)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := Parse(filepath.Base(f), data, kind)
		if diags.HasErrors() || p == nil {
			t.Fatalf("%s: %v", f, diags)
		}
		out[name] = writeCase{kind, p}
	}
	return out
}

func TestWriteGolden(t *testing.T) {
	for name, p := range writeCases(t) {
		t.Run(name, func(t *testing.T) {
			golden(t, "write/"+name+".golden.json", p.JSON("    "))
			golden(t, "write/"+name+".golden.compact.json", p.JSON(""))
			golden(t, "write/"+name+".golden.yaml", p.YAML())
			golden(t, "write/"+name+".golden.cfn.yaml", p.CloudFormation())
			golden(t, "write/"+name+".golden.tf", p.Terraform(name))
			golden(t, "write/"+name+".golden.policysentry.json", p.TerraformPolicySentry())
		})
	}
}

// TestJSONAgreesWithEncodingJSON checks the hand-written JSON against encoding/json: the same
// document, and exactly encoding/json's layout apart from the escapes IAM needs.
func TestJSONAgreesWithEncodingJSON(t *testing.T) {
	for name, p := range writeCases(t) {
		for _, indent := range []string{"", "    ", "\t"} {
			got := p.JSON(indent)
			var v any
			if err := json.Unmarshal(got, &v); err != nil {
				t.Fatalf("%s: JSON(%q) is not JSON: %v\n%s", name, indent, err, got)
			}
			want, err := json.MarshalIndent(v, "", indent)
			if indent == "" {
				want, err = json.Marshal(v)
			}
			if err != nil {
				t.Fatal(err)
			}
			// encoding/json keeps key order only for structs; compare the decoded values and the
			// size instead of the bytes.
			var w any
			if err := json.Unmarshal(want, &w); err != nil || !reflect.DeepEqual(v, w) {
				t.Errorf("%s: JSON(%q) decodes differently after a round trip through encoding/json", name, indent)
			}
			if indent == "" && hasSpaceOutsideStrings(got) {
				t.Errorf("%s: compact JSON holds white space outside strings:\n%s", name, got)
			}
			if indent != "" && !bytes.HasSuffix(got, []byte("}\n")) {
				t.Errorf("%s: JSON(%q) does not end with a newline", name, indent)
			}
		}
	}
}

func TestJSONEscapes(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"<&>", `"<&>"`},
		{"tab\tnl\ncr\r", `"tab\tnl\ncr\r"`},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"café ÿ", `"café ÿ"`},
		{"中", `"\u4e2d"`},
		{"\u2028", `"\u2028"`},
		{"🚀", `"\ud83d\ude80"`},
		{"bad \xff", `"bad \ufffd"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s; want %s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal(appendJSONString(nil, tt.in), &back); err != nil || (utf8.ValidString(tt.in) && back != tt.in) {
			t.Errorf("appendJSONString(%q) decodes to %q, %v", tt.in, back, err)
		}
	}
}

func TestQuoteHCL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"arn:${Partition}:s3:::b", `"arn:$${Partition}:s3:::b"`},
		{"%{if}", `"%%{if}"`},
		{"$$${x}", `"$$$${x}"`},
		{"100% {", `"100% {"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"a\nb\tc\x01", `"a\nb\tc\u0001"`},
		{"中文", `"中文"`},
	}
	for _, tt := range tests {
		if got := quoteHCL(tt.in); got != tt.want {
			t.Errorf("quoteHCL(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestTFIdentifier(t *testing.T) {
	for in, want := range map[string]string{"": "policy", "s3-read": "s3-read", "my policy.v2": "my_policy_v2", "9lives": "_9lives", "-x": "_-x", "naïve": "na__ve"} {
		if got := tfIdentifier(in); got != want {
			t.Errorf("tfIdentifier(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	for name, p := range writeCases(t) {
		var fromJSON any
		fromYAML, err := readYAML(p.YAML())
		if err != nil {
			t.Fatalf("%s: YAML() does not parse: %v", name, err)
		}
		if err := json.Unmarshal(p.JSON(""), &fromJSON); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromYAML, fromJSON) {
			t.Errorf("%s: YAML() and JSON() hold different documents:\n%v\n%v", name, fromYAML, fromJSON)
		}
		cfn, err := readYAML(p.CloudFormation())
		if m, ok := cfn.(map[string]any); err != nil || !ok || len(m) != 1 || !reflect.DeepEqual(m["PolicyDocument"], fromJSON) {
			t.Errorf("%s: CloudFormation() does not hold the policy under PolicyDocument: %v", name, err)
		}
	}
}

func TestTerraformPolicySentryHoldsCompactJSON(t *testing.T) {
	for name, p := range writeCases(t) {
		var w struct{ Policy string }
		if err := json.Unmarshal(p.TerraformPolicySentry(), &w); err != nil {
			t.Fatal(err)
		}
		if w.Policy != string(p.JSON("")) {
			t.Errorf("%s: the policy string is %q; want JSON(\"\")", name, w.Policy)
		}
		back, diags := Parse(name, p.TerraformPolicySentry(), p.kind)
		if back == nil || !bytes.Equal(back.JSON(""), p.JSON("")) {
			t.Errorf("%s: Parse does not read its own Terraform output back: %v", name, diags)
		}
		if len(diags) == 0 || diags[0].Code != diag.TerraformWrapper {
			t.Errorf("%s: Parse of the Terraform form does not say so: %v", name, diags)
		}
	}
}

func TestWriteBuiltPolicy(t *testing.T) {
	// A policy built in code: repeated (operator, key) merge, nil and empty lists are left out,
	// a wildcard principal stays "*".
	p := &Policy{
		Version: Version,
		Statement: []Statement{{
			Effect:    "Allow",
			Principal: &Principal{Wildcard: true, Entries: []PrincipalEntry{{"AWS", []string{"ignored"}}}},
			Action:    []string{"sqs:SendMessage"},
			NotAction: []string{},
			Resource:  []string{"*"},
			Condition: Conditions{
				{"StringEquals", "aws:SourceAccount", []string{"111122223333"}},
				{"ArnLike", "aws:SourceArn", []string{"arn:aws:sns:*:111122223333:*"}},
				{"StringEquals", "aws:SourceAccount", []string{"444455556666"}},
			},
		}},
	}
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["sqs:SendMessage"],"Resource":["*"],"Condition":{"StringEquals":{"aws:SourceAccount":["111122223333","444455556666"]},"ArnLike":{"aws:SourceArn":["arn:aws:sns:*:111122223333:*"]}}}]}`
	if got := string(p.JSON("")); got != want {
		t.Errorf("JSON(\"\") = %s\nwant %s", got, want)
	}
	if p.Statement[0].Condition[0].Values[0] != "111122223333" || len(p.Statement[0].Condition[0].Values) != 1 {
		t.Errorf("JSON changed the policy's conditions: %v", p.Statement[0].Condition)
	}
	empty := &Policy{}
	if got := string(empty.JSON("  ")); got != "{\n  \"Statement\": []\n}\n" {
		t.Errorf("empty policy JSON = %q", got)
	}
	if got := string(empty.Terraform("")); got != "data \"aws_iam_policy_document\" \"policy\" {\n}\n" {
		t.Errorf("empty policy Terraform = %q", got)
	}
}

func hasSpaceOutsideStrings(b []byte) bool {
	in := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\n' || c == '\t' || c == '\r'):
			return true
		}
	}
	return false
}

// TestYAMLQuoting checks that strings YAML would read as something else (merge keys, null,
// YAML 1.1 booleans, numbers, indicators) come back as the same strings.
func TestYAMLQuoting(t *testing.T) {
	for _, s := range []string{"<<", "~", "null", "- x", "? q", "a: b", "#c", "", " lead", "\t", "!tag", "&a", "*a", "|", ">", "%x", "@", "`", "yes", "on", "0x10", "1_000", ".inf", "0o7", "2026-01-31", "bad \xff"} {
		p := &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: []string{s}, Condition: Conditions{{"StringEquals", s, []string{s}}}}}}
		var fromJSON any
		fromYAML, err := readYAML(p.YAML())
		if err != nil {
			t.Errorf("%q: YAML() does not parse: %v\n%s", s, err, p.YAML())
			continue
		}
		if err := json.Unmarshal(p.JSON(""), &fromJSON); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromYAML, fromJSON) {
			t.Errorf("%q reads back differently from YAML:\n%s", s, p.YAML())
		}
	}
}

// tagged is a scalar YAML reads as something other than a string; it equals nothing JSON
// decodes.
type tagged struct{ Tag, Value string }

// readYAML reads YAML into the values encoding/json decodes a policy into: maps, slices and
// strings.
func readYAML(b []byte) (any, error) {
	doc, err := yamlite.Parse(b)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, nil
	}
	var conv func(n *yamlite.Node) any
	conv = func(n *yamlite.Node) any {
		switch n.Kind {
		case yamlite.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Tag != "!!str" {
					m[fmt.Sprint(tagged{k.Tag, k.Value})] = conv(n.Content[i+1])
					continue
				}
				m[k.Value] = conv(n.Content[i+1])
			}
			return m
		case yamlite.SequenceNode:
			l := []any{}
			for _, c := range n.Content {
				l = append(l, conv(c))
			}
			return l
		case yamlite.ScalarNode:
			if n.Tag == "!!str" {
				return n.Value
			}
		}
		return tagged{n.Tag, n.Value}
	}
	return conv(doc.Content[0]), nil
}
