// Package runes finds the characters that a name must not hold because nobody can see them:
// controls, format characters (zero-width spaces and joiners, bidirectional marks and
// overrides, the byte-order mark, the soft hyphen) and line or paragraph separators. An ARN or
// action pasted with one of them looks right and matches nothing, or something else.
package runes

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Invisible returns the first invisible character of s, its position in characters (1-based)
// and true; or false when there is none.
func Invisible(s string) (r rune, pos int, ok bool) {
	pos = 0
	for i := 0; i < len(s); {
		// ASCII, nearly all that is checked, goes without IsInvisible's tables: of it only the
		// controls are invisible. Policies of hundreds of actions spent milliseconds here.
		if b := s[i]; b < utf8.RuneSelf {
			pos++
			if b < 0x20 || b == 0x7f {
				return rune(b), pos, true
			}
			i++
			continue
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		pos++
		if IsInvisible(c) || c == utf8.RuneError && n == 1 {
			return c, pos, true
		}
		i += n
	}
	return 0, 0, false
}

// IsInvisible reports whether r is a control, a format character or a line or paragraph
// separator.
func IsInvisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Zl, unicode.Zp) || r == '\u00A0' || r == '\u3000' || unicode.Is(unicode.Zs, r) && r != ' '
}

// Name describes r for a message: its code point, and a name for the usual suspects.
func Name(r rune) string {
	names := map[rune]string{
		'\u200B': "a zero-width space", '\u200C': "a zero-width non-joiner", '\u200D': "a zero-width joiner",
		'\u2060': "a word joiner", '\uFEFF': "a byte-order mark", '\u00AD': "a soft hyphen", '\u00A0': "a no-break space",
		'\u200E': "a left-to-right mark", '\u200F': "a right-to-left mark", '\u202A': "a bidirectional embedding",
		'\u202B': "a bidirectional embedding", '\u202C': "a bidirectional pop", '\u202D': "a bidirectional override",
		'\u202E': "a bidirectional override", '\u2066': "a bidirectional isolate", '\u2067': "a bidirectional isolate",
		'\u2068': "a bidirectional isolate", '\u2069': "a bidirectional isolate", '\t': "a tab",
		utf8.RuneError: "a byte that is not UTF-8",
	}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("%s (U+%04X)", n, r)
	}
	if unicode.IsControl(r) {
		return fmt.Sprintf("the control character U+%04X", r)
	}
	return fmt.Sprintf("the invisible character U+%04X", r)
}

// NonASCII returns the first character of s outside ASCII and its position in characters, or
// false.
func NonASCII(s string) (r rune, pos int, ok bool) {
	pos = 0
	for _, c := range s {
		pos++
		if c >= utf8.RuneSelf {
			return c, pos, true
		}
	}
	return 0, 0, false
}
