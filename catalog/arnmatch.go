package catalog

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/diag"
)

// Match statuses of an ARNMatch.
const (
	ARNMatched        = "matched"         // one resource type, or several a wildcard ARN covers
	ARNShared         = "shared"          // several resource types share the very same ARN format
	ARNAmbiguous      = "ambiguous"       // a concrete ARN fits several formats that cannot be told apart
	ARNUnmatched      = "unmatched"       // the service is known, no format fits
	ARNUnknownService = "unknown-service" // no resource type in the catalog uses the ARN's service
	ARNInvalid        = "invalid"         // not an ARN
	ARNAny            = "any"             // "*": every resource
)

// ARNMatch is what an ARN is, as far as the catalog can tell.
type ARNMatch struct {
	ARN    string `json:"arn"`
	Status string `json:"status"`
	// Service is the IAM service whose actions take the ARN (usually the ARN's own service
	// segment; kafka topics belong to kafka-cluster).
	Service string `json:"service,omitempty"`
	// ResourceTypes names the matched resource types of Service.
	ResourceTypes []string `json:"resource_types"`
	// Wildcard is set when the ARN holds '*' or '?' and so may cover several resource types.
	Wildcard bool `json:"wildcard,omitempty"`
	// Also lists matching resource types that other services list for the same ARN format
	// (events lists kms keys).
	Also        []TypeRef         `json:"also,omitempty"`
	Diagnostics []diag.Diagnostic `json:"diagnostics,omitempty"`

	// WrittenAs names, for a wildcard ARN that covers several resource types, those whose ARN
	// format it fits segment for segment — the types it is written as: arn:aws:s3:::acme-* is
	// written as a bucket, though as a pattern it also covers every object of those buckets.
	// Empty when that is every matched type.
	WrittenAs []string `json:"written_as,omitempty"`

	// Types holds the matched resource types of Service.
	Types []*ResourceType `json:"-"`
	// Written holds the types of WrittenAs (nil when all of Types).
	Written []*ResourceType `json:"-"`
	// Formats holds the ARN format each of Types matched with, for suggestions.
	Formats map[*ResourceType]string `json:"-"`
	// Parsed is the parsed ARN, when it parsed.
	Parsed arn.ARN `json:"-"`
}

// TypeRef names a resource type of some service and the ARN format it has.
type TypeRef struct {
	Service      string `json:"service"`
	ResourceType string `json:"resource_type"`
	Format       string `json:"arn_format"`
}

// arnGroup is every ARN format in the catalog whose service segment is one namespace, compiled
// into one matcher so that formats are told apart against each other.
type arnGroup struct {
	matcher *arn.Matcher
	refs    []formatRef
	err     error
}

type formatRef struct {
	rt     *ResourceType
	format string
}

// MatchARN tells which resource types an ARN is. It never widens silently: a concrete ARN that
// fits formats of different shapes is ambiguous, with the candidates; one that fits none names
// the closest formats.
func (c *Catalog) MatchARN(s string) ARNMatch {
	// The builder asks about the same ARNs on every keystroke: keep the answers. A match is
	// never modified after it is made, so sharing it is safe; the cache starts over when full.
	c.mu.Lock()
	if m, ok := c.arnCache[s]; ok {
		c.mu.Unlock()
		return m
	}
	c.mu.Unlock()
	m := c.matchARN(s)
	c.mu.Lock()
	if c.arnCache == nil || len(c.arnCache) >= arnCacheSize {
		c.arnCache = make(map[string]ARNMatch, 64)
	}
	c.arnCache[s] = m
	c.mu.Unlock()
	return m
}

const arnCacheSize = 4096

