package testutil

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output instead of comparing")

// Update reports whether the test binary runs with -update, for a test that writes something
// other than a golden file (or must not check anything else while they are rewritten).
func Update() bool { return *update }

// Golden compares got with the file at path (by habit testdata/<case>.golden, or
// testdata/<case>.golden.<ext>) and fails t with a line diff if they differ. Under -update it
// writes got to path instead, creating the directory if needed; review the change with git diff.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s (go test -update rewrites it; review with git diff):\n%s", path, Diff(path, want, "output", got))
	}
}

// Diff returns a unified diff of two texts, named for its header, with three lines of context
// and at most maxDiffLines lines; "" if they are equal. A line that holds a carriage return or
// another control character is shown quoted, and a last line without a newline says so.
func Diff(wantName string, want []byte, gotName string, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	a, b := splitLines(string(want)), splitLines(string(got))
	ops := editScript(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", wantName, gotName)
	lines := 0
	for _, h := range hunks(ops, 3) {
		if lines >= maxDiffLines {
			out.WriteString("... (more differences)\n")
			break
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", span(h.aStart, h.aLen), span(h.bStart, h.bLen))
		for _, op := range h.ops {
			if lines >= maxDiffLines {
				out.WriteString("... (more differences)\n")
				break
			}
			lines++
			switch op.kind {
			case ' ':
				out.WriteString("  " + show(a[op.i]))
			case '-':
				out.WriteString("- " + show(a[op.i]))
			case '+':
				out.WriteString("+ " + show(b[op.j]))
			}
		}
	}
	return out.String()
}

const maxDiffLines = 80

// splitLines splits s after each newline, so that each line keeps its ending and a missing
// final newline is a difference like any other.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// show renders a line of the diff: as is if it is printable text ending in a newline, quoted
// otherwise.
func show(line string) string {
	text, nl := strings.CutSuffix(line, "\n")
	for _, r := range text {
		if r < ' ' && r != '\t' || r == 0x7f || r == '\uFFFD' {
			text = strconv.Quote(text)
			break
		}
	}
	if !nl {
		return text + "\n\\ no newline at the end\n"
	}
	return text + "\n"
}

// An edit is one line of the edit script: kept (' ', a[i] == b[j]), removed ('-', a[i]) or
// added ('+', b[j]).
type edit struct {
	kind byte
	i, j int
}

// maxLCS bounds the table of the longest-common-subsequence search (cells): beyond it, the
// differing middle of the texts is shown as removed, then added.
const maxLCS = 4 << 20

// editScript turns a into b: the common head and tail kept, the middle by a longest common
// subsequence of lines when it is small enough.
func editScript(a, b []string) []edit {
	var ops []edit
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		ops = append(ops, edit{' ', head, head})
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if (len(ma)+1)*(len(mb)+1) > maxLCS {
		for i := range ma {
			ops = append(ops, edit{'-', head + i, 0})
		}
		for j := range mb {
			ops = append(ops, edit{'+', 0, head + j})
		}
	} else {
		// lcs[i][j] is the length of the longest common subsequence of ma[i:] and mb[j:].
		w := len(mb) + 1
		lcs := make([]int32, (len(ma)+1)*w)
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
				} else {
					lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				ops = append(ops, edit{' ', head + i, head + j})
				i++
				j++
			case i < len(ma) && (j == len(mb) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
				ops = append(ops, edit{'-', head + i, 0})
				i++
			default:
				ops = append(ops, edit{'+', 0, head + j})
				j++
			}
		}
	}
	for k := 0; k < tail; k++ {
		ops = append(ops, edit{' ', len(a) - tail + k, len(b) - tail + k})
	}
	return ops
}

// A hunk is a run of edits with its context, and where it starts in each text (0-based).
type hunk struct {
	ops                        []edit
	aStart, aLen, bStart, bLen int
}

// hunks groups the changes of ops with context lines of context on either side, merging
// hunks whose context would overlap.
func hunks(ops []edit, context int) []hunk {
	var out []hunk
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(0, k-context)
		end := k // one past the last change of the hunk
		for m := k; m < len(ops); m++ {
			if ops[m].kind != ' ' {
				end = m + 1
			} else if m-end >= 2*context {
				break
			}
		}
		stop := min(len(ops), end+context)
		h := hunk{ops: ops[start:stop]}
		for _, op := range ops[:start] {
			if op.kind != '+' {
				h.aStart++
			}
			if op.kind != '-' {
				h.bStart++
			}
		}
		for _, op := range h.ops {
			if op.kind != '+' {
				h.aLen++
			}
			if op.kind != '-' {
				h.bLen++
			}
		}
		out = append(out, h)
		k = stop
	}
	return out
}

// span is a hunk header's range, 1-based as in diff -u: "start,length", or "start" for one
// line; an empty range names the line before it.
func span(start, n int) string {
	switch n {
	case 0:
		return strconv.Itoa(start) + ",0"
	case 1:
		return strconv.Itoa(start + 1)
	}
	return strconv.Itoa(start+1) + "," + strconv.Itoa(n)
}
