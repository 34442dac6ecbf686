package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The builder's page is two modules in the build: app.js with every module of web/js/ it imports
// bundled into it by esbuild and minified, and iamforge.js, which stays a module of its own
// because every caller on a page that imports it must get the one engine worker (an end-to-end
// test holds that). Measured against the same modules minified one by one, brotli quality 11:
// app.js and web/js/ 24,379 → 17,672 bytes, and 15 requests fewer before the page is usable.
// The modules of web/js/ are not served at all.

// bundle returns the entry module (a path under src) bundled with what it imports, minified,
// and the modules bundled into it, as paths under src. Imports of the modules named in shared
// (paths under src) stay imports, their paths made relative to the entry's folder.
func bundle(src, entry string, shared []string) (code []byte, inputs []string, err error) {
	dir, err := filepath.Abs(src)
	if err != nil {
		return nil, nil, err
	}
	keep := api.Plugin{Name: "shared", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			p, query, _ := strings.Cut(a.Path, "?")
			rel, err := filepath.Rel(dir, filepath.Join(a.ResolveDir, p))
			if err != nil || !slices.Contains(shared, filepath.ToSlash(rel)) || a.Kind == api.ResolveEntryPoint {
				return api.OnResolveResult{}, nil // esbuild resolves it
			}
			out, err := filepath.Rel(filepath.Dir(filepath.Join(dir, entry)), filepath.Join(dir, rel))
			if err != nil {
				return api.OnResolveResult{}, err
			}
			if query != "" {
				query = "?" + query
			}
			return api.OnResolveResult{Path: "./" + filepath.ToSlash(out) + query, External: true}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		Plugins:           []api.Plugin{keep},
		AbsWorkingDir:     dir,
		EntryPoints:       []string{entry},
		Outfile:           entry,
		Bundle:            true,
		Format:            api.FormatESModule,
		Write:             false,
		Metafile:          true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsInline,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, nil, fmt.Errorf("bundling %s: %s", entry, esbuildError(res.Errors[0]))
	}
	if len(res.OutputFiles) != 1 {
		return nil, nil, fmt.Errorf("bundling %s: %d output files, want 1", entry, len(res.OutputFiles))
	}
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return nil, nil, fmt.Errorf("bundling %s: the metafile: %w", entry, err)
	}
	for in := range meta.Inputs {
		in, _, _ = strings.Cut(in, "?") // the build version, ?v=__VERSION__
		inputs = append(inputs, filepath.ToSlash(in))
	}
	sort.Strings(inputs)
	return res.OutputFiles[0].Contents, inputs, nil
}

// dropPreloads removes from a page its <link rel="modulepreload"> of each of modules (written as
// index.html writes them, with ?v=__VERSION__), whose code a bundle now holds.
func dropPreloads(page []byte, modules []string) []byte {
	for _, m := range modules {
		page = bytes.Replace(page, []byte(`<link rel="modulepreload" href="`+m+`?v=__VERSION__">`+"\n"), nil, 1)
	}
	return page
}
