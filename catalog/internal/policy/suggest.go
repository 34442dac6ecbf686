package policy

import "strings"

// closest returns the candidate nearest to word, ignoring case, when it is near enough to be a
// plausible typo; otherwise "". Ties keep the candidates' order.
func closest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	limit := max(len(lw)/3+1, 2)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := distance(lw, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two strings, in bytes. Inputs are element and
// operator names; a long one is no typo of them and must not cost quadratic time.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	var row [65]int
	for j := range len(b) + 1 {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur := min(row[j]+1, row[j-1]+1, prev+cost)
			prev, row[j] = row[j], cur
		}
	}
	return row[len(b)]
}
