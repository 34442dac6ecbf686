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
func renderPolicy(target js.Value, text, format string, granted []string) {
	el := dom.WrapElement(target)
	doc := dom.GetWindow().Document()
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
	frag := doc.CreateDocumentFragment()
	for _, t := range api.Highlight(text, format, isAction) {
		if t.Kind == "text" {
			frag.AppendChild(doc.CreateTextNode(t.Text))
			continue
		}
		span := doc.CreateElement("span")
		span.Class().Add("tok-" + t.Kind)
		span.SetTextContent(t.Text)
		if t.Action != "" {
			span.SetAttribute("data-action", t.Action)
			span.SetAttribute("tabindex", "-1")
		}
		frag.AppendChild(span)
	}
	for c := el.FirstChild(); c != nil; c = el.FirstChild() {
		el.RemoveChild(c)
	}
	el.AppendChild(frag)
}
