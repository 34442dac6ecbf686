package writer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// hostileBytesPerByte bounds what parsing and writing a hostile template allocate for a byte of
// it, once the catalog's services are loaded. Today the most is about 65, for 50,000 ARNs.
const hostileBytesPerByte = 256

// hostileTemplates are templates built to cost time or memory, each for a size n (the number of
// ARNs, or of repeats in one); those of a fixed size have n 0.
var hostileTemplates = []struct {
	name  string
	n     int
	build func(n int) string
}{
	{"50,000 ARNs", 50_000, func(n int) string {
		var b strings.Builder
		b.WriteString("mode: crud\nread:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "- arn:aws:s3:::bucket-%d/key-%d\n", i%500, i)
		}
		return b.String()
	}},
	{"a 20 KB ARN", 7000, func(n int) string { return "mode: crud\nread:\n- arn:aws:s3:::" + strings.Repeat("a/*", n) + "\n" }},
	{"binary", 0, func(int) string { return "mode: crud\nread:\n- \x00\x01\x02arn\xff\n" }},
	{"every service star", 0, func(int) string { return "mode: crud\nread:\n- 'arn:aws:*:*:*:*'\n" }},
	{"deep resource stars", 900, func(n int) string { return "mode: crud\nwrite:\n- 'arn:aws:s3:::" + strings.Repeat("*a", n) + "'\n" }},
}

// writeHostile parses and writes a hostile template: it must end with a policy or an error.
func writeHostile(t testing.TB, c *catalog.Catalog, name string, src []byte) {
	t.Helper()
	tmpl, ds := template.Parse(name, src)
	if tmpl != nil && !ds.HasErrors() {
		res := writer.Write(c, tmpl, writer.Options{Minimize: true})
		if len(res.Policy.Statement) == 0 && !res.Diagnostics.HasErrors() {
			t.Error("an empty policy without an error")
		}
	}
}

// TestHostile wants each hostile template to end with a result or an error, never a panic, in
// work linear in its size: it counts bytes and objects allocated, at a quarter of the size and
// at the full size, not seconds, so that it passes or fails alike on a busy machine.
// BenchmarkHostile measures the time.
func TestHostile(t *testing.T) {
	c := cat(t)
	// Load the services the templates touch first, as a long-lived process has them, so that
	// no case pays for them and the counts do not depend on the order of the cases.
	for _, h := range hostileTemplates {
		writeHostile(t, c, h.name, []byte(h.build(h.n/4)))
	}
	for _, h := range hostileTemplates {
		t.Run(h.name, func(t *testing.T) {
			run := func(in []byte) { writeHostile(t, c, h.name, in) }
			build := func(n int) []byte { return []byte(h.build(n)) }
			if h.n == 0 {
				in := build(0)
				cost := testutil.Measure(func() { run(in) })
				t.Logf("%d bytes in: %v", len(in), cost)
				testutil.Bounded(t, cost, len(in), hostileBytesPerByte)
				return
			}
			small, large := testutil.Linear(t, h.n/4, hostileBytesPerByte, build, run)
			t.Logf("a quarter: %v; the whole: %v", small, large)
		})
	}
}

// BenchmarkHostile parses and writes every hostile template once per operation, for make bench;
// run TestHostile with -v for each template's time.
func BenchmarkHostile(b *testing.B) {
	c := cat(b)
	var inputs [][]byte
	var size int64
	for _, h := range hostileTemplates {
		inputs = append(inputs, []byte(h.build(h.n)))
		size += int64(len(inputs[len(inputs)-1]))
	}
	for i, in := range inputs {
		writeHostile(b, c, hostileTemplates[i].name, in) // load the services once
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, in := range inputs {
			writeHostile(b, c, hostileTemplates[i].name, in)
		}
	}
}
