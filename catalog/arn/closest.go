package arn

import (
	"slices"
	"sort"
)

// closestMaxRunes bounds how much of a resource Closest compares: a suggestion is decided by the
// resource's head, and the bound keeps a 2 KB resource from costing milliseconds per format.
const closestMaxRunes = 256

// Closest returns up to n format indices nearest to the ARN, best first, for "did you mean"
// diagnostics when nothing matched. The score is the number of the partition, service, region
// and account segments the format rejects, plus the number of single-character edits that turn
// the ARN's resource into one the format's resource accepts (a placeholder takes any run of the
// characters it may hold for free). Ties keep the formats' order.
func (m *Matcher) Closest(a ARN, n int) []int {
	if n <= 0 || len(m.cs) == 0 {
		return nil
	}
	res := []rune(a.Resource)
	if len(res) > closestMaxRunes {
		res = res[:closestMaxRunes]
	}
	scores := make([]int, len(m.cs))
	idx := make([]int, len(m.cs))
	for i := range m.cs {
		c := &m.cs[i]
		score := 0
		for s, v := range [segResource]string{a.Partition, a.Service, a.Region, a.Account} {
			if !c.segs[s].match(v) {
				score++
			}
		}
		scores[i] = score + c.res.distance(res)
		idx[i] = i
	}
	// sort.SliceStable: slices.SortStableFunc would add slices' stable sorting code for ints to
	// the WebAssembly build, for a list of a service's formats.
	sort.SliceStable(idx, func(i, j int) bool { return scores[idx[i]] < scores[idx[j]] })
	return idx[:min(n, len(idx))]
}

// distance is the edit distance from u to the nearest string the machine's segment accepts, where
// a placeholder absorbs the characters it may hold at no cost. A * in u costs nothing to drop or
// to stand for a literal, and a ? nothing to stand for one.
func (mc *machine) distance(u []rune) int {
	const inf = 1 << 30
	ns := mc.accept + 1
	cur, next := make([]int, ns), make([]int, ns)
	for q := range cur {
		cur[q] = inf
	}
	cur[0] = 0
	mc.insertions(cur)
	for _, r := range u {
		for q := range next {
			next[q] = inf
		}
		for q, c := range cur {
			if c >= inf {
				continue
			}
			drop := 1
			if r == '*' {
				drop = 0
			}
			next[q] = min(next[q], c+drop)
			if q == mc.accept {
				continue
			}
			j := q / 2
			t := mc.toks[j]
			cost := 1
			switch {
			case t.kind == tokLit:
				if rune(t.c) == r || r == '*' || r == '?' && t.c != ':' {
					cost = 0
				}
				next[q+2] = min(next[q+2], c+cost)
				continue
			case r >= 128 || !slices.Contains(mc.excl[j], byte(r)):
				cost = 0
			}
			// Into the placeholder, or further inside it.
			next[2*j+1] = min(next[2*j+1], c+cost)
		}
		mc.insertions(next)
		cur, next = next, cur
	}
	return cur[mc.accept]
}

// insertions closes a cost vector over the moves that consume nothing: leaving a placeholder
// (free), and inserting a literal or an empty placeholder's one character (one edit each).
func (mc *machine) insertions(v []int) {
	for q := 0; q < mc.accept; q++ {
		if q%2 == 1 {
			if mc.toks[q/2].isPH() {
				v[q+1] = min(v[q+1], v[q])
			}
			continue
		}
		v[q+2] = min(v[q+2], v[q]+1)
	}
}
