package main

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The page's scripts and stylesheets go out minified by esbuild: their comments (which document
// the code here, in web/) and whitespace are most of their bytes. Measured on the builder's
// files, brotli quality 11: the scripts 49,689 → 30,323 bytes, style.css 6,074 → 5,017, the
// builder until usable 1,228,729 → 1,208,429. Each file is minified on its own, as it is served:
// module imports and exports keep their names, and a classic script's top-level names stay as
// they are (esbuild renames only what is local). `webbuild -minify=false` serves them as written.

// minifyAll minifies those of names that end in ext, when on.
func minifyAll(files map[string][]byte, names []string, ext string, on bool) error {
	if !on {
		return nil
	}
	for _, n := range names {
		if path.Ext(n) != ext {
			continue
		}
		b, err := minify(n, files[n])
		if err != nil {
			return err
		}
		files[n] = b
	}
	return nil
}

// minify returns a page without its comment lines, a script or stylesheet minified, keeping a leading licence comment (the
// toolchain's wasm_exec.js has one); any other file as it is.
func minify(name string, src []byte) ([]byte, error) {
	var loader api.Loader
	switch path.Ext(name) {
	case ".html":
		return dropCommentLines(src), nil
	case ".js":
		loader = api.LoaderJS
	case ".css":
		loader = api.LoaderCSS
	default:
		return src, nil
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:            loader,
		Sourcefile:        name,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsInline,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("minifying %s: %s", name, esbuildError(res.Errors[0]))
	}
	return append(licence(src), res.Code...), nil
}

// esbuildError says what esbuild found wrong, and where: file:line:column, when it knows.
func esbuildError(m api.Message) string {
	if m.Location == nil {
		return m.Text
	}
	return fmt.Sprintf("%s:%d:%d: %s", m.Location.File, m.Location.Line, m.Location.Column, m.Text)
}

// licence is the run of // comment lines a file begins with, when they hold a copyright notice.
func licence(src []byte) []byte {
	end := 0
	for end < len(src) && bytes.HasPrefix(src[end:], []byte("//")) {
		nl := bytes.IndexByte(src[end:], '\n')
		if nl < 0 {
			end = len(src)
			break
		}
		end += nl + 1
	}
	if !bytes.Contains(bytes.ToLower(src[:end]), []byte("copyright")) {
		return nil
	}
	return src[:end]
}

// dropCommentLines removes the lines of a page that hold a comment and nothing else: notes for
// whoever reads web/index.html, which no browser needs.
func dropCommentLines(page []byte) []byte {
	var out []byte
	for line := range bytes.Lines(page) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("<!--")) && bytes.HasSuffix(t, []byte("-->")) && bytes.Count(t, []byte("-->")) == 1 {
			continue
		}
		out = append(out, line...)
	}
	return out
}

// svgDataURI is an SVG image as a data: URL to write in a double-quoted attribute: its
// whitespace runs made one space, its double quotes single, and what a URL or the attribute
// would read otherwise escaped.
func svgDataURI(svg []byte) string {
	s := strings.Join(strings.Fields(string(svg)), " ")
	s = strings.NewReplacer(`"`, "'", "%", "%25", "#", "%23", "<", "%3C", ">", "%3E", "&", "%26").Replace(s)
	return "data:image/svg+xml," + s
}
