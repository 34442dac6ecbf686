package runes

import (
	"testing"
	"unicode/utf8"
)

// Invisible finds what IsInvisible says is invisible, and bytes that are not UTF-8, at the
// right character: ASCII, which it checks without IsInvisible, included.
func TestInvisible(t *testing.T) {
	for r := rune(0); r <= 0x3100; r++ {
		s := "ab" + string(r) + "c"
		got, pos, ok := Invisible(s)
		want := IsInvisible(r)
		if ok != want || ok && (got != r || pos != 3) {
			t.Errorf("Invisible(%q) = %U, %d, %v; want %U, 3, %v", s, got, pos, ok, r, want)
		}
	}
	if r, pos, ok := Invisible("é\xffx"); !ok || r != utf8.RuneError || pos != 2 {
		t.Errorf(`Invisible("é\xffx") = %U, %d, %v; want U+FFFD, 2, true`, r, pos, ok)
	}
}
