package expand_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// An entry the grammar rejects matches nothing, in Action and NotAction alike, and the only
// finding on it is the grammar's: "*:Describe*" grants nothing (validate and expand agree), and
// " sqs:SendMessage" is neither granted in Action nor excluded in NotAction.
func TestInvalidEntriesMatchNothing(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	all, err := cat.Expand("*")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, actions string
		granted       []string // for Action
		excluded      []string // for NotAction
	}{
		{"service wildcard", `"*:Describe*"`, nil, nil},
		{"service wildcard in a list", `["*:List*", "sqs:ListQueues"]`, []string{"sqs:ListQueues"}, []string{"sqs:ListQueues"}},
		{"question mark in the service", `"s?s:GetQueueUrl"`, nil, nil},
		{"leading space", `[" sqs:SendMessage", "sqs:DeleteMessage"]`, []string{"sqs:DeleteMessage"}, []string{"sqs:DeleteMessage"}},
		{"trailing space", `["sqs:Receive* ", "sqs:DeleteMessage"]`, []string{"sqs:DeleteMessage"}, []string{"sqs:DeleteMessage"}},
		{"upper-case service works", `"SQS:SendMessage"`, []string{"sqs:SendMessage"}, []string{"sqs:SendMessage"}},
		{"no colon", `"SendMessage"`, nil, nil},
	}
	for _, tt := range tests {
		for _, elem := range []string{"Action", "NotAction"} {
			text := `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "` + elem + `": ` + tt.actions + `, "Resource": "*"}}`
			p, grammar := policy.Parse("p.json", []byte(text), policy.Identity)
			ex, ds := expand.Expand(cat, p)
			if len(ds) > 0 {
				t.Errorf("%s in %s: Expand reported %v; want nothing beyond the grammar's %v", tt.name, elem, ds, grammar)
			}
			got := ex[0].Names
			if elem == "Action" {
				if !slices.Equal(got, tt.granted) {
					t.Errorf("%s in Action: granted %d actions %s; want %v", tt.name, len(got), short(got), tt.granted)
				}
				continue
			}
			if len(got) != len(all)-len(tt.excluded) {
				t.Errorf("%s in NotAction: %d actions left; want %d (all but %v)", tt.name, len(got), len(all)-len(tt.excluded), tt.excluded)
			}
			for _, x := range tt.excluded {
				if slices.Contains(got, x) {
					t.Errorf("%s in NotAction: %s is not excluded", tt.name, x)
				}
			}
		}
	}
}

// Each action entry gets one finding: the grammar's when it is malformed, the catalog's when it
// is well formed but unknown (the note on its upper-case service prefix goes), at the element
// itself when it is one string.
func TestOneFindingPerEntry(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ actions, want string }{
		{`"s3:GetObjekt"`, "Statement.Action unknown-action"},
		{`"GetObject"`, "Statement.Action invalid-action"},
		{`"S3:GetObjekt"`, "Statement.Action unknown-action"},
		{`"S4:GetObject"`, "Statement.Action unknown-service"},
		{`["s3:GetObjekt"]`, "Statement.Action[0] unknown-action"},
		{`["s3:", "S3:GetObject"]`, "Statement.Action[0] invalid-action, Statement.Action[1] action-service-case"},
	}
	for _, tt := range tests {
		text := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ` + tt.actions + `, "Resource": "*"}}`
		p, ds := policy.Parse("p.json", []byte(text), policy.Identity)
		_, eds := expand.Expand(cat, p)
		p.Locate(eds, "p.json")
		var got []string
		for _, d := range expand.Dedupe(append(ds, eds...)) {
			got = append(got, d.Location.Key+" "+string(d.Code))
		}
		if g := strings.Join(got, ", "); g != tt.want {
			t.Errorf("Action %s: findings %q; want %q", tt.actions, g, tt.want)
		}
	}
}

// short is a list for a failure message: at most its first five entries.
func short(names []string) string {
	if len(names) <= 5 {
		return fmt.Sprint(names)
	}
	return fmt.Sprint(names[:5]) + " and more"
}
