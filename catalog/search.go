package catalog

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// SearchHit is one action found by Search, with its score (higher is better).
type SearchHit struct {
	Action *Action
	Score  int
}

// Search ranks every action against free text, for search-as-you-type: each word of the query
// must match the action's service, its name (whole, or a word of it: GetBucketLocation is get,
// bucket, location) or its description; the last word may be unfinished. Exact names rank
// first, then a word that is a whole service prefix ("logs" shows logs: actions, not
// ec2:CreateFlowLogs), then name words, then descriptions. Among equally good hits, the
// actions of the most used services come first (sendmessage: sqs:SendMessage before
// q:SendMessage), then shorter names. "s3:getob" searches one service. At most limit hits are
// returned (limit ≤ 0 means 20).
func (c *Catalog) Search(query string, limit int) ([]SearchHit, error) {
	if limit <= 0 {
		limit = 20
	}
	idx, err := c.searchIndex()
	if err != nil {
		return nil, err
	}
	hits := idx.search(query, limit)
	out := make([]SearchHit, 0, len(hits))
	for _, h := range hits {
		e := &idx.entries[h.id]
		s, err := c.Service(e.Service)
		if err != nil {
			return nil, err
		}
		a := s.Action(e.Name)
		if a == nil {
			return nil, fmt.Errorf("search index: %s:%s is gone from its service", e.Service, e.Name)
		}
		out = append(out, SearchHit{a, h.score})
	}
	return out, nil
}

// SearchEntry is what the search index needs of an action. A catalog can list them without
// decoding its services (compact does, from its text), which keeps the page's memory small.
type SearchEntry struct {
	Service     string
	Name        string
	Description string
	Level       AccessLevel
}

