//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
	"honnef.co/go/js/dom/v2"
)

// renderPolicy replaces the element's content with the policy text, coloured by token kind.
// Granted actions become focusable spans carrying data-action, so the page can explain them.
//
// It works on dom/v2's concrete node types rather than its Node/Element interfaces: wrapping a
// value into an interface pulls in a type switch over every HTML element type, which measured
// 78 KB of brotli'd WebAssembly, 6% of the page's whole budget.
func renderPolicy(target js.Value, text, format string, granted []string) {
	el := element(target)
	doc := js.Global().Get("document")
	set := map[string]bool{}
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
	frag := doc.Call("createDocumentFragment")
	for _, t := range api.Highlight(text, format, isAction) {
		if t.Kind == "text" {
			frag.Call("append", t.Text)
			continue
		}
		span := element(doc.Call("createElement", "span"))
		span.Class().Add("tok-" + t.Kind)
		span.SetTextContent(t.Text)
		if t.Action != "" {
			span.SetAttribute("data-action", t.Action)
			span.SetAttribute("tabindex", "-1")
		}
		frag.Call("append", span.Value)
	}
	el.SetTextContent("") // drops every child
	el.Call("append", frag)
}

func element(v js.Value) *dom.BasicElement {
	return &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}
}
