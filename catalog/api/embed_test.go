package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
)

// A write's dependentActions stands for the template's dependent-actions key: the same policy
// and the same findings as the template with the key written in it, whether the template said
// nothing or something else. The embedded widget's dependent-actions attribute relies on it.
func TestWriteDependentActionsIsTheKey(t *testing.T) {
	cat := builtin(t)
	const body = "read:\n- arn:aws:s3:::acme-config\nwrite:\n- arn:aws:dynamodb:us-east-1:123456789012:table/orders\n"
	for _, deps := range []string{"scoped", "wildcard", "none"} {
		for _, tt := range []struct{ name, text string }{
			{"no key", "mode: crud\n" + body},
			{"another value", "mode: crud\ndependent-actions: " + other(deps) + "\n" + body},
			{"json", `{"mode": "crud", "write": ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]}`},
		} {
			t.Run(deps+"/"+tt.name, func(t *testing.T) {
				got := call(t, cat, "write", map[string]any{"template": tt.text, "dependentActions": deps})
				want := call(t, cat, "write", map[string]any{"template": withKey(tt.text, deps)})
				if g, w := output(t, got), output(t, want); g != w || g == "" {
					t.Fatalf("dependentActions %q: got\n%s\nwant (the key in the template)\n%s", deps, g, w)
				}
				if g, w := codes(got.Diagnostics), codes(want.Diagnostics); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("dependentActions %q: findings %v; want %v", deps, g, w)
				}
			})
		}
	}
	// A value the key cannot take is the key's error, with its choices.
	r := call(t, cat, "write", map[string]any{"template": "mode: crud\n" + body, "dependentActions": "some"})
	if !r.Diagnostics.Has(diag.InvalidValue) || !strings.Contains(fmt.Sprint(r.Diagnostics), "scoped, wildcard or none") {
		t.Fatalf("dependentActions %q: %v; want an invalid-value error naming the choices", "some", r.Diagnostics)
	}
}

func other(deps string) string {
	if deps == "none" {
		return "wildcard"
	}
	return "none"
}

// withKey writes dependent-actions into a template text, replacing the key if it is there.
func withKey(text, deps string) string {
	if strings.HasPrefix(text, "{") {
		return `{"dependent-actions": "` + deps + `", ` + text[1:]
	}
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(l, "dependent-actions:") {
			out = append(out, l)
		}
	}
	return "dependent-actions: " + deps + "\n" + strings.Join(out, "\n")
}
