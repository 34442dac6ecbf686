package api

import (
	"bytes"
	"fmt"
	"strings"

	"encoding/json"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// renderOptions say how a written policy is printed.
type renderOptions struct {
	Format string // json (default), yaml, terraform, cloudformation
	// PolicySentry prints terraform as Policy Sentry does: {"policy": "<json>"}.
	PolicySentry bool
	Compact      bool
	// Explain wraps JSON output as {"policy", "diagnostics", "explanations", "size", "limit", "target"}.
	Explain       bool
	TerraformName string
}

// checkFormat reports whether a policy format is one of the vocabulary's (or "cfn", the
// CLI's short name for cloudformation).
func checkFormat(f string) error {
	if f == "" || f == "cfn" {
		return nil
	}
	for _, x := range formats {
		if x.Name == f {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want json, yaml, terraform or cloudformation)", f)
}

// renderWrite prints a written policy (its parts, when split) the way `iamforge write` does.
func renderWrite(res *writer.Result, o renderOptions) ([]byte, error) {
	if len(res.Policy.Statement) == 0 {
		return nil, nil
	}
	parts := res.Policies
	name := o.TerraformName
	if name == "" {
		name = "policy"
	}
	var b bytes.Buffer
	switch o.Format {
	case "", "json":
		if o.Explain {
			env := explained{Diagnostics: res.Diagnostics, Explanations: res.Explanations, Size: res.Size, Limit: res.Limit, Target: res.Target}
			if env.Diagnostics == nil {
				env.Diagnostics = diag.List{}
			}
			env.Policy = policiesJSON(parts)
			return indent(env), nil
		}
		if len(parts) > 1 {
			return indent(policiesJSON(parts)), nil
		}
		if o.Compact {
			return append(parts[0].JSON(""), '\n'), nil
		}
		return parts[0].JSON("    "), nil
	case "yaml":
		for i, p := range parts {
			if i > 0 {
				b.WriteString("---\n")
			}
			b.Write(p.YAML())
		}
	case "terraform":
		for i, p := range parts {
			if o.PolicySentry {
				b.Write(p.TerraformPolicySentry())
				continue
			}
			n := name
			if len(parts) > 1 {
				n = fmt.Sprintf("%s_%d", name, i+1)
			}
			if i > 0 {
				b.WriteByte('\n')
			}
			b.Write(p.Terraform(n))
		}
	case "cloudformation", "cfn":
		for i, p := range parts {
			if i > 0 {
				b.WriteString("---\n")
			}
			b.Write(p.CloudFormation())
		}
	default:
		return nil, checkFormat(o.Format)
	}
	return b.Bytes(), nil
}

// policiesJSON is one policy, or the list of parts, as raw JSON values.
func policiesJSON(parts []*policy.Policy) any {
	if len(parts) == 1 {
		return rawJSON(parts[0].JSON(""))
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = rawJSON(p.JSON(""))
	}
	return out
}

// explained is `iamforge write --format json --explain`'s output.
type explained struct {
	Policy       any                  `json:"policy"`
	Diagnostics  diag.List            `json:"diagnostics"`
	Explanations []writer.Explanation `json:"explanations"`
	Size         int                  `json:"size"`
	Limit        int                  `json:"limit"`
	Target       string               `json:"target"`
}

// RenderFailure is `--format json --explain`'s output for a request with errors: no policy
// (null), every diagnostic, no explanations.
func RenderFailure(ds diag.List) []byte {
	if ds == nil {
		ds = diag.List{}
	}
	return indent(explained{Diagnostics: ds, Explanations: []writer.Explanation{}})
}

// rawJSON is JSON text that goes into a response as it is.
type rawJSON = json.RawMessage

// ExplainText prints explanations for people, as `iamforge write --explain` does on stderr.
func ExplainText(ex []writer.Explanation) string {
	var b strings.Builder
	for _, x := range ex {
		fmt.Fprintf(&b, "%s (%s, in %s): %s\n", x.Action, x.AccessLevel, strings.Join(x.Sids, ", "), x.Description)
		for _, r := range x.Reasons {
			fmt.Fprintf(&b, "    because %s\n", r.Text)
		}
	}
	return b.String()
}
