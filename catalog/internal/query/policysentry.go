//go:build !js

package query

import (
	"errors"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// psAnswer is what Policy Sentry prints: a header line (or none), then a value, either as a list
// (print_list: one item a line, or yaml.dump) or as a whole (print_dict: json.dumps(v, indent=4)
// or yaml.dump).
type psAnswer struct {
	header string
	value  any
	list   bool
}

// render prints the answer as Policy Sentry's print() calls do: each ends in a newline.
func (a *psAnswer) render(format string) []byte {
	var b strings.Builder
	if a.header != "" {
		b.WriteString(a.header)
		b.WriteByte('\n')
	}
	switch {
	case format == FormatYAML:
		b.WriteString(pyYAMLDump(a.value))
		b.WriteByte('\n')
	case a.list:
		for _, it := range a.value.(*pyList).items {
			b.WriteString(it.(string))
			b.WriteByte('\n')
		}
	default:
		b.WriteString(pyJSONDumps(a.value))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func runPolicySentry(cat *catalog.Catalog, req Request, res *Result) error {
	if req.Kind == ServiceTable {
		services := &pyList{}
		for _, s := range cat.ServicesInSourceOrder() {
			d := &pyDict{}
			d.set("prefix", s.Prefix)
			d.set("service_name", s.Name)
			services.items = append(services.items, d)
		}
		res.ps = &psAnswer{value: services}
		return nil
	}
	if req.Service == "" {
		return badRequest("%s needs --service", req.Kind)
	}
	var level catalog.AccessLevel
	if req.Kind == ActionTable && req.AccessLevel != "" {
		l, err := catalog.ParseAccessLevel(req.AccessLevel)
		if err != nil {
			return badRequest("%v", err)
		}
		level = l
	}
	if req.Kind == ActionTable && req.Service == "all" {
		all, err := cat.AllServices()
		if err != nil {
			return err
		}
		res.ps = psAllServices(all, req, level)
		return nil
	}
	s, err := cat.Service(req.Service)
	if err != nil {
		var le *catalog.LookupError
		if errors.As(err, &le) {
			return badRequest("%v", err)
		}
		return err
	}
	switch req.Kind {
	case ActionTable:
		res.ps = psActionTable(s, req, level)
	case ARNTable:
		res.ps = psARNTable(s, req)
	case ConditionTable:
		res.ps = psConditionTable(s, req)
	}
	if empty(res.ps.value) {
		res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.NoMatch, nil, "%s: nothing in %s matches", req.Kind, s.Prefix))
	}
	return nil
}

func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case *pyList:
		return len(v.items) == 0
	case *pyDict:
		if len(v.keys) == 1 {
			if l, ok := v.vals[0].(*pyList); ok {
				return len(l.items) == 0
			}
		}
		return len(v.keys) == 0
	}
	return false
}

// psAllServices answers action-table --service all: the actions of an access level, or those
// that take no resource type, across every service, or else the list of services. Policy Sentry
// walks its services as a Python set, in an order that changes from run to run; iamforge walks
// them sorted by prefix.
func psAllServices(all []*catalog.Service, req Request, level catalog.AccessLevel) *psAnswer {
	out := &pyList{}
	switch {
	case req.AccessLevel != "":
		for _, s := range all {
			for _, a := range s.Actions {
				if a.AccessLevel == level {
					out.items = append(out.items, s.Prefix+":"+a.Name)
				}
			}
		}
		return &psAnswer{header: req.AccessLevel + " actions across ALL services:\n", value: out, list: true}
	case req.ResourceType == "*":
		for _, s := range all {
			for _, a := range s.Actions {
				if psWildcardOnly(a) {
					out.items = append(out.items, s.Prefix+":"+a.Name)
				}
			}
		}
		return &psAnswer{header: "ALL actions that do not support resource ARN constraints", value: out}
	}
	for _, s := range all {
		out.items = append(out.items, s.Prefix)
	}
	return &psAnswer{header: "All services in the database:\n", value: out, list: true}
}

