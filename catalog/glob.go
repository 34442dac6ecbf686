package catalog

// MatchGlob reports whether name matches pattern, where '*' matches any run of characters and
// '?' any one character, ignoring ASCII case. It is how IAM compares action names.
func MatchGlob(pattern, name string) bool {
	// Iterative matching with one backtrack point: linear in practice and never recursive, so
	// hostile patterns ("*a*a*a*…b") cannot blow the stack.
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		if p < len(pattern) && (pattern[p] == '?' || lower(pattern[p]) == lower(name[n])) {
			p++
			n++
			continue
		}
		if p < len(pattern) && pattern[p] == '*' {
			star, mark = p, n
			p++
			continue
		}
		if star >= 0 {
			p = star + 1
			mark++
			n = mark
			continue
		}
		return false
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// HasGlob reports whether s holds a wildcard.
func HasGlob(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
