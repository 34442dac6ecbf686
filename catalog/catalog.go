package catalog

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Catalog is a set of services, each decoded on first use. It is safe for concurrent use.
type Catalog struct {
	entries  []*entry // sorted by prefix
	given    []*entry // in the order the services were given
	byPrefix map[string]*entry
	info     Info

	mu sync.Mutex
	// infoSource reads info on first use, when set (SetInfoSource).
	infoSource func() (Info, error)
	describe   func(*Service) // fills descriptions; nil until they are available
	arnIndex   map[string][]*entry
	matchers   map[string]*arnGroup
	arnCache   map[string]ARNMatch
	search     *searchIndex
	// text is the actions' names, which Search scans while there is no index (see nameText);
	// nil once there is one.
	text *nameText
	// searchGen counts the changes to what search is built from (descriptions arriving);
	// searchBuilt is the count search or text was made at. Until they agree, Search answers
	// from it, stale, and WarmSearch builds again.
	searchGen, searchBuilt uint64
	// warming is the index WarmSearchFor is building, a step at a time; warmMu keeps it to one
	// build at a time.
	warmMu  sync.Mutex
	warming *indexBuild
	// searchSource lists actions for the search index without decoding services, when set.
	searchSource func() ([]SearchEntry, error)
	// nameSource lists actions by name and level without decoding services, when set.
	nameSource func() ([]ServiceActions, error)
}

// Lazy is a service known by prefix and name whose facts are read on first use.
type Lazy struct {
	Prefix string
	Name   string
	Load   func() (*Service, error)
	// ARNServices lists the ARN service segments the service's resource types use, when known
	// without loading it, so ARN matching loads only the services it needs.
	ARNServices []string
}

type entry struct {
	Lazy
	once sync.Once
	svc  *Service
	err  error
	// described is set once descriptions were filled in, guarded by Catalog.mu.
	described bool
}

// ErrUnknownService is wrapped by the errors of lookups that name a service the catalog lacks.
var ErrUnknownService = errors.New("unknown service")

// ErrUnknownAction is wrapped by the errors of lookups that name an action the catalog lacks.
var ErrUnknownAction = errors.New("unknown action")

// New returns a catalog of fully loaded services. A prefix given twice keeps the last.
func New(services []*Service, info Info) *Catalog {
	lazy := make([]Lazy, len(services))
	for i, s := range services {
		s := s
		lazy[i] = Lazy{Prefix: s.Prefix, Name: s.Name, Load: func() (*Service, error) { return s, nil }, ARNServices: arnServicesOf(s)}
	}
	return NewLazy(lazy, info)
}

// NewLazy returns a catalog whose services load on first use. A prefix given twice keeps the last.
func NewLazy(services []Lazy, info Info) *Catalog {
	// One array of entries and a map sized for them: every iamforge process opens a catalog of
	// some 450 services, and did it in as many allocations and a map grown several times.
	c := &Catalog{byPrefix: make(map[string]*entry, len(services)), info: info}
	slab := make([]entry, len(services))
	c.entries = make([]*entry, 0, len(services))
	for i, l := range services {
		key := strings.ToLower(l.Prefix)
		if old, ok := c.byPrefix[key]; ok {
			*old = entry{Lazy: l}
			continue
		}
		e := &slab[i]
		e.Lazy = l
		c.byPrefix[key] = e
		c.entries = append(c.entries, e)
	}
	c.given = slices.Clone(c.entries)
	sort.Slice(c.entries, func(i, j int) bool { return c.entries[i].Prefix < c.entries[j].Prefix })
	return c
}

// Info returns the catalog's provenance and counts. Catalogs assembled from several sources
// count by loading every service, once.
func (c *Catalog) Info() (Info, error) {
	info, err := c.givenInfo()
	if err != nil {
		return Info{}, err
	}
	if info.Services > 0 || len(c.entries) == 0 {
		return info, nil
	}
	all, err := c.AllServices()
	if err != nil {
		return Info{}, err
	}
	counted := Count(all)
	c.mu.Lock()
	defer c.mu.Unlock()
	counted.Sources = c.info.Sources
	counted.DanglingDependentActions = c.info.DanglingDependentActions
	counted.Problems = c.info.Problems
	c.info = counted
	return c.info, nil
}

