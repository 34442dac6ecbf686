// Package suggest finds what someone probably meant: the one edit distance every "did you
// mean" of iamforge uses, and the rankings built on it.
package suggest

import (
	"sort"
	"strings"
)

// maxLen bounds the inputs Distance compares in full: names, keys, operators and service
// prefixes are short, and a long input is no typo of them and must not cost quadratic time.
const maxLen = 256

// Distance is the Levenshtein distance between a and b, in bytes: the single-byte insertions,
// deletions and substitutions that turn one into the other. Once it is sure to exceed limit it
// stops and returns limit+1 (a limit below zero means none). Inputs longer than 256 bytes are
// only compared by length.
func Distance(a, b string, limit int) int {
	if limit < 0 {
		limit = max(len(a), len(b))
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) > maxLen || len(b) > maxLen {
		return min(abs(len(a)-len(b))+maxLen, limit+1)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// typoLimit is how far a word may be from a candidate and still be a plausible typo of it.
func typoLimit(word string) int { return max(len(word)/3+1, 2) }

// Closest ranks candidates by edit distance to word, ignoring case, keeping those near enough
// to be a plausible typo, or that contain the word or are contained in it; at most n, best
// first, ties in name order.
func Closest(word string, candidates []string, n int) []string {
	w := strings.ToLower(word)
	type scored struct {
		name string
		d    int
	}
	var hits []scored
	limit := typoLimit(w)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(w, lc, limit)
		if d > limit {
			if len(w) >= 3 && (strings.Contains(lc, w) || strings.Contains(w, lc) && len(lc) >= 3) {
				d = limit + 1 + abs(len(lc)-len(w))
			} else {
				continue
			}
		}
		hits = append(hits, scored{c, d})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].name < hits[j].name
	})
	var out []string
	for i := 0; i < len(hits) && i < n; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// Best is Closest cut to the candidates as near as the nearest, so that "service_read" suggests
// service-read alone and not service-list too.
func Best(word string, candidates []string, n int) []string {
	hits := Closest(word, candidates, n)
	if len(hits) < 2 {
		return hits
	}
	w := strings.ToLower(word)
	best := Distance(w, strings.ToLower(hits[0]), -1)
	out := hits[:1]
	for _, h := range hits[1:] {
		if Distance(w, strings.ToLower(h), -1) <= best {
			out = append(out, h)
		}
	}
	return out
}

// Nearest returns the candidate nearest to word, ignoring case, when it is near enough to be a
// plausible typo; otherwise "". Ties keep the candidates' order.
func Nearest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	limit := typoLimit(lw)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := Distance(lw, strings.ToLower(c), limit); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Within returns up to n candidates within limit edits of word, ignoring case, nearest first;
// of several spellings of one name (differing in case), the first stands for all.
func Within(word string, candidates []string, limit, n int) []string {
	type hit struct {
		name string
		dist int
	}
	var hits []hit
	seen := map[string]bool{}
	lw := strings.ToLower(word)
	for _, c := range candidates {
		lower := strings.ToLower(c)
		if seen[lower] {
			continue
		}
		seen[lower] = true
		if d := Distance(lw, lower, limit); d <= limit {
			hits = append(hits, hit{c, d})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].dist < hits[j].dist })
	var out []string
	for i := 0; i < len(hits) && i < n; i++ {
		out = append(out, hits[i].name)
	}
	return out
}
