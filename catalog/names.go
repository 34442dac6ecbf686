package catalog

// ServiceActions is one service's actions by name and access level, in name order (ASCII):
// Levels[i] is the level of Names[i].
type ServiceActions struct {
	Service string
	Names   []string
	Levels  []AccessLevel
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
		sa := ServiceActions{Service: s.Prefix, Names: make([]string, len(sorted)), Levels: make([]AccessLevel, len(sorted))}
		for i, a := range sorted {
			sa.Names[i], sa.Levels[i] = a.Name, a.AccessLevel
		}
		out = append(out, sa)
	}
	return out, nil
}
