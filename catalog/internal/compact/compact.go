// Package compact is the binary encoding of a catalog that iamforge embeds and serves to the
// browser. It is built for start-up time and for the wire: a small header lists the services,
// each service is decoded on first use, so a question about s3 never decodes ec2; the text of all
// services (names, ARN formats, keys) and their structure (varint references into that text) are
// kept in two separate sections, which compresses a quarter better than interleaving them.
// Descriptions, about half of the bytes, live in a second file that can arrive later.
//
// Layout (integers are unsigned varints, strings length-prefixed):
//
//	core:         "IAMFCAT3" len(header) header text nums
//	header:       provenance len(text) nSources source… nServices
//	              (prefix name textOff textLen numOff numLen nARN arnService…)…
//	text:         per service, its strings, each ending in '\n' (the first, "", is implicit)
//	nums:         per service: url source nActions level… nTypes (name nFormats format… nKeys key…)…
//	              nKeys (name type)… action…
//	action:       depSource nRows (type required nKeys key… nDeps dep…)…
//	              nScenarios (name nTypes (type required)…)…
//
// The access levels of a service's actions come first and together, one byte each: listing
// every action by name and level (expanding a NotAction, the search index) then reads 22,000
// bytes instead of walking every row of every action.
//
//	descriptions: "IAMFDSC1" len(header) nServices (prefix offset length)… blobs…
//	desc blob:    nActions description… nKeys description…
package compact

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamforge/iamforge/catalog"
)

const (
	coreMagic = "IAMFCAT3"
	descMagic = "IAMFDSC1"
)

// ErrCorrupt is wrapped by every decoding error.
var ErrCorrupt = errors.New("corrupt compact catalog")

// Encode writes services (in the given order) as a core file and a descriptions file. The core
// file carries the provenance record (JSON), so that it describes itself wherever it is served.
// Names, formats and keys may not hold a newline (none does; descriptions may).
func Encode(services []*catalog.Service, provenance []byte) (core, desc []byte, err error) {
	var sources []string
	sourceIdx := map[string]uint64{}
	source := func(s string) uint64 {
		if s == "" {
			return 0
		}
		if i, ok := sourceIdx[s]; ok {
			return i
		}
		sources = append(sources, s)
		sourceIdx[s] = uint64(len(sources))
		return sourceIdx[s]
	}
	type span struct{ textOff, textLen, numOff, numLen int }
	var text, nums writer
	spans := make([]span, len(services))
	var dblobs [][]byte
	for i, s := range services {
		t, n, err := encodeService(s, source)
		if err != nil {
			return nil, nil, err
		}
		spans[i] = span{len(text.b), len(t), len(nums.b), len(n)}
		text.b = append(text.b, t...)
		nums.b = append(nums.b, n...)
		dblobs = append(dblobs, encodeDescriptions(s))
	}

	var h writer
	h.str(string(provenance))
	h.uvarint(uint64(len(text.b)))
	h.uvarint(uint64(len(sources)))
	for _, s := range sources {
		h.str(s)
	}
	h.uvarint(uint64(len(services)))
	for i, s := range services {
		h.str(s.Prefix)
		h.str(s.Name)
		h.uvarint(uint64(spans[i].textOff))
		h.uvarint(uint64(spans[i].textLen))
		h.uvarint(uint64(spans[i].numOff))
		h.uvarint(uint64(spans[i].numLen))
		arns := arnServices(s)
		h.uvarint(uint64(len(arns)))
		for _, a := range arns {
			h.str(a)
		}
	}
	var c writer
	c.b = append(c.b, coreMagic...)
	c.uvarint(uint64(len(h.b)))
	c.b = append(c.b, h.b...)
	c.b = append(c.b, text.b...)
	c.b = append(c.b, nums.b...)

	var dh writer
	dh.uvarint(uint64(len(services)))
	off := 0
	for i, s := range services {
		dh.str(s.Prefix)
		dh.uvarint(uint64(off))
		dh.uvarint(uint64(len(dblobs[i])))
		off += len(dblobs[i])
	}
	var d writer
	d.b = append(d.b, descMagic...)
	d.uvarint(uint64(len(dh.b)))
	d.b = append(d.b, dh.b...)
	for _, b := range dblobs {
		d.b = append(d.b, b...)
	}
	return c.b, d.b, nil
}

