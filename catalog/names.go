package catalog

import "strings"

// ServiceActions is one service's actions by name and access level, in name order (ASCII).
//
// A compact catalog lists the names as places in its own text rather than as strings
// (ServiceActionsInText): ActionNames lists some 22,000, and as strings, 16 bytes each, they
// were the largest allocation of `iamforge expand` — 350 KB of memory touched for the first
// time, which in a short process costs more than the work done with the names.
type ServiceActions struct {
	Service string
	Levels  []AccessLevel // Levels[i] is the level of name i

	names []string // the names as strings (NewServiceActions), or
	text  string   // the text they are places in (ServiceActionsInText): name i is text[offs[i]:]
	offs  []uint32 // for lens[i] bytes, or up to its next '\n' where lens[i] is 255
	lens  []uint8
}

// NewServiceActions returns a service's actions, names[i] of level levels[i], names in order.
func NewServiceActions(service string, names []string, levels []AccessLevel) ServiceActions {
	return ServiceActions{Service: service, Levels: levels, names: names}
}

// ServiceActionsInText returns a service's actions whose names are places in text: name i
// starts at offs[i] and is lens[i] bytes long, or, where lens[i] is 255, runs up to the next
// '\n'. Names in order, name i of level levels[i].
func ServiceActionsInText(service, text string, offs []uint32, lens []uint8, levels []AccessLevel) ServiceActions {
	return ServiceActions{Service: service, Levels: levels, text: text, offs: offs, lens: lens}
}

// Len returns the number of actions.
func (sa *ServiceActions) Len() int {
	if sa.names != nil {
		return len(sa.names)
	}
	return len(sa.offs)
}

// Name returns the name of action i.
func (sa *ServiceActions) Name(i int) string {
	if sa.names != nil {
		return sa.names[i]
	}
	s := sa.text[sa.offs[i]:]
	if n := int(sa.lens[i]); n < 255 {
		return s[:n]
	}
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		return s[:j]
	}
	return s
}

// Names returns the names, as a new slice.
func (sa *ServiceActions) Names() []string {
	out := make([]string, sa.Len())
	for i := range out {
		out[i] = sa.Name(i)
	}
	return out
}

// Keep keeps the actions i for which keep(i) is true, in order, in place: keep(i) may ask for
// Name(i).
func (sa *ServiceActions) Keep(keep func(i int) bool) {
	n := sa.Len()
	kept := 0
	for i := range n {
		if !keep(i) {
			continue
		}
		if sa.names != nil {
			sa.names[kept] = sa.names[i]
		} else {
			sa.offs[kept], sa.lens[kept] = sa.offs[i], sa.lens[i]
		}
		sa.Levels[kept] = sa.Levels[i]
		kept++
	}
	if sa.names != nil {
		sa.names = sa.names[:kept]
	} else {
		sa.offs, sa.lens = sa.offs[:kept], sa.lens[:kept]
	}
	sa.Levels = sa.Levels[:kept]
}

// SetNameSource installs where ActionNames takes its lists from; by default, from every service,
// decoded. Lists must come with services in prefix order, each in name order, in new slices at
// each call (ActionNames hands them to its callers).
func (c *Catalog) SetNameSource(f func() ([]ServiceActions, error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nameSource = f
}

// ActionNames lists every service's actions, services in prefix order, by name and access level
// only; the slices are new at each call, the caller's to change. It is ActionList without the
// descriptions, in a third of the memory: all that expanding a NotAction needs, and a compact
// catalog lists it without reading its descriptions or decoding its services (SetNameSource).
func (c *Catalog) ActionNames() ([]ServiceActions, error) {
	c.mu.Lock()
	source := c.nameSource
	c.mu.Unlock()
	if source != nil {
		return source()
	}
	all, err := c.AllServices()
	if err != nil {
		return nil, err
	}
	out := make([]ServiceActions, 0, len(all))
	for _, s := range all {
		sorted := s.SortedActions()
		names, levels := make([]string, len(sorted)), make([]AccessLevel, len(sorted))
		for i, a := range sorted {
			names[i], levels[i] = a.Name, a.AccessLevel
		}
		out = append(out, NewServiceActions(s.Prefix, names, levels))
	}
	return out, nil
}
