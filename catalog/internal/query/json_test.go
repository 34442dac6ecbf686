package query

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// TestJSONTypes checks that what queries print is written as encoding/json writes it, for the
// json tags.
func TestJSONTypes(t *testing.T) {
	jsonxtest.MarshalRandom(t, 1, 200, ActionJSON{}, []ActionJSON{}, ActionResource{}, ResourceTypeJSON{}, ConditionJSON{},
		ServiceJSON{}, Request{}, Result{})
}
