package servicedoc

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
)

// Write writes s as a service doc in canonical form. A service without Doc (one from another
// source) gets the front matter DefaultMeta makes. Nothing is written when s holds something a
// doc cannot carry (a name with a newline, two actions of the same name, invalid UTF-8…),
// because Read would then give back a different service.
func Write(w io.Writer, s *catalog.Service) error {
	if s == nil {
		return errors.New("servicedoc: write: nil service")
	}
	b, err := appendService(nil, s)
	if err != nil {
		return fmt.Errorf("servicedoc: write %s: %w", s.Prefix, err)
	}
	_, err = w.Write(b)
	return err
}

func appendService(b []byte, s *catalog.Service) ([]byte, error) {
	m := s.Doc
	if m == nil {
		m = DefaultMeta(s)
	}
	b, err := appendFrontMatter(b, m)
	if err != nil {
		return nil, err
	}
	if err := checkOneLine("service name", s.Name, true); err != nil {
		return nil, err
	}
	if s.Name == "" {
		b = append(b, "#\n"...)
	} else {
		b = append(b, "# "+s.Name+"\n"...)
	}
	if err := checkOneLine("prefix", s.Prefix, false); err != nil {
		return nil, err
	}
	if err := checkOneLine("authorization url", s.AuthorizationURL, true); err != nil {
		return nil, err
	}
	b = append(b, "## Summary\n- prefix: "+s.Prefix+"\n"...)
	if s.AuthorizationURL != "" {
		b = append(b, "- authorization url: "+s.AuthorizationURL+"\n"...)
	}

	b = append(b, "## Privileges\n"...)
	seen := map[string]bool{}
	for _, a := range s.Actions {
		if b, err = appendAction(b, s, a, seen); err != nil {
			return nil, err
		}
	}

	if len(s.ResourceTypes) > 0 {
		b = append(b, "## Resource Types\n"...)
		seen := map[string]bool{}
		for _, r := range s.ResourceTypes {
			if b, err = appendResourceType(b, s, r, seen); err != nil {
				return nil, err
			}
		}
	}

	if len(s.ConditionKeys) > 0 {
		b = append(b, "## Condition Keys\n"...)
		seen := map[string]bool{}
		for _, k := range s.ConditionKeys {
			if k == nil {
				return nil, errors.New("nil condition key")
			}
			if err := checkName("condition key", k.Name, seen); err != nil {
				return nil, err
			}
			if err := checkOneLine(fmt.Sprintf("condition key %q: type", k.Name), k.Type, true); err != nil {
				return nil, err
			}
			b = append(b, "### "+k.Name+"\n"...)
			if k.Type != "" {
				b = append(b, "- type: "+k.Type+"\n"...)
			}
			if b, err = appendText(b, "description", k.Description); err != nil {
				return nil, fmt.Errorf("condition key %q: %w", k.Name, err)
			}
		}
	}
	// Everything above was checked field by field; this catches invalid UTF-8 anywhere, which
	// Read would reject.
	if !utf8.Valid(b) {
		return nil, errors.New("invalid UTF-8")
	}
	return b, nil
}

func appendAction(b []byte, s *catalog.Service, a *catalog.Action, seen map[string]bool) ([]byte, error) {
	if a == nil {
		return nil, errors.New("nil action")
	}
	if err := checkName("action", a.Name, seen); err != nil {
		return nil, err
	}
	if a.Service != "" && a.Service != s.Prefix {
		return nil, fmt.Errorf("action %q: service %q is not the prefix %q", a.Name, a.Service, s.Prefix)
	}
	b = append(b, "### "+a.Name+"\n"...)
	b, err := appendText(b, "description", a.Description)
	if err != nil {
		return nil, fmt.Errorf("action %q: %w", a.Name, err)
	}
	switch a.AccessLevel {
	case catalog.LevelUnknown:
		// Nothing to say; Read leaves the level unknown when the bullet is absent.
	case catalog.List, catalog.Read, catalog.Write, catalog.PermissionsManagement, catalog.Tagging:
		b = append(b, "- access level: "+a.AccessLevel.String()+"\n"...)
	default:
		return nil, fmt.Errorf("action %q: invalid access level %d", a.Name, a.AccessLevel)
	}

	rows := jobj{}
	keys := map[string]bool{}
	for _, r := range a.ResourceTypes {
		// The rows are a JSON object keyed by resource type, so a repeated one could not be read.
		if keys[r.ResourceType] {
			return nil, fmt.Errorf("action %q: resource type %q twice", a.Name, r.ResourceType)
		}
		keys[r.ResourceType] = true
		rows = append(rows, jkv{r.ResourceType, jobj{
			{"resource_type", r.ResourceType},
			{"required", r.Required},
			{"condition_keys", r.ConditionKeys},
			{"dependent_actions", r.DependentActions},
		}})
	}
	if b, err = appendBlock(b, "resource types", rows); err != nil {
		return nil, fmt.Errorf("action %q: %w", a.Name, err)
	}

	if len(a.Scenarios) > 0 {
		var list []any
		for _, sc := range a.Scenarios {
			var rts []any
			for _, r := range sc.ResourceTypes {
				rts = append(rts, jobj{{"resource_type", r.ResourceType}, {"required", r.Required}})
			}
			list = append(list, jobj{{"name", sc.Name}, {"resource_types", rts}})
		}
		if b, err = appendBlock(b, "scenarios", list); err != nil {
			return nil, fmt.Errorf("action %q: %w", a.Name, err)
		}
	}
	if a.DependentActionsSource != "" {
		if err := checkOneLine(fmt.Sprintf("action %q: dependent actions source", a.Name), a.DependentActionsSource, false); err != nil {
			return nil, err
		}
		b = append(b, "- dependent actions source: "+a.DependentActionsSource+"\n"...)
	}
	return b, nil
}

