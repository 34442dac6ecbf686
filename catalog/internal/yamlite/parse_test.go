package yamlite

import (
	"errors"
	"strings"
	"testing"
)

// TestParse reads each feature and checks the tree: kinds, tags, values, styles and the line
// and column of every node. TestAgainstYAMLv3 checks the same inputs against yaml.v3.
func TestParse(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", ""},
		{"comment only", "# nothing\n", ""},
		{"explicit empty document", "---\n", `
document @1:1
  scalar !!null "" @2:1
`},
		{"sequence at its key's indentation", "read:\n- 'arn:aws:s3:::a'\n-  b\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "read" @1:1
    sequence !!seq @2:1
      scalar !!str "arn:aws:s3:::a" style=4 @2:3
      scalar !!str "b" @3:4
`},
		{"indented sequence, empty and null items", "read:\n  - a\n  -\n  - ~\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "read" @1:1
    sequence !!seq @2:3
      scalar !!str "a" @2:5
      scalar !!null "" @3:4
      scalar !!null "~" @4:5
`},
		{"flow collections", "a: [x, 'y', {k: v, k2: [w]}]\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "a" @1:1
    sequence !!seq style=32 @1:4
      scalar !!str "x" @1:5
      scalar !!str "y" style=4 @1:8
      mapping !!map style=32 @1:13
        scalar !!str "k" @1:14
        scalar !!str "v" @1:17
        scalar !!str "k2" @1:20
        sequence !!seq style=32 @1:24
          scalar !!str "w" @1:25
`},
		{"flow pairs and empty values", "[a: b, c: , {d: }]\n", `
document @1:1
  sequence !!seq style=32 @1:1
    mapping !!map style=32 @1:2
      scalar !!str "a" @1:2
      scalar !!str "b" @1:5
    mapping !!map style=32 @1:8
      scalar !!str "c" @1:8
      scalar !!null "" @1:9
    mapping !!map style=32 @1:13
      scalar !!str "d" @1:14
      scalar !!null "" @1:17
`},
		{"null value at the end of its key's line", "mode:\nname: x\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "mode" @1:1
    scalar !!null "" @1:6
    scalar !!str "name" @2:1
    scalar !!str "x" @2:7
`},
		{"multi-line plain scalar", "k: one\n  two\n\n  three\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "k" @1:1
    scalar !!str "one two\nthree" @1:4
`},
		{"single-quoted", "k: 'it''s\n\n  two'\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "k" @1:1
    scalar !!str "it's\ntwo" style=4 @1:4
`},
		{"double-quoted escapes", `k: "\n\t\"\\\/\x41\u00e9\U0001F680 \
  end"` + "\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "k" @1:1
    scalar !!str "\n\t\"\\/Aé🚀 end" style=2 @1:4
`},
		{"literal and folded", "l: |\n  a\n   b\n\n  c\n\n\nf: >-\n  a\n  b\n\n  c\nk: |+\n  x\n\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "l" @1:1
    scalar !!str "a\n b\n\nc\n" style=8 @1:4
    scalar !!str "f" @8:1
    scalar !!str "a b\nc" style=16 @8:4
    scalar !!str "k" @13:1
    scalar !!str "x\n\n" style=8 @13:4
`},
		{"indentation indicator", "k: |2-\n    a\n   b\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "k" @1:1
    scalar !!str "  a\n b" style=8 @1:4
`},
		{"comments and markers", "--- # doc\na: b # c\n# d\n...\n", `
document @1:1
  mapping !!map @2:1
    scalar !!str "a" @2:1
    scalar !!str "b" @2:4
`},
		{"anchors, aliases, merge keys", "base: &b {x: 1}\nm:\n  <<: *b\n  y: *b\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "base" @1:1
    mapping !!map &b style=32 @1:7
      scalar !!str "x" @1:11
      scalar !!int "1" @1:14
    scalar !!str "m" @2:1
    mapping !!map @3:3
      scalar !!merge "<<" @3:3
      alias "b" @3:7
      scalar !!str "y" @4:3
      alias "b" @4:6
`},
		{"explicit tags", "a: !!str 1\nb: !!int '2'\nc: ! 3\nd: !x y\ne: !<tag:yaml.org,2002:str> z\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "a" @1:1
    scalar !!str "1" style=1 @1:4
    scalar !!str "b" @2:1
    scalar !!int "2" style=5 @2:4
    scalar !!str "c" @3:1
    scalar !!int "3" @3:4
    scalar !!str "d" @4:1
    scalar !x "y" style=1 @4:4
    scalar !!str "e" @5:1
    scalar !!str "z" style=1 @5:4
`},
		{"resolved tags", "- ~\n- NULL\n- True\n- 0x1F\n- 1_000\n- 1.5e3\n- -.inf\n- 2012-10-17\n- '1'\n- yes\n- 1:20\n- 089\n", `
document @1:1
  sequence !!seq @1:1
    scalar !!null "~" @1:3
    scalar !!null "NULL" @2:3
    scalar !!bool "True" @3:3
    scalar !!int "0x1F" @4:3
    scalar !!int "1_000" @5:3
    scalar !!float "1.5e3" @6:3
    scalar !!float "-.inf" @7:3
    scalar !!timestamp "2012-10-17" @8:3
    scalar !!str "1" style=4 @9:3
    scalar !!str "yes" @10:3
    scalar !!str "1:20" @11:3
    scalar !!float "089" @12:3
`},
		{"byte-order mark, CRLF, characters", "\uFEFFé: 🚀\r\nb: [x]\r\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "é" @1:1
    scalar !!str "🚀" @1:4
    scalar !!str "b" @2:1
    sequence !!seq style=32 @2:4
      scalar !!str "x" @2:5
`},
		{"tab after a key", "a:\tb\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "a" @1:1
    scalar !!str "b" @1:4
`},
		{"self-referencing anchor", "a: &x [*x]\n", `
document @1:1
  mapping !!map @1:1
    scalar !!str "a" @1:1
    sequence !!seq &x style=32 @1:4
      alias "x" @1:8
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse([]byte(tt.input))
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.input, err)
			}
			got := ""
			if n != nil {
				got = "\n" + dump(n)
			}
			if want := strings.TrimPrefix(tt.want, ""); got != want {
				t.Errorf("Parse(%q) =%s\nwant%s", tt.input, got, want)
			}
			compareWithV3(t, []byte(tt.input))
		})
	}
}

