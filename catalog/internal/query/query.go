package query

import (
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// Kinds of query.
const (
	Services      = "services"
	Actions       = "actions"
	ResourceTypes = "resource-types"
	Conditions    = "conditions"
	Expand        = "expand"
	Search        = "search"
	MatchARN      = "match-arn"
	Info          = "info"
)

// Policy Sentry's query spellings. They print what Policy Sentry 0.16 prints, byte for byte, so
// that scripts parsing its output keep working; iamforge's own kinds (Actions, ResourceTypes,
// Conditions, Services) print more. The CLI answers them; the WebAssembly build refuses them
// (policysentry_js.go). Their Request fields are Policy Sentry's flags: Service
// (-s), Name (-n), AccessLevel (-a), Condition (-c), ResourceType (-r) and, for ARNTable,
// NamesOnly (-l, --list-arn-types). They render as JSON (the default, --fmt json) or YAML.
const (
	ActionTable    = "action-table"
	ARNTable       = "arn-table"
	ConditionTable = "condition-table"
	ServiceTable   = "service-table"
)

// IsPolicySentry reports whether a kind is one of Policy Sentry's spellings.
func IsPolicySentry(kind string) bool {
	switch kind {
	case ActionTable, ARNTable, ConditionTable, ServiceTable:
		return true
	}
	return false
}

// Request is one question. Which fields apply depends on Kind; the CLI flags have the same names.
// Kind is one of the kinds above or one of Policy Sentry's spellings (ActionTable, ARNTable,
// ConditionTable, ServiceTable).
type Request struct {
	Kind string `json:"kind"`
	// Service is a prefix, or "all" for actions across every service.
	Service      string `json:"service,omitempty"`
	Name         string `json:"name,omitempty"`
	AccessLevel  string `json:"access_level,omitempty"`
	ResourceType string `json:"resource_type,omitempty"`
	Condition    string `json:"condition,omitempty"`
	Action       string `json:"action,omitempty"`
	// Args holds the patterns of expand, the ARNs of match-arn and the words of search.
	Args  []string `json:"args,omitempty"`
	Limit int      `json:"limit,omitempty"`
	// NamesOnly lists resource-type names only (Policy Sentry's arn-table -l).
	NamesOnly bool `json:"names_only,omitempty"`
}

// Result is an answer: exactly one of the slices is set, per Kind. Diagnostics say why an
// answer is empty or partial.
type Result struct {
	Kind          string             `json:"kind"`
	Services      []ServiceJSON      `json:"services,omitempty"`
	Actions       []ActionJSON       `json:"actions,omitempty"`
	ResourceTypes []ResourceTypeJSON `json:"resource_types,omitempty"`
	Conditions    []ConditionJSON    `json:"conditions,omitempty"`
	Names         []string           `json:"names,omitempty"`
	Matches       []catalog.ARNMatch `json:"matches,omitempty"`
	Info          *catalog.Info      `json:"info,omitempty"`
	Diagnostics   diag.List          `json:"diagnostics,omitempty"`

	// scores keeps search ranks for the table view.
	scores []int
	// detail marks a single action asked for by exact name: the table shows all of it.
	detail bool
	// ps is the answer to one of Policy Sentry's spellings.
	ps *psAnswer
}

// ErrBadRequest is wrapped by errors about the request itself (a missing service, an unknown
// access level), as opposed to answers that are empty.
var ErrBadRequest = errors.New("bad request")

func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, args...))
}