// encodeService returns a service's text (its strings, newline-terminated, action names first
// so that they sit together) and its structure.
func encodeService(s *catalog.Service, source func(string) uint64) (text, nums []byte, err error) {
	idx := map[string]uint64{"": 0}
	var table []string
	ref := func(x string) uint64 {
		if i, ok := idx[x]; ok {
			return i
		}
		idx[x] = uint64(len(table) + 1)
		table = append(table, x)
		return idx[x]
	}
	for i, a := range s.Actions {
		if ref(a.Name) != uint64(i+1) {
			return nil, nil, fmt.Errorf("service %s: action %q is listed twice", s.Prefix, a.Name)
		}
	}
	var body writer
	refs := func(xs []string) {
		body.uvarint(uint64(len(xs)))
		for _, x := range xs {
			body.uvarint(ref(x))
		}
	}
	body.uvarint(ref(s.AuthorizationURL))
	body.uvarint(source(s.Source))
	body.uvarint(uint64(len(s.Actions)))
	for _, a := range s.Actions {
		if a.AccessLevel >= 0x80 {
			return nil, nil, fmt.Errorf("service %s: action %s has access level %d, which the compact format cannot store", s.Prefix, a.Name, a.AccessLevel)
		}
		body.b = append(body.b, byte(a.AccessLevel))
	}
	body.uvarint(uint64(len(s.ResourceTypes)))
	for _, rt := range s.ResourceTypes {
		body.uvarint(ref(rt.Name))
		refs(rt.ARNFormats)
		refs(rt.ConditionKeys)
	}
	body.uvarint(uint64(len(s.ConditionKeys)))
	for _, k := range s.ConditionKeys {
		body.uvarint(ref(k.Name))
		body.uvarint(ref(k.Type))
	}
	for _, a := range s.Actions {
		// No name reference: action i's name is string i+1 of the table, registered first.
		body.uvarint(source(a.DependentActionsSource))
		body.uvarint(uint64(len(a.ResourceTypes)))
		for _, r := range a.ResourceTypes {
			body.uvarint(ref(r.ResourceType))
			body.bool(r.Required)
			refs(r.ConditionKeys)
			refs(r.DependentActions)
		}
		body.uvarint(uint64(len(a.Scenarios)))
		for _, sc := range a.Scenarios {
			body.uvarint(ref(sc.Name))
			body.uvarint(uint64(len(sc.ResourceTypes)))
			for _, r := range sc.ResourceTypes {
				body.uvarint(ref(r.ResourceType))
				body.bool(r.Required)
			}
		}
	}
	var t []byte
	for _, x := range table {
		if strings.IndexByte(x, '\n') >= 0 {
			return nil, nil, fmt.Errorf("service %s: %q holds a newline, which the compact format cannot store", s.Prefix, x)
		}
		t = append(t, x...)
		t = append(t, '\n')
	}
	return t, body.b, nil
}

func encodeDescriptions(s *catalog.Service) []byte {
	var w writer
	w.uvarint(uint64(len(s.Actions)))
	for _, a := range s.Actions {
		w.str(a.Description)
	}
	w.uvarint(uint64(len(s.ConditionKeys)))
	for _, k := range s.ConditionKeys {
		w.str(k.Description)
	}
	return w.b
}

func arnServices(s *catalog.Service) []string {
	seen := map[string]bool{}
	var out []string
	for _, rt := range s.ResourceTypes {
		for _, f := range rt.ARNFormats {
			a := catalog.FormatService(f)
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

type writer struct{ b []byte }

func (w *writer) uvarint(x uint64) {
	for x >= 0x80 {
		w.b = append(w.b, byte(x)|0x80)
		x >>= 7
	}
	w.b = append(w.b, byte(x))
}

func (w *writer) str(s string) {
	w.uvarint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// reader decodes from a string so that every decoded string is a slice of the input: no copies,
// no allocation per name.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at byte %d", ErrCorrupt, what, r.off)
	}
}

func (r *reader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			r.fail("truncated number")
			return 0
		}
		c := r.s[r.off]
		r.off++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.fail("number too long")
	return 0
}

// count reads a length and checks it against the bytes left, so corrupt input cannot make the
// decoder allocate gigabytes.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.s)-r.off) {
		r.fail("count beyond the end")
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) bool() bool {
	if r.off >= len(r.s) {
		r.fail("truncated flag")
		return false
	}
	b := r.s[r.off]
	r.off++
	if b > 1 {
		r.fail("bad flag")
	}
	return b == 1
}