func TestAliasTarget(t *testing.T) {
	n, err := Parse([]byte("a: &x [*x]\nb: *x\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := n.Content[0]
	seq, inner, b := m.Content[1], m.Content[1].Content[0], m.Content[3]
	if inner.Alias != seq || b.Alias != seq {
		t.Errorf("aliases lead to %p and %p; want the anchored sequence %p", inner.Alias, b.Alias, seq)
	}
}

// TestErrors checks that each syntax error says where it is and what was expected.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"value after a value", "mode: crud: actions\n", `line 1, column 11: found ':', but a mapping value cannot start here (quote the value if it holds ": ")`},
		{"item indented less than its list", "mode: crud\nread:\n  - a\n - b\n", `line 4, column 2: expected a mapping key, found '-'; check the indentation (this mapping's keys are at column 1)`},
		{"key indented more than its mapping", "a:\n  - b\n  c: d\n", `line 3, column 3: expected a list item ('-'), found a mapping key; check the indentation (this list's items are at column 3)`},
		{"unclosed flow sequence", "read: [a, b\nwrite: []\n", `line 2, column 6: expected ',' or ']' in the list started at line 1, column 7, found ':'`},
		{"unclosed flow mapping", "a: {b: c\n", `line 2, column 1: expected ',' or '}' in the mapping started at line 1, column 4, found the end of the input`},
		{"key without ':'", "a: 1\nb\n", `line 2, column 1: expected ':' after this mapping key, on the same line`},
		{"tab indentation", "a:\n\t- b\n", `line 2, column 1: found a tab where indentation or a value was expected; YAML indents with spaces`},
		{"tab in a block scalar's indentation", "a: |\n\tb\n", `line 2, column 1: found a tab where a block scalar's indentation was expected; YAML indents with spaces`},
		{"list item after a value", "a: b - c\nd: - e\n", `line 2, column 4: found '-', but a list item cannot start here (start the list on a new line, or quote the value)`},
		{"unterminated quote", "a: 'b\n", `line 1, column 4: this quoted string has no closing '`},
		{"document marker in a quote", "a: \"b\n---\n\"\n", `line 2, column 1: found a document marker ("---") inside the quoted string started at line 1, column 4`},
		{"unknown escape", `a: "b\qc"`, `line 1, column 6: unknown escape \q in a double-quoted string (write \\ for a backslash)`},
		{"short hex escape", `a: "\x4"`, `line 1, column 5: the escape \x needs 2 hexadecimal digits`},
		{"surrogate escape", `a: "\uD800"`, `line 1, column 5: the escape \uD800 is not a Unicode character`},
		{"unknown anchor", "mode: crud\n\nread: *arns\n", `line 3, column 7: unknown anchor "arns": *arns refers to no &arns before it`},
		{"bad anchor name", "a: &b.c d\n", `line 1, column 4: an anchor (&name) needs a name of letters, digits, '_' and '-', followed by a space`},
		{"indicator that cannot start a value", "a: @b\n", `line 1, column 4: found "@", which cannot start a value here (quote the value if it is text)`},
		{"content after the root", "[a]\nb: c\n", `line 2, column 1: expected the end of the document after its root value, found a mapping key`},
		{"content after '...'", "a: 1\n...\nb: 2\n", `line 3, column 1: expected '---' to start another document after '...', found a mapping key`},
		{"directive", "%YAML 1.1\n---\na\n", `line 1, column 1: directives (%YAML, %TAG) are not supported`},
		{"tag handle", "a: !e!x b\n", `line 1, column 4: the tag handle !e! is not defined (%TAG directives are not supported)`},
		{"explicit key without a value", "a:\n  ? b\nc: d\n", `line 3, column 1: a "? key" needs a ": value" line after it (leave the value empty for null)`},
		{"block scalar indicator 0", "a: |0\n b\n", `line 1, column 4: a block scalar's indentation indicator must be 1 to 9, not 0`},
		{"text after a block scalar indicator", "a: |x\n b\n", `line 1, column 5: expected a comment or the end of the line after a block scalar's indicators, found "x"`},
		{"list in flow", "[- a]\n", `line 1, column 2: expected a value, found '-': a list inside [ ] or { } is written [a, b]`},
		{"control character", "a: b\n\nc: d\x01\n", `line 3, column 5: the control character U+0001 is not allowed`},
		{"invalid UTF-8", "a: é\xff\n", `line 1, column 5: the byte 0xFF is not UTF-8`},
		{"UTF-16", "\xff\xfea\x00", `line 1, column 1: the input is UTF-16; YAML is read here as UTF-8 only`},
		{"flow nesting", strings.Repeat("[", MaxDepth+1), `line 1, column 10001: exceeded max depth of 10000: flow collections ([ ] and { }) nest too deeply`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse([]byte(tt.input))
			if err == nil {
				t.Fatalf("Parse(%q) = %v; want an error", tt.input, dump(n))
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.input, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Column < 1 {
				t.Errorf("Parse(%q) error %#v has no position", tt.input, err)
			}
			if n != nil {
				t.Errorf("Parse(%q) returned a tree with its error", tt.input)
			}
			compareWithV3(t, []byte(tt.input))
		})
	}
}

