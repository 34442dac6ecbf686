package api

import (
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// Vocabulary is what the engine knows that a front end shows: access levels, output formats,
// size targets, roles to assume, and which condition operators fit which key types. Pages ask
// for it once instead of restating it, so that a new operator or target reaches them unchanged.
type Vocabulary struct {
	Operations []string `json:"operations"`
	// Levels are the access levels in the order AWS documents them, with their template slugs.
	Levels []VocabLevel `json:"levels"`
	// LevelOrder is the order templates are processed in (Policy Sentry's); a state lists a
	// row's levels in it, so that equal states encode to equal links.
	LevelOrder       []string       `json:"levelOrder"`
	Modes            []string       `json:"modes"`
	Effects          []string       `json:"effects"`
	DependentActions []string       `json:"dependentActions"`
	Partitions       []string       `json:"partitions"`
	Formats          []VocabFormat  `json:"formats"`
	Targets          []VocabTarget  `json:"targets"`
	STS              []VocabSTS     `json:"sts"`
	Families         []VocabFamily  `json:"operatorFamilies"`
	KeyTypes         []VocabKeyType `json:"keyTypes"`
	// AnyType is what fits a key of no known type: every operator.
	AnyType VocabKeyType `json:"anyType"`
}

// VocabLevel is one access level: "read" and "Read".
type VocabLevel struct {
	Slug  string `json:"slug"`
	Label string `json:"label"`
}

// VocabFormat is one output format, and how a download of it is named.
type VocabFormat struct {
	Name      string `json:"name"`
	Label     string `json:"label"`
	File      string `json:"file"`
	MediaType string `json:"mediaType"`
}

// VocabTarget is one size target: where a policy goes and what AWS allows there.
type VocabTarget struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Limit int    `json:"limit"`
}

// VocabSTS is one sts key of a template and the action it grants.
type VocabSTS struct {
	Key    string `json:"key"`
	Action string `json:"action"`
}

// VocabFamily is a family of condition operators, without IfExists or set prefixes.
type VocabFamily struct {
	Family    string   `json:"family"`
	Operators []string `json:"operators"`
}

// VocabKeyType is a condition key type and the operators that fit it, in IAM's spelling: the
// base operators (Null last), whether IfExists forms apply, and the set prefixes a multivalued
// key takes.
type VocabKeyType struct {
	Type     string   `json:"type"`
	Multi    bool     `json:"multivalued"`
	Families []string `json:"families"`
	// Operators are the base operators that fit, in IAM's documentation order, Null last.
	Operators []string `json:"operators"`
	// Sets are the set prefixes the key takes: "ForAnyValue", "ForAllValues" for a multivalued key.
	Sets []string `json:"sets"`
	// Example is a value of the type, for a placeholder.
	Example string `json:"example"`
}

// keyTypes are the key types the catalog uses, with an example value of each.
var keyTypes = []struct{ name, example string }{
	{"String", "value, value-*"},
	{"ARN", "arn:aws:…"},
	{"Numeric", "3600"},
	{"Date", "2026-12-31T23:59:59Z"},
	{"Bool", "true"},
	{"IPAddress", "203.0.113.0/24"},
	{"Binary", "QmluYXJ5"},
}

// stsActions maps a template's sts keys to the actions they grant, in template order.
var stsActions = []VocabSTS{
	{"assume-role", "sts:AssumeRole"},
	{"assume-role-with-saml", "sts:AssumeRoleWithSAML"},
	{"assume-role-with-web-identity", "sts:AssumeRoleWithWebIdentity"},
}

var targetLabels = map[string]string{
	"managed": "managed policy", "role-inline": "role inline policy", "group-inline": "group inline policy",
	"user-inline": "user inline policy", "trust": "trust policy",
}

// Formats are the output formats of write, with a download's name and media type.
var formats = []VocabFormat{
	{"json", "JSON", "policy.json", "application/json"},
	{"yaml", "YAML", "policy.yaml", "application/yaml"},
	{"terraform", "Terraform", "policy.tf", "text/plain"},
	{"cloudformation", "CloudFormation", "policy-cfn.yaml", "application/yaml"},
}

// vocabulary is computed from the packages that own each fact: the operators and their fit
// from the policy and validation code, the levels from the catalog.
func vocabulary() Vocabulary {
	v := Vocabulary{
		Operations:       Operations(),
		Modes:            []string{"crud", "actions"},
		Effects:          []string{"Allow", "Deny"},
		DependentActions: []string{"scoped", "wildcard", "none"},
		Partitions:       []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"},
		Formats:          formats,
		STS:              stsActions,
	}
	for _, l := range catalog.AccessLevels {
		v.Levels = append(v.Levels, VocabLevel{l.Slug(), l.String()})
	}
	for _, l := range []catalog.AccessLevel{catalog.Read, catalog.Write, catalog.List, catalog.Tagging, catalog.PermissionsManagement} {
		v.LevelOrder = append(v.LevelOrder, l.Slug())
	}
	for _, t := range policy.Targets {
		v.Targets = append(v.Targets, VocabTarget{t.Name, targetLabels[t.Name], t.Limit})
	}
	var bases []policy.Operator
	for _, name := range policy.Operators() {
		if strings.HasSuffix(name, "IfExists") {
			continue
		}
		op, _ := policy.ParseOperator(name)
		bases = append(bases, op)
		if n := len(v.Families); n == 0 || v.Families[n-1].Family != op.Family {
			v.Families = append(v.Families, VocabFamily{Family: op.Family})
		}
		f := &v.Families[len(v.Families)-1]
		f.Operators = append(f.Operators, op.Base)
	}
	fit := func(typ, example string) VocabKeyType {
		kt := VocabKeyType{Type: typ, Multi: strings.HasPrefix(typ, "ArrayOf"), Example: example, Families: []string{}, Operators: []string{}, Sets: []string{}}
		for _, op := range bases {
			if op.Family == "Null" || op.Fits("key", typ) != "" {
				continue
			}
			kt.Operators = append(kt.Operators, op.Base)
			if n := len(kt.Families); n == 0 || kt.Families[n-1] != op.Family {
				kt.Families = append(kt.Families, op.Family)
			}
		}
		// A key's own family first (ArnEquals before StringEquals for an ARN key): the page
		// offers the first as the default.
		own := strings.TrimPrefix(typ, "ArrayOf")
		if own == "ARN" {
			sort.SliceStable(kt.Operators, func(i, j int) bool {
				return strings.HasPrefix(kt.Operators[i], "Arn") && !strings.HasPrefix(kt.Operators[j], "Arn")
			})
			sort.SliceStable(kt.Families, func(i, j int) bool { return kt.Families[i] == "Arn" && kt.Families[j] != "Arn" })
		}
		kt.Operators = append(kt.Operators, "Null")
		if kt.Multi {
			kt.Sets = []string{policy.ForAnyValue, policy.ForAllValues}
		}
		return kt
	}
	for _, t := range keyTypes {
		v.KeyTypes = append(v.KeyTypes, fit(t.name, t.example), fit("ArrayOf"+t.name, t.example))
	}
	v.AnyType = fit("", "value")
	return v
}

func opVocabulary(_ *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct{}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	return vocabulary(), nil
}
