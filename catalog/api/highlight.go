package api

import "github.com/iamforge/iamforge/catalog/internal/highlight"

// Token is a piece of rendered output with its kind, for syntax colouring.
type Token = highlight.Token

// Highlight splits a written policy (JSON, YAML, Terraform or CloudFormation) into tokens for
// colouring; every byte is in exactly one token. isAction, when given, confirms which
// action-like strings are granted actions. The page's renderer is its one user.
func Highlight(text, format string, isAction func(string) bool) []Token {
	return highlight.Highlight(text, format, isAction)
}
