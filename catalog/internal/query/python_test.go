//go:build !js

package query

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// TestPythonPrinting checks pyYAMLDump and pyJSONDumps against what PyYAML's yaml.dump and
// Python's json.dumps(v, indent=4) print for the same values: the cases in
// testdata/python/cases.json (see the README there), chosen for every rule of PyYAML's emitter
// the values Policy Sentry prints can meet: indicators, implicit types, quoting, escapes,
// folding at 80 columns, empty and nested containers, long keys.
func TestPythonPrinting(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "python", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // [
		t.Fatal(err)
	}
	n := 0
	for dec.More() {
		var c struct {
			Value json.RawMessage
			YAML  string
			JSON  string
		}
		if err := dec.Decode(&c); err != nil {
			t.Fatal(err)
		}
		v := pyValue(t, c.Value)
		if got := pyYAMLDump(v); got != c.YAML {
			t.Errorf("pyYAMLDump(%s):\n%s", c.Value, testutil.Diff("yaml.dump", []byte(c.YAML), "pyYAMLDump", []byte(got)))
		}
		if got := pyJSONDumps(v); got != c.JSON {
			t.Errorf("pyJSONDumps(%s):\n%s", c.Value, testutil.Diff("json.dumps", []byte(c.JSON), "pyJSONDumps", []byte(got)))
		}
		n++
	}
	if n < 100 {
		t.Fatalf("read %d cases; want the 109 of cases.json", n)
	}
}

// pyValue decodes JSON into the Python value types, keeping object keys in order.
func pyValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	var read func() any
	read = func() any {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case nil:
			return nil
		case string:
			return tok
		case json.Delim:
			if tok == '[' {
				l := &pyList{}
				for dec.More() {
					l.items = append(l.items, read())
				}
				dec.Token()
				return l
			}
			d := &pyDict{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					t.Fatal(err)
				}
				d.set(k.(string), read())
			}
			dec.Token()
			return d
		}
		t.Fatalf("unexpected JSON token %v", tok)
		return nil
	}
	return read()
}

// TestPyYAMLAliases checks that a list met twice is written once with an anchor and then as an
// alias, numbered in the order PyYAML's serializer numbers them: by where each list is met the
// second time, keys sorted.
func TestPyYAMLAliases(t *testing.T) {
	deps1 := newPyList("iam:PassRole")
	deps2 := &pyList{}
	rec := func(name string, deps *pyList) *pyDict {
		d := &pyDict{}
		d.set("action", name)
		d.set("dependent_actions", deps)
		return d
	}
	v := &pyDict{}
	v.set("b", &pyList{items: []any{rec("x:B1", deps2), rec("x:B2", deps2)}})
	v.set("a", &pyList{items: []any{rec("x:A1", deps1), rec("x:A2", deps1), rec("x:A3", deps1)}})
	want := `a:
- action: x:A1
  dependent_actions: &id001
  - iam:PassRole
- action: x:A2
  dependent_actions: *id001
- action: x:A3
  dependent_actions: *id001
b:
- action: x:B1
  dependent_actions: &id002 []
- action: x:B2
  dependent_actions: *id002
`
	if got := pyYAMLDump(v); got != want {
		t.Errorf("pyYAMLDump:\n%s", testutil.Diff("want", []byte(want), "got", []byte(got)))
	}
	// JSON has no aliases: the list is written in full each time.
	if got := pyJSONDumps(&pyList{items: []any{deps1, deps1}}); got != "[\n    [\n        \"iam:PassRole\"\n    ],\n    [\n        \"iam:PassRole\"\n    ]\n]" {
		t.Errorf("pyJSONDumps = %q", got)
	}
}

// TestYResolvesToStr checks the hand-written resolver against PyYAML's on the strings of
// testdata/python/resolve.json: the values of cases.json, near misses of every implicit type,
// and random strings of digits, signs, dots, colons and the letters the types use.
func TestYResolvesToStr(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "python", "resolve.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]any
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	notStr := 0
	for _, c := range cases {
		s, want := c[0].(string), c[1].(bool)
		if got := yResolvesToStr(s); got != want {
			t.Errorf("yResolvesToStr(%q) = %v; PyYAML says %v", s, got, want)
		}
		if !want {
			notStr++
		}
	}
	if len(cases) < 4000 || notStr < 300 {
		t.Fatalf("read %d strings, %d not strings; resolve.json holds more", len(cases), notStr)
	}
}
