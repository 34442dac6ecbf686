package api

import (
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/highlight"
)

// Token is a piece of rendered output with its kind, for syntax colouring.
type Token = highlight.Token

// Highlight splits a written policy (JSON, YAML, Terraform or CloudFormation) into tokens for
// colouring; every byte is in exactly one token. isAction, when given, confirms which
// action-like strings are granted actions.
func Highlight(text, format string, isAction func(string) bool) []Token {
	return highlight.Highlight(text, format, isAction)
}

// HighlightRequest is a written policy to colour, and the actions it grants.
type HighlightRequest struct {
	Text   string `json:"text"`
	Format string `json:"format,omitempty"`
	// Actions are the granted actions (a write's explanations name them): an action-like
	// string of the text is an action token when it is one of them, or a minimized prefix*
	// that covers one; none when Actions is empty, since a condition key looks the same.
	Actions []string `json:"actions,omitempty"`
}

// opHighlight is the page's syntax colouring as data: the tokens of a written policy, which
// the page turns into spans (class tok-<kind>; an action's carries data-action). It needs no
// catalog, so it answers before one is loaded.
func opHighlight(_ *catalog.Catalog, req []byte) (any, diag.List) {
	var r HighlightRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	return highlightGranted(r.Text, r.Format, r.Actions), nil
}

// highlightGranted is Highlight with the granted actions as the actions to mark.
func highlightGranted(text, format string, granted []string) []Token {
	set := make(map[string]bool, len(granted))
	for _, g := range granted {
		set[strings.ToLower(g)] = true
	}
	isAction := func(a string) bool {
		if set[strings.ToLower(a)] {
			return true
		}
		if catalog.HasGlob(a) { // a minimized prefix*: granted if it covers a granted action
			for g := range set {
				if catalog.MatchGlob(a, g) {
					return true
				}
			}
		}
		return false
	}
	toks := Highlight(text, format, isAction)
	if toks == nil {
		toks = []Token{}
	}
	return toks
}
