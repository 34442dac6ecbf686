package query

import "github.com/iamforge/iamforge/catalog"

// ActionJSON is an action as queries print it; its keys mirror the service-doc format.
type ActionJSON struct {
	Action        string             `json:"action" yaml:"action"`
	Service       string             `json:"service" yaml:"service"`
	Name          string             `json:"name" yaml:"name"`
	Description   string             `json:"description" yaml:"description"`
	AccessLevel   string             `json:"access_level" yaml:"access_level"`
	ResourceTypes []ActionResource   `json:"resource_types" yaml:"resource_types"`
	Scenarios     []catalog.Scenario `json:"scenarios,omitempty" yaml:"scenarios,omitempty"`

	depSource string
}

// ActionResource is one row of an action's resource-type table.
type ActionResource struct {
	ResourceType     string   `json:"resource_type" yaml:"resource_type"`
	Required         bool     `json:"required" yaml:"required"`
	ConditionKeys    []string `json:"condition_keys" yaml:"condition_keys"`
	DependentActions []string `json:"dependent_actions" yaml:"dependent_actions"`
}

// ResourceTypeJSON is a resource type as queries print it.
type ResourceTypeJSON struct {
	Service       string   `json:"service" yaml:"service"`
	ResourceType  string   `json:"resource_type" yaml:"resource_type"`
	ARNFormats    []string `json:"arn_formats" yaml:"arn_formats"`
	ConditionKeys []string `json:"condition_keys" yaml:"condition_keys"`
}

// ConditionJSON is a condition key as queries print it.
type ConditionJSON struct {
	Service      string `json:"service" yaml:"service"`
	ConditionKey string `json:"condition_key" yaml:"condition_key"`
	Type         string `json:"type" yaml:"type"`
	Description  string `json:"description" yaml:"description"`
}

// ServiceJSON is a service as queries print it.
type ServiceJSON struct {
	Prefix string `json:"prefix" yaml:"prefix"`
	Name   string `json:"name" yaml:"name"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func actionJSON(a *catalog.Action) ActionJSON {
	out := ActionJSON{
		Action: a.FullName(), Service: a.Service, Name: a.Name, Description: a.Description,
		AccessLevel: a.AccessLevel.String(), ResourceTypes: make([]ActionResource, len(a.ResourceTypes)),
		Scenarios: a.Scenarios, depSource: a.DependentActionsSource,
	}
	for i, r := range a.ResourceTypes {
		out.ResourceTypes[i] = ActionResource{r.ResourceType, r.Required, nonNil(r.ConditionKeys), nonNil(r.DependentActions)}
	}
	return out
}

func resourceTypeJSON(rt *catalog.ResourceType) ResourceTypeJSON {
	return ResourceTypeJSON{Service: rt.Service, ResourceType: rt.Name, ARNFormats: nonNil(rt.ARNFormats), ConditionKeys: nonNil(rt.ConditionKeys)}
}

func conditionJSON(svc string, k *catalog.ConditionKey) ConditionJSON {
	return ConditionJSON{Service: svc, ConditionKey: k.Name, Type: k.Type, Description: k.Description}
}
