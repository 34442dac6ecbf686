package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHighlightOperation: the page colours a policy from these tokens, so they must add up to
// the text, and mark as actions exactly the granted ones (and a minimized prefix* covering one),
// before any catalog is loaded.
func TestHighlightOperation(t *testing.T) {
	const policy = `{"Statement": [{"Action": ["s3:GetObject", "s3:List*", "kms:Decrypt"], "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}`
	tests := []struct {
		name    string
		granted []string
		want    []string // the actions marked, in order
	}{
		{"none granted", nil, nil},
		{"exact, any case", []string{"S3:getobject"}, []string{"s3:GetObject"}},
		{"a prefix covering one", []string{"s3:ListBucket"}, []string{"s3:List*"}},
		{"every one", []string{"s3:GetObject", "s3:ListBucket", "kms:Decrypt"}, []string{"s3:GetObject", "s3:List*", "kms:Decrypt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := json.Marshal(HighlightRequest{Text: policy, Format: "json", Actions: tt.granted})
			var res struct {
				Result      []Token
				Diagnostics []any
			}
			if err := json.Unmarshal(Call(nil, "highlight", req), &res); err != nil || len(res.Diagnostics) > 0 {
				t.Fatalf("highlight: %v %v", err, res.Diagnostics)
			}
			var text strings.Builder
			var marked []string
			for _, tk := range res.Result {
				text.WriteString(tk.Text)
				if tk.Kind == "action" {
					marked = append(marked, tk.Action)
				}
			}
			if text.String() != policy {
				t.Errorf("tokens add up to %q; want the policy", text.String())
			}
			if strings.Join(marked, " ") != strings.Join(tt.want, " ") {
				t.Errorf("marked %q; want %q", marked, tt.want)
			}
		})
	}
}
