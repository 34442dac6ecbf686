package state

import (
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// levelOrder is Policy Sentry's processing order of the access-level keys.
var levelOrder = []catalog.AccessLevel{catalog.Read, catalog.Write, catalog.List, catalog.Tagging, catalog.PermissionsManagement}

// File is the name a state's diagnostics carry as their file.
const File = "builder"

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

// Template turns the state into the template it asks for, as written: nothing is judged here.
// The caller hands it to template.Check, the validator every way in passes, whose diagnostics
// then point at the state's fields ("resources", index 2) so that the builder can show them
// beside the input they concern. In crud mode a single action that takes only "*" is a
// wildcard-only single action; one that takes resource types is granted on "*"
// (skip-resource-constraints).
func (s *State) Template(cat *catalog.Catalog) *template.Template {
	t := &template.Template{File: File, Mode: s.Mode, Name: s.Name, Effect: s.Effect, DependentActions: s.Deps, Keys: map[string]*diag.Location{
		"mode": {Key: "mode"}, "effect": {Key: "effect"}, "dependent-actions": {Key: "deps"}, "wildcard-only": {Key: "services"},
		"skip-resource-constraints": {Key: "skip"}, "exclude-actions": {Key: "exclude"}, "sts": {Key: "sts"}, "actions": {Key: "actions"},
		"partition": {Key: "partition"}, "region": {Key: "region"}, "account": {Key: "account"}, "conditions": {Key: "conditions"},
	}}
	for _, lv := range levelOrder {
		t.Keys[lv.Slug()] = &diag.Location{Key: "resources"}
	}
	asked := len(s.Resources) > 0 || len(s.Services) > 0 || len(s.Skip) > 0 || len(s.STS) > 0
	mode := template.MeantMode(s.Mode, len(s.Actions) > 0, asked)
	t.Partition = template.Item{Value: s.Partition, Loc: &diag.Location{Key: "partition"}}
	t.Region = template.Item{Value: s.Region, Loc: &diag.Location{Key: "region"}}
	t.Account = template.Item{Value: s.Account, Loc: &diag.Location{Key: "account"}}

	// Levels, in Policy Sentry's order, then any the state names that are none of them, for
	// Check to report.
	known := map[string]bool{}
	for _, lv := range levelOrder {
		known[lv.Slug()] = true
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
	for i, r := range s.Resources {
		for _, l := range r.Levels {
			if !known[l] {
				t.Levels = append(t.Levels, template.LevelARNs{Level: catalog.LevelUnknown, Key: l, ARNs: []template.Item{{Value: r.ARN, Loc: at("resources", i, r.ARN)}}})
			}
		}
	}

	for i, r := range s.Resources {
		if len(r.Actions) == 0 {
			continue
		}
		aa := template.ARNActions{ARN: template.Item{Value: r.ARN, Loc: at("resources", i, r.ARN)}}
		for _, a := range r.Actions {
			l := at("resources", i, r.ARN)
			l.Action = a
			aa.Actions = append(aa.Actions, template.Item{Value: a, Loc: l})
		}
		t.ActionsOn = append(t.ActionsOn, aa)
	}
	t.Keys["actions-on"] = &diag.Location{Key: "resources"}
	if mode == template.ModeActions {
		t.Actions = items("actions", s.Actions)
	} else {
		for i, a := range s.Actions {
			it := template.Item{Value: a, Loc: at("actions", i, "")}
			if act, err := cat.Action(a); err == nil && !act.WildcardOnly() {
				t.SkipResourceConstraints = append(t.SkipResourceConstraints, it)
				continue
			}
			t.SingleActions = append(t.SingleActions, it) // unknown ones too: the writer names them
		}
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
	for i, sv := range s.Services {
		for _, l := range sv.Levels {
			if !known[l] {
				t.ServiceWildcards = append(t.ServiceWildcards, template.LevelServices{Level: catalog.LevelUnknown, Key: l,
					Services: []template.Item{{Value: sv.Service, Loc: at("services", i, "")}}})
			}
		}
	}
	t.SkipResourceConstraints = append(t.SkipResourceConstraints, items("skip", s.Skip)...)
	t.ExcludeActions = items("exclude", s.Exclude)
	for i, st := range s.STS {
		r := template.STSRoles{Key: "sts." + st.Key}
		for _, role := range st.Roles {
			r.Roles = append(r.Roles, template.Item{Value: role, Loc: at("sts", i, role)})
		}
		t.STS = append(t.STS, r)
	}
	var blocks []template.ConditionBlock
	index := map[string]int{}
	for i, c := range s.Conditions {
		lv, name := catalog.LevelUnknown, ""
		if c.Level != "" {
			if l, err := catalog.ParseAccessLevel(c.Level); err == nil && l.Slug() == c.Level {
				lv = l
			} else {
				name = c.Level
			}
		}
		k, ok := index[c.Level]
		if !ok {
			k = len(blocks)
			index[c.Level] = k
			blocks = append(blocks, template.ConditionBlock{Level: lv, LevelName: name, Loc: at("conditions", i, "")})
		}
		blocks[k].Conditions = append(blocks[k].Conditions, template.Condition{Operator: c.Operator, Key: c.Key,
			Values: append([]string(nil), c.Values...), Loc: at("conditions", i, "")})
	}
	t.Conditions = blocks
	return t
}

// FromTemplate turns a template as read (an imported Policy Sentry file, before Check) into
// builder state that asks for exactly the same: every value as written, invalid and repeated
// ones included, so that writing the state reports what writing the template reports. What a
// state cannot hold comes back as diagnostics: a single action that takes resource types (the
// writer would leave it out, with the same warning) is left out; and an error the state could
// not carry — actions-mode actions in crud mode, wildcard-only actions in actions mode, an
// unknown mode — makes ok false: the caller should offer the template's own diagnostics
// instead of a state.
func FromTemplate(t *template.Template, cat *catalog.Catalog) (s *State, ds diag.List, ok bool) {
	switch meant, m := t.ModeMeant(), strings.TrimSpace(t.Mode); {
	case meant == template.ModeCRUD && len(t.Actions) > 0, meant == template.ModeActions && len(t.SingleActions) > 0:
		return nil, nil, false
	case m != "" && !strings.EqualFold(m, template.ModeCRUD) && !strings.EqualFold(m, template.ModeActions):
		// An unknown mode is read in the mode the keys suggest; a state's actions would
		// suggest another.
		return nil, nil, false
	}
	// Values as written, for Check to say what is wrong with them.
	s = &State{V: Version, Mode: t.Mode, Name: t.Name, Effect: t.Effect, Deps: t.DependentActions,
		Partition: t.Partition.Value, Region: t.Region.Value, Account: t.Account.Value}
	if s.Mode == template.ModeCRUD {
		s.Mode = ""
	}
	if s.Effect == "Allow" {
		s.Effect = ""
	}
	if s.Deps == template.DepsScoped {
		s.Deps = ""
	}
	// One row per ARN, holding its levels — unless sharing a row would change the order the
	// ARNs of a level are listed in, which is the order of the policy's statements and
	// resources: then, and for an ARN listed twice under one level, a row of its own.
	rows := map[string][]int{}
	last := map[string]int{}
	for _, la := range t.Levels {
		slug := la.Level.Slug()
		for _, it := range la.ARNs {
			i := -1
			for _, r := range rows[it.Value] {
				if r > last[slug]-1 && !contains(s.Resources[r].Levels, slug) {
					i = r
					break
				}
			}
			if i < 0 {
				i = len(s.Resources)
				rows[it.Value] = append(rows[it.Value], i)
				s.Resources = append(s.Resources, Resource{ARN: it.Value})
			}
			s.Resources[i].Levels = append(s.Resources[i].Levels, slug)
			last[slug] = i + 1
		}
	}
	// actions-on: on the ARN's row when that keeps their order, else on a row of their own.
	lastOn := 0
	for _, aa := range t.ActionsOn {
		i := -1
		for _, r := range rows[aa.ARN.Value] {
			if r >= lastOn && len(s.Resources[r].Actions) == 0 {
				i = r
				break
			}
		}
		if i < 0 {
			i = len(s.Resources)
			rows[aa.ARN.Value] = append(rows[aa.ARN.Value], i)
			s.Resources = append(s.Resources, Resource{ARN: aa.ARN.Value})
		}
		for _, it := range aa.Actions {
			s.Resources[i].Actions = append(s.Resources[i].Actions, it.Value)
		}
		lastOn = i + 1
	}
	dropped := map[string]*diag.Location{} // single actions left out, and where
	for _, it := range t.SingleActions {
		id := strings.ToLower(strings.TrimSpace(it.Value))
		if first, ok := dropped[id]; ok {
			// Check would have dropped this repeat before the writer saw it.
			ds = append(ds, template.DuplicateAction(strings.TrimSpace(it.Value), it.Loc, first))
			continue
		}
		if a, err := cat.Action(it.Value); err == nil && !a.WildcardOnly() {
			dropped[id] = it.Loc
			ds = append(ds, writer.NotWildcardOnly(a, it.Loc))
			continue
		}
		s.Actions = append(s.Actions, it.Value)
	}
	for _, it := range t.Actions {
		s.Actions = append(s.Actions, it.Value)
	}
	svc := map[string][]int{}
	lastSvc := map[string]int{}
	for _, ls := range t.ServiceWildcards {
		slug := ls.Level.Slug()
		for _, it := range ls.Services {
			i := -1
			for _, r := range svc[it.Value] {
				if r > lastSvc[slug]-1 && !contains(s.Services[r].Levels, slug) {
					i = r
					break
				}
			}
			if i < 0 {
				i = len(s.Services)
				svc[it.Value] = append(svc[it.Value], i)
				s.Services = append(s.Services, ServiceLevels{Service: it.Value})
			}
			s.Services[i].Levels = append(s.Services[i].Levels, slug)
			lastSvc[slug] = i + 1
		}
	}
	for _, it := range t.SkipResourceConstraints {
		s.Skip = append(s.Skip, it.Value)
	}
	for _, it := range t.ExcludeActions {
		s.Exclude = append(s.Exclude, it.Value)
	}
	for _, st := range t.STS {
		r := STSRoles{Key: st.Key[len("sts."):]}
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
	return s, ds, true
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
