package catalog

import (
	"sort"
	"strings"
)

// SuggestServices returns up to n service prefixes close to prefix, best first.
func (c *Catalog) SuggestServices(prefix string, n int) []string {
	names := make([]string, len(c.entries))
	for i, e := range c.entries {
		names[i] = e.Prefix
	}
	return Closest(prefix, names, n)
}

// SuggestActions returns up to n actions of s ("s3:GetObject") whose names are close to name.
func SuggestActions(s *Service, name string, n int) []string {
	names := make([]string, len(s.Actions))
	for i, a := range s.Actions {
		names[i] = a.Name
	}
	out := Closest(name, names, n)
	for i := range out {
		out[i] = s.Prefix + ":" + out[i]
	}
	return out
}

// Closest ranks candidates by edit distance ignoring case, keeping those near enough to be a
// plausible typo, or that contain the word or are contained in it.
func Closest(word string, candidates []string, n int) []string {
	w := strings.ToLower(word)
	type scored struct {
		name string
		d    int
	}
	var hits []scored
	limit := len(w)/3 + 1
	if limit < 2 {
		limit = 2
	}
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(w, lc)
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

// distance is the Levenshtein distance between two strings, in bytes.
func distance(a, b string) int {
	if len(a) > 256 || len(b) > 256 {
		// Names are short; a long input is not a typo of one and must not cost quadratic time.
		return abs(len(a)-len(b)) + 256
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
