package yamlite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 is the oracle: within the promise, yamlite must read what it reads as it reads it,
// node for node, line for line, and refuse what it refuses. It stays a test dependency only.

// v3Result is what yaml.v3 makes of an input, read as the callers read it: the first document,
// and whether a second follows.
type v3Result struct {
	doc    *yaml.Node // nil: no document
	second *yaml.Node // the second document, if any
	err    error
}

func parseV3(data []byte) (r v3Result) {
	defer func() {
		if p := recover(); p != nil {
			r = v3Result{err: fmt.Errorf("yaml.v3 panicked: %v", p)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return v3Result{}
		}
		return v3Result{err: err}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return v3Result{doc: &doc, second: &next}
	case !errors.Is(err, io.EOF):
		return v3Result{err: err}
	}
	return v3Result{doc: &doc}
}

// sameTree compares a yamlite tree with yaml.v3's: kinds, styles, tags, values, anchors,
// positions, and where aliases lead. It returns the first difference, or "".
func sameTree(a *Node, b *yaml.Node) string {
	type pair struct {
		a    *Node
		b    *yaml.Node
		path string
	}
	seen := map[*yaml.Node]*Node{}
	stack := []pair{{a, b, "/"}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := p.a, p.b
		if a == nil || b == nil {
			if a != nil || b != nil {
				return fmt.Sprintf("at %s: yamlite %v, yaml.v3 %v", p.path, a, b)
			}
			continue
		}
		seen[b] = a
		if uint32(a.Kind) != uint32(b.Kind) || uint32(a.Style) != uint32(b.Style) || a.Tag != b.Tag || a.Value != b.Value ||
			a.Anchor != b.Anchor || a.Line != b.Line || a.Column != b.Column {
			return fmt.Sprintf("at %s: yamlite %v style %d %s %q &%s at %d:%d, yaml.v3 %v style %d %s %q &%s at %d:%d", p.path,
				a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.Line, a.Column, Kind(b.Kind), b.Style, b.Tag, b.Value, b.Anchor, b.Line, b.Column)
		}
		if b.Kind == yaml.AliasNode {
			if want := seen[b.Alias]; want == nil || a.Alias != want {
				return fmt.Sprintf("at %s: alias *%s leads elsewhere", p.path, a.Value)
			}
		}
		if len(a.Content) != len(b.Content) {
			return fmt.Sprintf("at %s: yamlite has %d children, yaml.v3 %d", p.path, len(a.Content), len(b.Content))
		}
		for i := len(a.Content) - 1; i >= 0; i-- {
			stack = append(stack, pair{a.Content[i], b.Content[i], fmt.Sprintf("%s%d/", p.path, i)})
		}
	}
	return ""
}

// The promise (see the package documentation) is the YAML templates, overrides files and
// service-doc front matter are written in. inScope tells it apart by the input's text alone, so
// that the decision is not yamlite's to make; what it leaves in, and yaml.v3 reads, is further
// held to scalar keys by yaml.v3's own tree (keysAreScalars). It errs on the side of leaving
// things out: a '!' or '?' inside a quoted value takes an input out too.
var outOfScope = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a byte-order mark after the start", regexp.MustCompile(`\x{FEFF}`)},
	{"NEL, LS or PS", regexp.MustCompile(`[\x{85}\x{2028}\x{2029}]`)},
	{"a directive", regexp.MustCompile(`(?m)^%`)},
	{`an explicit "? key"`, regexp.MustCompile(`(?:^|[\s\[{,])\?(?:[\s\]},]|$)`)},
	{"a tag other than !!name", regexp.MustCompile(`(?:^|[\s\[{,])!(?:[^!]|$|![^a-z]|![a-z]+[^a-z\s\]},])`)},
	{"a collection as a key", regexp.MustCompile(`[\]}][ \t]*:(?:\s|$)`)},
	{"an alias as a key", regexp.MustCompile(`(?:^|[\s\[{,])\*[0-9A-Za-z_-]+[ \t]*:(?:\s|$)`)},
	{`the \/ escape`, regexp.MustCompile(`\\/`)},
}

// inScope reports whether data is within the promise, by its text; the reason is "" if so.
func inScope(data []byte) (bool, string) {
	if !utf8.Valid(data) {
		// Refused by both: yamlite must refuse what yaml.v3 refuses, and it says where.
		return !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}), "UTF-16 or UTF-32"
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for _, o := range outOfScope {
		if o.re.Match(data) {
			return false, o.what
		}
	}
	return true, ""
}

