package template

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

type hostileCase struct {
	name     string
	input    func() []byte
	wantCode diag.Code // the first diagnostic's code; "" for none
	wantNil  bool
	wantLine int // the first diagnostic's line; 0: don't check
}

// hostileCases are inputs meant to exhaust time or memory, or to confuse the reader.
func hostileCases() []hostileCase {
	return []hostileCase{
		{"over the size limit", func() []byte { return bytes.Repeat([]byte("#"), MaxSize+1) }, diag.InputTooLarge, true, 0},
		{"at the size limit", func() []byte { return bytes.Repeat([]byte("#"), MaxSize) }, diag.EmptyTemplate, true, 0},
		{"NUL byte", func() []byte { return []byte("mode: crud\nread: [a\x00]\n") }, diag.BinaryInput, true, 2},
		{"control character", func() []byte { return []byte("mode: crud\x07\n") }, diag.BinaryInput, true, 1},
		{"invalid UTF-8", func() []byte { return []byte("mode: crud\n\nname: \xff\xfe\n") }, diag.BinaryInput, true, 3},
		{"UTF-16", func() []byte { return []byte("\xff\xfem\x00o\x00d\x00e\x00") }, diag.BinaryInput, true, 1},
		{"deep flow nesting", func() []byte { return []byte("read: " + strings.Repeat("[", 100_000)) }, diag.SyntaxError, true, 0},
		{"deep JSON nesting", func() []byte { return []byte(strings.Repeat(`{"a":`, 100_000)) }, diag.SyntaxError, true, 0},
		{"deep JSON arrays, closed", func() []byte {
			return []byte(`{"mode": "crud", "read": ` + strings.Repeat("[", 9_000) + strings.Repeat("]", 9_000) + "}")
		}, diag.InvalidType, false, 1},
		{"deep block nesting", func() []byte {
			var b strings.Builder
			b.WriteString("mode: crud\nread: [arn:aws:s3:::a]\nconditions:\n")
			for i := 1; i < 900; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return []byte(b.String())
		}, diag.UnknownConditionOperator, false, 4},
		{"billion laughs", billionLaughs, diag.InvalidType, false, 10},
		{"alias fan-out over the list keys", aliasFanOut, diag.TooComplex, true, 0},
		{"merge-key bomb", mergeBomb, diag.TooComplex, true, 0},
		{"many unknown keys", func() []byte {
			var b strings.Builder
			b.WriteString("mode: crud\nread: [arn:aws:s3:::a]\n")
			for i := 0; b.Len() < MaxSize-64; i++ {
				fmt.Fprintf(&b, "k%d: x\n", i)
			}
			return []byte(b.String())
		}, diag.UnknownKey, false, 3},
		{"one huge key", func() []byte {
			return []byte(`{"mode": "crud", "read": ["arn:aws:s3:::a"],` + "\n\"" + strings.Repeat("reads", MaxSize/6) + `": "x"}`)
		}, diag.UnknownKey, false, 2},
		{"many duplicate keys", func() []byte {
			var b strings.Builder
			b.WriteString("mode: crud\n")
			for b.Len() < MaxSize-64 {
				b.WriteString("read: [arn:aws:s3:::a]\n")
			}
			return []byte(b.String())
		}, diag.DuplicateKey, false, 3},
		{"many condition values", func() []byte {
			var b strings.Builder
			b.WriteString("mode: crud\nread: [arn:aws:s3:::a]\nconditions:\n  StringEquals:\n    aws:x: [")
			for i := 0; b.Len() < MaxSize-64; i++ {
				fmt.Fprintf(&b, "v%d,", i)
			}
			b.WriteString("]\n")
			return []byte(b.String())
		}, "", false, 0},
		{"many empty items", func() []byte {
			return []byte("mode: crud\nread:\n- arn:aws:s3:::a\n" + strings.Repeat("- ''\n", (MaxSize-64)/5))
		}, diag.TooManyDiagnostics, false, 0},
	}
}

// billionLaughs nests lists nine deep, nine wide, all through aliases.
func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString("mode: crud\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 9), ","))
	}
	b.WriteString("read: *l9\n")
	return []byte(b.String())
}

// aliasFanOut points every list key at one big list: ten times the reads of the list.
func aliasFanOut() []byte {
	var b strings.Builder
	b.WriteString("mode: crud\nread: &big [")
	for i := 0; i < 100_000; i++ {
		b.WriteString("'',")
	}
	b.WriteString("]\n")
	for _, k := range []string{"write", "list", "tagging", "permissions-management", "skip-resource-constraints", "exclude-actions"} {
		b.WriteString(k + ": *big\n")
	}
	b.WriteString("sts: {assume-role: *big, assume-role-with-saml: *big, assume-role-with-web-identity: *big}\n")
	return []byte(b.String())
}

