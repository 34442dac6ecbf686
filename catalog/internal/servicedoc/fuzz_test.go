package servicedoc

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// FuzzRead checks that Read never panics, and that whatever it accepts Write can write, reads
// back as the same service and writes again identically.
func FuzzRead(f *testing.F) {
	f.Add(readSeed(f))
	for _, g := range testutil.Glob(f, "testdata/*.golden.md") {
		data, err := os.ReadFile(g)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(mini))
	f.Add([]byte("---\ntags:\n  - a\nsources:\n- name: \"x\\ty\"\n---\n" + mini + "- scenarios\n```\n[{\"name\": \"\\u00e9\", \"resource_types\": []}]\n```\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read("fuzz.md", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Read error %T is not an *Error: %v", err, err)
			}
			return
		}
		var out1 bytes.Buffer
		if err := Write(&out1, s); err != nil {
			t.Fatalf("Write(Read(x)): %v", err)
		}
		s2, err := Read("fuzz.md", out1.Bytes())
		if err != nil {
			t.Fatalf("Read(Write(Read(x))): %v\n%s", err, out1.Bytes())
		}
		if s.Doc == nil {
			s.Doc = DefaultMeta(s) // what Write wrote in its place
		}
		compareServices(t, s2, s)
		var out2 bytes.Buffer
		if err := Write(&out2, s2); err != nil {
			t.Fatalf("second Write: %v", err)
		}
		if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
			t.Fatalf("Write is not idempotent: %s", testutil.Diff("first Write", out1.Bytes(), "second Write", out2.Bytes()))
		}
	})
}

// FuzzYAMLScalar checks that the front matter's writer and reader agree: whatever string Write
// quotes, Read gives back.
func FuzzYAMLScalar(f *testing.F) {
	for _, s := range []string{"", "Connect", "0", "it's", "a: b", "#1", " x", "null", "a\nb", "\u2028", "'q'", "\"", "- x", "2024-01-02"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		w := yamlScalar(s)
		d, err := Read("x.md", []byte("---\ndesc: "+w+"\n---\n"+mini))
		if err != nil || d.Doc.Desc != s {
			t.Fatalf("Read(desc: %s) = %+v, %v; want Desc %q", w, d, err, s)
		}
	})
}
