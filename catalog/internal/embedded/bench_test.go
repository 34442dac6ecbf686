package embedded_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/compact"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

func open(b *testing.B) *catalog.Catalog {
	core, desc, _ := embedded.Files()
	c, err := compact.Open(core, desc)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkReady is the catalog's start-up: from embedded bytes to answering a lookup in one
// service.
func BenchmarkReady(b *testing.B) {
	for b.Loop() {
		c := open(b)
		if _, err := c.Action("s3:GetObject"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAll decodes every service, descriptions included.
func BenchmarkDecodeAll(b *testing.B) {
	for b.Loop() {
		if _, err := open(b).AllServices(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	c := open(b)
	names := []string{"s3:GetObject", "ec2:RunInstances", "iam:PassRole", "kms:Decrypt", "dynamodb:Query"}
	for _, n := range names {
		if _, err := c.Action(n); err != nil {
			b.Fatal(err)
		}
	}
	i := 0
	for b.Loop() {
		if _, err := c.Action(names[i%len(names)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkExpandAll(b *testing.B) {
	c := open(b)
	for b.Loop() {
		acts, err := c.Expand("*:*")
		if err != nil || len(acts) < 20000 {
			b.Fatal(err, len(acts))
		}
	}
}

// BenchmarkSearch is one search-as-you-type keystroke over every action name and description,
// once the index is built (BenchmarkSearchIndex).
func BenchmarkSearch(b *testing.B) {
	benchKeystrokes(b, open(b))
}

// BenchmarkSearchScan is a keystroke before the index is built, in a catalog without
// descriptions (the page's, as it becomes usable): the actions' names are scanned.
func BenchmarkSearchScan(b *testing.B) {
	core, _, _ := embedded.Files()
	c, err := compact.Open(core, "")
	if err != nil {
		b.Fatal(err)
	}
	benchKeystrokes(b, c)
}

// benchKeystrokes searches c for the queries of a few typed words in turn, after a first search
// that readies it.
func benchKeystrokes(b *testing.B, c *catalog.Catalog) {
	queries := []string{"d", "de", "decrypt", "get bucket", "s3:getob", "put object acl", "assume role", "list tags for resource"}
	if _, err := c.Search("warm", 5); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := c.Search(queries[i%len(queries)], 20); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSearchFirst is the first keystroke in a catalog without descriptions: the names are
// listed and lower-cased, and then scanned.
func BenchmarkSearchFirst(b *testing.B) {
	core, _, _ := embedded.Files()
	for b.Loop() {
		c, err := compact.Open(core, "")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Search("d", 20); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchIndex(b *testing.B) {
	for b.Loop() {
		c := open(b)
		if _, err := c.Search("x", 1); err != nil {
			b.Fatal(err)
		}
	}
}
