package api

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

// ExpandTo writes what Expand holds in Output, with the same findings, in every format; for an
// unreadable policy or an unknown format it writes nothing.
func TestExpandToWritesExpandsOutput(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	big, err := os.ReadFile("../../testdata/bench/notaction-685.json")
	if err != nil {
		t.Fatal(err)
	}
	policies := map[string]string{
		"notaction-685": string(big),
		"unknown":       `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:Get*", "s3:NoSuch"], "Resource": "*"}}`,
		"invalid":       `{"Version": `,
	}
	for name, pol := range policies {
		for _, format := range []string{"", "table", "json", "policy", "yaml"} {
			r := PolicyRequest{Policy: pol, File: name, Format: format}
			want, wantDs := Expand(cat, r)
			var b strings.Builder
			ok, gotDs := ExpandTo(&b, cat, r)
			if !reflect.DeepEqual(gotDs, wantDs) {
				t.Errorf("%s, format %q: ExpandTo found %v; Expand %v", name, format, gotDs, wantDs)
			}
			if ok != (want != nil) {
				t.Fatalf("%s, format %q: ExpandTo = %v; Expand = %v", name, format, ok, want)
			}
			if want == nil {
				if b.Len() > 0 {
					t.Errorf("%s, format %q: ExpandTo wrote %.100q with no result", name, format, b.String())
				}
				if format == "yaml" && name != "invalid" && !gotDs.Has(diag.BadRequest) {
					t.Errorf("%s, format %q: no %s finding", name, format, diag.BadRequest)
				}
				continue
			}
			if b.String() != want.Output {
				t.Errorf("%s, format %q: ExpandTo wrote %d bytes, not Expand's %d", name, format, b.Len(), len(want.Output))
			}
		}
	}
}
