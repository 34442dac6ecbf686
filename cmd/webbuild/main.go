// Command webbuild builds the browser builder into a folder of static files (web/dist by
// default): the WebAssembly bridge, the toolchain's wasm_exec.js (copied, never committed, so it
// always matches the compiler), the catalog and its descriptions, and the page. Every file gets
// .gz and .br siblings, compressed once at their best, for servers that serve precompressed
// files (cmd/webserve does; so do most static hosts). Beside the builder it writes the widget
// that embeds a live policy in other pages (iamforge-embed.js, with its stylesheet and the
// engine's vocabulary written into it), and the widget's demo pages (demo/).
//
//	go run ./cmd/webbuild [-out web/dist]
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/iamforge/iamforge/catalog/api"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webbuild:", err)
		os.Exit(1)
	}
}

// pages are the page's own files, copied from web/ with __VERSION__ (and __VOCABULARY__)
// replaced; so are its modules, every file matching modules.
var (
	pages   = []string{"index.html", "preload.js", "app.js", "iamforge.js", "engine-worker.js", "style.css", "favicon.svg", embedJS, embedCSS, serviceWorker}
	modules = "js/*.js"
	// demos are the widget's demo pages and their templates, copied as they are.
	demos = "demo"
)

// serviceWorker keeps the builder's files in the browser for offline and second visits; the
// build writes into it the names of the files it keeps (__PRECACHE__).
const serviceWorker = "sw.js"