// psActionTable follows Policy Sentry's query action-table: which flags are given picks one
// question, the first that applies in this order.
func psActionTable(s *catalog.Service, req Request, level catalog.AccessLevel) *psAnswer {
	svc := req.Service
	actions := func(keep func(*catalog.Action) bool) *pyList {
		out := &pyList{}
		for _, a := range s.Actions {
			if keep(a) {
				out.items = append(out.items, s.Prefix+":"+a.Name)
			}
		}
		return out
	}
	switch {
	case req.Name == "" && req.AccessLevel != "" && req.ResourceType == "":
		return &psAnswer{
			header: "All IAM actions under the " + svc + " service that have the access level " + req.AccessLevel + ":",
			value:  actions(func(a *catalog.Action) bool { return a.AccessLevel == level }),
		}
	case req.Name == "" && req.AccessLevel != "":
		return &psAnswer{
			header: svc + " " + strings.ToUpper(req.AccessLevel) + " actions that have the resource type " + strings.ToUpper(req.ResourceType) + ":",
			value: actions(func(a *catalog.Action) bool {
				return a.AccessLevel == level && psHasResourceType(a, req.ResourceType)
			}),
		}
	case req.Condition != "":
		// A row naming the key counts once per row, as in Policy Sentry; the resource types' own
		// keys do not count.
		out := &pyList{}
		for _, a := range s.Actions {
			for _, r := range a.ResourceTypes {
				for _, k := range r.ConditionKeys {
					if k == req.Condition {
						out.items = append(out.items, s.Prefix+":"+a.Name)
						break
					}
				}
			}
		}
		return &psAnswer{header: "IAM actions under " + svc + " service that support the " + req.Condition + " condition only:", value: out}
	case req.ResourceType != "":
		return &psAnswer{
			header: "IAM actions under " + svc + " service that have the resource type " + req.ResourceType + ":",
			value:  actions(func(a *catalog.Action) bool { return psHasResourceType(a, req.ResourceType) }),
		}
	case req.Name != "" && req.AccessLevel == "":
		return &psAnswer{value: psActionData(s, svc, req.Name)}
	}
	return &psAnswer{header: "ALL " + svc + " actions:", value: actions(func(*catalog.Action) bool { return true }), list: true}
}

// psWildcardOnly is Policy Sentry's test: exactly one row, the one without a resource type.
func psWildcardOnly(a *catalog.Action) bool {
	return len(a.ResourceTypes) == 1 && a.ResourceTypes[0].ResourceType == ""
}

// psHasResourceType matches a resource type name case-insensitively; "*" asks for the actions
// that take no resource type.
func psHasResourceType(a *catalog.Action, rt string) bool {
	if rt == "*" {
		return psWildcardOnly(a)
	}
	return a.Resource(rt) != nil
}

// psActionData is Policy Sentry's get_action_data: one record per row of the action's resource
// type table. The row without a resource type lends its condition keys to every record, and
// every record holds the dependent actions of all rows: one list, shared (YAML writes it once,
// then aliases it). A name ending in "*" asks for every action it starts (case-sensitive); an
// unknown name gives {}.
func psActionData(s *catalog.Service, svc, name string) *pyDict {
	out := &pyDict{}
	var records []any
	if prefix, ok := strings.CutSuffix(name, "*"); ok {
		for _, a := range s.Actions {
			if strings.HasPrefix(a.Name, prefix) {
				records = append(records, psActionRecords(s, a)...)
			}
		}
	} else {
		a := s.Action(name)
		if a == nil {
			return out
		}
		records = psActionRecords(s, a)
	}
	out.set(svc, &pyList{items: records})
	return out
}

