package catalog

import (
	"sort"
	"strings"
)

// Merge layers catalogs: a later one overrides an earlier one per service, then, inside a
// service both have, per action, resource type and condition key (by name, case-insensitive).
// Services are still loaded only when asked for.
func Merge(cats ...*Catalog) *Catalog {
	if len(cats) == 1 {
		return cats[0]
	}
	type layer struct {
		cat *Catalog
		e   *entry
	}
	byPrefix := map[string][]layer{}
	var order []string
	var info Info
	for _, c := range cats {
		given, _ := c.givenInfo() // a source that fails fails the layer's own Info
		info.Sources = append(info.Sources, given.Sources...)
		info.Problems = append(info.Problems, given.Problems...)
		for _, e := range c.given {
			k := strings.ToLower(e.Prefix)
			if _, ok := byPrefix[k]; !ok {
				order = append(order, k)
			}
			byPrefix[k] = append(byPrefix[k], layer{c, e})
		}
	}
	lazy := make([]Lazy, 0, len(order))
	for _, k := range order {
		layers := byPrefix[k]
		top := layers[len(layers)-1].e
		l := Lazy{Prefix: top.Prefix, Name: top.Name}
		seen := map[string]bool{}
		for _, ly := range layers {
			for _, s := range ly.e.ARNServices {
				if !seen[s] {
					seen[s] = true
					l.ARNServices = append(l.ARNServices, s)
				}
			}
			if l.Name == "" {
				l.Name = ly.e.Name
			}
		}
		sort.Strings(l.ARNServices)
		l.Load = func() (*Service, error) {
			var merged *Service
			for _, ly := range layers {
				s, err := ly.cat.load(ly.e)
				if err != nil {
					return nil, err
				}
				merged = mergeService(merged, s)
			}
			return merged, nil
		}
		lazy = append(lazy, l)
	}
	return NewLazy(lazy, info)
}

// Map returns a catalog whose services are f applied to this catalog's, on first use. Its counts
// are recomputed when asked for.
func (c *Catalog) Map(f func(*Service) *Service) *Catalog {
	lazy := make([]Lazy, len(c.given))
	for i, e := range c.given {
		e := e
		lazy[i] = Lazy{Prefix: e.Prefix, Name: e.Name, ARNServices: e.ARNServices, Load: func() (*Service, error) {
			s, err := c.load(e)
			if err != nil {
				return nil, err
			}
			return f(s), nil
		}}
	}
	given, _ := c.givenInfo() // a source that fails fails c's own Info
	return NewLazy(lazy, Info{Sources: given.Sources, Problems: given.Problems})
}

func mergeService(base, over *Service) *Service {
	if base == nil {
		return over
	}
	m := &Service{
		Prefix:           over.Prefix,
		Name:             pick(over.Name, base.Name),
		AuthorizationURL: pick(over.AuthorizationURL, base.AuthorizationURL),
		Source:           base.Source + " + " + over.Source,
		Doc:              over.Doc,
	}
	if m.Doc == nil {
		m.Doc = base.Doc
	}
	m.Actions = mergeByName(base.Actions, over.Actions, func(a *Action) string { return a.Name })
	m.ResourceTypes = mergeByName(base.ResourceTypes, over.ResourceTypes, func(r *ResourceType) string { return r.Name })
	m.ConditionKeys = mergeByName(base.ConditionKeys, over.ConditionKeys, func(k *ConditionKey) string { return k.Name })
	return m
}

func mergeByName[T any](base, over []T, name func(T) string) []T {
	out := append([]T(nil), base...)
	pos := map[string]int{}
	for i, x := range out {
		pos[strings.ToLower(name(x))] = i
	}
	for _, x := range over {
		k := strings.ToLower(name(x))
		if i, ok := pos[k]; ok {
			out[i] = x
			continue
		}
		pos[k] = len(out)
		out = append(out, x)
	}
	return out
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