// The embedded widget: one module, which gets its stylesheet and the engine's vocabulary
// written into it, so that it needs neither a request nor the engine to draw itself.
const (
	embedJS  = "iamforge-embed.js"
	embedCSS = "iamforge-embed.css"
)

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("webbuild", flag.ContinueOnError)
	out := fs.String("out", "web/dist", "the `DIR` to build into")
	src := fs.String("src", "web", "the `DIR` of the page's sources")
	minified := fs.Bool("minify", true, "minify the page's scripts and stylesheets (see minify.go); false serves them as written, for debugging")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{}

	wasmPath := filepath.Join(*out, "iamforge.wasm")
	// No inlining: it makes the .wasm compress about 12% smaller (1.42 → 1.26 MB brotli, measured)
	// for a few percent of speed that the builder does not notice.
	cmd := exec.Command("go", "build", "-trimpath", "-gcflags=all=-l", "-ldflags=-s -w", "-o", wasmPath, "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the wasm: %w", err)
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	// The same memory image in fewer data segments: 84 KB less brotli (see wasmdata.go).
	if wasm, err = mergeDataSegments(wasm, mergeGap); err != nil {
		return fmt.Errorf("merging the wasm's data segments: %w", err)
	}
	files["iamforge.wasm"] = wasm

	execJS, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		execJS, err = os.ReadFile(filepath.Join(runtime.GOROOT(), "misc", "wasm", "wasm_exec.js"))
	}
	if err != nil {
		return fmt.Errorf("the toolchain's wasm_exec.js: %w", err)
	}
	files["wasm_exec.js"] = execJS

	core, desc, prov := api.BuiltinFiles()
	files["catalog.bin"] = []byte(core)
	files["descriptions.bin"] = []byte(desc)
	files["provenance.json"] = prov

	// One version for the whole build, so that a page never mixes files of two builds.
	h := sha256.New()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write(files[n])
	}
	mods, err := filepath.Glob(filepath.Join(*src, filepath.FromSlash(modules)))
	if err != nil {
		return err
	}
	sort.Strings(mods)
	own := append([]string(nil), pages...)
	for _, m := range mods {
		rel, err := filepath.Rel(*src, m)
		if err != nil {
			return err
		}
		own = append(own, filepath.ToSlash(rel))
	}
	for _, p := range own {
		b, err := os.ReadFile(filepath.Join(*src, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		h.Write(b)
		files[p] = b
	}
	demoFiles, err := readTree(*src, demos)
	if err != nil {
		return err
	}
	for _, p := range sortedKeys(demoFiles) {
		h.Write([]byte(p))
		h.Write(demoFiles[p])
		files[p] = demoFiles[p]
	}
	// A module index.html does not preload waits for the module importing it to arrive: one
	// more round trip on the way to a usable page, which nothing else would notice.
	for _, p := range own[len(pages):] {
		if !bytes.Contains(files["index.html"], []byte(`<link rel="modulepreload" href="`+p+`?v=__VERSION__">`)) {
			return fmt.Errorf("index.html does not preload %s: add <link rel=\"modulepreload\" href=\"%s?v=__VERSION__\">", p, p)
		}
	}
	vocab, err := vocabulary()
	if err != nil {
		return err
	}
	h.Write(vocab)
	version := hex.EncodeToString(h.Sum(nil))[:12]
	// With minifying on, app.js is served with the modules of web/js/ in it (see bundle.go):
	// they leave the build, and the page no longer preloads them. The icon is written into the
	// page (a request fewer; CSP's img-src allows data:), and stays in the build for the demos.
	inlined := map[string]bool{}
	if *minified {
		code, inputs, err := bundle(*src, "app.js", []string{"iamforge.js"})
		if err != nil {
			return err
		}
		files["app.js"] = code
		var gone []string
		for _, in := range inputs {
			if in != "app.js" {
				inlined[in] = true
				gone = append(gone, in)
			}
		}
		files["index.html"] = dropPreloads(files["index.html"], gone)
		kept := own[:0:0]
		for _, p := range own {
			if inlined[p] {
				delete(files, p)
				continue
			}
			kept = append(kept, p)
		}
		own = kept
		icon := []byte("favicon.svg?v=__VERSION__")
		if !bytes.Contains(files["index.html"], icon) {
			return fmt.Errorf("index.html does not name %s", icon)
		}
		files["index.html"] = bytes.ReplaceAll(files["index.html"], icon, []byte(svgDataURI(files["favicon.svg"])))
		inlined["favicon.svg"] = true
	}
	for _, p := range own {
		files[p] = bytes.ReplaceAll(files[p], []byte("__VERSION__"), []byte(version))
		if p == embedJS {
			continue
		}
		files[p] = bytes.ReplaceAll(files[p], []byte("__VOCABULARY__"), vocab)
	}
	// Stylesheets are minified before the widget takes its own in, scripts after everything is
	// written into them.
	if err := minifyAll(files, append(own, "wasm_exec.js"), ".css", *minified); err != nil {
		return err
	}
	if err := minifyAll(files, own, ".html", *minified); err != nil {
		return err
	}
	if files[embedJS], err = inlineEmbed(files[embedJS], files[embedCSS], vocab); err != nil {
		return err
	}
	if files[serviceWorker], err = inlinePrecache(files[serviceWorker], files, inlined); err != nil {
		return err
	}
	scripts := slices.Concat(own, []string{"wasm_exec.js"})
	if *minified {
		scripts = slices.DeleteFunc(scripts, func(n string) bool { return n == "app.js" }) // minified as it was bundled
	}
	if err := minifyAll(files, scripts, ".js", *minified); err != nil {
		return err
	}

	var total, embed struct{ raw, gz, br int }
	names = names[:0]
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := files[n]
		path := filepath.Join(*out, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		gz, br := compress(b)
		if err := os.WriteFile(path+".gz", gz, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(path+".br", br, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-18s %9d bytes, %8d gzip, %8d brotli\n", n, len(b), len(gz), len(br))
		if embedNeeds[n] {
			embed.raw, embed.gz, embed.br = embed.raw+len(b), embed.gz+len(gz), embed.br+len(br)
		}
		if builderNeeds(n, inlined) {
			total.raw, total.gz, total.br = total.raw+len(b), total.gz+len(gz), total.br+len(br)
		}
	}
	fmt.Fprintf(stdout, "builder until usable (all but descriptions): %d bytes, %d gzip, %d brotli; version %s\n", total.raw, total.gz, total.br, version)
	fmt.Fprintf(stdout, "widget until it shows a policy (%s and the engine): %d bytes, %d gzip, %d brotli\n", embedJS, embed.raw, embed.gz, embed.br)
	return nil
}

// vocabulary is the engine's answer to its vocabulary operation, which the build writes into
// index.html (__VOCABULARY__): the page reads it there at start instead of asking the engine,
// whose first answer costs its first garbage collection on the way to a usable page. It is the
// same Go code's answer as the wasm's, so the two cannot differ (an end-to-end test checks it).
func vocabulary() ([]byte, error) {
	var res struct {
		Result      json.RawMessage            `json:"result"`
		Diagnostics []struct{ Message string } `json:"diagnostics"`
	}
	if err := json.Unmarshal(api.Call(nil, "vocabulary", []byte("{}")), &res); err != nil {
		return nil, fmt.Errorf("the vocabulary: %w", err)
	}
	if len(res.Result) == 0 || len(res.Diagnostics) > 0 {
		return nil, fmt.Errorf("the vocabulary: %v", res.Diagnostics)
	}
	// Inside <script>, "</script" or "<!--" would end or change the element: no "<" at all.
	return bytes.ReplaceAll(res.Result, []byte("<"), []byte(`\u003c`)), nil
}

func compress(b []byte) (gz, br []byte) {
	var g bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	var r bytes.Buffer
	bw := brotli.NewWriterOptions(&r, brotli.WriterOptions{Quality: 11, LGWin: 24})
	bw.Write(b)
	bw.Close()
	return g.Bytes(), r.Bytes()
}

// embedNeeds are the files a page with the widget fetches before its first policy shows (the
// widget leaves the descriptions out).
var embedNeeds = map[string]bool{embedJS: true, "iamforge.js": true, "wasm_exec.js": true, "iamforge.wasm": true, "catalog.bin": true}

// builderNeeds says whether the builder fetches a file before it is usable; inlined are the
// files it has inside others (the modules in app.js, the icon in index.html).
func builderNeeds(name string, inlined map[string]bool) bool {
	switch {
	case inlined[name]:
		return false
	case name == "descriptions.bin", name == "provenance.json", name == embedJS, name == embedCSS, name == serviceWorker:
		return false
	case strings.HasPrefix(name, demos+"/"):
		return false
	}
	return true
}

// inlinePrecache writes in place of the service worker's __PRECACHE__ the files it keeps: what
// the builder needs until usable, and the descriptions it loads after.
func inlinePrecache(sw []byte, files map[string][]byte, inlined map[string]bool) ([]byte, error) {
	var keep []string
	for _, n := range sortedKeys(files) {
		if builderNeeds(n, inlined) || n == "descriptions.bin" {
			keep = append(keep, n)
		}
	}
	list, err := json.Marshal(keep)
	if err != nil {
		return nil, err
	}
	const token = "__PRECACHE__"
	if bytes.Count(sw, []byte(token)) != 1 {
		return nil, fmt.Errorf("%s holds %s %d times, want once", serviceWorker, token, bytes.Count(sw, []byte(token)))
	}
	return bytes.Replace(sw, []byte(token), list, 1), nil
}

// inlineEmbed writes the stylesheet (as a string) and the vocabulary (as an object) in place of
// the widget's "__EMBED_CSS__" and "__VOCABULARY__". Both must be there: a widget without them
// would still work (it links the stylesheet, and knows the formats), only slower, and nobody
// would notice.
func inlineEmbed(js, css, vocab []byte) ([]byte, error) {
	cssLit, err := json.Marshal(string(css))
	if err != nil {
		return nil, err
	}
	// Of the vocabulary, the widget shows the formats, the size targets and the dependent-action
	// handling; the condition operators and the rest would be 8 KB of brotli for nothing.
	var all map[string]json.RawMessage
	if err := json.Unmarshal(vocab, &all); err != nil {
		return nil, fmt.Errorf("the vocabulary: %w", err)
	}
	part := map[string]json.RawMessage{}
	for _, k := range []string{"formats", "targets", "dependentActions"} {
		if all[k] == nil {
			return nil, fmt.Errorf("the vocabulary has no %q, which %s shows", k, embedJS)
		}
		part[k] = all[k]
	}
	if vocab, err = json.Marshal(part); err != nil {
		return nil, err
	}
	for _, r := range []struct{ token, with []byte }{
		{[]byte(`"__EMBED_CSS__"`), cssLit},
		{[]byte(`"__VOCABULARY__"`), vocab},
	} {
		if bytes.Count(js, r.token) != 1 {
			return nil, fmt.Errorf("%s holds %s %d times, want once", embedJS, r.token, bytes.Count(js, r.token))
		}
		js = bytes.Replace(js, r.token, r.with, 1)
	}
	return js, nil
}

// readTree reads every file under src/dir, keyed by its slash path relative to src; nothing
// when dir does not exist.
func readTree(src, dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	root := filepath.Join(src, dir)
	if _, err := os.Stat(root); os.IsNotExist(err) {
		return out, nil
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	return out, err
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