// SetSearchSource installs where the search index takes its entries from; by default, from
// every service, decoded. Entries must come sorted by service, then name, in a new slice at each
// call (ActionList hands it to its callers).
func (c *Catalog) SetSearchSource(f func() ([]SearchEntry, error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.searchSource = f
	c.searchGen++
}

// ActionList lists every action of the catalog, sorted by service then name: its service, name,
// access level and, where the catalog has it at hand, description; the slice is new at each
// call, the caller's to change. A catalog that can list them without decoding its services (a
// compact one, see SetSearchSource) does: several times cheaper than AllServices. The search
// index is built from it; callers that need names and levels only want ActionNames.
func (c *Catalog) ActionList() ([]SearchEntry, error) {
	c.mu.Lock()
	source := c.searchSource
	c.mu.Unlock()
	if source != nil {
		return source()
	}
	all, err := c.AllServices()
	if err != nil {
		return nil, err
	}
	var entries []SearchEntry
	for _, s := range all {
		for _, a := range s.SortedActions() {
			entries = append(entries, SearchEntry{Service: a.Service, Name: a.Name, Description: a.Description, Level: a.AccessLevel})
		}
	}
	return entries, nil
}

type indexHit struct {
	id    uint32
	score int
}

// Field weights: an exact hit and a prefix hit per field.
const (
	fullExact, fullPrefix   = 100, 60
	nameExact, namePrefix   = 40, 25
	svcExact, svcPrefix     = 30, 12
	descExact, descPrefix   = 10, 5
	nameSubstring           = 18
	svcWhole                = 70 // a word that is a whole service prefix: more than any name hit but an exact one
	wholeQueryIsName        = 200
	maxQueryWords           = 16
	fieldFull, fieldName    = 0, 1
	fieldSvc, fieldDesc     = 2, 3
	numFields               = 4
	minSubstring            = 3
	minDescriptionPrefixLen = 2
)

type searchIndex struct {
	entries []SearchEntry
	full    []string             // lower-case "service:name" per action, slices of names
	vocab   []string             // sorted
	wordKey []uint32             // per vocab word: its key (word*numFields) into start
	start   []uint32             // per key: where its postings begin in arena; the next key's start ends them
	arena   []uint32             // every posting list, action ids ascending
	names   string               // "\x00s3:getobject\x00s3:putobject…", for substring hits
	starts  []int                // offset of each action's name in names
	svcOf   map[string][2]uint32 // service prefix → [first, end) action ids

	mu      sync.Mutex // guards the scratch buffers below, reused across searches
	total   []int32
	best    []int32
	hits    []uint8
	touched []uint32
}

// WarmSearch builds the search index now, if there is none yet or descriptions arrived since it
// was built, so that no search waits for it. Until it does, Search answers from the index it has:
// a catalog whose descriptions come later (the browser's) keeps answering from action names,
// service names and access levels, instead of holding the next keystroke while the index is
// built again (half a second in WebAssembly).
func (c *Catalog) WarmSearch() error {
	c.mu.Lock()
	ok := c.search != nil && c.searchBuilt == c.searchGen
	c.mu.Unlock()
	if ok {
		return nil
	}
	_, err := c.buildIndex()
	return err
}

// searchIndex is the index Search uses: the one built, stale or not, or a new one.
func (c *Catalog) searchIndex() (*searchIndex, error) {
	c.mu.Lock()
	idx := c.search
	c.mu.Unlock()
	if idx != nil {
		return idx, nil
	}
	return c.buildIndex()
}

func (c *Catalog) buildIndex() (*searchIndex, error) {
	c.mu.Lock()
	gen := c.searchGen
	c.mu.Unlock()
	entries, err := c.ActionList()
	if err != nil {
		return nil, err
	}
	idx := buildSearchIndex(entries)
	c.mu.Lock()
	c.search, c.searchBuilt = idx, gen
	c.mu.Unlock()
	return idx, nil
}

// buildSearchIndex builds the inverted index in two passes over flat arrays — tokens, then a
// counting sort into one postings arena — because in WebAssembly a map of growing slices took
// a third of a second and tens of megabytes of garbage that the page's memory never returns.
func buildSearchIndex(entries []SearchEntry) *searchIndex {
	idx := &searchIndex{svcOf: map[string][2]uint32{}, entries: entries}
	n := len(entries)
	for i := 0; i < n; {
		j := i
		for j < n && entries[j].Service == entries[i].Service {
			j++
		}
		idx.svcOf[strings.ToLower(entries[i].Service)] = [2]uint32{uint32(i), uint32(j)}
		i = j
	}
	type token struct{ key, id uint32 } // key = word*numFields + field
	// Sized for the catalog, not for the most it could hold: in WebAssembly every byte
	// allocated here is garbage the page's memory keeps, and the first search waits for it
	// (22,091 actions: 20,401 words from names alone, 22,288 with descriptions; 6.5 tokens an
	// action from names, one more for about every 7 bytes of description).
	descBytes, size := 0, 0 // size: of names below, "\x00service:name" an action
	for i := range entries {
		descBytes += len(entries[i].Description)
		size += 2 + len(entries[i].Service) + len(entries[i].Name)
	}
	wordID := make(map[string]uint32, n+n/8)
	words := make([]string, 0, n+n/8)
	vocabBytes := 0
	// wid finds a word's id. A word of a name is a slice of idx.names, which the index keeps,
	// so it is stored as it is; a word of a description (widBytes) lives in a scratch buffer
	// and is copied only when it is new (looking up string(b) does not allocate).
	wid := func(w string) uint32 {
		if wi, ok := wordID[w]; ok {
			return wi
		}
		wi := uint32(len(words))
		wordID[w] = wi
		words = append(words, w)
		vocabBytes += len(w)
		return wi
	}
	widBytes := func(b []byte) uint32 {
		if wi, ok := wordID[string(b)]; ok {
			return wi
		}
		return wid(string(b))
	}
	toks := make([]token, 0, n*7+descBytes/7)
	var ids []uint32 // one action's word ids for a field, deduplicated before they become tokens
	// mark[w] is 1 + the action and field whose tokens last took word w, which deduplicates an
	// action's words without sorting them: the counting sort below orders the tokens anyway.
	var mark []uint32
	flush := func(field int, id uint32) {
		stamp := id*numFields + uint32(field) + 1
		for _, w := range ids {
			if int(w) >= len(mark) {
				mark = append(mark, make([]uint32, int(w)+1-len(mark)+len(mark)/2)...)
			}
			if mark[w] != stamp {
				mark[w] = stamp
				toks = append(toks, token{w*numFields + uint32(field), id})
			}
		}
		ids = ids[:0]
	}
	var names strings.Builder
	names.Grow(size)
	for i := range entries {
		a := &entries[i]
		names.WriteByte(0)
		writeLower(&names, a.Service)
		names.WriteByte(':')
		writeLower(&names, a.Name)
	}
	idx.names = names.String()
	idx.starts = make([]int, n)
	idx.full = make([]string, n)
	off := 0
	var scratch []byte
	for i := range entries {
		a := &entries[i]
		id := uint32(i)
		start := off + 1
		end := start + len(a.Service) + 1 + len(a.Name)
		idx.starts[i], idx.full[i] = start, idx.names[start:end]
		off = end
		svc, full := idx.full[i][:len(a.Service)], idx.full[i][len(a.Service)+1:]
		ids = append(ids, wid(full))
		flush(fieldFull, id)
		camelSplit(a.Name, full, func(w string) { ids = append(ids, wid(w)) })
		flush(fieldName, id)
		ids = append(ids, wid(svc))
		if strings.Contains(svc, "-") {
			for _, w := range strings.Split(svc, "-") {
				ids = append(ids, wid(w))
			}
		}
		flush(fieldSvc, id)
		// The access level is searchable like description text: "read secret" finds
		// secretsmanager:GetSecretValue.
		scratch = lowerWords(a.Level.String(), scratch, func(w []byte) { ids = append(ids, widBytes(w)) })
		scratch = lowerWords(a.Description, scratch, func(w []byte) { ids = append(ids, widBytes(w)) })
		flush(fieldDesc, id)
	}
	// Counting sort by key; ids stay ascending within a key since actions were visited in order.
	start := make([]uint32, len(words)*numFields+1)
	for _, t := range toks {
		start[t.key+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	idx.arena = make([]uint32, len(toks))
	fill := append([]uint32(nil), start[:len(start)-1]...)
	for _, t := range toks {
		idx.arena[fill[t.key]] = t.id
		fill[t.key]++
	}
	idx.start = start
	// The vocabulary, sorted, copied into one string so the lower-cased descriptions it was cut
	// from can go.
	order := make([]uint32, len(words))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool { return words[order[i]] < words[order[j]] })
	var vb strings.Builder
	vb.Grow(vocabBytes)
	for _, o := range order {
		vb.WriteString(words[o])
	}
	all := vb.String()
	idx.vocab = make([]string, len(order))
	idx.wordKey = make([]uint32, len(order))
	p := 0
	for i, o := range order {
		idx.vocab[i] = all[p : p+len(words[o])]
		p += len(words[o])
		idx.wordKey[i] = o * numFields
	}
	return idx
}

// postings returns the action ids of vocabulary word vi in a field.
func (idx *searchIndex) postings(vi, field int) []uint32 {
	k := idx.wordKey[vi] + uint32(field)
	return idx.arena[idx.start[k]:idx.start[k+1]]
}

// writeLower writes s lower-cased, as strings.ToLower would, without a new string for each
// name: the runs between capitals as they are, each capital lowered.
func writeLower(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b.WriteString(strings.ToLower(s))
			return
		}
	}
	run := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[run:i])
			b.WriteByte(c + 'a' - 'A')
			run = i + 1
		}
	}
	b.WriteString(s[run:])
}

