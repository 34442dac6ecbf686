package expand_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// TestJSON checks that expanded statements, a map of maps, are written as encoding/json writes
// them, keys sorted.
func TestJSON(t *testing.T) {
	jsonxtest.Marshal(t, []expand.Expanded{{Path: "Statement[0]", Effect: "Allow", Actions: map[string]map[string][]string{
		"s3": {"Write": {"s3:PutObject"}, "Read": {"s3:GetObject", "s3:GetObjectAcl"}}, "ec2": {}, "iam": nil}, Count: 3}})
	jsonxtest.MarshalRandom(t, 1, 300, expand.Expanded{})
}