func (c *Catalog) matchARN(s string) ARNMatch {
	m := ARNMatch{ARN: s, ResourceTypes: []string{}}
	if strings.TrimSpace(s) == "*" {
		m.Status = ARNAny
		return m
	}
	a, err := arn.Parse(s)
	if err != nil {
		m.Status = ARNInvalid
		m.Diagnostics = append(m.Diagnostics, diag.Errorf(diag.InvalidARN, &diag.Location{ARN: s}, "%v", err))
		return m
	}
	m.Parsed = a
	m.Wildcard = a.HasWildcard()
	g, err := c.group(a.Service)
	if err != nil {
		m.Status = ARNInvalid
		m.Diagnostics = append(m.Diagnostics, diag.Errorf(diag.CatalogError, &diag.Location{ARN: s}, "%v", err))
		return m
	}
	if g == nil {
		m.Status = ARNUnknownService
		m.Diagnostics = append(m.Diagnostics, c.unknownServiceDiag(a, s))
		return m
	}
	idx, _ := g.matcher.Match(a)
	if len(idx) == 0 {
		m.Status = ARNUnmatched
		d := diag.Errorf(diag.UnmatchedARN, &diag.Location{ARN: s}, "%s matches no resource type of %s", s, a.Service)
		d.Suggestions = g.Closest(a, 3)
		if len(d.Suggestions) > 0 {
			d.Message += "; closest formats: " + strings.Join(d.Suggestions, ", ")
		}
		m.Diagnostics = append(m.Diagnostics, d)
		return m
	}
	// The service whose actions take the ARN: its own namespace when that lists a match,
	// otherwise the first listing service in prefix order.
	var hits []formatRef
	for _, i := range idx {
		hits = append(hits, g.refs[i])
	}
	owner := ""
	for _, h := range hits {
		if h.rt.Service == a.Service {
			owner = a.Service
			break
		}
	}
	if owner == "" {
		owners := map[string]bool{}
		for _, h := range hits {
			owners[h.rt.Service] = true
		}
		for o := range owners {
			if owner == "" || o < owner {
				owner = o
			}
		}
	}
	m.Service = owner
	formats := map[string]bool{}
	seen := map[*ResourceType]bool{}
	for _, h := range hits {
		if h.rt.Service != owner {
			m.Also = append(m.Also, TypeRef{Service: h.rt.Service, ResourceType: h.rt.Name, Format: h.format})
			continue
		}
		formats[h.format] = true
		if !seen[h.rt] {
			seen[h.rt] = true
			m.Types = append(m.Types, h.rt)
			m.ResourceTypes = append(m.ResourceTypes, h.rt.Name)
			if m.Formats == nil {
				m.Formats = map[*ResourceType]string{}
			}
			m.Formats[h.rt] = h.format
		}
	}
	if m.Wildcard && len(m.Types) > 1 {
		c.writtenAs(&m, a)
	}
	sort.Slice(m.Also, func(i, j int) bool {
		if m.Also[i].Service != m.Also[j].Service {
			return m.Also[i].Service < m.Also[j].Service
		}
		return m.Also[i].ResourceType < m.Also[j].ResourceType
	})
	switch {
	case len(m.Types) <= 1 || strings.ContainsAny(a.Resource, "*?"):
		m.Status = ARNMatched
	case len(formats) == 1:
		m.Status = ARNShared
		m.Diagnostics = append(m.Diagnostics, diag.Infof(diag.SharedARNFormat, &diag.Location{ARN: s},
			"%s is a %s: these resource types of %s share one ARN format", s, strings.Join(m.ResourceTypes, " and "), owner))
	default:
		m.Status = ARNAmbiguous
		var cands []string
		for _, h := range hits {
			if h.rt.Service == owner {
				cands = append(cands, h.rt.Name+" ("+h.format+")")
			}
		}
		d := diag.Warnf(diag.AmbiguousARN, &diag.Location{ARN: s},
			"%s could be any of %d resource types of %s; the ARN alone cannot tell them apart", s, len(m.Types), owner)
		d.Suggestions = cands
		m.Diagnostics = append(m.Diagnostics, d)
	}
	return m
}

// writtenAs finds which of a wildcard ARN's types it is written as: the types the ARN is when
// each run of wildcards stands for one ordinary character, so that no wildcard spans a '/' or
// ':' the pattern does not write. When that picks some of the types but not all, they are
// Written; when it picks none (the stand-in fits no format), every type stays as matched.
func (c *Catalog) writtenAs(m *ARNMatch, a arn.ARN) {
	concrete := a
	concrete.Partition, concrete.Region, concrete.Account = standIn(a.Partition), standIn(a.Region), standIn(a.Account)
	concrete.Resource = standIn(a.Resource)
	cm := c.matchARN(concrete.String())
	if cm.Service != m.Service || len(cm.Types) == 0 || len(cm.Types) == len(m.Types) {
		return
	}
	in := map[*ResourceType]bool{}
	for _, t := range cm.Types {
		in[t] = true
	}
	for _, t := range m.Types {
		if in[t] {
			m.Written = append(m.Written, t)
			m.WrittenAs = append(m.WrittenAs, t.Name)
		}
	}
	if len(m.Written) == 0 || len(m.Written) == len(m.Types) {
		m.Written, m.WrittenAs = nil, nil
	}
}

