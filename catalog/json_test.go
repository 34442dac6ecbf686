package catalog_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// TestJSON checks that the catalog's JSON types are written as encoding/json writes them, and
// that the provenance record is read as json.Unmarshal reads it.
func TestJSON(t *testing.T) {
	jsonxtest.MarshalRandom(t, 1, 200, catalog.Info{}, &catalog.Info{}, catalog.Source{}, catalog.ServiceInfo{},
		catalog.ARNMatch{}, catalog.TypeRef{}, catalog.Scenario{}, catalog.ScenarioResource{})
	jsonxtest.ProbeDecode(t, 2, 300, jsonxtest.Whole, catalog.Info{})
}