// camelSplit calls f with the lower-case words of a CamelCase name ("GetBucketLocation": get,
// bucket, location; "ListDBInstances": list, db, instances), cut from lower, the name already
// lower-cased, so that no word is allocated. It is written without helper calls: the wasm is
// built without inlining, and a call for each byte of 22,000 names was a tenth of building the
// search index there.
func camelSplit(name, lower string, f func(string)) {
	start := 0
	for i := 1; i <= len(name); i++ {
		if i < len(name) {
			prev, c := name[i-1], name[i]
			prevLower, prevUpper := 'a' <= prev && prev <= 'z', 'A' <= prev && prev <= 'Z'
			cUpper := 'A' <= c && c <= 'Z'
			cAlnum := cUpper || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
			prevAlnum := prevLower || prevUpper || '0' <= prev && prev <= '9'
			nextLower := i+1 < len(name) && 'a' <= name[i+1] && name[i+1] <= 'z'
			if !(prevLower && cUpper || prevUpper && cUpper && nextLower || !cAlnum || !prevAlnum) {
				continue
			}
		}
		// The word lower[start:i], trimmed of the separators names use.
		a, b := start, i
		for a < b && (lower[a] == '-' || lower[a] == '_' || lower[a] == '.' || lower[a] == ' ') {
			a++
		}
		for b > a && (lower[b-1] == '-' || lower[b-1] == '_' || lower[b-1] == '.' || lower[b-1] == ' ') {
			b--
		}
		if a < b {
			f(lower[a:b])
		}
		start = i
	}
}