func psActionRecords(s *catalog.Service, a *catalog.Action) []any {
	var wildcardKeys []string
	for _, r := range a.ResourceTypes {
		if r.ResourceType == "" {
			wildcardKeys = r.ConditionKeys
			break
		}
	}
	deps := &pyList{}
	var out []any
	for _, r := range a.ResourceTypes {
		format := "*"
		keys := &pyList{}
		for _, d := range r.DependentActions {
			deps.items = append(deps.items, d)
		}
		if r.ResourceType != "" {
			// The service's resources are looked up by their exact name.
			for _, rt := range s.ResourceTypes {
				if rt.Name == r.ResourceType {
					format = psRawARN(rt)
					for _, k := range rt.ConditionKeys {
						keys.items = append(keys.items, k)
					}
					break
				}
			}
		}
		for _, k := range wildcardKeys {
			keys.items = append(keys.items, k)
		}
		d := &pyDict{}
		d.set("action", s.Prefix+":"+a.Name)
		d.set("description", a.Description)
		d.set("access_level", a.AccessLevel.String())
		if a.APIReference != "" {
			d.set("api_documentation_link", a.APIReference)
		} else {
			d.set("api_documentation_link", nil)
		}
		d.set("resource_arn_format", format)
		d.set("condition_keys", keys)
		d.set("dependent_actions", deps)
		out = append(out, d)
	}
	return out
}

// psRawARN is a resource's "arn" field: its formats joined as Policy Sentry's database holds
// them.
func psRawARN(rt *catalog.ResourceType) string {
	if len(rt.ARNFormats) == 0 {
		return "*"
	}
	return strings.Join(rt.ARNFormats, ", ")
}

// psARNTable follows Policy Sentry's query arn-table: the raw ARNs, or with -l each resource
// type's ARN, or with -n one resource type's details ({} if there is none of that name).
func psARNTable(s *catalog.Service, req Request) *psAnswer {
	switch {
	case req.Name == "" && !req.NamesOnly:
		out := &pyList{}
		for _, rt := range s.ResourceTypes {
			out.items = append(out.items, psRawARN(rt))
		}
		return &psAnswer{value: out, list: true}
	case req.Name == "":
		out := &pyDict{}
		for _, rt := range s.ResourceTypes {
			out.set(rt.Name, psRawARN(rt))
		}
		return &psAnswer{value: out}
	}
	out := &pyDict{}
	if rt := s.ResourceType(req.Name); rt != nil {
		out.set("resource_type_name", rt.Name)
		out.set("raw_arn", psRawARN(rt))
		out.set("condition_keys", newPyList(rt.ConditionKeys...))
	}
	return &psAnswer{value: out}
}

// psConditionTable follows Policy Sentry's query condition-table: the service's condition keys,
// or with -n the first key that matches the name (null if none does).
func psConditionTable(s *catalog.Service, req Request) *psAnswer {
	if req.Name == "" {
		out := &pyList{}
		for _, k := range s.ConditionKeys {
			out.items = append(out.items, k.Name)
		}
		return &psAnswer{value: out, list: true}
	}
	for _, k := range s.ConditionKeys {
		if psConditionKeyMatch(k.Name, req.Name) {
			d := &pyDict{}
			d.set("name", k.Name)
			d.set("description", k.Description)
			d.set("condition_value_type", strings.ToLower(k.Type))
			return &psAnswer{value: d}
		}
	}
	return &psAnswer{value: nil}
}

// psConditionKeyMatch is how Policy Sentry matches a documented condition key with one asked
// for: case-insensitively, and a key with a placeholder (${TagKey}, <key>, tag-key) matches any
// name that starts with the text before it.
func psConditionKeyMatch(documented, name string) bool {
	doc, n := strings.ToLower(documented), strings.ToLower(name)
	for _, ph := range []string{"$", "<", "tag-key"} {
		if i := strings.Index(doc, ph); i >= 0 {
			if strings.HasPrefix(n, doc[:i]) {
				return true
			}
			break
		}
	}
	return doc == n
}
