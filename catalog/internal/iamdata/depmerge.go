package iamdata

import (
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
)

// MergeReport says what MergeDependentActions did, for the catalog's provenance record.
type MergeReport struct {
	Actions int `json:"actions"` // actions that received dependent actions
	Rows    int `json:"rows"`    // resource-type rows that received them
	// MovedToActionRow lists "service:Action resource-type" rows whose resource type the newer
	// upstream dropped; their dependent actions moved to the action's "" row.
	MovedToActionRow []string `json:"moved_to_action_row,omitempty"`
	// Dangling lists "service:Action -> dep" pairs whose dependent action no longer exists.
	Dangling []string `json:"dangling,omitempty"`
	// Gone counts older actions with dependent actions that the newer upstream no longer has.
	Gone int `json:"gone"`
}

// MergeDependentActions copies dependent actions from an older upstream release into the current
// services, wherever the action still exists, and marks each receiving action with source.
// Dependent action names are respelled as the current catalog spells them; those that no longer
// exist are kept (they are upstream facts) and listed in the report.
func MergeDependentActions(current, older []*catalog.Service, source string) MergeReport {
	var rep MergeReport
	byPrefix := map[string]*catalog.Service{}
	spelling := map[string]string{} // lower-case full name → current spelling
	for _, s := range current {
		byPrefix[s.Prefix] = s
		for _, a := range s.Actions {
			spelling[strings.ToLower(a.FullName())] = a.FullName()
		}
	}
	respell := func(owner string, deps []string) []string {
		out := make([]string, 0, len(deps))
		for _, d := range deps {
			if c, ok := spelling[strings.ToLower(d)]; ok {
				out = append(out, c)
			} else {
				out = append(out, d)
				rep.Dangling = append(rep.Dangling, owner+" -> "+d)
			}
		}
		return out
	}
	for _, os := range older {
		cs := byPrefix[os.Prefix]
		for _, oa := range os.Actions {
			deps := oa.DependentActions()
			if len(deps) == 0 {
				continue
			}
			var ca *catalog.Action
			if cs != nil {
				ca = cs.Action(oa.Name)
			}
			if ca == nil {
				rep.Gone++
				continue
			}
			got := false
			for _, or := range oa.ResourceTypes {
				if len(or.DependentActions) == 0 {
					continue
				}
				row := ca.Resource(or.ResourceType)
				if row == nil {
					if or.ResourceType != "" {
						rep.MovedToActionRow = append(rep.MovedToActionRow, ca.FullName()+" "+or.ResourceType)
					}
					row = actionRow(ca)
				}
				row.DependentActions = union(row.DependentActions, respell(ca.FullName(), or.DependentActions))
				rep.Rows++
				got = true
			}
			if got {
				ca.DependentActionsSource = source
				rep.Actions++
			}
		}
	}
	sort.Strings(rep.Dangling)
	sort.Strings(rep.MovedToActionRow)
	return rep
}

// actionRow returns the action's "" row, adding it at the end when it has none.
func actionRow(a *catalog.Action) *catalog.ActionResource {
	if r := a.Resource(""); r != nil {
		return r
	}
	a.ResourceTypes = append(a.ResourceTypes, catalog.ActionResource{})
	return &a.ResourceTypes[len(a.ResourceTypes)-1]
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			seen[x] = true
			a = append(a, x)
		}
	}
	return a
}