// lowerWords calls f with each word of text (letters, digits, non-ASCII), lower-cased into
// scratch, stop words left out; it returns scratch for reuse.
func lowerWords(text string, scratch []byte, f func([]byte)) []byte {
	for i := 0; i < len(text); {
		for i < len(text) && !(isAlnum(text[i]) || text[i] >= 0x80) {
			i++
		}
		j := i
		for j < len(text) && (isAlnum(text[j]) || text[j] >= 0x80) {
			j++
		}
		if j > i {
			scratch = scratch[:0]
			for k := i; k < j; k++ {
				c := text[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				scratch = append(scratch, c)
			}
			if !stopWords[string(scratch)] {
				f(scratch)
			}
		}
		i = j
	}
	return scratch
}

func (idx *searchIndex) search(query string, limit int) []indexHit {
	q := strings.ToLower(strings.TrimSpace(query))
	lo, hi := uint32(0), uint32(len(idx.entries))
	whole := q
	// "s3:getob" narrows to one service and searches its action names.
	if svc, rest, ok := strings.Cut(q, ":"); ok {
		if r, known := idx.svcOf[strings.TrimSpace(svc)]; known {
			lo, hi = r[0], r[1]
			q = rest
			whole = strings.TrimSpace(svc) + ":" + strings.TrimSpace(rest)
		}
	}
	words := textWordsAll(q, nil)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	if len(words) == 0 {
		if lo == 0 && hi == uint32(len(idx.entries)) {
			return nil
		}
		var out []indexHit
		for id := lo; id < hi && len(out) < limit; id++ {
			out = append(out, indexHit{id, 0})
		}
		return out
	}
	joined := strings.Join(words, "")
	// Stop words ("to", "for") are optional: they add to the score where they match a name
	// but an action need not contain them, since descriptions are indexed without them.
	required := make([]bool, len(words))
	need := 0
	for i, w := range words {
		required[i] = !stopWords[w]
		if required[i] {
			need++
		}
	}
	if need == 0 {
		for i := range required {
			required[i] = true
		}
		need = len(words)
	}

	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.total == nil {
		idx.total = make([]int32, len(idx.entries))
		idx.best = make([]int32, len(idx.entries))
		idx.hits = make([]uint8, len(idx.entries))
	}
	total, best, hits := idx.total, idx.best, idx.hits
	// Every action any word touched, to clear total and hits after.
	var seen []uint32
	defer func() {
		for _, id := range seen {
			total[id], hits[id] = 0, 0
		}
	}()
	weights := [numFields][2]int32{{fullExact, fullPrefix}, {nameExact, namePrefix}, {svcExact, svcPrefix}, {descExact, descPrefix}}
	for wi, w := range words {
		touched := idx.touched[:0]
		mark := func(id uint32, score int32) {
			if id < lo || id >= hi {
				return
			}
			if best[id] == 0 {
				touched = append(touched, id)
			}
			if score > best[id] {
				best[id] = score
			}
		}
		last := wi == len(words)-1
		from := sort.SearchStrings(idx.vocab, w)
		for vi := from; vi < len(idx.vocab) && strings.HasPrefix(idx.vocab[vi], w); vi++ {
			exact := idx.vocab[vi] == w
			if !exact && !last && len(w) < 3 {
				// A short finished word ("s3 get object") is a word, not a prefix of one.
				continue
			}
			for f := range numFields {
				if f == fieldDesc && !exact && len(w) < minDescriptionPrefixLen {
					continue
				}
				s := weights[f][1]
				if exact {
					s = weights[f][0]
				}
				for _, id := range idx.postings(vi, f) {
					mark(id, s)
				}
			}
		}
		// A word that names a service outright ("logs", "s3") is about that service, however
		// often other services' names use the word (ec2:CreateFlowLogs).
		if r, ok := idx.svcOf[w]; ok {
			for id := r[0]; id < r[1]; id++ {
				mark(id, svcWhole)
			}
		}
		if len(w) >= minSubstring {
			for off := 0; ; {
				i := strings.Index(idx.names[off:], w)
				if i < 0 {
					break
				}
				pos := off + i
				id := uint32(sort.SearchInts(idx.starts, pos+1) - 1)
				mark(id, nameSubstring)
				off = pos + 1
			}
		}
		for _, id := range touched {
			if hits[id] == 0 && total[id] == 0 {
				seen = append(seen, id)
			}
			total[id] += best[id]
			if required[wi] {
				hits[id]++
			}
			best[id] = 0
		}
		idx.touched = touched
	}
	// Keep the best limit hits with an insertion into a short sorted list: a one-letter query
	// touches thousands of actions, and sorting them all would cost more than the search.
	var out []indexHit
	better := func(a, b indexHit) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		ea, eb := &idx.entries[a.id], &idx.entries[b.id]
		// Among equals, the more used service: sqs:SendMessage before q:SendMessage.
		if ra, rb := serviceRank(ea.Service), serviceRank(eb.Service); ra != rb {
			return ra < rb
		}
		// Then the shorter full name: s3:PutObject before mediastore:PutObject.
		if la, lb := len(ea.Service)+len(ea.Name), len(eb.Service)+len(eb.Name); la != lb {
			return la < lb
		}
		return fullNameLess(ea, eb)
	}
	for _, id := range seen {
		if int(hits[id]) != need {
			continue
		}
		score := total[id]
		full := idx.full[id]
		if full == whole || full[len(idx.entries[id].Service)+1:] == joined {
			score += wholeQueryIsName
		}
		h := indexHit{id, int(score)}
		if len(out) == limit && !better(h, out[limit-1]) {
			continue
		}
		i := sort.Search(len(out), func(i int) bool { return better(h, out[i]) })
		if len(out) < limit {
			out = append(out, indexHit{})
		}
		copy(out[i+1:], out[i:])
		out[i] = h
	}
	return out
}