func appendResourceType(b []byte, s *catalog.Service, r *catalog.ResourceType, seen map[string]bool) ([]byte, error) {
	if r == nil {
		return nil, errors.New("nil resource type")
	}
	if err := checkName("resource type", r.Name, seen); err != nil {
		return nil, err
	}
	if r.Service != "" && r.Service != s.Prefix {
		return nil, fmt.Errorf("resource type %q: service %q is not the prefix %q", r.Name, r.Service, s.Prefix)
	}
	b = append(b, "### "+r.Name+"\n"...)
	for _, f := range r.ARNFormats {
		if err := checkOneLine(fmt.Sprintf("resource type %q: ARN format", r.Name), f, false); err != nil {
			return nil, err
		}
		b = append(b, "- arn: "+f+"\n"...)
	}
	if len(r.ConditionKeys) > 0 {
		var err error
		if b, err = appendBlock(b, "condition keys", r.ConditionKeys); err != nil {
			return nil, fmt.Errorf("resource type %q: %w", r.Name, err)
		}
	}
	return b, nil
}

// appendBlock writes "- label" and v as a fenced JSON block.
func appendBlock(b []byte, label string, v any) ([]byte, error) {
	b = append(b, "- "+label+"\n```\n"...)
	b, err := appendJSON(b, v, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	return append(b, "\n```\n"...), nil
}

// appendText writes a description: as it is when it reads back unchanged from one line, else as
// a JSON string.
func appendText(b []byte, label, v string) ([]byte, error) {
	b = append(b, "- "+label+": "...)
	first, _ := utf8.DecodeRuneInString(v)
	last, _ := utf8.DecodeLastRuneInString(v)
	if v != "" && strings.IndexFunc(v, isControl) < 0 && !unicode.IsSpace(first) && !unicode.IsSpace(last) && first != '"' {
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("%s: invalid UTF-8", label)
		}
		return append(b, v+"\n"...), nil
	}
	b, err := appendJSONString(b, v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	return append(b, '\n'), nil
}

// checkName checks a "### " name: one line, not empty, not repeated (case-insensitively, as
// lookups are).
func checkName(what, name string, seen map[string]bool) error {
	if name == "" {
		return fmt.Errorf("%s with an empty name", what)
	}
	if err := checkOneLine(what+" name", name, false); err != nil {
		return err
	}
	k := strings.ToLower(name)
	if seen[k] {
		return fmt.Errorf("duplicate %s %q", what, name)
	}
	seen[k] = true
	return nil
}

// checkOneLine checks a value written on a heading or bullet line, which Read trims and
// rejects control characters in.
func checkOneLine(what, v string, emptyOK bool) error {
	switch {
	case v == "" && !emptyOK:
		return fmt.Errorf("empty %s", what)
	case !utf8.ValidString(v):
		return fmt.Errorf("%s %q: invalid UTF-8", what, v)
	case strings.IndexFunc(v, isControl) >= 0:
		return fmt.Errorf("%s %q: control character (want one line of printable text)", what, v)
	case strings.TrimSpace(v) != v:
		return fmt.Errorf("%s %q: leading or trailing space", what, v)
	}
	return nil
}