// Run answers a request.
func Run(cat *catalog.Catalog, req Request) (*Result, error) {
	res := &Result{Kind: req.Kind}
	var err error
	switch req.Kind {
	case Services:
		for _, s := range cat.Services() {
			res.Services = append(res.Services, ServiceJSON{Prefix: s.Prefix, Name: s.Name})
		}
	case Actions:
		err = runActions(cat, req, res)
	case ResourceTypes:
		err = runResourceTypes(cat, req, res)
	case Conditions:
		err = runConditions(cat, req, res)
	case Expand:
		err = runExpand(cat, req, res)
	case Search:
		err = runSearch(cat, req, res)
	case MatchARN:
		if len(req.Args) == 0 {
			return nil, badRequest("match-arn needs at least one ARN")
		}
		for _, a := range req.Args {
			m := cat.MatchARN(a)
			res.Matches = append(res.Matches, m)
			res.Diagnostics = append(res.Diagnostics, m.Diagnostics...)
		}
	case Info:
		in, e := cat.Info()
		res.Info, err = &in, e
	case ActionTable, ARNTable, ConditionTable, ServiceTable:
		err = runPolicySentry(cat, req, res)
	default:
		return nil, badRequest("unknown query %q (want services, actions, resource-types, conditions, expand, search, match-arn, or Policy Sentry's action-table, arn-table, condition-table, service-table)", req.Kind)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

func runActions(cat *catalog.Catalog, req Request, res *Result) error {
	if req.Service == "" {
		return badRequest("actions needs --service (a prefix such as s3, or all)")
	}
	var level catalog.AccessLevel
	if req.AccessLevel != "" {
		l, err := catalog.ParseAccessLevel(req.AccessLevel)
		if err != nil {
			return badRequest("%v", err)
		}
		level = l
	}
	services, err := pickServices(cat, req.Service)
	if err != nil {
		return err
	}
	name := req.Name
	if p, n, ok := strings.Cut(name, ":"); ok {
		if !strings.EqualFold(p, req.Service) && req.Service != "all" {
			return badRequest("--name %q names another service than --service %q", name, req.Service)
		}
		name = n
	}
	if req.ResourceType != "" && req.ResourceType != "*" && len(services) == 1 && services[0].ResourceType(req.ResourceType) == nil {
		return badRequest("%s has no resource type %q%s", services[0].Prefix, req.ResourceType, didYouMean(resourceTypeNames(services[0]), req.ResourceType))
	}
	for _, s := range services {
		for _, a := range s.SortedActions() {
			if name != "" && !catalog.MatchGlob(name, a.Name) {
				continue
			}
			if level != catalog.LevelUnknown && a.AccessLevel != level {
				continue
			}
			switch req.ResourceType {
			case "":
			case "*":
				if !a.WildcardOnly() {
					continue
				}
			default:
				if a.Resource(req.ResourceType) == nil {
					continue
				}
			}
			if req.Condition != "" && !hasKey(a.ConditionKeys(), req.Condition) {
				continue
			}
			res.Actions = append(res.Actions, actionJSON(a))
		}
	}
	res.detail = len(res.Actions) == 1 && name != "" && !catalog.HasGlob(name)
	if len(res.Actions) == 0 {
		if name != "" && !catalog.HasGlob(name) && len(services) == 1 && services[0].Action(name) == nil {
			return badRequest("%s has no action %q%s", services[0].Prefix, name, didYouMeanList(catalog.SuggestActions(services[0], name, 3)))
		}
		res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.NoMatch, nil, "no action of %s matches these filters", req.Service))
	}
	return nil
}

func runResourceTypes(cat *catalog.Catalog, req Request, res *Result) error {
	if req.Service == "" {
		return badRequest("resource-types needs --service")
	}
	services, err := pickServices(cat, req.Service)
	if err != nil {
		return err
	}
	for _, s := range services {
		for _, rt := range s.ResourceTypes {
			if req.Name != "" && !catalog.MatchGlob(req.Name, rt.Name) {
				continue
			}
			if req.NamesOnly {
				res.Names = append(res.Names, rt.Name)
				continue
			}
			res.ResourceTypes = append(res.ResourceTypes, resourceTypeJSON(rt))
		}
	}
	if len(res.ResourceTypes) == 0 && len(res.Names) == 0 {
		if req.Name != "" && !catalog.HasGlob(req.Name) && len(services) == 1 {
			return badRequest("%s has no resource type %q%s", services[0].Prefix, req.Name, didYouMean(resourceTypeNames(services[0]), req.Name))
		}
		res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.NoMatch, nil, "%s lists no resource type that matches", req.Service))
	}
	return nil
}

