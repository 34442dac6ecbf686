package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", "--- want\n+++ got\n@@ -1,3 +1,3 @@\n  a\n- b\n+ B\n  c\n"},
		{"added line", "a\nc\n", "a\nb\nc\n", "--- want\n+++ got\n@@ -1,2 +1,3 @@\n  a\n+ b\n  c\n"},
		{"removed at the end", "a\nb\n", "a\n", "--- want\n+++ got\n@@ -1,2 +1 @@\n  a\n- b\n"},
		{"into empty", "", "a\n", "--- want\n+++ got\n@@ -0,0 +1 @@\n+ a\n"},
		{"missing final newline", "a\n", "a", "--- want\n+++ got\n@@ -1 +1 @@\n- a\n+ a\n\\ no newline at the end\n"},
		{"carriage return", "a\n", "a\r\n", "--- want\n+++ got\n@@ -1 +1 @@\n- a\n+ \"a\\r\"\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n",
			"--- want\n+++ got\n@@ -1,4 +1,4 @@\n- 1\n+ x\n  2\n  3\n  4\n@@ -7,4 +7,4 @@\n  7\n  8\n  9\n- 10\n+ y\n"},
		{"one hunk when the context meets", "1\n2\n3\n4\n5\n6\n7\n8\n", "x\n2\n3\n4\n5\n6\n7\ny\n",
			"--- want\n+++ got\n@@ -1,8 +1,8 @@\n- 1\n+ x\n  2\n  3\n  4\n  5\n  6\n  7\n- 8\n+ y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff("want", []byte(tt.want), "got", []byte(tt.got)); got != tt.diff {
				t.Errorf("Diff(%q, %q) =\n%s; want\n%s", tt.want, tt.got, got, tt.diff)
			}
		})
	}
}

// A large text with one change far from either end gives a short diff, and one too large to
// search still gives a bounded one.
func TestDiffLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&a, "line %d\n", i)
		if i == 15000 {
			b.WriteString("changed\n")
		} else {
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	d := Diff("want", []byte(a.String()), "got", []byte(b.String()))
	if want := "@@ -14998,7 +14998,7 @@\n  line 14997\n  line 14998\n  line 14999\n- line 15000\n+ changed\n  line 15001\n"; !strings.Contains(d, want) {
		t.Errorf("Diff = %s; want it to hold %s", d, want)
	}
	d = Diff("want", []byte(a.String()), "got", []byte(strings.ReplaceAll(b.String(), "line", "row")))
	if n := strings.Count(d, "\n"); n > maxDiffLines+4 {
		t.Errorf("Diff of two different 30,000-line texts has %d lines; want at most %d", n, maxDiffLines+4)
	}
}

// recorder is a testing.TB that records what a helper reports, and stops like the real one on
// Fatal and Skip (run it in its own goroutine, as record does).
type recorder struct {
	testing.TB
	errors, fatals, skips []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, a...))
	runtime.Goexit()
}
func (r *recorder) Fatal(a ...any)                  { r.fatals = append(r.fatals, fmt.Sprint(a...)); runtime.Goexit() }
func (r *recorder) Skip(a ...any)                   { r.skips = append(r.skips, fmt.Sprint(a...)); runtime.Goexit() }
func (r *recorder) Logf(format string, args ...any) {}

func record(f func(t testing.TB)) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

func TestGlob(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.yml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.yml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if r := record(func(t testing.TB) { got = Glob(t, filepath.Join(dir, "*.yml")) }); len(r.fatals) != 0 || len(got) != 2 || filepath.Base(got[0]) != "a.yml" {
		t.Errorf("Glob(*.yml) = %q, failures %q; want a.yml and b.yml", got, r.fatals)
	}
	if r := record(func(t testing.TB) { Glob(t, filepath.Join(dir, "*.json")) }); len(r.fatals) != 1 || !strings.Contains(r.fatals[0], "matches no file") {
		t.Errorf("Glob(*.json) failures %q; want one saying it matches no file", r.fatals)
	}
}

