package highlight

import (
	"strings"
	"testing"
)

func TestHighlightCoversEveryByte(t *testing.T) {
	inputs := map[string]string{
		"json":      "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [{\"Action\": [\"s3:GetObject\", \"s3:Get*\"], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": [\"true\"]}}}]\n}\n",
		"yaml":      "Version: \"2012-10-17\"\nStatement:\n  - Sid: S3\n    Action:\n      - s3:GetObject\n    Resource:\n      - '*'\n",
		"terraform": "data \"aws_iam_policy_document\" \"policy\" {\n  statement {\n    actions = [\"s3:GetObject\"]\n    # c\n    variable = \"aws:SourceIp\"\n  }\n}\n",
	}
	granted := func(a string) bool { return a == "s3:GetObject" || a == "s3:Get*" }
	for format, in := range inputs {
		toks := Highlight(in, format, granted)
		var b strings.Builder
		actions := 0
		for _, tk := range toks {
			b.WriteString(tk.Text)
			if tk.Kind == "action" {
				actions++
				if !granted(tk.Action) {
					t.Errorf("%s: %q marked as an action", format, tk.Action)
				}
			}
		}
		if b.String() != in {
			t.Errorf("%s: tokens do not add up to the input:\n%s", format, b.String())
		}
		if actions == 0 {
			t.Errorf("%s: no action found in %v", format, toks)
		}
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("{\"a\": [\"s3:Get*\", 1, true]}", "json")
	f.Add("a: 'b'\n- c: \"d\\\"\"\n# x", "yaml")
	f.Add("x = [\"y\"] # z", "terraform")
	f.Fuzz(func(t *testing.T, in, format string) {
		var b strings.Builder
		for _, tk := range Highlight(in, format, nil) {
			b.WriteString(tk.Text)
		}
		if b.String() != in {
			t.Fatalf("tokens do not add up to the input")
		}
	})
}
