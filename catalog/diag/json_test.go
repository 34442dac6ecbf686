package diag_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// TestJSON checks that the diagnostics every operation returns are written as encoding/json
// writes them, for their json tags.
func TestJSON(t *testing.T) {
	i := 0
	jsonxtest.Marshal(t, diag.List{diag.Errorf("unknown-action", &diag.Location{File: "t.yml", Line: 3, Column: 5, Key: "read", Index: &i},
		"no action %q <here>", "s3:Get\u2028Object")})
	jsonxtest.MarshalRandom(t, 1, 200, diag.Diagnostic{}, diag.List{}, &diag.Location{})
}
