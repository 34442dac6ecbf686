package api

import (
	"sort"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// ARNActions is what can be granted on one ARN: the resource types it is (as written, for a
// wildcard), and every action that acts on one of them, by access level, for a builder row
// that grants exact actions (a template's actions-on).
type ARNActions struct {
	ARN           string       `json:"arn"`
	Service       string       `json:"service"`
	ResourceTypes []string     `json:"resource_types"`
	Actions       []ARNAction  `json:"actions"`
	Levels        []LevelCount `json:"levels"`
}

// ARNAction is one action that acts on the ARN.
type ARNAction struct {
	Action       string `json:"action"`
	AccessLevel  string `json:"access_level"`
	ResourceType string `json:"resource_type"`
	Description  string `json:"description"`
	Required     bool   `json:"required"`
}

// LevelCount is how many of the ARN's actions an access level has.
type LevelCount struct {
	Level   string `json:"level"`
	Slug    string `json:"slug"`
	Actions int    `json:"actions"`
}

// ActionsForARN lists the actions that act on an ARN, grouped by access level in AWS's order,
// then by name.
func ActionsForARN(cat *catalog.Catalog, arn string) (*ARNActions, diag.List) {
	m := cat.MatchARN(arn)
	if len(m.Types) == 0 {
		return nil, m.Diagnostics
	}
	types := m.Types
	if m.Written != nil {
		types = m.Written
	}
	s, err := cat.Service(m.Service)
	if err != nil {
		return nil, errorf(diag.CatalogError, "%v", err)
	}
	out := &ARNActions{ARN: arn, Service: m.Service, ResourceTypes: []string{}, Actions: []ARNAction{}, Levels: []LevelCount{}}
	for _, t := range types {
		out.ResourceTypes = append(out.ResourceTypes, t.Name)
	}
	count := map[catalog.AccessLevel]int{}
	for _, a := range s.SortedActions() {
		for _, t := range types {
			if r := a.Resource(t.Name); r != nil {
				out.Actions = append(out.Actions, ARNAction{Action: a.FullName(), AccessLevel: a.AccessLevel.String(), ResourceType: t.Name,
					Description: a.Description, Required: r.Required})
				count[a.AccessLevel]++
				break
			}
		}
	}
	rank := map[string]int{}
	for i, l := range catalog.AccessLevels {
		rank[l.String()] = i
		if count[l] > 0 {
			out.Levels = append(out.Levels, LevelCount{Level: l.String(), Slug: l.Slug(), Actions: count[l]})
		}
	}
	sort.SliceStable(out.Actions, func(i, j int) bool { return rank[out.Actions[i].AccessLevel] < rank[out.Actions[j].AccessLevel] })
	return out, m.Diagnostics
}

func opARNActions(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		ARN string `json:"arn"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	res, ds := ActionsForARN(cat, r.ARN)
	if res == nil {
		return nil, ds
	}
	return res, ds
}
