package catalog

import (
	"strings"
	"sync"
	"unsafe"
)

// nameText is every action's "service:name", lower-cased, in one string. It is a twentieth of
// the search index's cost to build, and scanning it answers a search as the index would, for as
// long as the catalog has no descriptions: the page searches it until the descriptions have come
// and the index is built from them, so that no keystroke waits for an index (a quarter of a
// second in WebAssembly). The index is built on it.
type nameText struct {
	entries []SearchEntry
	names   string               // "\x00s3:getobject\x00s3:putobject…"
	starts  []int                // offset of each action's "service:name" in names
	rank    []uint8              // each action's serviceRank, which breaks ties between hits
	svcOf   map[string][2]uint32 // service prefix → [first, end) action ids
	hasDesc bool                 // some entry has a description, which scanning does not see
	// levelWords are the searchable words of each access level an entry has ("Permissions
	// management": management).
	levelWords [256][]string

	mu      sync.Mutex // guards the scratch buffers below, reused across searches
	total   []int32
	best    []int32
	hits    []uint8
	touched []uint32
}

func buildNameText(entries []SearchEntry) *nameText {
	n := len(entries)
	t := &nameText{entries: entries, svcOf: map[string][2]uint32{}, starts: make([]int, n), rank: make([]uint8, n)}
	size := 0
	for i := range entries {
		size += 2 + len(entries[i].Service) + len(entries[i].Name)
		if entries[i].Description != "" {
			t.hasDesc = true
		}
		if l := entries[i].Level; t.levelWords[l] == nil {
			t.levelWords[l] = []string{}
			lowerWords(l.String(), nil, func(w []byte) { t.levelWords[l] = append(t.levelWords[l], string(w)) })
		}
	}
	for i := 0; i < n; {
		j := i
		for j < n && entries[j].Service == entries[i].Service {
			j++
		}
		t.svcOf[strings.ToLower(entries[i].Service)] = [2]uint32{uint32(i), uint32(j)}
		r := uint8(serviceRank(entries[i].Service))
		for k := i; k < j; k++ {
			t.rank[k] = r
		}
		i = j
	}
	// Into one buffer, lowered in place: through a strings.Builder this was a call per byte, a
	// fifth of the index's build in WebAssembly.
	b := make([]byte, 0, size)
	for i := range entries {
		a := &entries[i]
		b = append(b, 0)
		t.starts[i] = len(b)
		b = append(b, a.Service...)
		b = append(b, ':')
		b = append(b, a.Name...)
	}
	lowerASCII(b)
	// b is not written again: the string can be its bytes rather than a copy of them (half a
	// megabyte fewer to allocate and copy on the first search).
	t.names = unsafe.String(unsafe.SliceData(b), len(b))
	return t
}

// with returns a text of the same names for entries, the same actions as t's in the same order
// (now with their descriptions, say), sharing what t built from the names; or nil if they are not
// the same actions.
func (t *nameText) with(entries []SearchEntry) *nameText {
	if len(entries) != len(t.entries) {
		return nil
	}
	u := &nameText{entries: entries, names: t.names, starts: t.starts, rank: t.rank, svcOf: t.svcOf, levelWords: t.levelWords}
	for i := range entries {
		a, b := &entries[i], &t.entries[i]
		if a.Service != b.Service || a.Name != b.Name || a.Level != b.Level {
			return nil
		}
		u.hasDesc = u.hasDesc || a.Description != ""
	}
	return u
}

// lowerASCII lowers the ASCII letters of b in place. Only those, so that every byte keeps its
// place: action names and service prefixes are ASCII, and strings.ToLower would move the bytes
// after a non-ASCII capital whose lower case is longer or shorter.
func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// span returns where action id's service and name lie in names: [svc, colon) and (colon, end).
func (t *nameText) span(id uint32) (svc, colon, end int) {
	svc = t.starts[id]
	colon = svc + len(t.entries[id].Service)
	end = colon + 1 + len(t.entries[id].Name)
	return svc, colon, end
}

// full is action id's "service:name", lower-cased.
func (t *nameText) full(id uint32) string {
	s, _, e := t.span(id)
	return t.names[s:e]
}

