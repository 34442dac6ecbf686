package catalog

import "github.com/iamforge/iamforge/catalog/internal/suggest"

// SuggestServices returns up to n service prefixes close to prefix, best first.
func (c *Catalog) SuggestServices(prefix string, n int) []string {
	names := make([]string, len(c.entries))
	for i, e := range c.entries {
		names[i] = e.Prefix
	}
	return suggest.Closest(prefix, names, n)
}

// SuggestActions returns up to n actions of s ("s3:GetObject") whose names are close to name.
func SuggestActions(s *Service, name string, n int) []string {
	names := make([]string, len(s.Actions))
	for i, a := range s.Actions {
		names[i] = a.Name
	}
	out := suggest.Closest(name, names, n)
	for i := range out {
		out[i] = s.Prefix + ":" + out[i]
	}
	return out
}
