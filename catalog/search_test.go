package catalog_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
)

// TestSearchRules pins the ranking rules on a small catalog, apart from what the real one holds:
// an exact action name first; then a word that is a whole service prefix, over name words and
// name prefixes; among equal hits, a commonly used service first, then the shorter name.
func TestSearchRules(t *testing.T) {
	mk := func(prefix string, names ...string) *catalog.Service {
		s := &catalog.Service{Prefix: prefix, Name: prefix}
		for _, n := range names {
			s.Actions = append(s.Actions, &catalog.Action{Service: prefix, Name: n, AccessLevel: catalog.Write})
		}
		return s
	}
	cat := catalog.New([]*catalog.Service{
		mk("ec2", "CreateFlowLogs", "DescribeFlowLogs"),
		mk("logs", "Link", "PutLogEvents", "CreateLogGroup"),
		mk("q", "SendMessage"),
		mk("sqs", "SendMessage", "ReceiveMessage"),
		mk("zz", "Logs", "SendMessages"),
	}, catalog.Info{})
	tests := []struct {
		query string
		want  []string
	}{
		// zz:Logs is named exactly what was typed; the logs service comes next, before the
		// actions with Logs in their names.
		{"logs", []string{"zz:Logs", "logs:Link", "logs:PutLogEvents", "logs:CreateLogGroup", "ec2:CreateFlowLogs", "ec2:DescribeFlowLogs"}},
		// sqs is a common service, q is not: sqs first, though q's name is shorter.
		{"sendmessage", []string{"sqs:SendMessage", "q:SendMessage", "zz:SendMessages"}},
		{"sqs", []string{"sqs:SendMessage", "sqs:ReceiveMessage"}},
	}
	for _, tt := range tests {
		hits, err := cat.Search(tt.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Action.FullName())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q) = %v; want %v", tt.query, got, tt.want)
		}
	}
}

// TestSearchNaturalQueries holds search to what people type, over the built-in catalog: a
// service prefix shows that service's actions (logs, not ec2:CreateFlowLogs), an action name
// many services share shows the one people mean (sqs:SendMessage), and words find the action.
func TestSearchNaturalQueries(t *testing.T) {
	cat, err := api.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query   string
		first   string // the first hit, if set
		within  string // among the first `top` hits, if set
		top     int
		service string // every one of the first 20 hits is of this service, if set
	}{
		{query: "logs", service: "logs", within: "logs:Link", top: 5},
		{query: "s3", service: "s3"},
		{query: "dynamodb", service: "dynamodb"},
		{query: "config", service: "config"},
		{query: "sendmessage", first: "sqs:SendMessage"},
		{query: "SendMessage", first: "sqs:SendMessage"},
		{query: "send message", first: "sqs:SendMessage"},
		{query: "decrypt", first: "kms:Decrypt"},
		{query: "kms decrypt", first: "kms:Decrypt"},
		{query: "s3 get object", first: "s3:GetObject"},
		{query: "getobject", first: "s3:GetObject"},
		{query: "passrole", first: "iam:PassRole"},
		{query: "pass role", first: "iam:PassRole"},
		{query: "assumerole", first: "sts:AssumeRole"},
		{query: "publish", first: "sns:Publish"},
		{query: "describe instances", first: "ec2:DescribeInstances"},
		{query: "create bucket", first: "s3:CreateBucket"},
		{query: "put item", first: "dynamodb:PutItem"},
		{query: "get secret value", first: "secretsmanager:GetSecretValue"},
		{query: "get parameter", first: "ssm:GetParameter"},
		{query: "logs put", within: "logs:PutLogEvents", top: 3},
		{query: "lambda invoke", within: "lambda:InvokeFunction", top: 3},
		{query: "s3:getob", first: "s3:GetObject"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := cat.Search(tt.query, 20)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, h := range hits {
				names = append(names, h.Action.FullName())
			}
			if len(names) == 0 {
				t.Fatalf("Search(%q) found nothing", tt.query)
			}
			if tt.first != "" && names[0] != tt.first {
				t.Errorf("Search(%q) = %v; want %s first", tt.query, names[:min(5, len(names))], tt.first)
			}
			if tt.within != "" {
				found := false
				for _, n := range names[:min(tt.top, len(names))] {
					found = found || n == tt.within
				}
				if !found {
					t.Errorf("Search(%q) = %v; want %s among the first %d", tt.query, names[:min(tt.top, len(names))], tt.within, tt.top)
				}
			}
			if tt.service != "" {
				if len(names) < 20 {
					t.Errorf("Search(%q) found %d; want 20", tt.query, len(names))
				}
				for i, n := range names {
					if !strings.HasPrefix(n, tt.service+":") {
						t.Errorf("Search(%q) #%d = %s; want only %s: actions, %v", tt.query, i+1, n, tt.service, names)
						break
					}
				}
			}
		})
	}
}
