package yamlite

import (
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// hostileSize is the size of the hostile inputs: 4 MiB, far beyond any template.
const hostileSize = 4 << 20

// hostileCases are inputs built to exhaust time, memory or the stack. Each input is built for a
// size n (hostileSize in the test); those of a fixed size ignore it.
var hostileCases = []struct {
	name    string
	input   func(n int) string
	wantErr string // a substring of the error; "" for none
}{
	{"deep flow nesting", func(n int) string { return strings.Repeat("[", n) }, "exceeded max depth"},
	{"flow nesting at the limit", func(int) string { return strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) }, ""},
	{"deep block nesting", func(int) string { return strings.Repeat("- ", MaxDepth+1) + "x\n" }, "exceeded max depth"},
	{"block nesting at the limit", func(int) string { return strings.Repeat("- ", MaxDepth) + "x\n" }, ""},
	{"deep indentation", func(int) string {
		var b strings.Builder
		for i := 0; i < 2000; i++ {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		return b.String()
	}, ""},
	{"many list items", func(n int) string { return "read:\n" + strings.Repeat("- arn:aws:s3:::bucket/key\n", n/26) }, ""},
	{"long plain scalar", func(n int) string { return "k: " + strings.Repeat("word ", n/5) }, ""},
	{"long key", func(n int) string { return strings.Repeat("k", n) + ": v" }, "mapping value cannot start here"},
	{"long quoted scalar", func(n int) string { return "k: '" + strings.Repeat("it''s ", n/6) + "'" }, ""},
	{"many flow items", func(n int) string { return "[" + strings.Repeat("a,", n/2) + "]" }, ""},
	{"many open keys in flow", func(n int) string { return strings.Repeat("[a: ", n/4) }, "exceeded max depth"},
	{"unterminated flow on one line", func(n int) string { return strings.Repeat("{a: [b, ", n/8) }, "exceeded max depth"},
	{"billion laughs", func(int) string {
		var b strings.Builder
		b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
		for i := 1; i < 30; i++ {
			b.WriteString("l" + itoa(i) + ": &l" + itoa(i) + " [" + strings.TrimSuffix(strings.Repeat("*l"+itoa(i-1)+",", 9), ",") + "]\n")
		}
		return b.String()
	}, ""},
	{"many comments", func(n int) string { return strings.Repeat("# comment\n\t\n", n/12) + "# end\na: b" }, ""},
	{"many blank lines in a block scalar", func(n int) string { return "k: |\n" + strings.Repeat("\n", n) + "  x\n" }, ""},
	{"many documents", func(n int) string { return strings.Repeat("---\na: b\n", n/9) }, "second YAML document"},
}

// hostileBytesPerByte bounds what Parse allocates for a byte of input. Today the large inputs
// take at most about 82 ("many flow items": a two-byte item costs a node) and nesting about 365
// a byte (two bytes a level, a node and the reader's state each); a reader that expanded
// aliases would take millions for "billion laughs".
const hostileBytesPerByte = 1024

// TestHostile wants each hostile input to end with the answer given, in work linear in its
// size: bytes and objects allocated grow no faster than the input, measured at a quarter of
// the size and at the full size. It counts allocations, not seconds, so that it passes or fails
// alike on a busy machine; BenchmarkHostile measures the time.
func TestHostile(t *testing.T) {
	for _, tt := range hostileCases {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			small, large := testutil.Linear(t, hostileSize/4, hostileBytesPerByte,
				func(n int) []byte { return []byte(tt.input(n)) },
				func(in []byte) { _, err = Parse(in) })
			t.Logf("a quarter: %v; the whole: %v", small, large)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v; want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v; want one saying %q", err, tt.wantErr)
			}
		})
	}
}

// BenchmarkHostile parses every hostile input once per operation, for make bench; run the test
// with -v for each input's time.
func BenchmarkHostile(b *testing.B) {
	var inputs [][]byte
	var size int64
	for _, tt := range hostileCases {
		inputs = append(inputs, []byte(tt.input(hostileSize)))
		size += int64(len(inputs[len(inputs)-1]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Parse(in)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
