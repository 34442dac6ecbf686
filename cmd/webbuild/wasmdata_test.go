package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module is a WebAssembly module of a custom section, the given data segments and another
// custom section after them.
func module(segs []dataSegment) []byte {
	custom := func(name, payload string) []byte {
		body := append(binary.AppendUvarint(nil, uint64(len(name))), name...)
		body = append(body, payload...)
		return append(binary.AppendUvarint([]byte{0}, uint64(len(body))), body...)
	}
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = append(m, custom("before", "x")...)
	data := writeDataSegments(segs)
	m = append(m, 11)
	m = binary.AppendUvarint(m, uint64(len(data)))
	m = append(m, data...)
	return append(m, custom("after", "yz")...)
}

func TestMergeDataSegments(t *testing.T) {
	segs := []dataSegment{
		{addr: 300, data: []byte("far")},  // 292 zero bytes after "b": a segment of its own
		{addr: 0x1000, data: []byte("a")}, // out of order, as the linker may write them
		{addr: 16, data: []byte("bcdefgh")},
		{addr: 0, data: []byte("0123")},  // 12 zero bytes, then "bcdefgh": merged
		{addr: 23, data: []byte("next")}, // right after "bcdefgh": merged
		{addr: 1 << 20, data: []byte("\x80\x81")},
	}
	in := module(segs)
	out, err := mergeDataSegments(in, 64)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readDataSegments(dataSection(t, out))
	if err != nil {
		t.Fatal(err)
	}
	want := []dataSegment{
		{0, []byte("0123\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00bcdefghnext")},
		{300, []byte("far")},
		{0x1000, []byte("a")},
		{1 << 20, []byte("\x80\x81")},
	}
	if len(got) != len(want) {
		t.Fatalf("%d segments, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].addr != want[i].addr || !bytes.Equal(got[i].data, want[i].data) {
			t.Errorf("segment %d = %d %q; want %d %q", i, got[i].addr, got[i].data, want[i].addr, want[i].data)
		}
	}
	if !bytes.Equal(memoryImage(segs), memoryImage(got)) {
		t.Error("the memory image changed")
	}
	// Every other section is as it was, in its place.
	if !bytes.HasPrefix(out, in[:8+9]) || !bytes.HasSuffix(out, in[len(in)-9:]) {
		t.Errorf("the sections around the data changed:\n%x\n%x", in, out)
	}
	// A gap of 0 merges only what touches.
	out, err = mergeDataSegments(in, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := readDataSegments(dataSection(t, out)); len(got) != 5 {
		t.Errorf("gap 0: %d segments, want 5", len(got))
	}
}

func TestMergeDataSegmentsRefuses(t *testing.T) {
	for _, tt := range []struct {
		name   string
		module []byte
		want   string
	}{
		{"not wasm", []byte("hello, world"), "not a WebAssembly module"},
		{"overlap", module([]dataSegment{{0, []byte("abcd")}, {2, []byte("xy")}}), "overlap"},
		{"truncated", module([]dataSegment{{0, []byte("abcd")}})[:20], "bad size"},
		{"passive", append([]byte("\x00asm\x01\x00\x00\x00"), 11, 4, 1, 1, 1, 'a'), "not an active segment"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mergeDataSegments(tt.module, 64)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("mergeDataSegments() error = %v; want one saying %q", err, tt.want)
			}
		})
	}
}

// TestMergeGoWasm merges what Go's linker writes, for a small program, and runs it.
func TestMergeGoWasm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	prog := "package main\n\nimport \"fmt\"\n\nvar table = map[string]int{\"a\": 1, \"b\": 2}\n\nfunc main() { fmt.Println(\"merged\", table[\"b\"], len(table)) }\n"
	if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	wasmPath := filepath.Join(dir, "p.wasm")
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", wasmPath, src)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	b, err := os.ReadFile(wasmPath)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := mergeDataSegments(b, mergeGap)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := readDataSegments(dataSection(t, b))
	after, _ := readDataSegments(dataSection(t, merged))
	if len(after) >= len(before) {
		t.Errorf("%d segments before, %d after: want fewer", len(before), len(after))
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node to run the merged wasm")
	}
	if err := os.WriteFile(wasmPath, merged, 0o644); err != nil {
		t.Fatal(err)
	}
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	run := exec.Command(node, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js"), wasmPath)
	out, err := run.CombinedOutput()
	if err != nil || string(out) != "merged 2 2\n" {
		t.Errorf("running the merged wasm: %v, %q; want \"merged 2 2\\n\"", err, out)
	}
}

func dataSection(t *testing.T, m []byte) []byte {
	t.Helper()
	for off := 8; off < len(m); {
		id := m[off]
		size, n := binary.Uvarint(m[off+1:])
		body := m[off+1+n : off+1+n+int(size)]
		if id == 11 {
			return body
		}
		off += 1 + n + int(size)
	}
	t.Fatal("no data section")
	return nil
}
