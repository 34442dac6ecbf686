package catalog

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
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
	text, idx, err := c.searcher()
	if err != nil {
		return nil, err
	}
	hits := text.search(query, limit, idx)
	out := make([]SearchHit, 0, len(hits))
	for _, h := range hits {
		e := &text.entries[h.id]
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

// searchIndex is the inverted index of every word of the actions' names, services, access
// levels and descriptions: a search looks up the words its query begins, instead of scanning.
type searchIndex struct {
	text    *nameText
	vocab   []string // sorted
	wordKey []uint32 // per vocab word: its key (word*numFields) into start
	start   []uint32 // per key: where its postings begin in arena; the next key's start ends them
	arena   []uint32 // every posting list, action ids ascending
}

// WarmSearch readies search now, so that no search waits for it: from a catalog without
// descriptions it lists the actions' names, which searches scan (see nameText); with them, or
// once they arrive, it builds the index. Until it does, Search answers from what it has: the
// names, or an index built before the descriptions came (the browser's catalog gets them last),
// instead of holding the next keystroke while the index is built (300 ms in WebAssembly).
func (c *Catalog) WarmSearch() error {
	_, err := c.WarmSearchFor(math.MaxInt64)
	return err
}

// WarmSearchFor is WarmSearch a step at a time: it works for about d, one step at least, and
// says whether search is ready. Called again, it goes on where it stopped, so that the page's
// engine can answer a keystroke between two steps instead of after the whole build.
func (c *Catalog) WarmSearchFor(d time.Duration) (bool, error) {
	deadline := time.Now().Add(d)
	c.warmMu.Lock()
	defer c.warmMu.Unlock()
	c.mu.Lock()
	ready := (c.search != nil || c.text != nil) && c.searchBuilt == c.searchGen
	gen, had := c.searchGen, c.text
	c.mu.Unlock()
	b := c.warming
	if ready {
		c.warming = nil
		return true, nil
	}
	if b == nil || b.gen != gen {
		entries, err := c.ActionList()
		if err != nil {
			return false, err
		}
		var text *nameText
		if had != nil {
			text = had.with(entries) // the names scanned so far, now with their descriptions
		}
		if text == nil {
			text = buildNameText(entries)
		}
		if !text.hasDesc {
			c.install(text, nil, gen)
			return true, nil
		}
		b = newIndexBuild(text, gen)
		c.warming = b
		if time.Now().After(deadline) {
			return false, nil
		}
	}
	for !b.step(512) {
		if time.Now().After(deadline) {
			return false, nil
		}
	}
	c.install(b.text, b.idx, b.gen)
	c.warming = nil
	return true, nil
}

// searcher returns what Search answers from: the names or the index it has, current or not, else
// what WarmSearch makes: the names of a catalog without descriptions (scanning them finds what an
// index would, in a twentieth of the time an index takes to build), else the index.
func (c *Catalog) searcher() (*nameText, *searchIndex, error) {
	c.mu.Lock()
	idx, text := c.search, c.text
	c.mu.Unlock()
	if idx == nil && text == nil {
		if err := c.WarmSearch(); err != nil {
			return nil, nil, err
		}
		c.mu.Lock()
		idx, text = c.search, c.text // WarmSearch installed one of them (or a later count did)
		c.mu.Unlock()
	}
	if idx != nil {
		return idx.text, idx, nil
	}
	return text, nil, nil
}

// install makes what Search answers from the names' text, or the index built on it if idx is
// not nil, both made from what the catalog had at count gen; unless something made from a later
// count is there already.
func (c *Catalog) install(text *nameText, idx *searchIndex, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if (c.search != nil || c.text != nil) && c.searchBuilt > gen {
		return
	}
	c.search, c.text, c.searchBuilt = idx, text, gen
	if idx != nil {
		c.text = nil // the index holds its own
	}
}

// buildSearchIndex builds the inverted index at once; indexBuild builds it a slice at a time.
func buildSearchIndex(text *nameText) *searchIndex {
	b := newIndexBuild(text, 0)
	for !b.step(len(text.entries)) {
	}
	return b.idx
}

// indexBuild is the inverted index being built, in two passes over flat arrays — tokens, then a
// counting sort into one postings arena — because in WebAssembly a map of growing slices took
// a third of a second and tens of megabytes of garbage that the page's memory never returns.
// It goes a step at a time (WarmSearchFor), so that a keystroke in the page waits for a step,
// not for the whole build (300 ms there, with descriptions).
type indexBuild struct {
	text *nameText
	gen  uint64       // the catalog's searchGen when its actions were listed
	next int          // the next action whose words become tokens; len(entries) once all have
	idx  *searchIndex // made once the tokens are; the build is done when its vocabulary is
	done bool

	wordID     map[string]uint32
	words      []string // by word id
	vocabBytes int
	toks       []token
	ids        []uint32 // one action's word ids for a field, deduplicated before they become tokens
	// mark[w] is 1 + the action and field whose tokens last took word w, which deduplicates an
	// action's words without sorting them: the counting sort orders the tokens anyway.
	mark             []uint32
	scratch          []byte
	svcIDs, levelIDs []uint32
}

type token struct{ key, id uint32 } // key = word*numFields + field

func newIndexBuild(text *nameText, gen uint64) *indexBuild {
	n := len(text.entries)
	// Sized for the catalog, not for the most it could hold: in WebAssembly every byte
	// allocated here is garbage the page's memory keeps (22,091 actions: 20,401 words from
	// names alone, 22,288 with descriptions; 6.5 tokens an action from names, one more for
	// about every 7 bytes of description).
	descBytes := 0
	for i := range text.entries {
		descBytes += len(text.entries[i].Description)
	}
	return &indexBuild{
		text: text, gen: gen,
		wordID: make(map[string]uint32, n+n/8),
		words:  make([]string, 0, n+n/8),
		toks:   make([]token, 0, n*7+descBytes/7),
	}
}

// step does the next part of the build: the tokens of actions up to the next multiple of
// chunk, else the postings, else the vocabulary. It says whether the index is done (b.idx).
func (b *indexBuild) step(chunk int) bool {
	n := len(b.text.entries)
	switch {
	case b.done:
	case b.next < n:
		b.tokens(min(n, (b.next/chunk+1)*chunk))
	case b.idx == nil:
		b.idx = &searchIndex{text: b.text}
		b.postings()
	default:
		b.vocabulary()
		b.done = true
	}
	return b.done
}

// wid finds a word's id. A word of a name is a slice of text.names, which the index keeps, so it
// is stored as it is; a word of a description (widBytes) lives in a scratch buffer and is copied
// only when it is new (looking up string(w) does not allocate).
func (b *indexBuild) wid(w string) uint32 {
	if wi, ok := b.wordID[w]; ok {
		return wi
	}
	wi := uint32(len(b.words))
	b.wordID[w] = wi
	b.words = append(b.words, w)
	b.vocabBytes += len(w)
	return wi
}

func (b *indexBuild) widBytes(w []byte) uint32 {
	if wi, ok := b.wordID[string(w)]; ok {
		return wi
	}
	return b.wid(string(w))
}

// flush makes tokens of the word ids gathered for an action's field.
func (b *indexBuild) flush(field int, id uint32) {
	stamp := id*numFields + uint32(field) + 1
	for _, w := range b.ids {
		if int(w) >= len(b.mark) {
			b.mark = append(b.mark, make([]uint32, int(w)+1-len(b.mark)+len(b.mark)/2)...)
		}
		if b.mark[w] != stamp {
			b.mark[w] = stamp
			b.toks = append(b.toks, token{w*numFields + uint32(field), id})
		}
	}
	b.ids = b.ids[:0]
}

// tokens makes the tokens of actions [b.next, to).
func (b *indexBuild) tokens(to int) {
	text, entries := b.text, b.text.entries
	for i := b.next; i < to; i++ {
		a := &entries[i]
		id := uint32(i)
		s, colon, end := text.span(id)
		b.ids = append(b.ids, b.wid(text.names[colon+1:end]))
		b.flush(fieldFull, id)
		camelSplit(a.Name, func(ws, we int) { b.ids = append(b.ids, b.wid(text.names[colon+1+ws:colon+1+we])) })
		b.flush(fieldName, id)
		// A service's words and a level's words are the same for each of its actions: looked
		// up once for a run of actions that share them.
		if i == 0 || a.Service != entries[i-1].Service {
			svc := text.names[s:colon]
			b.svcIDs = append(b.svcIDs[:0], b.wid(svc))
			if strings.Contains(svc, "-") {
				for _, w := range strings.Split(svc, "-") {
					b.svcIDs = append(b.svcIDs, b.wid(w))
				}
			}
		}
		b.ids = append(b.ids, b.svcIDs...)
		b.flush(fieldSvc, id)
		// The access level is searchable like description text: "read secret" finds
		// secretsmanager:GetSecretValue.
		if i == 0 || a.Level != entries[i-1].Level {
			b.levelIDs = b.levelIDs[:0]
			for _, w := range text.levelWords[a.Level] {
				b.levelIDs = append(b.levelIDs, b.wid(w))
			}
		}
		b.ids = append(b.ids, b.levelIDs...)
		b.scratch = lowerWords(a.Description, b.scratch, func(w []byte) { b.ids = append(b.ids, b.widBytes(w)) })
		b.flush(fieldDesc, id)
	}
	b.next = to
}

// postings counting-sorts the tokens by key into the arena; ids stay ascending within a key
// since actions were visited in order.
func (b *indexBuild) postings() {
	idx := b.idx
	start := make([]uint32, len(b.words)*numFields+1)
	for _, t := range b.toks {
		start[t.key+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	idx.arena = make([]uint32, len(b.toks))
	fill := append([]uint32(nil), start[:len(start)-1]...)
	for _, t := range b.toks {
		idx.arena[fill[t.key]] = t.id
		fill[t.key]++
	}
	idx.start = start
	b.toks = nil
}

// vocabulary sorts the words, copied into one string so the lower-cased descriptions they were
// cut from can go.
func (b *indexBuild) vocabulary() {
	idx, words := b.idx, b.words
	order := make([]uint32, len(words))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool { return words[order[i]] < words[order[j]] })
	var vb strings.Builder
	vb.Grow(b.vocabBytes)
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
	b.wordID, b.words = nil, nil
}

// postings returns the action ids of vocabulary word vi in a field.
func (idx *searchIndex) postings(vi, field int) []uint32 {
	k := idx.wordKey[vi] + uint32(field)
	return idx.arena[idx.start[k]:idx.start[k+1]]
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

// match scores every action in [lo, hi) against query word w, the query's last if last, from
// the postings of the vocabulary words it begins, and calls mark with each hit's score.
func (idx *searchIndex) match(w string, last bool, lo, hi uint32, mark func(uint32, int32)) {
	weights := [numFields][2]int32{{fullExact, fullPrefix}, {nameExact, namePrefix}, {svcExact, svcPrefix}, {descExact, descPrefix}}
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
				if lo <= id && id < hi {
					mark(id, s)
				}
			}
		}
	}
	t := idx.text
	if len(w) >= minSubstring {
		for off := 0; ; {
			i := strings.Index(t.names[off:], w)
			if i < 0 {
				break
			}
			pos := off + i
			id := uint32(sort.SearchInts(t.starts, pos+1) - 1)
			if lo <= id && id < hi {
				mark(id, nameSubstring)
			}
			off = pos + 1
		}
	}
}