// match scores every action in [lo, hi) against query word w by scanning the names, as the
// index's postings would (see searchIndex.match), and calls mark with each hit's score. It
// sees no descriptions: only access levels, as the index built from names alone. (A word that
// is a whole service prefix, search marks for both.)
func (t *nameText) match(w string, last bool, lo, hi uint32, mark func(uint32, int32)) {
	if w == "" || lo >= hi {
		return
	}
	// A short finished word ("s3 get object") is a word, not a prefix of one.
	prefixes := last || len(w) >= 3
	from, _, _ := t.span(lo)
	_, _, to := t.span(hi - 1)
	text := t.names[:to]
	// The action the last hit was in, and where its service and name lie.
	id := lo
	s, colon, e := t.span(id)
	name := t.entries[id].Name
	// Each place the word's first byte is, compared whole: strings.Index falls back to hashing
	// the rest of the text when the first byte is common, and is called again after each hit
	// (tens of milliseconds for "dec" in WebAssembly).
	for off := from; ; {
		i := strings.IndexByte(text[off:], w[0])
		if i < 0 {
			break
		}
		pos := off + i
		off = pos + 1
		end := pos + len(w)
		if len(w) > 1 && (end > len(text) || text[pos:end] != w) {
			continue
		}
		if pos >= e {
			for id+1 < hi && t.starts[id+1] <= pos {
				id++
			}
			s, colon, e = t.span(id)
			name = t.entries[id].Name
		}
		best := int32(0)
		if len(w) >= minSubstring {
			best = nameSubstring
		}
		if pos > colon {
			at := pos - colon - 1
			if at == 0 {
				best = max(best, fieldScore(end == e, prefixes, fullExact, fullPrefix))
			}
			if wordStarts(name, at) {
				// A word of the name that begins here and ends before w does is not w's.
				inside := false
				for k := at + 1; k < at+len(w); k++ {
					if wordEnds(name, k) {
						inside = true
						break
					}
				}
				if !inside {
					best = max(best, fieldScore(wordEnds(name, at+len(w)), prefixes, nameExact, namePrefix))
				}
			}
		} else if pos == s || t.names[pos-1] == '-' {
			// The service, or a part of it between hyphens (cognito-idp: cognito, idp).
			best = max(best, fieldScore(end == colon || t.names[end] == '-', prefixes, svcExact, svcPrefix))
		}
		if best > 0 {
			mark(id, best)
		}
	}
	// The access level is searchable like description text: "read secret" finds
	// secretsmanager:GetSecretValue.
	var levels [256]int32
	any := false
	for l, words := range t.levelWords {
		for _, lw := range words {
			exact := lw == w
			if !strings.HasPrefix(lw, w) || !exact && len(w) < minDescriptionPrefixLen {
				continue
			}
			if s := fieldScore(exact, prefixes, descExact, descPrefix); s > levels[l] {
				levels[l], any = s, true
			}
		}
	}
	if any {
		for id := lo; id < hi; id++ {
			if s := levels[t.entries[id].Level]; s > 0 {
				mark(id, s)
			}
		}
	}
}

// fieldScore is a field's score for a word found exactly or, if prefixes count, as a prefix.
func fieldScore(exact, prefixes bool, exactScore, prefixScore int32) int32 {
	if exact {
		return exactScore
	}
	if prefixes {
		return prefixScore
	}
	return 0
}

// wordStarts says whether a word of name, as camelSplit cuts it, begins at byte i; wordEnds,
// whether one ends just before it. Separators and other bytes that are not letters or digits
// stand alone between cuts, so a word begins at a cut before a byte that is not a separator.
func wordStarts(name string, i int) bool {
	return i < len(name) && !isSeparator(name[i]) && (i == 0 || camelCut(name, i))
}

func wordEnds(name string, i int) bool {
	return i > 0 && !isSeparator(name[i-1]) && (i == len(name) || camelCut(name, i))
}

func isSeparator(c byte) bool { return c == '-' || c == '_' || c == '.' || c == ' ' }

// camelCut says whether camelSplit cuts name between bytes i-1 and i, 0 < i < len(name).
func camelCut(name string, i int) bool {
	prev, c := name[i-1], name[i]
	prevLower, prevUpper := 'a' <= prev && prev <= 'z', 'A' <= prev && prev <= 'Z'
	cUpper := 'A' <= c && c <= 'Z'
	cAlnum := cUpper || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	prevAlnum := prevLower || prevUpper || '0' <= prev && prev <= '9'
	nextLower := i+1 < len(name) && 'a' <= name[i+1] && name[i+1] <= 'z'
	return prevLower && cUpper || prevUpper && cUpper && nextLower || !cAlnum || !prevAlnum
}

// camelSplit calls f with where the words of a CamelCase name begin and end ("GetBucketLocation":
// Get, Bucket, Location; "ListDBInstances": List, DB, Instances), separators trimmed: each byte
// that is not a letter or digit stands alone between cuts (camelCut), and separators are no word.
func camelSplit(name string, f func(start, end int)) {
	start := 0
	for i := 1; i <= len(name); i++ {
		if i < len(name) && !camelCut(name, i) {
			continue
		}
		if !isSeparator(name[start]) {
			f(start, i)
		}
		start = i
	}
}
