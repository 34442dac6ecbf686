// Command mkassets lays out the Worker's static assets: the built builder (web/dist) without
// its .br/.gz siblings, which Workers static assets cannot serve as encodings (Cloudflare
// compresses assets itself), and a _headers file with the builder's CSP and cache rules.
//
//	go run ./cmd/worker/internal/mkassets [-src web/dist] [-out cmd/worker/build/assets]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamforge/iamforge/cmd/worker/internal/links"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkassets:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mkassets", flag.ContinueOnError)
	src := fs.String("src", "web/dist", "the built builder `DIR` (make web)")
	out := fs.String("out", "cmd/worker/build/assets", "the assets `DIR` to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*src, "index.html")); err != nil {
		return fmt.Errorf("%s has no index.html: build it first (make web)", *src)
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	// Every file of the build, in its folders too (the page's modules are in js/, the
	// widget's demo pages in demo/): a page that cannot load a module is a broken page.
	var files []string
	total := 0
	err := filepath.WalkDir(*src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n := d.Name()
		if path != *src && (strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || strings.HasSuffix(n, ".br") || strings.HasSuffix(n, ".gz") {
			return nil
		}
		rel, err := filepath.Rel(*src, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(*out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
		files = append(files, rel)
		total += len(b)
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "_headers"), []byte(links.AssetHeaders(files)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "assets: %d files, %d bytes, in %s\n", len(files), total, *out)
	return nil
}
