package catalog

import (
	"strings"
)

// Info is a catalog's provenance record: where its facts came from and how many there are.
type Info struct {
	Sources       []Source `json:"sources"`
	Services      int      `json:"services"`
	Actions       int      `json:"actions"`
	ResourceTypes int      `json:"resource_types"`
	ConditionKeys int      `json:"condition_keys"`
	// AccessLevels counts actions per level, keyed by AWS's spelling.
	AccessLevels                map[string]int `json:"access_levels"`
	WildcardOnlyActions         int            `json:"wildcard_only_actions"`
	ActionsWithDependentActions int            `json:"actions_with_dependent_actions"`
	// DanglingDependentActions lists "service:Action -> dep" where dep is in no service.
	DanglingDependentActions []string `json:"dangling_dependent_actions,omitempty"`
	// Problems lists upstream inconsistencies the loader read past.
	Problems []string `json:"problems,omitempty"`
}

// Source is one input a catalog was built from.
type Source struct {
	Package  string `json:"package"`
	Version  string `json:"version,omitempty"`
	Date     string `json:"date,omitempty"`
	License  string `json:"license,omitempty"`
	Provides string `json:"provides"`
}

// Count fills the counts of an Info from loaded services.
func Count(services []*Service) Info {
	in := Info{AccessLevels: map[string]int{}}
	for _, s := range services {
		in.Services++
		in.Actions += len(s.Actions)
		in.ResourceTypes += len(s.ResourceTypes)
		in.ConditionKeys += len(s.ConditionKeys)
		for _, a := range s.Actions {
			in.AccessLevels[a.AccessLevel.String()]++
			if a.WildcardOnly() {
				in.WildcardOnlyActions++
			}
			if len(a.DependentActions()) > 0 {
				in.ActionsWithDependentActions++
			}
		}
	}
	return in
}

// Dangling lists "service:Action -> dep" for every dependent action no service defines.
func Dangling(services []*Service) []string {
	known := map[string]bool{}
	for _, s := range services {
		for _, a := range s.Actions {
			known[strings.ToLower(a.FullName())] = true
		}
	}
	var out []string
	for _, s := range services {
		for _, a := range s.Actions {
			for _, d := range a.DependentActions() {
				if !known[strings.ToLower(d)] {
					out = append(out, a.FullName()+" -> "+d)
				}
			}
		}
	}
	return out
}
