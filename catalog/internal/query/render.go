package query

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// Formats a Result renders to.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatYAML  = "yaml"
)

// ParseFormat checks an output format name.
func ParseFormat(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", FormatTable, "text":
		return FormatTable, nil
	case FormatJSON:
		return FormatJSON, nil
	case FormatYAML, "yml":
		return FormatYAML, nil
	}
	return "", badRequest("unknown format %q (want table, json or yaml)", s)
}

// payload is what JSON and YAML print: the list the query asked for (an array even when empty),
// or the info object.
func (r *Result) payload() any {
	if r.ps != nil {
		return r.ps.value
	}
	switch r.Kind {
	case Services:
		return orEmpty(r.Services)
	case Actions, Search:
		return orEmpty(r.Actions)
	case ResourceTypes:
		if r.Names != nil {
			return r.Names
		}
		return orEmpty(r.ResourceTypes)
	case Conditions:
		return orEmpty(r.Conditions)
	case Expand:
		return orEmpty(r.Names)
	case MatchARN:
		return orEmpty(r.Matches)
	case Info:
		return r.Info
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Render prints the result in a format: "table", "json" or "yaml". Output ends in a newline.
// Policy Sentry's spellings print what Policy Sentry prints, in JSON unless YAML is asked for.
func (r *Result) Render(format string) ([]byte, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	if r.ps != nil {
		return r.ps.render(f), nil
	}
	switch f {
	case FormatJSON:
		return MarshalJSON(r.payload())
	case FormatYAML:
		return MarshalYAML(r.payload())
	}
	return r.table(), nil
}

// MarshalJSON is the JSON every iamforge output uses: two-space indent, no HTML escaping, a
// final newline; what encoding/json's Encoder writes with SetIndent("", "  ") and
// SetEscapeHTML(false).
func MarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalYAML is the YAML every iamforge output uses: two-space indent. It holds what
// MarshalJSON holds, keys included, in the same order.
func MarshalYAML(v any) ([]byte, error) {
	b, err := MarshalJSON(v)
	if err != nil {
		return nil, err
	}
	return yamlite.FromJSON(b, 2)
}

func (r *Result) table() []byte {
	var b bytes.Buffer
	tw := newColumns(&b)
	row := func(cols ...string) { fmt.Fprintln(tw, strings.Join(cols, "\t")) }
	switch r.Kind {
	case Services:
		row("PREFIX", "NAME")
		for _, s := range r.Services {
			row(s.Prefix, s.Name)
		}
	case Actions, Search:
		if r.detail {
			tw.Flush()
			return actionDetail(r.Actions[0])
		}
		if r.Kind == Search {
			row("#", "ACTION", "ACCESS LEVEL", "RESOURCE TYPES", "DESCRIPTION")
		} else {
			row("ACTION", "ACCESS LEVEL", "RESOURCE TYPES", "DESCRIPTION")
		}
		for i, a := range r.Actions {
			cols := []string{a.Action, a.AccessLevel, resourceSummary(a), a.Description}
			if r.Kind == Search {
				cols = append([]string{strconv.Itoa(i + 1)}, cols...)
			}
			row(cols...)
		}
	case ResourceTypes:
		if r.Names != nil {
			for _, n := range r.Names {
				row(n)
			}
			break
		}
		row("RESOURCE TYPE", "ARN FORMAT", "CONDITION KEYS")
		for _, rt := range r.ResourceTypes {
			for i, f := range rt.ARNFormats {
				name, keys := rt.ResourceType, strings.Join(rt.ConditionKeys, ", ")
				if i > 0 {
					name, keys = "", ""
				}
				row(name, f, keys)
			}
			if len(rt.ARNFormats) == 0 {
				row(rt.ResourceType, "", strings.Join(rt.ConditionKeys, ", "))
			}
		}
	case Conditions:
		row("CONDITION KEY", "TYPE", "DESCRIPTION")
		for _, c := range r.Conditions {
			row(c.ConditionKey, c.Type, c.Description)
		}
	case Expand:
		for _, n := range r.Names {
			row(n)
		}
	case MatchARN:
		row("ARN", "STATUS", "SERVICE", "RESOURCE TYPES")
		for _, m := range r.Matches {
			types := strings.Join(m.ResourceTypes, ", ")
			for _, a := range m.Also {
				if types != "" {
					types += ", "
				}
				types += "(also " + a.Service + ":" + a.ResourceType + ")"
			}
			row(m.ARN, m.Status, m.Service, types)
		}
	case Info:
		tw.Flush()
		return infoTable(r)
	}
	tw.Flush()
	return b.Bytes()
}

func resourceSummary(a ActionJSON) string {
	var names []string
	for _, r := range a.ResourceTypes {
		if r.ResourceType == "" {
			continue
		}
		n := r.ResourceType
		if r.Required {
			n += "*"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return "(wildcard only)"
	}
	return strings.Join(names, ", ")
}

func actionDetail(a ActionJSON) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n  %s\n  access level: %s\n", a.Action, a.Description, a.AccessLevel)
	for _, r := range a.ResourceTypes {
		name := r.ResourceType
		if name == "" {
			name = "(any resource)"
		} else if r.Required {
			name += " (required)"
		}
		fmt.Fprintf(&b, "  resource type %s\n", name)
		if len(r.ConditionKeys) > 0 {
			fmt.Fprintf(&b, "    condition keys: %s\n", strings.Join(r.ConditionKeys, ", "))
		}
		if len(r.DependentActions) > 0 {
			fmt.Fprintf(&b, "    dependent actions: %s\n", strings.Join(r.DependentActions, ", "))
		}
	}
	for _, sc := range a.Scenarios {
		var names []string
		for _, r := range sc.ResourceTypes {
			n := r.ResourceType
			if r.Required {
				n += " (required)"
			}
			names = append(names, n)
		}
		fmt.Fprintf(&b, "  scenario %s: %s\n", sc.Name, strings.Join(names, ", "))
	}
	if a.depSource != "" {
		fmt.Fprintf(&b, "  dependent actions from: %s\n", a.depSource)
	}
	return b.Bytes()
}

func infoTable(r *Result) []byte {
	var b bytes.Buffer
	in := r.Info
	b.WriteString("sources:\n")
	for _, s := range in.Sources {
		fmt.Fprintf(&b, "  %s", s.Package)
		if s.Version != "" {
			fmt.Fprintf(&b, " %s", s.Version)
		}
		if s.Date != "" {
			fmt.Fprintf(&b, " (%s)", s.Date)
		}
		if s.License != "" {
			fmt.Fprintf(&b, " %s", s.License)
		}
		fmt.Fprintf(&b, ": %s\n", s.Provides)
	}
	fmt.Fprintf(&b, "services:        %d\nactions:         %d\nresource types:  %d\ncondition keys:  %d\n", in.Services, in.Actions, in.ResourceTypes, in.ConditionKeys)
	var levels []string
	for _, l := range []string{"List", "Read", "Write", "Permissions management", "Tagging"} {
		levels = append(levels, fmt.Sprintf("%s %d", l, in.AccessLevels[l]))
	}
	fmt.Fprintf(&b, "access levels:   %s\n", strings.Join(levels, " · "))
	fmt.Fprintf(&b, "wildcard-only actions: %d\nactions with dependent actions: %d\n", in.WildcardOnlyActions, in.ActionsWithDependentActions)
	if n := len(in.DanglingDependentActions); n > 0 {
		fmt.Fprintf(&b, "dependent actions naming no known action: %d\n", n)
	}
	if n := len(in.Problems); n > 0 {
		fmt.Fprintf(&b, "upstream problems read past: %d (see --format json)\n", n)
	}
	return b.Bytes()
}