func TestNodeModule(t *testing.T) {
	const missing = "no-such-package-iamforge"
	t.Setenv(RequireUpstream, "")
	if r := record(func(t testing.TB) { NodeModule(t, missing) }); len(r.skips) != 1 || len(r.fatals) != 0 || !strings.Contains(r.skips[0], "npm ci") {
		t.Errorf("without %s: skips %q, failures %q; want one skip saying to run npm ci", RequireUpstream, r.skips, r.fatals)
	}
	t.Setenv(RequireUpstream, "1")
	if r := record(func(t testing.TB) { NodeModule(t, missing) }); len(r.fatals) != 1 || len(r.skips) != 0 || !strings.Contains(r.fatals[0], "npm ci") {
		t.Errorf("with %s=1: skips %q, failures %q; want one failure saying to run npm ci", RequireUpstream, r.skips, r.fatals)
	}
}

func TestLinear(t *testing.T) {
	build := func(n int) []byte { return make([]byte, n) }
	sink := [][]byte{}
	linear := func(in []byte) {
		for range len(in) / 64 {
			sink = append(sink[:0], make([]byte, 64))
		}
	}
	quadratic := func(in []byte) {
		for range len(in) / 64 {
			sink = append(sink[:0], make([]byte, len(in)/64))
		}
	}
	if r := record(func(t testing.TB) { Linear(t, 64<<10, 2, build, linear) }); len(r.errors) != 0 {
		t.Errorf("Linear on linear work: %q; want no error", r.errors)
	}
	if r := record(func(t testing.TB) { Linear(t, 64<<10, 1<<20, build, quadratic) }); len(r.errors) != 1 || !strings.Contains(r.errors[0], "grows faster") {
		t.Errorf("Linear on quadratic work: %q; want one error saying it grows faster than the input", r.errors)
	}
	grow := func(in []byte) { sink = append(sink[:0], make([]byte, 8*len(in)+SlackBytes)) }
	if r := record(func(t testing.TB) { Linear(t, 64<<10, 4, build, grow) }); len(r.errors) != 1 || !strings.Contains(r.errors[0], "4 a byte") {
		t.Errorf("Linear on 8 bytes a byte, bound 4: %q; want one error about the bound", r.errors)
	}
	c := Measure(func() { linear(make([]byte, 1<<20)) })
	if r := record(func(t testing.TB) { Bounded(t, c, 1<<20, 2) }); len(r.errors) != 0 {
		t.Errorf("Bounded(%v, 1 MiB, 2 a byte): %q; want no error", c, r.errors)
	}
	c = Measure(func() { quadratic(make([]byte, 1<<20)) })
	if r := record(func(t testing.TB) { Bounded(t, c, 1<<20, 2) }); len(r.errors) != 1 {
		t.Errorf("Bounded(%v, 1 MiB, 2 a byte): %q; want one error", c, r.errors)
	}
}

func TestGolden(t *testing.T) {
	if Update() {
		t.Skip("-update: this test's golden file is made on the fly")
	}
	path := filepath.Join(t.TempDir(), "case.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := record(func(t testing.TB) { Golden(t, path, []byte("a\nb\n")) }); len(r.errors)+len(r.fatals) != 0 {
		t.Errorf("Golden on equal output: %q %q; want no failure", r.errors, r.fatals)
	}
	if r := record(func(t testing.TB) { Golden(t, path, []byte("a\nc\n")) }); len(r.errors) != 1 || !strings.Contains(r.errors[0], "- b\n+ c\n") {
		t.Errorf("Golden on other output: %q; want one error with the diff", r.errors)
	}
	if r := record(func(t testing.TB) { Golden(t, path+".missing", nil) }); len(r.fatals) != 1 || !strings.Contains(r.fatals[0], "-update") {
		t.Errorf("Golden without a file: %q; want one failure saying -update creates it", r.fatals)
	}
}
