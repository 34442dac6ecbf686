package writer_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// TestJSON checks that explanations are written as encoding/json writes them.
func TestJSON(t *testing.T) {
	jsonxtest.MarshalRandom(t, 1, 200, writer.Explanation{}, writer.Reason{}, writer.Result{})
}
