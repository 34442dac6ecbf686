package compact

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/iamforge/iamforge/catalog"
)

type blobRef struct{ off, n int }

// Open returns a catalog over a core file, decoding each service on first use. desc may be
// empty and attached later with AttachDescriptions.
func Open(core, desc string) (*catalog.Catalog, error) {
	if !strings.HasPrefix(core, coreMagic) {
		return nil, fmt.Errorf("%w: not a compact catalog of this version (bad magic)", ErrCorrupt)
	}
	r := &reader{s: core, off: len(coreMagic)}
	hlen := r.count()
	if r.err != nil {
		return nil, r.err
	}
	body := r.off + hlen
	// The provenance record is checked to be JSON here, and read when asked for (Info): few
	// commands do, and encoding/json's first use was a few percent of a short one.
	prov := r.str()
	if prov != "" && r.err == nil && !json.Valid([]byte(prov)) {
		return nil, fmt.Errorf("%w: the provenance record is not JSON", ErrCorrupt)
	}
	textLen := int(r.uvarint())
	if r.err == nil && (textLen < 0 || body+textLen > len(core) || body+textLen < body) {
		return nil, fmt.Errorf("%w: the text section lies beyond the end", ErrCorrupt)
	}
	text, nums := core[min(body, len(core)):min(body+textLen, len(core))], core[min(body+textLen, len(core)):]
	nsrc := r.count()
	sources := make([]string, nsrc+1)
	for i := 1; i <= nsrc; i++ {
		sources[i] = r.str()
	}
	n := r.count()
	lazy := make([]catalog.Lazy, 0, n)
	st := &openState{services: make([]span, 0, n)}
	for i := 0; i < n && r.err == nil; i++ {
		prefix, name := r.str(), r.str()
		to, tl, no, nl := int(r.uvarint()), int(r.uvarint()), int(r.uvarint()), int(r.uvarint())
		na := r.count()
		arns := make([]string, na)
		for j := range arns {
			arns[j] = r.str()
		}
		if r.err != nil {
			break
		}
		if to < 0 || tl < 0 || to+tl > len(text) || to+tl < to || no < 0 || nl < 0 || no+nl > len(nums) || no+nl < no {
			return nil, fmt.Errorf("%w: service %s lies beyond the end", ErrCorrupt, prefix)
		}
		t, b := text[to:to+tl], nums[no:no+nl]
		st.services = append(st.services, span{prefix, t, b})
		lazy = append(lazy, catalog.Lazy{Prefix: prefix, Name: name, ARNServices: arns, Load: func() (*catalog.Service, error) {
			return decodeService(prefix, name, t, b, sources)
		}})
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != body {
		return nil, fmt.Errorf("%w: header length disagrees with its content", ErrCorrupt)
	}
	c := catalog.NewLazy(lazy, catalog.Info{})
	if prov != "" {
		c.SetInfoSource(func() (catalog.Info, error) {
			var info catalog.Info
			if err := json.Unmarshal([]byte(prov), &info); err != nil {
				return catalog.Info{}, fmt.Errorf("%w: the provenance record: %v", ErrCorrupt, err)
			}
			return info, nil
		})
	}
	sort.Slice(st.services, func(i, j int) bool { return st.services[i].prefix < st.services[j].prefix })
	states.Store(c, st)
	c.SetSearchSource(st.entries)
	c.SetNameSource(st.names)
	if desc != "" {
		if err := AttachDescriptions(c, desc); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// AttachDescriptions fills descriptions from a descriptions file into c's services, now for
// those already loaded and on load for the rest.
func AttachDescriptions(c *catalog.Catalog, desc string) error {
	if !strings.HasPrefix(desc, descMagic) {
		return fmt.Errorf("%w: not a descriptions file (bad magic)", ErrCorrupt)
	}
	r := &reader{s: desc, off: len(descMagic)}
	hlen := r.count()
	body := r.off + hlen
	n := r.count()
	blobs := make(map[string]string, n)
	for i := 0; i < n && r.err == nil; i++ {
		prefix := r.str()
		off, ln := int(r.uvarint()), int(r.uvarint())
		if r.err == nil && (off < 0 || ln < 0 || body+off+ln > len(desc) || body+off+ln < body) {
			return fmt.Errorf("%w: descriptions of %s lie beyond the end", ErrCorrupt, prefix)
		}
		if r.err == nil {
			blobs[prefix] = desc[body+off : body+off+ln]
		}
	}
	if r.err != nil {
		return r.err
	}
	if v, ok := states.Load(c); ok {
		st := v.(*openState)
		st.mu.Lock()
		st.descs = blobs
		st.mu.Unlock()
		c.SetSearchSource(st.entries) // index the descriptions too, from now on
	}
	c.SetDescriber(func(s *catalog.Service) {
		blob, ok := blobs[s.Prefix]
		if !ok {
			return
		}
		r := &reader{s: blob}
		na := r.count()
		if na != len(s.Actions) {
			return // a different catalog's descriptions: leave them out rather than misplace them
		}
		for _, a := range s.Actions {
			if d := r.str(); a.Description == "" {
				a.Description = d
			}
		}
		nk := r.count()
		if nk != len(s.ConditionKeys) {
			return
		}
		for _, k := range s.ConditionKeys {
			if d := r.str(); k.Description == "" {
				k.Description = d
			}
		}
	})
	return nil
}

func decodeService(prefix, name, text, blob string, sources []string) (*catalog.Service, error) {
	table := make([]string, 1, strings.Count(text, "\n")+1)
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return nil, fmt.Errorf("%w: service %s: its text does not end in a newline", ErrCorrupt, prefix)
		}
		table = append(table, text[:i])
		text = text[i+1:]
	}
	r := &reader{s: blob}
	// Every list of names, and every row, is cut from one arena per service, sized exactly by a
	// first pass: a few allocations instead of tens of thousands, and no slack the page's memory
	// would keep.
	nstrs, nrows := countService(blob)
	strs := make([]string, 0, nstrs)
	rows := make([]catalog.ActionResource, 0, nrows)
	ref := func() string {
		i := r.uvarint()
		if i >= uint64(len(table)) {
			r.fail("string reference out of range")
			return ""
		}
		return table[i]
	}
	refs := func() []string {
		n := r.count()
		if n == 0 {
			return nil
		}
		from := len(strs)
		for range n {
			strs = append(strs, ref())
		}
		return strs[from:len(strs):len(strs)]
	}
	src := func() string {
		i := r.uvarint()
		if i >= uint64(len(sources)) {
			r.fail("source reference out of range")
			return ""
		}
		return sources[i]
	}
	s := &catalog.Service{Prefix: prefix, Name: name}
	s.AuthorizationURL = ref()
	s.Source = src()
	na := r.count()
	levels := r.s[r.off : r.off+na]
	r.off += na
	nrt := r.count()
	rts := make([]catalog.ResourceType, nrt)
	s.ResourceTypes = make([]*catalog.ResourceType, nrt)
	for i := range rts {
		rts[i] = catalog.ResourceType{Service: prefix, Name: ref(), ARNFormats: refs(), ConditionKeys: refs()}
		s.ResourceTypes[i] = &rts[i]
	}
	nk := r.count()
	keys := make([]catalog.ConditionKey, nk)
	s.ConditionKeys = make([]*catalog.ConditionKey, nk)
	for i := range keys {
		keys[i] = catalog.ConditionKey{Name: ref(), Type: ref()}
		s.ConditionKeys[i] = &keys[i]
	}
	acts := make([]catalog.Action, na)
	s.Actions = make([]*catalog.Action, na)
	for i := range acts {
		a := &acts[i]
		if i+1 >= len(table) {
			r.fail("fewer names than actions")
			break
		}
		a.Service, a.Name = prefix, table[i+1]
		lvl := catalog.AccessLevel(levels[i])
		if lvl < catalog.List || lvl > catalog.Tagging {
			r.fail("bad access level")
		}
		a.AccessLevel = lvl
		a.DependentActionsSource = src()
		nr := r.count()
		from := len(rows)
		for range nr {
			rows = append(rows, catalog.ActionResource{ResourceType: ref(), Required: r.bool(), ConditionKeys: refs(), DependentActions: refs()})
		}
		if nr > 0 {
			a.ResourceTypes = rows[from:len(rows):len(rows)]
		}
		ns := r.count()
		for j := 0; j < ns && r.err == nil; j++ {
			sc := catalog.Scenario{Name: ref()}
			nsr := r.count()
			for k := 0; k < nsr && r.err == nil; k++ {
				sc.ResourceTypes = append(sc.ResourceTypes, catalog.ScenarioResource{ResourceType: ref(), Required: r.bool()})
			}
			a.Scenarios = append(a.Scenarios, sc)
		}
		s.Actions[i] = a
		if r.err != nil {
			break
		}
	}
	if r.err == nil && r.off != len(blob) {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, r.err
	}
	return s, nil
}

// skimService walks a service's structure without building anything, telling list the length
// of every name list and action the row count of every action. It stops at the first error;
// callers that only size buffers ignore it, as the real pass reports it.
func skimService(blob string, list func(n int), action func(rows int)) error {
	r := &reader{s: blob}
	skipList := func() {
		n := r.count()
		list(n)
		for range n {
			r.uvarint()
		}
	}
	r.uvarint() // url
	r.uvarint() // source
	na := r.count()
	r.off += na // levels
	for range r.count() {
		r.uvarint()
		skipList()
		skipList()
	}
	for range r.count() {
		r.uvarint()
		r.uvarint()
	}
	for range na {
		r.uvarint() // dependent-actions source
		nr := r.count()
		action(nr)
		for range nr {
			r.uvarint()
			r.bool()
			skipList()
			skipList()
		}
		for range r.count() {
			r.uvarint()
			for range r.count() {
				r.uvarint()
				r.bool()
			}
		}
		if r.err != nil {
			break
		}
	}
	return r.err
}

// countService counts the references that go into name lists and the action rows of a
// service's structure. On corrupt input it returns what it saw; the real pass then fails with
// the error.
func countService(blob string) (strs, rows int) {
	skimService(blob, func(n int) { strs += n }, func(n int) { rows += n })
	return strs, rows
}

// openState is what Open keeps of a core file for listing actions to the search index without
// decoding services: their names are the first lines of their text, their levels the first
// number of each action, their descriptions the first strings of their description blobs.
type openState struct {
	services []span
	mu       sync.Mutex
	descs    map[string]string
}

type span struct{ prefix, text, nums string }

// states maps a catalog opened here to its openState, for AttachDescriptions.
var states sync.Map

// entries lists every action, sorted by service then name, as the search index wants them.
func (st *openState) entries() ([]catalog.SearchEntry, error) {
	st.mu.Lock()
	descs := st.descs
	st.mu.Unlock()
	all := make([][]catalog.AccessLevel, len(st.services))
	n := 0
	for i, sv := range st.services {
		levels, err := appendLevels(nil, sv.nums)
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", sv.prefix, err)
		}
		all[i] = levels
		n += len(levels)
	}
	out := make([]catalog.SearchEntry, 0, n)
	var names []string
	var order []int32
	for si, sv := range st.services {
		levels := all[si]
		var d *reader
		if blob, ok := descs[sv.prefix]; ok {
			d = &reader{s: blob}
			if d.count() != len(levels) {
				d = nil // not this catalog's descriptions
			}
		}
		// Names come in the catalog's order; entries go out in name order. Sorting the indexes
		// moves 4 bytes a swap where sorting entries moved 56 with write barriers (a fifth of
		// expanding a 685-entry NotAction went to the sort).
		text := sv.text
		names = names[:0]
		for range levels {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				return nil, fmt.Errorf("%w: service %s has fewer names than actions", ErrCorrupt, sv.prefix)
			}
			names = append(names, text[:i])
			text = text[i+1:]
		}
		var described []string
		if d != nil {
			described = make([]string, len(levels))
			for i := range described {
				described[i] = d.str()
			}
		}
		order = order[:0]
		for i := range names {
			order = append(order, int32(i))
		}
		if !slices.IsSorted(names) {
			// sort.Slice, whose code the wasm has anyway: slices.SortFunc on int32s added 14.5 KB of
			// code (about 1 KB of brotli) for a sort that the catalog's own order makes rare.
			sort.Slice(order, func(i, j int) bool { return names[order[i]] < names[order[j]] })
		}
		for _, i := range order {
			e := catalog.SearchEntry{Service: sv.prefix, Name: names[i], Level: levels[i]}
			if described != nil {
				e.Description = described[i]
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// names lists every action by name and level, services in prefix order, each in name order,
// for catalog.ActionNames: from the names at the head of each service's text and the levels at
// the head of its structure, never reading a description. The names are places in the text (see
// catalog.ServiceActions), all in one array, all the levels in another.
func (st *openState) names() ([]catalog.ServiceActions, error) {
	out := make([]catalog.ServiceActions, len(st.services))
	total := 0
	for _, sv := range st.services {
		n, _ := varint(sv.nums, skipVarints(sv.nums, 0, 2)) // url, source, then the count
		total += int(min(n, uint64(len(sv.nums))))
	}
	levels := make([]catalog.AccessLevel, 0, total)
	offs := make([]uint32, 0, total)
	lens := make([]uint8, 0, total)
	for i, sv := range st.services {
		from := len(levels)
		var err error
		if levels, err = appendLevels(levels, sv.nums); err != nil {
			return nil, fmt.Errorf("service %s: %w", sv.prefix, err)
		}
		text, off := sv.text, 0
		for range len(levels) - from {
			k := strings.IndexByte(text[off:], '\n')
			if k < 0 {
				return nil, fmt.Errorf("%w: service %s has fewer names than actions", ErrCorrupt, sv.prefix)
			}
			offs, lens = append(offs, uint32(off)), append(lens, uint8(min(k, 255)))
			off += k + 1
		}
		end := len(levels)
		sa := catalog.ServiceActionsInText(sv.prefix, sv.text, offs[from:end:end], lens[from:end:end], levels[from:end:end])
		inOrder(&sa)
		out[i] = sa
	}
	return out, nil
}

// inOrder puts a service's names in order, with their levels, should they not be: the
// generator writes them so (catalog-gen sorts each service's actions), other encoders may not.
func inOrder(sa *catalog.ServiceActions) {
	n := sa.Len()
	sorted := true
	prev := ""
	for i := range n {
		name := sa.Name(i)
		if i > 0 && name < prev {
			sorted = false
			break
		}
		prev = name
	}
	if sorted {
		return
	}
	names := sa.Names()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	levels := slices.Clone(sa.Levels)
	sortedNames := make([]string, n)
	for i, o := range order {
		sortedNames[i], sa.Levels[i] = names[o], levels[o]
	}
	*sa = catalog.NewServiceActions(sa.Service, sortedNames, sa.Levels)
}

// appendLevels appends the access level of every action of a service's structure, which lists
// them first, a byte each (see the package comment).
func appendLevels(dst []catalog.AccessLevel, blob string) ([]catalog.AccessLevel, error) {
	off := skipVarints(blob, 0, 2) // url, source
	var n uint64
	n, off = varint(blob, off)
	if off > len(blob) || n > uint64(len(blob)-off) {
		return dst, fmt.Errorf("%w: truncated structure", ErrCorrupt)
	}
	for _, c := range []byte(blob[off : off+int(n)]) {
		if lvl := catalog.AccessLevel(c); lvl < catalog.List || lvl > catalog.Tagging {
			return dst, fmt.Errorf("%w: bad access level at byte %d", ErrCorrupt, off)
		}
		dst = append(dst, catalog.AccessLevel(c))
	}
	return dst, nil
}

// varint reads the varint at off, returning the offset after it, or one past the end of b when
// it is truncated (or off already is past it).
func varint(b string, off int) (uint64, int) {
	var x uint64
	for shift := uint(0); off < len(b); shift += 7 {
		c := b[off]
		off++
		if shift < 64 {
			x |= uint64(c&0x7f) << shift
		}
		if c < 0x80 {
			return x, off
		}
	}
	return 0, len(b) + 1
}

// skipVarints skips n varints from off, as varint reads them.
func skipVarints(b string, off int, n uint64) int {
	for ; n > 0; off++ {
		if off >= len(b) {
			return len(b) + 1
		}
		if b[off] < 0x80 {
			n--
		}
	}
	return off
}
