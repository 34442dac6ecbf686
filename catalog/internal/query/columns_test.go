package query

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"text/tabwriter"
)

// columnsBoth runs a list of writes and flushes (a nil entry) through columns and through
// text/tabwriter; it returns both outputs.
func columnsBoth(writes [][]byte) (got, want string) {
	var g, w bytes.Buffer
	c := newColumns(&g)
	tw := tabwriter.NewWriter(&w, 0, 0, 2, ' ', 0)
	for _, p := range writes {
		if p == nil {
			c.Flush()
			tw.Flush()
			continue
		}
		c.Write(p)
		tw.Write(p)
	}
	c.Flush()
	tw.Flush()
	return g.String(), w.String()
}

func TestColumns(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"table", "A\tBB\tC\naaa\tb\tc\n", "A    BB  C\naaa  b   c\n"},
		{"a one-cell line ends the blocks", "a\tb\nx\nlonger\tc\n", "a  b\nx\nlonger  c\n"},
		{"runes, not bytes", "é\tx\nab\ty\n", "é   x\nab  y\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := columnsBoth([][]byte{[]byte(tt.in)})
			if got != tt.want || want != tt.want {
				t.Errorf("columns(%q) = %q; text/tabwriter %q; want %q", tt.in, got, want, tt.want)
			}
		})
	}
}

// TestColumnsIsTabwriter holds columns to text/tabwriter over generated input: rows of cells
// of every kind of text it treats apart (tabs, vertical tabs, newlines, form feeds, 0xff,
// wide runes, broken UTF-8, nothing), written in pieces, with flushes between them.
func TestColumnsIsTabwriter(t *testing.T) {
	pieces := []string{"a", "bb", "ccc dd", "", "é", "日本語", "\xe2\x82", "\xff", "x\xffy\tz\xffw", "\t", "\v", "\n", "\f", "  ", "IAM", "s3:GetObject"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		var writes [][]byte
		for range r.IntN(12) {
			if r.IntN(8) == 0 {
				writes = append(writes, nil)
				continue
			}
			var b strings.Builder
			for range r.IntN(10) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			writes = append(writes, []byte(b.String()))
		}
		if got, want := columnsBoth(writes); got != want {
			t.Fatalf("case %d: writes %q:\ncolumns    %q\ntabwriter  %q", i, writes, got, want)
		}
	}
}

func FuzzColumnsIsTabwriter(f *testing.F) {
	f.Add([]byte("A\tB\nxx\tyyy\n"), 3)
	f.Add([]byte("a\xff\tb\xff\tc\n\fd\te\vf\n"), 0)
	f.Fuzz(func(t *testing.T, in []byte, cut int) {
		writes := [][]byte{in}
		if cut > 0 && cut < len(in) {
			writes = [][]byte{in[:cut], nil, in[cut:]}
		}
		if got, want := columnsBoth(writes); got != want {
			t.Fatalf("writes %q:\ncolumns    %q\ntabwriter  %q", writes, got, want)
		}
	})
}
