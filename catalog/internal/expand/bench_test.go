package expand_test

import (
	"io"
	"os"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/compact"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// notAction685 is the stand-in for SageMakerStudioProjectUserRolePermissionsBoundary: a Deny
// NotAction of 685 entries, the case `iamforge expand` is measured on (see
// catalog/cli/process_bench_test.go).
func notAction685(b *testing.B) *policy.Policy {
	data, err := os.ReadFile("../../../testdata/bench/notaction-685.json")
	if err != nil {
		b.Fatal(err)
	}
	p, ds := policy.Parse("notaction-685.json", data, policy.Identity)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	return p
}

// open opens the embedded catalog afresh, as each `iamforge` process does.
func open(b *testing.B) *catalog.Catalog {
	core, desc, _ := embedded.Files()
	c, err := compact.Open(core, desc)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkNotAction685 is the in-process part of `iamforge expand notaction-685.json`: opening
// the catalog, listing the statements' actions (List) and writing the table; then each step
// alone, and the full names the page and the other formats make (Expandeds).
func BenchmarkNotAction685(b *testing.B) {
	p := notAction685(b)
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			ls, _ := expand.List(open(b), p)
			if err := expand.WriteTable(io.Discard, ls); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			open(b)
		}
	})
	b.Run("list", func(b *testing.B) {
		c := open(b)
		for b.Loop() {
			expand.List(c, p)
		}
	})
	b.Run("table", func(b *testing.B) {
		ls, _ := expand.List(open(b), p)
		for b.Loop() {
			expand.WriteTable(io.Discard, ls)
		}
	})
	b.Run("names", func(b *testing.B) {
		ls, _ := expand.List(open(b), p)
		for b.Loop() {
			expand.Expandeds(ls)
		}
	})
}
