package generate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

// The committed catalog is exactly what the generator makes from the pinned upstream releases
// (installed by `npm ci` into node_modules; `make test` installs them first).
func TestGeneratedCatalogIsCommitted(t *testing.T) {
	root := filepath.Join("..", "..")
	up := filepath.Join(root, "node_modules", "@cloud-copilot", "iam-data")
	deps := filepath.Join(root, "node_modules", "iam-data-dependent-actions")
	if _, err := os.Stat(up); err != nil {
		if os.Getenv("IAMFORGE_REQUIRE_UPSTREAM") != "" {
			t.Fatalf("the pinned upstream is not installed (%v): run npm ci", err)
		}
		t.Skipf("the pinned upstream is not installed (%v): run npm ci, or make test", err)
	}
	out, err := Generate(up, deps)
	if err != nil {
		t.Fatal(err)
	}
	core, desc, prov := embedded.Files()
	if !bytes.Equal(out.Core, []byte(core)) {
		t.Error("catalog/internal/embedded/catalog.bin differs from the generator's output: run make catalog")
	}
	if !bytes.Equal(out.Descriptions, []byte(desc)) {
		t.Error("catalog/internal/embedded/descriptions.bin differs from the generator's output: run make catalog")
	}
	if !bytes.Equal(out.Provenance, prov) {
		t.Errorf("catalog/internal/embedded/provenance.json differs from the generator's output: run make catalog\ngot:\n%s", out.Provenance)
	}
}
