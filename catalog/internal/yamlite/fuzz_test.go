package yamlite

import (
	"math/rand"
	"os"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// oracleInputs are inputs whose reading is compared with yaml.v3's: each YAML feature, its
// edge cases, and every template and overrides file in the repository's test data.
var oracleInputs = []string{
	"",
	"# only a comment\n",
	"---\n",
	"---",
	"...\n",
	"a\n",
	"mode: crud\nread:\n- 'arn:aws:s3:::a'\n- \"arn:aws:s3:::b\"\n",
	"read:\n  - a\n  -   b\n  -\n  - ~\n",
	"a: [x, 'y', \"z\", {k: v, k2: [w]}]\n",
	"a: {k: v, k2: [x], k3, : v4}\n",
	"[a: b, c: , d, ? e, ? f: g]\n",
	"{a: }\n",
	"a: b\n...\n",
	"a: 1\n---\nb: 2\n",
	"a: 1\n...\n---\n",
	"--- a\n--- b\n",
	"a: 1\n...\nb: 2\n",
	"plain: multi\n  line\n\n  text\nnext: x\n",
	"'single: ''q''\n\n  more'\n",
	"\"dq: \\n \\t \\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\\n  cont\"\n",
	"lit: |\n  a\n   b\n\n  c\n\n\nnext: 1\n",
	"lit: |-\n  a\n",
	"lit: |+\n  a\n\n",
	"fold: >\n  a\n  b\n\n  c\n   d\n  e\n",
	"fold: >2-\n   a\n  b\n",
	"ind: |1\n  x\n",
	"a: &x 1\nb: *x\nc: &y [1, *x]\nd: &z {<<: *y}\n",
	"base: &b {a: 1}\nm:\n  <<: *b\n  b: 2\n",
	"s: !!str 1\ni: !!int '2'\nb: ! x\nc: !local v\nd: !<tag:yaml.org,2002:str> w\ne: !!map {}\n",
	"&a a: b\n*a : c\n",
	"n: ~\nn2: null\nn3:\nb: true\nB: False\ni: 0x1F\no: 0o17\nf: 1.5e3\ninf: -.inf\nnan: .NaN\nd: 2012-10-17\nt: 2001-12-14t21:59:43.10-05:00\nm: <<\nu: 1_000\nbig: 123456789012345678901234567890\n",
	"\uFEFFa: 1\n",
	"a: 1\r\nb:\r\n  - 2\r\n",
	"a: é\u2028b: 🙂\n",
	"a:\tb\n",
	"a: b\t# c\n",
	"? complex\n: value\n",
	"- - a\n  - b\n- c\n",
	"- a: 1\n  b: 2\n- {c: 3}\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"key: value # comment\n# between\nother: x\n",
	"# c\n\t\n# d\na: 1\n",
	"a: 'x\n\n\n  y'\n",
	"a: \"x  \n  y\"\n",
	"k: [a,\n  b,\n  c]\n",
	"k: {a: 1,\n b: 2}\n",
	"[a, [b, [c]]]\n",
	"- ? a\n  : b\n",
	"a:\n  - b\n  -\n    c: d\n",
	"a: -1\nb: +2\nc: .5\nd: 1.\ne: 089\nf: 0b101\ng: -0b11\nh: 1:20\ni: yes\n",
	"x: 'a''b'\ny: \"\\/\"\n",
	"a: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\\"\\'\\\\\\N\\_\\L\\P\\x7f\\u263A\\U0001f680\"\n",
	"mode: crud: actions\n",
	"mode: crud\nread:\n  - a\n - b\n",
	"read: [a, b\nwrite: []\n",
	"read: *nope\n",
	"a:\n\t- b\n",
	"a: 'unterminated\n",
	"a: \"bad \\q escape\"\n",
	"a: [\n",
	"- a\nb: c\n",
	"a\nb: c\n",
	"a: b\nc\n",
	"%YAML 1.1\n---\na: 1\n",
	"a: !e!x v\n",
	"{a: 1}}\n",
	"a: b: c\n",
	"- a\n  - b\n",
	"a: |0\n x\n",
	"a: &x\nb: *x\n",
	"a: !!str\nb: 1\n",
	"? a\n? b\n: c\n",
	"a: [b: c]\n",
	"[?]\n",
	"{? a: b}\n",
	"a: |\n\tx\n",
	"a: x\n\tb: y\n",
}

func TestAgainstYAMLv3(t *testing.T) {
	inputs := append([]string(nil), oracleInputs...)
	// Each pattern must match: one that matches nothing (the files moved) would quietly shrink
	// the comparison to the inputs above.
	for _, pat := range []string{
		"../template/testdata/*.yml", "../template/testdata/*.json", "../writer/testdata/*.yml",
		"../../cli/testdata/*/*.yml", "../../../testdata/bench/*.yml",
	} {
		for _, f := range testutil.Glob(t, pat) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, string(data))
		}
	}
	for _, in := range inputs {
		compareWithV3(t, []byte(in))
	}
}

// FuzzParseAgainstYAMLv3 checks, on inputs both read, the same tree, values and positions;
// that yamlite refuses what yaml.v3 refuses (bar the "\/" escape); and that it never panics.
func FuzzParseAgainstYAMLv3(f *testing.F) {
	for _, in := range oracleInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<12 {
			return
		}
		compareWithV3(t, data)
	})
}

// TestAgainstYAMLv3Random compares the two readers on inputs pieced together from YAML's
// indicators, indentation and scalars: denser in structure than the fuzzer's mutations.
func TestAgainstYAMLv3Random(t *testing.T) {
	pieces := []string{
		" ", "  ", "\t", "\n", "\n", "\n  ", "\n    ", "\r\n", "- ", "-", "? ", ": ", ":", ",", ", ", "[", "]", "{", "}",
		"# c", " #c\n", "&a ", "*a", "&b", "*b ", "!!str ", "!x ", "! ", "!!int", "|", "|-", ">+", "|2", "'", "''", "\"",
		"\\", "\\n", "\\x41", "---", "...", "\n---\n", "a", "b", "key", "1", "0x1F", "~", "null", "true", "<<", "é",
		"🚀", "\u2028", "\u0085", "2012-10-17", "yes", "a b", "x: y", "k: v\n", "- x\n", "  - y\n", "z",
	}
	r := rand.New(rand.NewSource(3))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	for i := 0; i < n; i++ {
		var b []byte
		for j := r.Intn(16); j > 0; j-- {
			b = append(b, pieces[r.Intn(len(pieces))]...)
		}
		compareWithV3(t, b)
	}
}