// SetInfoSource installs where the catalog's provenance and counts are read from on first use,
// in place of the Info given to NewLazy: a compact catalog's are a JSON record, which every
// iamforge process parsed on opening the catalog (encoding/json's first use, a few percent of
// `iamforge expand`), and few ask for.
func (c *Catalog) SetInfoSource(f func() (Info, error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.infoSource = f
}

// givenInfo is the Info given to NewLazy, or read from the info source.
func (c *Catalog) givenInfo() (Info, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.infoSource != nil {
		info, err := c.infoSource()
		if err != nil {
			return Info{}, err
		}
		c.info, c.infoSource = info, nil
	}
	return c.info, nil
}

// ServiceInfo is a service's prefix and name, known without loading it.
type ServiceInfo struct {
	Prefix string `json:"prefix"`
	Name   string `json:"name"`
}

// Services lists every service, sorted by prefix, without loading any.
func (c *Catalog) Services() []ServiceInfo {
	out := make([]ServiceInfo, len(c.entries))
	for i, e := range c.entries {
		out[i] = ServiceInfo{e.Prefix, e.Name}
	}
	return out
}

// ServicesInSourceOrder lists every service in the order its source gave them (a Policy Sentry
// database's order; layered catalogs in the order each prefix first appears), without loading
// any.
func (c *Catalog) ServicesInSourceOrder() []ServiceInfo {
	out := make([]ServiceInfo, len(c.given))
	for i, e := range c.given {
		out[i] = ServiceInfo{e.Prefix, e.Name}
	}
	return out
}

// HasService reports whether the prefix names a service (case-insensitive), without loading it.
func (c *Catalog) HasService(prefix string) bool {
	_, ok := c.byPrefix[strings.ToLower(prefix)]
	return ok
}

// Service returns the service with that prefix (case-insensitive), loading it if needed.
func (c *Catalog) Service(prefix string) (*Service, error) {
	e, ok := c.byPrefix[strings.ToLower(prefix)]
	if !ok {
		sug := c.SuggestServices(prefix, 3)
		msg := fmt.Sprintf("%s %q", ErrUnknownService, prefix)
		if len(sug) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(sug), ", "))
		}
		return nil, &LookupError{Msg: msg, Err: ErrUnknownService, Suggestions: sug}
	}
	return c.load(e)
}

func (c *Catalog) load(e *entry) (*Service, error) {
	e.once.Do(func() {
		e.svc, e.err = e.Load()
		if e.err != nil {
			e.err = fmt.Errorf("service %s: %w", e.Prefix, e.err)
			return
		}
		if e.svc == nil {
			e.err = fmt.Errorf("service %s: loaded nothing", e.Prefix)
			return
		}
	})
	if e.err != nil {
		return nil, e.err
	}
	c.mu.Lock()
	if c.describe != nil && !e.described {
		e.described = true
		c.describe(e.svc)
	}
	c.mu.Unlock()
	return e.svc, nil
}

// AllServices loads and returns every service, sorted by prefix.
func (c *Catalog) AllServices() ([]*Service, error) {
	out := make([]*Service, 0, len(c.entries))
	for _, e := range c.entries {
		s, err := c.load(e)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// SetDescriber installs the function that fills descriptions into services, for catalogs whose
// descriptions arrive after their facts (the browser loads them last). Services already loaded
// are filled at once.
func (c *Catalog) SetDescriber(f func(*Service)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.describe = f
	c.searchGen++ // the search index ranks descriptions too: WarmSearch builds it again
	for _, e := range c.entries {
		if e.svc != nil && !e.described {
			e.described = true
			f(e.svc)
		}
	}
}

// Action returns the action "service:Name" (case-insensitive).
func (c *Catalog) Action(fullName string) (*Action, error) {
	prefix, name, ok := strings.Cut(fullName, ":")
	if !ok || prefix == "" || name == "" {
		return nil, &LookupError{Msg: fmt.Sprintf("%q is not an action name (want service:Action, such as s3:GetObject)", fullName), Err: ErrUnknownAction}
	}
	s, err := c.Service(prefix)
	if err != nil {
		return nil, err
	}
	if a := s.Action(name); a != nil {
		return a, nil
	}
	sug := SuggestActions(s, name, 3)
	msg := fmt.Sprintf("%s %q", ErrUnknownAction, fullName)
	if len(sug) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(sug), ", "))
	}
	return nil, &LookupError{Msg: msg, Err: ErrUnknownAction, Suggestions: sug}
}

// LookupError is an unknown service or action, with what the user probably meant.
type LookupError struct {
	Msg         string
	Err         error
	Suggestions []string
}

func (e *LookupError) Error() string { return e.Msg }
func (e *LookupError) Unwrap() error { return e.Err }

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

func arnServicesOf(s *Service) []string {
	seen := map[string]bool{}
	var out []string
	for _, rt := range s.ResourceTypes {
		for _, f := range rt.ARNFormats {
			if svc := FormatService(f); !seen[svc] {
				seen[svc] = true
				out = append(out, svc)
			}
		}
	}
	sort.Strings(out)
	return out
}

// FormatService returns the service segment of an ARN format ("" when it is a placeholder).
func FormatService(f string) string {
	parts := strings.SplitN(f, ":", 4)
	if len(parts) < 3 || strings.Contains(parts[2], "${") {
		return ""
	}
	return parts[2]
}
