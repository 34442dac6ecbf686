package api

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
)

// TestImportPolicy: an existing policy becomes builder state that grants no more than it did,
// wildcards spelled out, and what the builder cannot hold is said.
func TestImportPolicy(t *testing.T) {
	cat := builtin(t)
	const pol = `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "Reads", "Effect": "Allow", "Action": ["s3:Get*", "s3:ListBucket"], "Resource": ["arn:aws:s3:::acme", "arn:aws:s3:::acme/*"]},
	  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"},
	  {"Sid": "Tagged", "Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}},
	  {"Sid": "Everything", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
	]}`
	res, ds := ImportPolicy(cat, PolicyRequest{Policy: pol, File: "p.json"})
	if res == nil {
		t.Fatalf("no state: %v", ds)
	}
	s := res.State
	if len(s.Resources) != 2 || s.Resources[0].ARN != "arn:aws:s3:::acme" || s.Resources[1].ARN != "arn:aws:s3:::acme/*" {
		t.Fatalf("rows %+v; want the bucket and its objects", s.Resources)
	}
	bucket, objects := s.Resources[0].Actions, s.Resources[1].Actions
	if !slices.Contains(bucket, "s3:ListBucket") || !slices.Contains(bucket, "s3:GetBucketPolicy") || slices.Contains(bucket, "s3:GetObject") {
		t.Errorf("bucket actions %v: want ListBucket and the Get* that act on buckets, not GetObject", bucket)
	}
	if !slices.Contains(objects, "s3:GetObject") || slices.Contains(objects, "s3:ListBucket") {
		t.Errorf("object actions %v: want GetObject, not ListBucket", objects)
	}
	if !slices.Contains(s.Skip, "kms:Decrypt") || !slices.Contains(s.Skip, "ec2:StartInstances") {
		t.Errorf("actions on *: %v", s.Skip)
	}
	if len(res.Expanded) != 1 || res.Expanded[0].Pattern != "s3:Get*" || len(res.Expanded[0].Actions) < 20 {
		t.Errorf("expanded %+v; want s3:Get* and its actions", res.Expanded)
	}
	var said []string
	for _, d := range ds {
		if d.Code == diag.NotImported || d.Code == diag.WildcardExpanded {
			said = append(said, d.Message)
			if d.Location == nil || d.Location.Line == 0 {
				t.Errorf("%s is not located in the policy: %v", d.Code, d.Location)
			}
		}
	}
	all := strings.Join(said, "\n")
	for _, want := range []string{"s3:Get* in statement 1 (\"Reads\") grants", "statement 3 (\"Tagged\") has a condition of its own", "statement 4 (\"Everything\") uses NotAction"} {
		if !strings.Contains(all, want) {
			t.Errorf("the import does not say %q; it says:\n%s", want, all)
		}
	}

	// The state writes a policy, through the one validator, that grants no more than the
	// original on the resources it names.
	b, _ := json.Marshal(s)
	w := call(t, cat, "write", map[string]any{"state": json.RawMessage(b)})
	if w.Diagnostics.HasErrors() || w.Result == nil {
		t.Fatalf("writing the imported state: %v", w.Diagnostics)
	}
	out := output(t, w)
	if strings.Contains(out, "s3:Get*") || !strings.Contains(out, "s3:GetObject") {
		t.Errorf("the written policy should spell actions out:\n%s", out)
	}
	// Every grant of the written policy is one the original made.
	orig := call(t, cat, "expand", map[string]any{"policy": pol, "format": "json"})
	written := call(t, cat, "expand", map[string]any{"policy": out, "format": "json"})
	granted := func(r response) map[string]bool {
		var ex ExpandResult
		if err := json.Unmarshal(r.Result, &ex); err != nil {
			t.Fatal(err)
		}
		g := map[string]bool{}
		for _, st := range ex.Statements {
			if st.NotAction || st.Effect != "Allow" {
				continue
			}
			for _, lv := range st.Actions {
				for _, names := range lv {
					for _, n := range names {
						for _, res := range st.Resource {
							g[n+" on "+res] = true
						}
					}
				}
			}
		}
		return g
	}
	og := granted(orig)
	for g := range granted(written) {
		if !og[g] {
			t.Errorf("the imported state grants %s, which the policy did not", g)
		}
	}
}

// TestImportPolicyWords: the import's messages name a statement by its Sid or by its number as
// people count, never by its JSON path, which the page would show as it is ("statement
// Statement[0]'s actions").
func TestImportPolicyWords(t *testing.T) {
	cat := builtin(t)
	const pol = `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"},
	  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::acme"},
	  {"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
	  {"Sid": "Wide", "Effect": "Allow", "Action": "kms:Describe*", "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"}
	]}`
	_, ds := ImportPolicy(cat, PolicyRequest{Policy: pol, File: "p.json"})
	var all []string
	for _, d := range ds {
		all = append(all, d.Message)
		if strings.Contains(d.Message, "Statement[") || strings.Contains(d.Message, "Statement.") {
			t.Errorf("%s names a statement by its path: %s", d.Code, d.Message)
		}
	}
	said := strings.Join(all, "\n")
	for _, want := range []string{
		"s3:GetObject of statement 2 does not act on arn:aws:s3:::acme, so it grants nothing there",
		"2 actions of statement 4 (\"Wide\") do not act on arn:aws:sqs:us-east-1:123456789012:jobs (kms:DescribeCustomKeyStores, kms:DescribeKey), so they grant nothing there",
		"statement 3 denies",
		"kms:Describe* in statement 4 (\"Wide\") grants",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the import does not say %q; it says:\n%s", want, said)
		}
	}
}

// TestActionsForARN: a row offers the actions that act on what its ARN is, by level.
func TestActionsForARN(t *testing.T) {
	cat := builtin(t)
	res, ds := ActionsForARN(cat, "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
	if res == nil {
		t.Fatal(ds)
	}
	names := map[string]string{}
	for _, a := range res.Actions {
		names[a.Action] = a.AccessLevel
	}
	if names["dynamodb:PutItem"] != "Write" || names["dynamodb:GetItem"] != "Read" || names["s3:GetObject"] != "" {
		t.Errorf("actions of a table: %v", names)
	}
	if len(res.Levels) == 0 || res.Levels[0].Slug != "list" && res.Levels[0].Slug != "read" {
		t.Errorf("levels %+v; want AWS's order", res.Levels)
	}
	if res, _ := ActionsForARN(cat, "arn:aws:s3:::acme-*"); res == nil || len(res.ResourceTypes) != 1 || res.ResourceTypes[0] != "bucket" {
		t.Errorf("a wildcard bucket ARN offers the actions of what it is written as: %+v", res)
	}
	if res, ds := ActionsForARN(cat, "not-an-arn"); res != nil || !ds.HasErrors() {
		t.Errorf("not an ARN: %+v %v", res, ds)
	}
}