// standIn replaces each run of wildcards with one ordinary character.
func standIn(s string) string {
	if !strings.ContainsAny(s, "*?") {
		return s
	}
	var b strings.Builder
	run := false
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			if !run {
				b.WriteByte('x')
			}
			run = true
			continue
		}
		run = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// Extend suggests how to write a pattern so that it covers a resource type it covers only by a
// wildcard spanning a delimiter: the pattern, then the format's remaining segments as "*"
// (arn:aws:s3:::acme-* for objects: arn:aws:s3:::acme-*/*).
func Extend(pattern, format string) string {
	pa, err := arn.Parse(pattern)
	if err != nil {
		return ""
	}
	_, fres, ok := cutResource(format)
	if !ok {
		return ""
	}
	isDelim := func(r rune) bool { return r == '/' || r == ':' }
	have := len(strings.FieldsFunc(pa.Resource, isDelim))
	var b strings.Builder
	b.WriteString(pattern)
	seg := 0
	for i := 0; i < len(fres); i++ {
		if fres[i] == '/' || fres[i] == ':' {
			seg++
			if seg >= have {
				b.WriteByte(fres[i])
				b.WriteByte('*')
			}
		}
	}
	if b.Len() == len(pattern) {
		return ""
	}
	return b.String()
}

// cutResource splits an ARN format at its resource part.
func cutResource(format string) (head, resource string, ok bool) {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] == ':' {
			n++
			if n == 5 {
				return format[:i], format[i+1:], true
			}
		}
	}
	return "", "", false
}

func (g *arnGroup) Closest(a arn.ARN, n int) []string {
	var out []string
	for _, i := range g.matcher.Closest(a, n) {
		out = append(out, g.refs[i].rt.Service+":"+g.refs[i].rt.Name+" "+g.refs[i].format)
	}
	return out
}

func (c *Catalog) unknownServiceDiag(a arn.ARN, s string) diag.Diagnostic {
	d := diag.Errorf(diag.UnknownService, &diag.Location{ARN: s}, "no resource type in the catalog has ARNs of the service %q", a.Service)
	idx := c.arnServices()
	names := make([]string, 0, len(idx))
	for k := range idx {
		if k != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	near := suggest.Closest(a.Service, names, 2)
	for _, svc := range near {
		if g, err := c.group(svc); err == nil && g != nil {
			a2 := a
			a2.Service = svc
			d.Suggestions = append(d.Suggestions, g.Closest(a2, 2)...)
		}
	}
	if len(near) > 0 {
		d.Message += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(near), " or "))
	}
	if len(d.Suggestions) > 0 {
		d.Message += "; closest formats: " + strings.Join(d.Suggestions, ", ")
	}
	return d
}

// arnServices maps each ARN service segment to the entries whose resource types use it.
func (c *Catalog) arnServices() map[string][]*entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.arnIndex == nil {
		c.arnIndex = map[string][]*entry{}
		for _, e := range c.entries {
			for _, s := range e.ARNServices {
				c.arnIndex[s] = append(c.arnIndex[s], e)
			}
		}
	}
	return c.arnIndex
}

// group returns the compiled formats of an ARN namespace, nil when no resource type uses it.
func (c *Catalog) group(svc string) (*arnGroup, error) {
	c.mu.Lock()
	if g, ok := c.matchers[svc]; ok {
		c.mu.Unlock()
		return g, g.err
	}
	c.mu.Unlock()
	idx := c.arnServices()
	listing := idx[svc]
	// A format whose service segment is a placeholder (backup's "${Vendor}") belongs with the
	// ARNs of its own service only; elsewhere it would match half of AWS.
	if e, ok := c.byPrefix[svc]; ok {
		for _, x := range idx[""] {
			if x == e {
				listing = append(listing, e)
			}
		}
	}
	if len(listing) == 0 {
		return nil, nil
	}
	g := &arnGroup{}
	var formats []string
	for _, e := range listing {
		s, err := c.load(e)
		if err != nil {
			g.err = err
			break
		}
		for _, rt := range s.ResourceTypes {
			for _, f := range rt.ARNFormats {
				fs := FormatService(f)
				if fs == svc || (fs == "" && s.Prefix == svc) {
					g.refs = append(g.refs, formatRef{rt, f})
					formats = append(formats, f)
				}
			}
		}
	}
	if g.err == nil {
		g.matcher, g.err = arn.NewMatcher(formats)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.matchers == nil {
		c.matchers = map[string]*arnGroup{}
	}
	c.matchers[svc] = g
	return g, g.err
}
