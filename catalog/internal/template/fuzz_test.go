package template

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// FuzzParse checks that Parse never fails in a way it does not report: no panic (a recovered
// one shows as internal-error), every diagnostic complete and located, a template only when it
// is coherent, and the same answer twice.
func FuzzParse(f *testing.F) {
	for _, in := range goldenInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, h := range hostileCases() {
		if data := h.input(); len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tmpl, ds := Parse("fuzz.yml", data)
		checkResult(t, data, tmpl, ds)
		tmpl2, ds2 := Parse("fuzz.yml", data)
		if !bytes.Equal(render(tmpl, ds), render(tmpl2, ds2)) {
			t.Errorf("Parse(%q) gave two different answers", data)
		}
	})
}

func checkResult(t *testing.T, data []byte, tmpl *Template, ds diag.List) {
	t.Helper()
	for _, d := range ds {
		if d.Code == "" || d.Message == "" || d.Location == nil || d.Location.File != "fuzz.yml" {
			t.Fatalf("Parse(%q): incomplete diagnostic %+v", data, d)
		}
		if d.Code == diag.InternalError {
			t.Fatalf("Parse(%q): %v", data, d)
		}
		if d.Severity != diag.Error && d.Severity != diag.Warning {
			t.Fatalf("Parse(%q): severity %q", data, d.Severity)
		}
		l := d.Location
		if (l.Key != "" || l.Index != nil) && (l.Line < 1 || l.Column < 1) {
			t.Fatalf("Parse(%q): %v concerns an element but has no line and column", data, d)
		}
	}
	if tmpl == nil {
		if !ds.HasErrors() {
			t.Fatalf("Parse(%q) = nil with no error: %v", data, ds)
		}
		return
	}
	if tmpl.Mode != ModeCRUD && tmpl.Mode != ModeActions || tmpl.Effect != "Allow" && tmpl.Effect != "Deny" ||
		tmpl.DependentActions != DepsScoped && tmpl.DependentActions != DepsWildcard && tmpl.DependentActions != DepsNone {
		t.Fatalf("Parse(%q): mode %q, effect %q, dependent-actions %q", data, tmpl.Mode, tmpl.Effect, tmpl.DependentActions)
	}
	item := func(it Item, ok func(string) bool) {
		if it.Value == "" || it.Value != strings.TrimSpace(it.Value) || !ok(it.Value) ||
			it.Loc == nil || it.Loc.Line < 1 || it.Loc.Column < 1 || it.Loc.Key == "" {
			t.Fatalf("Parse(%q): bad item %q at %v", data, it.Value, it.Loc)
		}
	}
	isARN := func(s string) bool { return s == "*" || strings.HasPrefix(s, "arn:") }
	isAction := func(s string) bool { return isActionLike(s, false) }
	for _, l := range tmpl.Levels {
		for _, it := range l.ARNs {
			item(it, isARN)
		}
	}
	for _, s := range tmpl.STS {
		for _, it := range s.Roles {
			item(it, isARN)
		}
	}
	for _, list := range [][]Item{tmpl.SingleActions, tmpl.SkipResourceConstraints, tmpl.Actions} {
		for _, it := range list {
			item(it, isAction)
		}
	}
	for _, it := range tmpl.ExcludeActions {
		item(it, func(s string) bool { return isActionLike(s, true) })
	}
	for _, w := range tmpl.ServiceWildcards {
		for _, it := range w.Services {
			item(it, isServiceLike)
		}
	}
	for _, b := range tmpl.Conditions {
		for _, c := range b.Conditions {
			if _, ok := checkOperator(c.Operator); !ok || len(c.Values) == 0 || c.Loc == nil || c.Loc.Line < 1 {
				t.Fatalf("Parse(%q): bad condition %+v", data, c)
			}
		}
	}
	if tmpl.Mode == ModeActions && len(tmpl.Levels)+len(tmpl.STS)+len(tmpl.ExcludeActions) > 0 ||
		tmpl.Mode == ModeCRUD && len(tmpl.Actions) > 0 {
		t.Fatalf("Parse(%q): %s template holds the other mode's keys", data, tmpl.Mode)
	}
}

// FuzzJSONPositions checks that the JSON reader places every node where the YAML reader does,
// for the JSON both can read.
func FuzzJSONPositions(f *testing.F) {
	f.Add([]byte(`{"mode": "crud", "read": ["arn:aws:s3:::a"]}`))
	f.Add([]byte("{\n\t\"a\": [1, 2.5e3, true, null, {}],\r\n\"é\": \"\\u00e9\"}"))
	f.Add([]byte("\uFEFF{\"a\":\"b\u2028c\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		if off, _ := findBinary(data); off >= 0 {
			return // Parse refuses it before either reader sees it
		}
		j, err := parseJSON(data)
		if err != nil {
			return
		}
		doc, err := yamlite.Parse(data)
		if err != nil || doc == nil || len(doc.Content) == 0 {
			return
		}
		if d := sameNodes(j, doc.Content[0], ""); d != "" {
			t.Errorf("parseJSON(%q): %s", data, d)
		}
	})
}