// fullNameLess compares "service:Name" of two entries as strings, without building them.
func fullNameLess(a, b *SearchEntry) bool {
	x, y := a.Service+":", b.Service+":"
	if len(a.Service) == len(b.Service) && a.Service == b.Service {
		return a.Name < b.Name
	}
	return x+a.Name < y+b.Name
}

// commonServices are the services most policies name, most used first. They only break ties
// between equally good hits: a search for an action name that many services share
// (SendMessage, Publish, GetObject, DescribeInstances) shows the one people mean first. The list
// is a judgement, kept short; a service not on it ranks after every one that is.
var commonServices = []string{
	"s3", "ec2", "iam", "sts", "kms", "lambda", "dynamodb", "sqs", "sns", "logs", "cloudwatch",
	"cloudformation", "ssm", "secretsmanager", "ecr", "ecs", "eks", "rds", "elasticloadbalancing",
	"autoscaling", "route53", "cloudfront", "apigateway", "execute-api", "events", "states",
	"kinesis", "firehose", "glue", "athena", "acm", "cognito-idp", "organizations", "config",
	"cloudtrail", "sso", "elasticfilesystem", "elasticache", "es", "codebuild", "codepipeline",
	"xray", "backup",
}

var serviceRanks = func() map[string]int {
	m := make(map[string]int, len(commonServices))
	for i, s := range commonServices {
		m[s] = i
	}
	return m
}()

// serviceRank is a service's place in commonServices, or len(commonServices) if it is not there.
func serviceRank(prefix string) int {
	if r, ok := serviceRanks[prefix]; ok {
		return r
	}
	return len(commonServices)
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// stopWords are too common in descriptions to say anything ("Grants permission to …").
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true, "be": true, "by": true,
	"for": true, "from": true, "grants": true, "grant": true, "in": true, "is": true, "it": true,
	"of": true, "on": true, "or": true, "permission": true, "permissions": true, "that": true,
	"the": true, "this": true, "to": true, "with": true,
}

// textWordsAll splits lower-case text on anything but letters and digits, keeping stop words:
// a query means every word it says.
func textWordsAll(s string, out []string) []string {
	return words(s, out, false)
}

func words(s string, out []string, dropStop bool) []string {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && (isAlnum(s[i]) || s[i] >= 0x80) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := s[start:i]
			if !dropStop || !stopWords[w] {
				out = append(out, w)
			}
			start = -1
		}
	}
	return out
}