// mergeBomb merges mappings tenfold per level, eight levels: 10^8 merges if walked naively.
func mergeBomb() []byte {
	var b strings.Builder
	b.WriteString("m0: &m0 {k: v}\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "m%d: &m%d {<<: [%s]}\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*m%d,", i-1), 10), ","))
	}
	b.WriteString("mode: crud\n<<: *m8\n")
	return []byte(b.String())
}

// hostileBytesPerNode bounds what Parse allocates for each node of its budget (MaxNodes plus
// one a byte of input; aliases draw on it too): work linear in the input, whatever the input
// holds. Today the most is about 240 for a byte of deeply nested JSON and 180 for a node of the
// alias fan-out; an alias bomb walked without the budget would take thousands of times more.
const hostileBytesPerNode = 512

// TestHostile checks that hostile inputs end in the expected diagnostic, in work linear in
// their size. It counts bytes allocated, not seconds, so that it passes or fails alike on a
// busy machine; BenchmarkHostile measures the time.
func TestHostile(t *testing.T) {
	for _, h := range hostileCases() {
		t.Run(h.name, func(t *testing.T) {
			data := h.input()
			var tmpl *Template
			var ds diag.List
			c := testutil.Measure(func() { tmpl, ds = Parse("hostile.yml", data) })
			t.Logf("%d bytes in: %v, %d diagnostics", len(data), c, len(ds))
			testutil.Bounded(t, c, MaxNodes+len(data), hostileBytesPerNode)
			if (tmpl == nil) != h.wantNil {
				t.Errorf("template nil = %v; want %v", tmpl == nil, h.wantNil)
			}
			if h.wantCode == "" {
				if len(ds) != 0 {
					t.Errorf("diagnostics %v; want none", ds[:min(len(ds), 3)])
				}
				return
			}
			i := slices.IndexFunc(ds, func(d diag.Diagnostic) bool { return d.Code == h.wantCode })
			if i < 0 {
				t.Fatalf("diagnostics %v; want %s", ds[:min(len(ds), 3)], h.wantCode)
			}
			if h.wantLine != 0 && (ds[i].Location == nil || ds[i].Location.Line != h.wantLine) {
				t.Errorf("diagnostic %v; want it at line %d", ds[i], h.wantLine)
			}
			if len(ds) > maxDiagnostics+1 {
				t.Errorf("%d diagnostics; want at most %d", len(ds), maxDiagnostics+1)
			}
			for _, d := range ds {
				if len(d.Message) > 600 || d.Location != nil && len(d.Location.Key) > 300 {
					t.Errorf("diagnostic too long: %.300s...", d.Error())
					break
				}
			}
		})
	}
}

// manyARNs is a crud template with n read ARNs, short enough for 50,000 to fit in MaxSize.
func manyARNs(n int) []byte {
	var b bytes.Buffer
	b.WriteString("mode: crud\nread:\n")
	for i := 0; i < n; i++ {
		b.WriteString("- arn:aws:s3:::")
		b.WriteString(strconv.FormatInt(int64(i), 36))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestManyARNs reads 50,000 ARNs, each where it is, in work that grows with their number no
// faster than linearly (measured at 12,500 and 50,000; BenchmarkParse50000ARNs has the time).
func TestManyARNs(t *testing.T) {
	var tmpl *Template
	var ds diag.List
	small, large := testutil.Linear(t, 12_500, hostileBytesPerNode, manyARNs, func(in []byte) { tmpl, ds = Parse("many.yml", in) })
	t.Logf("12,500 ARNs: %v; 50,000 ARNs: %v", small, large)
	if len(ds) != 0 || tmpl == nil || len(tmpl.Levels) != 1 || len(tmpl.Levels[0].ARNs) != 50_000 {
		t.Fatalf("got %d diagnostics (%v), want 50,000 ARNs and none", len(ds), ds[:min(len(ds), 3)])
	}
	if last := tmpl.Levels[0].ARNs[49_999]; last.Loc.Line != 50_002 || *last.Loc.Index != 49_999 {
		t.Errorf("last ARN at %v; want line 50002, index 49999", last.Loc)
	}
}

// BenchmarkHostile parses every hostile input once per operation, for make bench; run
// TestHostile with -v for each input's time.
func BenchmarkHostile(b *testing.B) {
	var inputs [][]byte
	var size int64
	for _, h := range hostileCases() {
		inputs = append(inputs, h.input())
		size += int64(len(inputs[len(inputs)-1]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Parse("hostile.yml", in)
		}
	}
}
