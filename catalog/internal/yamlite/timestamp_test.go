package yamlite

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// timestampLayouts are yaml.v3's timestamp layouts, which isTimestamp answers for.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// timeParses is the answer isTimestamp stands in for.
func timeParses(s string) bool {
	for _, l := range timestampLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

func TestIsTimestamp(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"2001-12-14", true},
		{"2001-1-2", true},
		{"2001-12-14t21:59:43.10-05:00", true},
		{"2001-12-14T21:59:43.10Z", true},
		{"2001-12-14 21:59:43.10", true},
		{"2001-12-14    21:59:43,5", true},
		{"2001-12-14T21:59:43+24:60", true},
		{"2000-02-29", true},
		{"1900-02-29", false},
		{"2001-02-29", false},
		{"2001-13-01", false},
		{"2001-12-14T24:00:00Z", false},
		{"2001-12-14T21:59:43+25:00", false},
		{"2001-12-14 21:59:43Z", false},
		{"2001-12-14T21:59:43", false},
		{"2001-12-14T21:59:43.Z", false},
		{"2001-12-14 ", false},
		{"20011-12-14", false},
		{"2001-012-14", false},
	} {
		if got := isTimestamp(tt.in); got != tt.want || got != timeParses(tt.in) {
			t.Errorf("isTimestamp(%q) = %v; want %v (time.Parse: %v)", tt.in, got, tt.want, timeParses(tt.in))
		}
	}
}

// TestIsTimestampMatchesTime holds isTimestamp to time.Parse on strings built from the pieces
// timestamps are made of, near misses included.
func TestIsTimestampMatchesTime(t *testing.T) {
	pieces := []string{"2001", "1999", "2000", "1900", "0000", "-", "-", ":", ":", "T", "t", " ", "  ", ".", ",", "Z", "z", "+", "-",
		"0", "1", "2", "9", "00", "01", "02", "12", "13", "23", "24", "28", "29", "30", "31", "32", "59", "60", "61", "99", "123", "05:00", "+05:30", "-24:60", "+25:00", "x", ""}
	r := rand.New(rand.NewPCG(1, 2))
	n, yes := 0, 0
	for _, base := range []string{"2001-12-14T21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14", "2000-2-29t1:2:3Z", "1900-2-29"} {
		// Every prefix, and every one-byte change of the well-formed ones.
		for i := 0; i <= len(base); i++ {
			check(t, base[:i])
			for _, p := range pieces {
				if i < len(base) {
					check(t, base[:i]+p+base[i+1:])
				}
				check(t, base[:i]+p+base[i:])
			}
		}
	}
	// Random timestamps, each field from its near misses.
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	nums := []string{"0", "1", "2", "9", "00", "01", "02", "12", "13", "23", "24", "28", "29", "30", "31", "32", "59", "60", "99", "123", "", "x"}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		b.WriteString(pick("2001", "1999", "2000", "1900", "2004", "0000", "200", "20011", "-2001"))
		b.WriteString(pick("-", "-", "-", ":"))
		b.WriteString(pick(nums...))
		b.WriteString(pick("-", "-", "-", "/"))
		b.WriteString(pick(nums...))
		if r.IntN(4) > 0 {
			b.WriteString(pick("T", "t", " ", "  ", "", "x"))
			b.WriteString(pick(nums...))
			b.WriteString(pick(":", ":", "."))
			b.WriteString(pick(nums...))
			b.WriteString(pick(":", ":", ""))
			b.WriteString(pick(nums...))
			b.WriteString(pick("", "", ".", ",", ".1", ",5", ".123456789012", ".x"))
			b.WriteString(pick("", "Z", "z", "+05:00", "-05:30", "+24:60", "+25:00", "-00:61", "+0500", "+05:0", "Z ", " "))
		}
		if check(t, b.String()) {
			yes++
		}
		n++
	}
	if yes < 100 {
		t.Errorf("only %d of %d generated strings were timestamps: the generator misses the cases that matter", yes, n)
	}
}

func check(t *testing.T, s string) bool {
	t.Helper()
	got, want := isTimestamp(s), timeParses(s)
	if got != want {
		t.Errorf("isTimestamp(%q) = %v; time.Parse says %v", s, got, want)
	}
	return want
}

func FuzzIsTimestamp(f *testing.F) {
	for _, s := range []string{"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43,10", "2000-2-29T1:2:3Z", "2001-12-14T21:59:43+24:60"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check(t, s)
	})
}
