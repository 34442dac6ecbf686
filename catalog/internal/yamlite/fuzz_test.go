package yamlite

import (
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oracleInputs are inputs within the promise, whose reading is compared with yaml.v3's: each
// feature of the YAML templates, overrides files and front matter use, its edge cases, and
// mistakes a hand-written file makes. TestAgainstYAMLv3 adds every YAML template and overrides
// file in the repository's test data.
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
	"s: !!str 1\ni: !!int '2'\ne: !!map {}\nf: !!str\n",
	"n: ~\nn2: null\nn3:\nb: true\nB: False\ni: 0x1F\no: 0o17\nf: 1.5e3\ninf: -.inf\nnan: .NaN\nd: 2012-10-17\nt: 2001-12-14t21:59:43.10-05:00\nm: <<\nu: 1_000\nbig: 123456789012345678901234567890\n",
	"\uFEFFa: 1\n",
	"a: 1\r\nb:\r\n  - 2\r\n",
	"a: é\nb: 🙂\n",
	"a:\tb\n",
	"a: b\t# c\n",
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
	"a:\n  - b\n  -\n    c: d\n",
	"a: -1\nb: +2\nc: .5\nd: 1.\ne: 089\nf: 0b101\ng: -0b11\nh: 1:20\ni: yes\n",
	"x: 'a''b'\n",
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
	"{a: 1}}\n",
	"a: b: c\n",
	"- a\n  - b\n",
	"a: |0\n x\n",
	"a: &x\nb: *x\n",
	"a: !!str\nb: 1\n",
	"a: [b: c]\n",
	"a: |\n\tx\n",
	"a: x\n\tb: y\n",
}

// outOfScopeInputs are inputs beyond the promise: Parse must stay safe on them (an error with a
// position, or a well-formed tree), and TestScope checks that the scope leaves them out.
var outOfScopeInputs = []string{
	"[a: b, c: , d, ? e, ? f: g]\n",
	"s: !!str 1\ni: !!int '2'\nb: ! x\nc: !local v\nd: !<tag:yaml.org,2002:str> w\ne: !!map {}\n",
	"&a a: b\n*a : c\n",
	"a: é\u2028b: 🙂\n",
	"? complex\n: value\n",
	"- ? a\n  : b\n",
	"x: 'a''b'\ny: \"\\/\"\n",
	"%YAML 1.1\n---\na: 1\n",
	"a: !e!x v\n",
	"? a\n? b\n: c\n",
	"[?]\n",
	"{? a: b}\n",
	"a: \"\\/\"\n",
	"a: x\n\uFEFFb: y\n",
	"\xFF\xFEa\x00:\x00",
	"a: !!str%41 x\n",
	"[a]: b\n",
	"{a: b}: c\n",
}

// scopeExceptions are test files of the callers that use YAML beyond the promise on purpose.
var scopeExceptions = map[string]string{
	"invalid-types.yml": "a \"? [complex, key]\", which the template reader must report",
}

// callerFiles are the YAML in the repository's test data that yamlite reads for its callers:
// template and overrides files (JSON templates are read by jsonscan), and the front matter of
// service docs.
func callerFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, pat := range []string{"../template/testdata/*.yml", "../../cli/testdata/*/*.yml", "../writer/testdata/*.yml", "../../../testdata/bench/*.yml",
		"../servicedoc/testdata/*.md", "../../../testdata/*.md"} {
		for _, f := range testutil.Glob(t, pat) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if strings.HasSuffix(f, ".md") {
				// The front matter: the lines between the first two "---" lines.
				parts := strings.SplitN(text, "---\n", 3)
				if len(parts) < 3 || parts[0] != "" {
					continue
				}
				text = parts[1]
			}
			files[f] = text
		}
	}
	if len(files) < 40 {
		t.Fatalf("found %d template, overrides and service-doc files; the globs have gone stale", len(files))
	}
	return files
}

// TestScope checks the line inScope draws: every oracle input and every template, overrides
// file and front matter in the repository is within the promise, and the inputs beyond it are
// left out.
func TestScope(t *testing.T) {
	for _, in := range oracleInputs {
		if ok, why := inScope([]byte(in)); !ok {
			t.Errorf("oracle input %q is out of scope (%s)", in, why)
		}
	}
	for f, in := range callerFiles(t) {
		if ok, why := inScope([]byte(in)); !ok && scopeExceptions[filepath.Base(f)] == "" {
			t.Errorf("%s is out of scope (%s)", f, why)
		}
	}
	for _, in := range outOfScopeInputs {
		if ok, _ := inScope([]byte(in)); ok && keysAreScalars(parseV3([]byte(in)).doc) {
			t.Errorf("%q is in scope", in)
		}
	}
}

func TestAgainstYAMLv3(t *testing.T) {
	inputs := append(append([]string(nil), oracleInputs...), outOfScopeInputs...)
	for _, in := range callerFiles(t) {
		inputs = append(inputs, in)
	}
	for _, in := range inputs {
		compareWithV3(t, []byte(in))
	}
}

// FuzzParseAgainstYAMLv3 checks, on inputs within the promise, the same tree, values and
// positions as yaml.v3's, and an error wherever yaml.v3 has one; on every input, no panic and
// an error with a position or a well-formed tree.
func FuzzParseAgainstYAMLv3(f *testing.F) {
	for _, in := range append(append([]string(nil), oracleInputs...), outOfScopeInputs...) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<12 {
			return
		}
		compareWithV3(t, data)
	})
}

// TestAgainstYAMLv3Random compares the two readers on inputs pieced together from the
// indicators, indentation and scalars of the YAML within the promise: denser in structure than
// the fuzzer's mutations. One input in eight also takes pieces from beyond it, where only
// safety is checked.
func TestAgainstYAMLv3Random(t *testing.T) {
	pieces := []string{
		" ", "  ", "\t", "\n", "\n", "\n  ", "\n    ", "\r\n", "- ", "-", ": ", ":", ",", ", ", "[", "]", "{", "}",
		"# c", " #c\n", "&a ", "*a", "&b", "*b ", "!!str ", "!!int", "|", "|-", ">+", "|2", "'", "''", "\"",
		"\\", "\\n", "\\x41", "---", "...", "\n---\n", "a", "b", "key", "1", "0x1F", "~", "null", "true", "<<", "é",
		"🚀", "2012-10-17", "yes", "a b", "x: y", "k: v\n", "- x\n", "  - y\n", "z", "arn:aws:s3:::b/*", "<<: *a\n",
	}
	beyond := []string{"? ", "!x ", "! ", "\u2028", "\u0085", "[a]: ", "*a : ", "%YAML 1.2\n", "\\/", "\uFEFF"}
	r := rand.New(rand.NewSource(3))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	compared := 0
	for i := 0; i < n; i++ {
		var b []byte
		mix := r.Intn(8) == 0
		for j := r.Intn(16); j > 0; j-- {
			if mix && r.Intn(4) == 0 {
				b = append(b, beyond[r.Intn(len(beyond))]...)
			} else {
				b = append(b, pieces[r.Intn(len(pieces))]...)
			}
		}
		if compareWithV3(t, b) {
			compared++
		}
	}
	// The scope must leave most of these inputs in, or the test no longer tests the promise.
	if compared < n*3/4 {
		t.Errorf("compared %d of %d inputs with yaml.v3; want at least 3/4", compared, n)
	}
	t.Logf("compared %d of %d inputs with yaml.v3", compared, n)
}
