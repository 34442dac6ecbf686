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
	entries, err := os.ReadDir(*src)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var files []string
	total := 0
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasSuffix(n, ".br") || strings.HasSuffix(n, ".gz") || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(*src, n))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, n), b, 0o644); err != nil {
			return err
		}
		files = append(files, n)
		total += len(b)
	}
	if err := os.WriteFile(filepath.Join(*out, "_headers"), []byte(links.AssetHeaders(files)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "assets: %d files, %d bytes, in %s\n", len(files), total, *out)
	return nil
}
