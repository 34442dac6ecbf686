package state

import (
	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/template"
)

// levelOrder is Policy Sentry's processing order of the access-level keys.
var levelOrder = []catalog.AccessLevel{catalog.Read, catalog.Write, catalog.List, catalog.Tagging, catalog.PermissionsManagement}

func at(key string, i int, arn string) *diag.Location {
	l := diag.At(key, i)
	l.ARN = arn
	return l
}

func items(key string, values []string) []template.Item {
	out := make([]template.Item, 0, len(values))
	for i, v := range values {
		out = append(out, template.Item{Value: v, Loc: at(key, i, "")})
	}
	return out
}

// Template turns the state into the template the writer resolves. Diagnostics point at the
// state's fields ("resources", index 2) so that the builder can show them beside the input they
// concern. In crud mode a single action that takes only "*" is a wildcard-only single action;
// one that takes resource types is granted on "*" (skip-resource-constraints).
func (s *State) Template(cat *catalog.Catalog) *template.Template {
	t := &template.Template{File: "builder", Mode: s.Mode, Name: s.Name, Effect: s.Effect, DependentActions: s.Deps}
	if t.Mode == "" {
		t.Mode = "crud"
	}
	if t.Effect == "" {
		t.Effect = "Allow"
	}
	if t.DependentActions == "" {
		t.DependentActions = "scoped"
	}
	t.Partition = template.Item{Value: s.Partition, Loc: &diag.Location{Key: "partition"}}
	t.Region = template.Item{Value: s.Region, Loc: &diag.Location{Key: "region"}}
	t.Account = template.Item{Value: s.Account, Loc: &diag.Location{Key: "account"}}
	if t.Mode == "actions" {
		t.Actions = items("actions", s.Actions)
		return t
	}
	for _, lv := range levelOrder {
		la := template.LevelARNs{Level: lv, Key: lv.Slug()}
		for i, r := range s.Resources {
			for _, l := range r.Levels {
				if l == lv.Slug() {
					la.ARNs = append(la.ARNs, template.Item{Value: r.ARN, Loc: at("resources", i, r.ARN)})
				}
			}
		}
		if len(la.ARNs) > 0 {
			t.Levels = append(t.Levels, la)
		}
	}
	for i, a := range s.Actions {
		it := template.Item{Value: a, Loc: at("actions", i, "")}
		if act, err := cat.Action(a); err == nil && !act.WildcardOnly() {
			t.SkipResourceConstraints = append(t.SkipResourceConstraints, it)
			continue
		}
		t.SingleActions = append(t.SingleActions, it) // unknown ones too: the writer names them
	}
	for _, lv := range levelOrder {
		ls := template.LevelServices{Level: lv, Key: "wildcard-only.service-" + lv.Slug()}
		for i, sv := range s.Services {
			for _, l := range sv.Levels {
				if l == lv.Slug() {
					ls.Services = append(ls.Services, template.Item{Value: sv.Service, Loc: at("services", i, "")})
				}
			}
		}
		if len(ls.Services) > 0 {
			t.ServiceWildcards = append(t.ServiceWildcards, ls)
		}
	}
	t.SkipResourceConstraints = append(t.SkipResourceConstraints, items("skip", s.Skip)...)
	t.ExcludeActions = items("exclude", s.Exclude)
	for i, st := range s.STS {
		r := template.STSRoles{Key: "sts." + st.Key, Action: stsAction[st.Key]}
		for _, role := range st.Roles {
			r.Roles = append(r.Roles, template.Item{Value: role, Loc: at("sts", i, role)})
		}
		t.STS = append(t.STS, r)
	}
	var blocks []template.ConditionBlock
	index := map[string]int{}
	for i, c := range s.Conditions {
		lv := catalog.LevelUnknown
		if c.Level != "" {
			lv, _ = catalog.ParseAccessLevel(c.Level)
		}
		k, ok := index[c.Level]
		if !ok {
			k = len(blocks)
			index[c.Level] = k
			blocks = append(blocks, template.ConditionBlock{Level: lv, Loc: &diag.Location{Key: "conditions"}})
		}
		blocks[k].Conditions = append(blocks[k].Conditions, template.Condition{Operator: c.Operator, Key: c.Key, Values: c.Values, Loc: at("conditions", i, "")})
	}
	t.Conditions = blocks
	return t
}

var stsAction = map[string]string{
	"assume-role":                   "sts:AssumeRole",
	"assume-role-with-saml":         "sts:AssumeRoleWithSAML",
	"assume-role-with-web-identity": "sts:AssumeRoleWithWebIdentity",
}

// FromTemplate turns a template (an imported Policy Sentry file) into builder state.
func FromTemplate(t *template.Template) *State {
	s := &State{V: Version, Mode: t.Mode, Name: t.Name, Effect: t.Effect, Deps: t.DependentActions,
		Partition: t.Partition.Value, Region: t.Region.Value, Account: t.Account.Value}
	if s.Mode == "crud" {
		s.Mode = ""
	}
	if s.Effect == "Allow" {
		s.Effect = ""
	}
	if s.Deps == "scoped" {
		s.Deps = ""
	}
	pos := map[string]int{}
	for _, la := range t.Levels {
		for _, it := range la.ARNs {
			i, ok := pos[it.Value]
			if !ok {
				i = len(s.Resources)
				pos[it.Value] = i
				s.Resources = append(s.Resources, Resource{ARN: it.Value})
			}
			s.Resources[i].Levels = appendNew(s.Resources[i].Levels, la.Level.Slug())
		}
	}
	for _, it := range t.SingleActions {
		s.Actions = appendNew(s.Actions, it.Value)
	}
	for _, it := range t.Actions {
		s.Actions = appendNew(s.Actions, it.Value)
	}
	svc := map[string]int{}
	for _, ls := range t.ServiceWildcards {
		for _, it := range ls.Services {
			i, ok := svc[it.Value]
			if !ok {
				i = len(s.Services)
				svc[it.Value] = i
				s.Services = append(s.Services, ServiceLevels{Service: it.Value})
			}
			s.Services[i].Levels = appendNew(s.Services[i].Levels, ls.Level.Slug())
		}
	}
	for _, it := range t.SkipResourceConstraints {
		s.Skip = appendNew(s.Skip, it.Value)
	}
	for _, it := range t.ExcludeActions {
		s.Exclude = appendNew(s.Exclude, it.Value)
	}
	for _, st := range t.STS {
		r := STSRoles{Key: st.Key[len("sts."):]}
		if len(st.Key) <= len("sts.") {
			r.Key = st.Key
		}
		for _, it := range st.Roles {
			r.Roles = append(r.Roles, it.Value)
		}
		if len(r.Roles) > 0 {
			s.STS = append(s.STS, r)
		}
	}
	for _, b := range t.Conditions {
		level := ""
		if b.Level != catalog.LevelUnknown {
			level = b.Level.Slug()
		}
		for _, c := range b.Conditions {
			s.Conditions = append(s.Conditions, Condition{Level: level, Operator: c.Operator, Key: c.Key, Values: c.Values})
		}
	}
	return s
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
