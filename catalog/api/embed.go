package api

import (
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/template"
)

// parseTemplate reads and checks a template text as template.Parse does; deps, when given,
// stands for the template's dependent-actions key (written there or not), and is judged by the
// same check as the key. It is how a page that embeds a template (web/iamforge-embed.js) sets
// the key without editing the author's YAML or JSON.
func parseTemplate(file, text, deps string) (*template.Template, diag.List) {
	if deps == "" {
		return template.Parse(file, []byte(text))
	}
	t, ds := template.Read(file, []byte(text))
	if t == nil {
		return nil, ds
	}
	t.DependentActions = deps
	return t, append(ds, template.Check(t)...).Sort()
}