// keysAreScalars reports whether every mapping key in yaml.v3's tree is a scalar, neither a
// collection nor an alias: what the promise covers where the text alone cannot tell.
func keysAreScalars(n *yaml.Node) bool {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			continue
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i < len(n.Content); i += 2 {
				if n.Content[i].Kind != yaml.ScalarNode {
					return false
				}
			}
		}
		stack = append(stack, n.Content...)
	}
	return true
}

// compareWithV3 checks what Parse promises for any input (checkResult) and, within the
// promise, that it reads data as yaml.v3 does: the same tree, the same second document, and an
// error wherever yaml.v3 has one. It reports whether it compared.
func compareWithV3(t *testing.T, data []byte) bool {
	t.Helper()
	got, err := Parse(data)
	checkResult(t, data, got, err)
	if ok, _ := inScope(data); !ok {
		return false
	}
	want := parseV3(data)
	if want.err != nil {
		if strings.Contains(want.err.Error(), "panicked") {
			return false
		}
		if err == nil {
			t.Fatalf("Parse(%q) succeeded; yaml.v3 says %v", data, want.err)
		}
		return true
	}
	if !keysAreScalars(want.doc) || !keysAreScalars(want.second) {
		return false
	}
	var second *Error
	if errors.Is(err, ErrSecondDocument) {
		errors.As(err, &second)
	} else if err != nil {
		// yaml.v3's decoder stops after the second document's root node, where Parse reads that
		// document to its end: a syntax error there is Parse's alone. Either way the file is
		// refused with a position in its second document, which is what callers need.
		var e *Error
		if errors.As(err, &e) && want.second != nil && (e.Line > want.second.Line || e.Line == want.second.Line && e.Column >= want.second.Column) {
			return true
		}
		t.Fatalf("Parse(%q): %v; yaml.v3 reads it", data, err)
	}
	if (want.doc == nil) != (got == nil) {
		t.Fatalf("Parse(%q) = %v; yaml.v3 gives %v", data, got, want.doc)
	}
	if got != nil {
		if d := sameTree(got, want.doc); d != "" {
			t.Fatalf("Parse(%q): %s", data, d)
		}
	}
	switch {
	case want.second == nil && second != nil:
		t.Fatalf("Parse(%q) reports a second document at %d:%d; yaml.v3 reads one", data, second.Line, second.Column)
	case want.second != nil && second == nil:
		t.Fatalf("Parse(%q) misses the second document at %d:%d", data, want.second.Line, want.second.Column)
	case want.second != nil && (want.second.Line != second.Line || want.second.Column != second.Column):
		t.Fatalf("Parse(%q) places the second document at %d:%d; yaml.v3 at %d:%d", data, second.Line, second.Column, want.second.Line, want.second.Column)
	}
	return true
}

// checkResult checks what Parse promises whatever the input: an error with a position, or a
// well-formed tree.
func checkResult(t *testing.T, data []byte, doc *Node, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Line < 1 || e.Column < 1 || e.Err.Error() == "" {
			t.Fatalf("Parse(%q): error %#v without a position", data, err)
		}
		if doc != nil && !errors.Is(err, ErrSecondDocument) {
			t.Fatalf("Parse(%q) returned a tree with the error %v", data, err)
		}
	}
	if doc == nil {
		return
	}
	if doc.Kind != DocumentNode || len(doc.Content) != 1 {
		t.Fatalf("Parse(%q): a document with %d roots", data, len(doc.Content))
	}
	stack := []*Node{doc.Content[0]}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Line < 1 || n.Column < 1 {
			t.Fatalf("Parse(%q): a %v node at %d:%d", data, n.Kind, n.Line, n.Column)
		}
		switch n.Kind {
		case MappingNode:
			if len(n.Content)%2 != 0 {
				t.Fatalf("Parse(%q): a mapping with %d children", data, len(n.Content))
			}
		case AliasNode:
			if n.Alias == nil {
				t.Fatalf("Parse(%q): an alias to nothing", data)
			}
		case ScalarNode:
			if n.Tag == "" {
				t.Fatalf("Parse(%q): an untagged scalar", data)
			}
		}
		stack = append(stack, n.Content...)
	}
}
