package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/iamforge/iamforge/catalog/internal/validate"
)

// Every testdata/<case>.json is validated as an identity policy against the built-in catalog,
// and its findings compared with testdata/<case>.golden. Each case holds what AWS's own managed
// policies do (Access Analyzer's verdict on them is the standard) and what they must not.
func TestGolden(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range testutil.Glob(t, filepath.Join("testdata", "*.json")) {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, ds := policy.Parse(filepath.ToSlash(file), data, policy.Identity)
			if p == nil {
				t.Fatalf("%s does not parse: %v", file, ds)
			}
			ds = validate.Validate(cat, p, ds, validate.Options{File: filepath.ToSlash(file)})
			var b strings.Builder
			if len(ds) == 0 {
				b.WriteString("no findings\n")
			}
			for _, d := range ds {
				b.WriteString(d.Error() + "\n")
			}
			testutil.Golden(t, filepath.Join("testdata", name+".golden"), []byte(b.String()))
		})
	}
}
