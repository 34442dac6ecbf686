package writer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// Least privilege you can trust: what real templates and a side-by-side run with Policy Sentry
// found the writer getting wrong or leaving unsaid. Each case is a template, what its policy
// must grant (action on resource, "*" for every resource) or must not, and the diagnostics it
// must carry.

func write(t *testing.T, text string, opt writer.Options) (*writer.Result, diag.List) {
	t.Helper()
	tmpl, ds := template.Parse("t.yml", []byte(text))
	if tmpl == nil {
		t.Fatalf("template: %v", ds)
	}
	res := writer.Write(cat(t), tmpl, opt)
	return res, append(ds, res.Diagnostics...)
}

// grants lists "action on resource" for every action and resource of the policy.
func grants(p *policy.Policy) map[string]bool {
	out := map[string]bool{}
	for _, st := range p.Statement {
		for _, a := range st.Action {
			for _, r := range st.Resource {
				out[a+" on "+r] = true
			}
		}
	}
	return out
}

func findings(ds diag.List, code diag.Code) []string {
	var out []string
	for _, d := range ds {
		if d.Code == code {
			out = append(out, d.Message)
		}
	}
	return out
}

func TestTrust(t *testing.T) {
	const acct = "123456789012"
	tests := []struct {
		name     string
		text     string
		grant    []string               // "action on resource" that must be granted
		notGrant []string               // that must not be
		find     map[diag.Code][]string // per code, substrings one of its messages holds each
		none     []diag.Code            // codes that must not appear
	}{
		{
			name: "dependent actions come from every row of an action",
			text: "mode: crud\nwrite:\n- arn:aws:ec2:us-east-1:" + acct + ":vpc-endpoint/vpce-1\n- arn:aws:ec2:us-east-1:" + acct + ":instance/i-1\n- arn:aws:rds:us-east-1:" + acct + ":db:mydb\n",
			grant: []string{"ec2:DescribeSubnets on *", "ec2:DescribeVpcs on *", "ec2:DescribeSecurityGroups on *",
				"route53:AssociateVPCWithHostedZone on *", "ssm:GetParameters on *", "iam:PassRole on *"},
		},
		{
			name: "a dependent action that raises privilege is named, with what pulled it in",
			text: "mode: crud\nwrite:\n- arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab\n- arn:aws:dynamodb:us-east-1:" + acct + ":table/orders\n",
			grant: []string{"kms:PutKeyPolicy on arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms:CreateKey on *",
				"iam:CreateServiceLinkedRole on *", "dynamodb:GetItem on arn:aws:dynamodb:us-east-1:" + acct + ":table/orders"},
			find: map[diag.Code][]string{diag.DependentActionEscalates: {
				"kms:PutKeyPolicy is granted as a dependent action of kms:ReplicateKey", "Permissions management",
				"kms:CreateKey is granted", `on "*"`, "iam:CreateServiceLinkedRole is granted",
				"dynamodb:GetItem is granted", "dynamodb:Query is granted", "dynamodb:Scan is granted", "Read, a level not asked for",
				"exclude-actions: [kms:PutKeyPolicy]", "dependent-actions: none",
			}},
		},
		{
			name: "no escalation warning for what the template asks for itself or excludes",
			text: "mode: crud\nread:\n- arn:aws:dynamodb:us-east-1:" + acct + ":table/orders\nwrite:\n- arn:aws:dynamodb:us-east-1:" + acct + ":table/orders\nexclude-actions: ['kms:*', 'iam:*']\n",
			none: []diag.Code{diag.DependentActionEscalates},
		},
		{
			name:     "a wildcard ARN is granted as the type it is written as",
			text:     "mode: crud\nread:\n- arn:aws:s3:::acme-*\n- arn:aws:lambda:us-east-1:" + acct + ":function:x*\n",
			grant:    []string{"s3:GetBucketLocation on arn:aws:s3:::acme-*", "lambda:GetFunction on arn:aws:lambda:us-east-1:" + acct + ":function:x*"},
			notGrant: []string{"s3:GetObject on arn:aws:s3:::acme-*"},
			find:     map[diag.Code][]string{diag.WildcardCoversMore: {"arn:aws:s3:::acme-* is written as a s3 bucket", "object", "add arn:aws:s3:::acme-*/*", "function alias"}},
		},
		{
			name:  "a pattern written as an object is an object",
			text:  "mode: crud\nread:\n- arn:aws:s3:::acme-*/*\n- arn:aws:s3:::logs/app/*\n",
			grant: []string{"s3:GetObject on arn:aws:s3:::acme-*/*", "s3:GetObject on arn:aws:s3:::logs/app/*"},
			none:  []diag.Code{diag.WildcardCoversMore},
		},
		{
			name:  "actions mode fills placeholders and says what it cannot fill",
			text:  "mode: actions\npartition: aws\nregion: us-east-1\naccount: '" + acct + "'\nactions: [kms:Decrypt]\n",
			grant: []string{"kms:Decrypt on arn:aws:kms:us-east-1:" + acct + ":key/${KeyId}"},
			find:  map[diag.Code][]string{diag.UnfilledPlaceholder: {"${KeyId}"}},
		},
		{
			name: "exact actions on one ARN (actions-on), beside a level on it",
			text: "mode: crud\nread: [arn:aws:dynamodb:us-east-1:" + acct + ":table/orders]\nactions-on:\n  arn:aws:dynamodb:us-east-1:" + acct + ":table/orders: [dynamodb:PutItem, dynamodb:UpdateItem]\n",
			grant: []string{"dynamodb:PutItem on arn:aws:dynamodb:us-east-1:" + acct + ":table/orders", "dynamodb:UpdateItem on arn:aws:dynamodb:us-east-1:" + acct + ":table/orders",
				"dynamodb:GetItem on arn:aws:dynamodb:us-east-1:" + acct + ":table/orders"},
			notGrant: []string{"dynamodb:DeleteItem on arn:aws:dynamodb:us-east-1:" + acct + ":table/orders", "dynamodb:PutItem on *"},
		},
		{
			name:     "an action listed for an ARN it does not act on",
			text:     "mode: crud\nactions-on:\n  arn:aws:s3:::acme-bucket: [s3:GetObject, s3:ListBucket, kms:Decrypt]\n",
			grant:    []string{"s3:ListBucket on arn:aws:s3:::acme-bucket"},
			notGrant: []string{"s3:GetObject on arn:aws:s3:::acme-bucket", "kms:Decrypt on arn:aws:s3:::acme-bucket"},
			find: map[diag.Code][]string{diag.ActionNotOnResource: {"s3:GetObject does not act on arn:aws:s3:::acme-bucket, a s3 bucket: it takes s3 accesspointobject, object",
				"kms:Decrypt does not act on arn:aws:s3:::acme-bucket"}},
		},
		{
			name: "an action on \"*\" and on a resource is said",
			text: "mode: crud\nskip-resource-constraints: [kms:Decrypt]\nactions-on:\n  arn:aws:kms:us-east-1:" + acct + ":key/k1: [kms:Decrypt]\n",
			find: map[diag.Code][]string{diag.GrantedTwice: {"kms:Decrypt is granted on \"*\" (skip-resource-constraints) and on arn:aws:kms:us-east-1:" + acct + ":key/k1"}},
		},
		{
			name: "an ARN that can name no real resource is said",
			text: "mode: crud\nread:\n- arn:aws:dynamodb:us-east-1:12345678901x:table/orders\n- arn:aws:s3:::my bucket\n- arn:aws:s3:::ok/a key with spaces\n",
			find: map[diag.Code][]string{diag.UnlikelyValue: {"names the account \"12345678901x\"", "arn:aws:s3:::my bucket holds a space at character 16"}},
		},
		{
			name:     "excluding an action leaves out the dependent actions only it brought",
			text:     "mode: crud\nwrite: [arn:aws:ecr:us-east-1:" + acct + ":repository/app]\nexclude-actions: [ecr:CreateRepository]\n",
			notGrant: []string{"ecr:CreateRepository on arn:aws:ecr:us-east-1:" + acct + ":repository/app", "ecr:TagResource on arn:aws:ecr:us-east-1:" + acct + ":repository/app"},
		},
		{
			name: "a placeholder the options would fill is said too",
			text: "mode: actions\nactions: [kms:Decrypt]\n",
			find: map[diag.Code][]string{diag.UnfilledPlaceholder: {"${Partition}", "${Account}", "set partition, region and account"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := write(t, tt.text, writer.Options{})
			g := grants(res.Policy)
			for _, want := range tt.grant {
				if !g[want] {
					t.Errorf("not granted: %s", want)
				}
			}
			for _, bad := range tt.notGrant {
				if g[bad] {
					t.Errorf("granted, and should not be: %s", bad)
				}
			}
			for code, subs := range tt.find {
				all := strings.Join(findings(ds, code), "\n")
				for _, s := range subs {
					if !strings.Contains(all, s) {
						t.Errorf("no %s finding says %q; they say:\n%s", code, s, all)
					}
				}
			}
			for _, code := range tt.none {
				if f := findings(ds, code); len(f) > 0 {
					t.Errorf("unexpected %s: %v", code, f)
				}
			}
		})
	}
}

// TestExplainBounded: explanations grow with the policy, not with ARNs × actions. 2,000 bucket
// ARNs under read give as many reasons as one does, each counting the ARNs.
func TestExplainBounded(t *testing.T) {
	reasons := func(n int) (int, int) {
		var b strings.Builder
		b.WriteString("mode: crud\nread:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "- arn:aws:s3:::bucket-%d\n", i)
		}
		res, _ := write(t, b.String(), writer.Options{Explain: true})
		total, count := 0, 0
		for _, e := range res.Explanations {
			total += len(e.Reasons)
			for _, r := range e.Reasons {
				count = max(count, r.Count)
			}
		}
		return total, count
	}
	one, _ := reasons(1)
	many, count := reasons(2000)
	if one == 0 || many != one {
		t.Errorf("reasons for 1 ARN: %d, for 2,000: %d; want the same", one, many)
	}
	if count != 2000 {
		t.Errorf("the largest count of ARNs in a reason is %d; want 2000", count)
	}
}

// TestInvisible: an ARN or action holding a character nobody can see is an error where it was
// written, and is not granted; other non-ASCII in an ARN is a warning where the service's names
// are ASCII, and none in an S3 object key.
func TestInvisible(t *testing.T) {
	text := "mode: crud\nread:\n- \"arn:aws:s3:::my\\u200bbucket\"\n- arn:aws:s3:::ok\n- arn:aws:s3:::bücket\n- arn:aws:s3:::ok/ünïcode-key\n" +
		"skip-resource-constraints: [\"s3:Get\\u202eObject\", \"kms:Decrypt\\u00ad\"]\n"
	res, ds := write(t, text, writer.Options{})
	inv := findings(ds, diag.InvisibleCharacter)
	if len(inv) != 3 || !strings.Contains(strings.Join(inv, "\n"), "zero-width space (U+200B) at character 16") ||
		!strings.Contains(strings.Join(inv, "\n"), "bidirectional override (U+202E)") || !strings.Contains(strings.Join(inv, "\n"), "soft hyphen (U+00AD)") {
		t.Errorf("invisible-character findings: %q", inv)
	}
	for _, d := range ds {
		if d.Code == diag.InvisibleCharacter && (d.Location == nil || d.Location.Line == 0) {
			t.Errorf("%s has no line: %v", d.Code, d.Location)
		}
	}
	na := findings(ds, diag.NonASCIIARN)
	if len(na) != 1 || !strings.Contains(na[0], "bücket") {
		t.Errorf("non-ascii-arn findings: %q; want one, for the bucket", na)
	}
	out := string(res.Policy.JSON("    "))
	if strings.Contains(out, "\u200b") || strings.Contains(out, "\u202e") || strings.Contains(out, "\u00ad") || strings.Contains(out, "s3:GetObject\"") && strings.Contains(out, "SkipResourceConstraints") {
		t.Errorf("the policy holds what was refused:\n%s", out)
	}
}
