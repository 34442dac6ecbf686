//go:build js

package query

import "github.com/iamforge/iamforge/catalog"

// In the browser, Policy Sentry's spellings are not answered: printing Policy Sentry's exact
// bytes takes a JSON and a PyYAML printer that would add 24 KB (brotli) to the page's
// WebAssembly, for scripts that run the CLI. The builder asks iamforge's own queries.

type psAnswer struct{ value any }

func (a *psAnswer) render(string) []byte { return nil }

var ownKind = map[string]string{ActionTable: Actions, ARNTable: ResourceTypes, ConditionTable: Conditions, ServiceTable: Services}

func runPolicySentry(_ *catalog.Catalog, req Request, _ *Result) error {
	return badRequest("%s prints Policy Sentry's output in the CLI only (iamforge query %s); here, ask %q", req.Kind, req.Kind, ownKind[req.Kind])
}