func runConditions(cat *catalog.Catalog, req Request, res *Result) error {
	if req.Service == "" {
		return badRequest("conditions needs --service")
	}
	services, err := pickServices(cat, req.Service)
	if err != nil {
		return err
	}
	var only map[string]bool
	if req.Action != "" {
		full := req.Action
		if !strings.Contains(full, ":") {
			full = req.Service + ":" + full
		}
		a, err := cat.Action(full)
		if err != nil {
			return badRequest("%v", err)
		}
		only = map[string]bool{}
		for _, k := range a.ConditionKeys() {
			only[strings.ToLower(k)] = true
		}
	}
	for _, s := range services {
		for _, k := range s.ConditionKeys {
			if req.Name != "" && !catalog.MatchGlob(req.Name, k.Name) {
				continue
			}
			if only != nil && !only[strings.ToLower(k.Name)] {
				continue
			}
			res.Conditions = append(res.Conditions, conditionJSON(s.Prefix, k))
		}
	}
	if len(res.Conditions) == 0 {
		if req.Name != "" && !catalog.HasGlob(req.Name) && len(services) == 1 && only == nil {
			var names []string
			for _, k := range services[0].ConditionKeys {
				names = append(names, k.Name)
			}
			return badRequest("%s has no condition key %q%s", services[0].Prefix, req.Name, didYouMean(names, req.Name))
		}
		res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.NoMatch, nil, "no condition key of %s matches", req.Service))
	}
	return nil
}

func runExpand(cat *catalog.Catalog, req Request, res *Result) error {
	if len(req.Args) == 0 {
		return badRequest("expand needs at least one action pattern, such as s3:Get*")
	}
	seen := map[string]bool{}
	for _, p := range req.Args {
		acts, err := cat.Expand(p)
		if err != nil {
			return badRequest("%v", err)
		}
		if len(acts) == 0 {
			res.Diagnostics = append(res.Diagnostics, diag.Errorf(diag.NoMatch, &diag.Location{Key: p}, "%s matches no action", p))
		}
		for _, a := range acts {
			if n := a.FullName(); !seen[n] {
				seen[n] = true
				res.Names = append(res.Names, n)
			}
		}
	}
	sort.Strings(res.Names)
	return nil
}

func runSearch(cat *catalog.Catalog, req Request, res *Result) error {
	text := strings.Join(req.Args, " ")
	if strings.TrimSpace(text) == "" {
		return badRequest("search needs some text")
	}
	hits, err := cat.Search(text, req.Limit)
	if err != nil {
		return err
	}
	for _, h := range hits {
		res.Actions = append(res.Actions, actionJSON(h.Action))
		res.scores = append(res.scores, h.Score)
	}
	if len(hits) == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.NoMatch, nil, "no action matches %q", text))
	}
	return nil
}

func pickServices(cat *catalog.Catalog, svc string) ([]*catalog.Service, error) {
	if strings.EqualFold(svc, "all") {
		return cat.AllServices()
	}
	s, err := cat.Service(svc)
	if err != nil {
		var le *catalog.LookupError
		if errors.As(err, &le) {
			return nil, badRequest("%v", err)
		}
		return nil, err
	}
	return []*catalog.Service{s}, nil
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if strings.EqualFold(x, k) {
			return true
		}
	}
	return false
}

func resourceTypeNames(s *catalog.Service) []string {
	out := make([]string, len(s.ResourceTypes))
	for i, r := range s.ResourceTypes {
		out[i] = r.Name
	}
	return out
}

func didYouMean(candidates []string, word string) string {
	return didYouMeanList(suggest.Closest(word, candidates, 3))
}

func didYouMeanList(s []string) string {
	if len(s) == 0 {
		return ""
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return " (did you mean " + strings.Join(q, ", ") + "?)"
}