// TestSecondDocument checks that a second document is reported where it starts, with the first
// still returned, and that a syntax error in it wins.
func TestSecondDocument(t *testing.T) {
	tests := []struct {
		input      string
		line, col  int
		wantSyntax bool
	}{
		{"mode: crud\nread: [arn:aws:s3:::a]\n---\nmode: actions\n", 3, 1, false},
		{"a: 1\n...\n---\n", 3, 1, false},
		{"--- a\n--- b\n", 2, 1, false},
		{"a: 1\n---\nb: [\n", 0, 0, true},
	}
	for _, tt := range tests {
		n, err := Parse([]byte(tt.input))
		var e *Error
		switch {
		case !errors.As(err, &e):
			t.Errorf("Parse(%q) = %v; want an *Error", tt.input, err)
		case tt.wantSyntax:
			if errors.Is(err, ErrSecondDocument) || n != nil {
				t.Errorf("Parse(%q) = %v, %v; want the second document's syntax error alone", tt.input, n, err)
			}
		case !errors.Is(err, ErrSecondDocument) || e.Line != tt.line || e.Column != tt.col || n == nil:
			t.Errorf("Parse(%q) = %v, %v; want the first document and ErrSecondDocument at %d:%d", tt.input, n, err, tt.line, tt.col)
		}
		compareWithV3(t, []byte(tt.input))
	}
}