// search ranks the actions against query, from the index if there is one, else by scanning
// the names (nameText.match); both find the same hits with the same scores.
func (t *nameText) search(query string, limit int, idx *searchIndex) []indexHit {
	q := strings.ToLower(strings.TrimSpace(query))
	lo, hi := uint32(0), uint32(len(t.entries))
	whole := q
	// "s3:getob" narrows to one service and searches its action names.
	if svc, rest, ok := strings.Cut(q, ":"); ok {
		if r, known := t.svcOf[strings.TrimSpace(svc)]; known {
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
		if lo == 0 && hi == uint32(len(t.entries)) {
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

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.total == nil {
		t.total = make([]int32, len(t.entries))
		t.best = make([]int32, len(t.entries))
		t.hits = make([]uint8, len(t.entries))
	}
	total, best, hits := t.total, t.best, t.hits
	// Every action any word touched, to clear total and hits after.
	var seen []uint32
	defer func() {
		for _, id := range seen {
			total[id], hits[id] = 0, 0
		}
	}()
	for wi, w := range words {
		touched := t.touched[:0]
		mark := func(id uint32, score int32) {
			if best[id] == 0 {
				touched = append(touched, id)
			}
			if score > best[id] {
				best[id] = score
			}
		}
		last := wi == len(words)-1
		if idx != nil {
			idx.match(w, last, lo, hi, mark)
		} else {
			t.match(w, last, lo, hi, mark)
		}
		// A word that names a service outright ("logs", "s3") is about that service, however
		// often other services' names use the word (ec2:CreateFlowLogs).
		if r, ok := t.svcOf[w]; ok {
			for id := max(r[0], lo); id < min(r[1], hi); id++ {
				mark(id, svcWhole)
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
		t.touched = touched
	}
	// Keep the best limit hits with an insertion into a short sorted list: a one-letter query
	// touches thousands of actions, and sorting them all would cost more than the search.
	var out []indexHit
	better := func(a, b indexHit) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		ea, eb := &t.entries[a.id], &t.entries[b.id]
		// Among equals, the more used service: sqs:SendMessage before q:SendMessage.
		if ra, rb := t.rank[a.id], t.rank[b.id]; ra != rb {
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
		full := t.full(id)
		if full == whole || full[len(t.entries[id].Service)+1:] == joined {
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
