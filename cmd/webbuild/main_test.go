package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The widget gets its stylesheet as a string and the part of the vocabulary it shows as an
// object, each in place of its token; a token gone missing fails the build.
func TestInlineEmbed(t *testing.T) {
	vocab := []byte(`{"formats":[{"name":"json"}],"targets":[{"name":"managed"}],"dependentActions":["scoped"],"keyTypes":[{"type":"String"}]}`)
	css := []byte(".root { content: \"</style>\"; }\n")
	js := []byte(`const BUILT_VOCABULARY = "__VOCABULARY__";` + "\n" + `const BUILT_CSS = "__EMBED_CSS__";`)
	out, err := inlineEmbed(js, css, vocab)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	v := strings.TrimSuffix(strings.TrimPrefix(lines[0], "const BUILT_VOCABULARY = "), ";")
	var got map[string]any
	if err := json.Unmarshal([]byte(v), &got); err != nil {
		t.Fatalf("the vocabulary is not an object literal: %s", v)
	}
	if _, ok := got["keyTypes"]; ok || len(got) != 3 {
		t.Errorf("the widget's vocabulary = %s; want formats, targets and dependentActions only", v)
	}
	c := strings.TrimSuffix(strings.TrimPrefix(lines[1], "const BUILT_CSS = "), ";")
	var gotCSS string
	if err := json.Unmarshal([]byte(c), &gotCSS); err != nil || gotCSS != string(css) {
		t.Errorf("the stylesheet = %s (%v); want %q as a string literal", c, err, css)
	}

	for _, missing := range []string{`"__VOCABULARY__"`, `"__EMBED_CSS__"`} {
		if _, err := inlineEmbed([]byte(strings.ReplaceAll(string(js), missing, "null")), css, vocab); err == nil {
			t.Errorf("without %s: no error", missing)
		}
	}
}

// The service worker keeps what the builder needs until usable and the descriptions after it,
// and nothing else: not itself, not the widget, the demo pages or the provenance; a lost token
// fails the build.
func TestInlinePrecache(t *testing.T) {
	files := map[string][]byte{}
	for _, n := range []string{"index.html", "app.js", "js/state.js", "iamforge.wasm", "catalog.bin", "descriptions.bin",
		"provenance.json", serviceWorker, embedJS, embedCSS, "demo/index.html"} {
		files[n] = nil
	}
	out, err := inlinePrecache([]byte("const FILES = __PRECACHE__;"), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `const FILES = ["app.js","catalog.bin","descriptions.bin","iamforge.wasm","index.html","js/state.js"];`
	if string(out) != want {
		t.Errorf("inlinePrecache = %s; want %s", out, want)
	}
	if _, err := inlinePrecache([]byte("const FILES = [];"), files, nil); err == nil {
		t.Error("without __PRECACHE__: no error")
	}
}

// The icon written into the page decodes to the same image: whitespace aside, the same text
// with single quotes.
func TestSVGDataURI(t *testing.T) {
	svg := "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect fill=\"#2457c5\" d=\"M1 2%\"/>\n</svg>\n"
	got := svgDataURI([]byte(svg))
	want := "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E %3Crect fill='%232457c5' d='M1 2%25'/%3E %3C/svg%3E"
	if got != want {
		t.Errorf("svgDataURI(%q) = %q; want %q", svg, got, want)
	}
	if strings.ContainsAny(got, "\"<>#\n") {
		t.Errorf("svgDataURI(%q) = %q holds a character that ends the attribute or the URL", svg, got)
	}
}

// The page draws the icon as markup in its top bar (index.html says why): the same shapes as
// favicon.svg, which the tab and the demos show, so that the two never drift apart.
func TestBrandMarkIsTheIcon(t *testing.T) {
	page, err := os.ReadFile("../../web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	icon, err := os.ReadFile("../../web/favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(page, []byte(`<svg class="brand-mark"`))
	end := bytes.Index(page[max(start, 0):], []byte("</svg>"))
	if start < 0 || end < 0 {
		t.Fatal(`index.html has no <svg class="brand-mark">…</svg>`)
	}
	mark := string(page[start : start+end])
	shapes := 0
	for _, line := range strings.Split(string(icon), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "<svg") || strings.HasPrefix(line, "</svg") || line == "" {
			if i := strings.Index(line, `viewBox="`); i >= 0 {
				box := line[i:]
				box = box[:len(`viewBox="`)+strings.IndexByte(box[len(`viewBox="`):], '"')+1]
				if !strings.Contains(mark, box) {
					t.Errorf("the page's mark has not favicon.svg's %s", box)
				}
			}
			continue
		}
		shapes++
		if !strings.Contains(mark, line) {
			t.Errorf("favicon.svg's %s is not in the page's mark", line)
		}
	}
	if got := strings.Count(mark, "/>"); got != shapes {
		t.Errorf("the page's mark has %d shapes; favicon.svg has %d", got, shapes)
	}
}
