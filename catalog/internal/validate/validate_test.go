package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
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

// The size is counted on the document as written: testdata/size-as-written.json is 5,931
// characters without white space, 6,215 once its single strings are wrapped in lists.
func TestSizeAsWritten(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "size-as-written.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, ds := policy.Parse("p.json", data, policy.Identity)
	ds = validate.Validate(cat, p, ds, validate.Options{Target: policy.Target{Name: "role-inline", Limit: 5930}})
	if len(ds) != 1 || ds[0].Code != diag.SizeOverLimit || !strings.Contains(ds[0].Message, "the policy is 5931 characters") {
		t.Errorf("Validate with a limit of 5930 = %v; want one size-over-limit of 5931 characters", ds)
	}
}
