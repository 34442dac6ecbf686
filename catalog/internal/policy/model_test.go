package policy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
)

func TestParseModel(t *testing.T) {
	tests := []struct {
		name  string
		kind  Kind
		input string
		want  *Policy
	}{
		{
			name:  "statement as an object, strings for lists, scalar condition values",
			kind:  ResourceBased,
			input: `{"Version":"2012-10-17","Id":"q","Statement":{"Sid":"s","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com","AWS":["111122223333","arn:aws:iam::444455556666:root"]},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"},"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":[10,2.5]}}}}`,
			want: &Policy{Version: "2012-10-17", ID: "q", Statement: []Statement{{
				Sid: "s", Effect: "Allow", Path: "Statement",
				Principal: &Principal{Entries: []PrincipalEntry{
					{"Service", []string{"sns.amazonaws.com"}},
					{"AWS", []string{"111122223333", "arn:aws:iam::444455556666:root"}},
				}},
				Action:   []string{"sqs:SendMessage"},
				Resource: []string{"arn:aws:sqs:us-east-1:111122223333:q"},
				Condition: Conditions{
					{"ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:us-east-1:111122223333:t"}},
					{"Bool", "aws:SecureTransport", []string{"true"}},
					{"NumericLessThan", "s3:max-keys", []string{"10", "2.5"}},
				},
			}}},
		},
		{
			name:  "wildcard principal, NotAction, NotResource, escapes",
			kind:  ResourceBased,
			input: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":"*","NotAction":["iam:*"],"NotResource":"arn:aws:s3:::caf\u00e9/\"q\"/\u4e2d"}]}`,
			want: &Policy{Version: "2012-10-17", Statement: []Statement{{
				Effect: "Deny", Path: "Statement[0]",
				NotPrincipal: &Principal{Wildcard: true},
				NotAction:    []string{"iam:*"},
				NotResource:  []string{`arn:aws:s3:::café/"q"/中`},
			}}},
		},
		{
			name: "a duplicate key keeps the last value",
			input: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
				"StringEquals":{"aws:SourceVpc":"vpc-1"},"StringEquals":{"aws:SourceVpc":"vpc-2","aws:SourceVpc":"vpc-3"}}}]}`,
			want: &Policy{Version: "2012-10-17", Statement: []Statement{{
				Effect: "Allow", Path: "Statement[0]", Action: []string{"s3:GetObject"}, Resource: []string{"*"},
				Condition: Conditions{{"StringEquals", "aws:SourceVpc", []string{"vpc-3"}}},
			}}},
		},
		{
			name:  "wrong types are left out, the rest is kept",
			input: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",null,"s3:PutObject"],"Resource":{"arn":1},"Condition":{"Bool":{"aws:SecureTransport":[true,{}]},"StringEquals":[]}},7,{"Effect":"Deny","Action":"*","Resource":"*"}]}`,
			want: &Policy{Version: "2012-10-17", Statement: []Statement{
				{Effect: "Allow", Path: "Statement[0]", Action: []string{"s3:GetObject", "s3:PutObject"},
					Condition: Conditions{{"Bool", "aws:SecureTransport", []string{"true"}}}},
				{Effect: "Deny", Path: "Statement[2]", Action: []string{"*"}, Resource: []string{"*"}},
			}},
		},
		{
			name:  "unknown operators and invalid effects are kept as written",
			input: `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqual":{"k:k":"v"}}}]}`,
			want: &Policy{Version: "2012-10-17", Statement: []Statement{{
				Effect: "allow", Path: "Statement[0]", Action: []string{"s3:GetObject"}, Resource: []string{"*"},
				Condition: Conditions{{"StringEqual", "k:k", []string{"v"}}},
			}}},
		},
		{
			name:  "Terraform output",
			input: `{"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"*\"]}]}"}`,
			want: &Policy{Version: "2012-10-17", Statement: []Statement{{
				Effect: "Allow", Path: "Statement[0]", Action: []string{"s3:GetObject"}, Resource: []string{"*"},
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Parse("p.json", []byte(tt.input), tt.kind)
			if got != nil {
				got.src = nil // positions are Position's business, tested apart
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse = %+v\nwant    %+v\n%s", got, tt.want, listDiags(diags))
			}
		})
	}
}

func TestParseReturnsNilOnlyForUnreadableInput(t *testing.T) {
	for _, in := range []string{"", "{", "[1,]", "nul", strings.Repeat("{\"a\":", 70)} {
		p, diags := Parse("p.json", []byte(in), Identity)
		if p != nil || !diags.HasErrors() {
			t.Errorf("Parse(%q) = %v, %v; want nil and an error", in, p, diags)
		}
	}
	for _, in := range []string{"[]", "7", `"x"`, "{}", `{"Statement": 5}`} {
		p, diags := Parse("p.json", []byte(in), Identity)
		if p == nil || !diags.HasErrors() {
			t.Errorf("Parse(%q) = %v, %v; want a policy and an error", in, p, diags)
		}
	}
}

func TestParseTooManyDiagnostics(t *testing.T) {
	in := `{"Version":"2012-10-17","Statement":[{}` + strings.Repeat(",{}", 1099) + `]}`
	p, diags := Parse("p.json", []byte(in), Identity)
	if p == nil || len(p.Statement) != 1100 {
		t.Fatalf("Parse kept %d statements; want 1100", len(p.Statement))
	}
	if len(diags) != maxDiagnostics+1 {
		t.Fatalf("%d diagnostics; want %d", len(diags), maxDiagnostics+1)
	}
	last := diags[len(diags)-1]
	if last.Code != diag.TooManyDiagnostics || last.Severity != diag.Error || !strings.Contains(last.Message, "2300 more diagnostics") {
		t.Errorf("last diagnostic = %v", last)
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"": Identity, "identity": Identity, "Resource": ResourceBased, "resource-based": ResourceBased, "trust": Trust, "SCP": SCP} {
		got, err := ParseKind(in)
		if err != nil || got != want {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", in, got, err, want)
		}
		if k, err := ParseKind(got.String()); err != nil || k != got {
			t.Errorf("ParseKind(%q.String()) = %v, %v", got, k, err)
		}
	}
	if _, err := ParseKind("bucket"); err == nil || !strings.Contains(err.Error(), "want identity, resource-based, trust or scp") {
		t.Errorf("ParseKind(bucket) error = %v", err)
	}
}

func TestLocator(t *testing.T) {
	src := "ab\ncé\r\nxy\rz"
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {8, 3, 1}, {11, 4, 1}, {12, 4, 2}, {99, 4, 2},
	}
	var l locator
	l.src = src
	for _, tt := range tests {
		if line, col := lineCol(src, tt.off); line != tt.line || col != tt.col {
			t.Errorf("lineCol(%d) = %d:%d; want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
		if line, col := l.at(tt.off); line != tt.line || col != tt.col {
			t.Errorf("locator.at(%d) = %d:%d; want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
	if line, col := l.at(4); line != 2 || col != 2 {
		t.Errorf("locator.at going back = %d:%d; want 2:2", line, col)
	}
}

func TestPosition(t *testing.T) {
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\n     \"Action\": [\"s3:GetObject\", \"s3:PutObject\"],\n     \"Resource\": \"*\",\n     \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}\n  ]\n}\n"
	p, ds := Parse("p.json", []byte(src), Identity)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	tests := []struct {
		path      string
		line, col int
	}{
		{"Statement[0]", 4, 5},
		{"Statement[0].Action[1]", 5, 33},
		{"Statement[0].Resource", 6, 6},
		{"Statement[0].Condition.Bool.aws:SecureTransport", 7, 29},
		{"Statement[0].Action[9]", 5, 6}, // no such element: the deepest one on the way
	}
	for _, tt := range tests {
		if l, c := p.Position(tt.path); l != tt.line || c != tt.col {
			t.Errorf("Position(%q) = %d:%d; want %d:%d", tt.path, l, c, tt.line, tt.col)
		}
	}
	if l, c := (&Policy{}).Position("Statement[0]"); l != 0 || c != 0 {
		t.Errorf("Position on a built policy = %d:%d; want 0:0", l, c)
	}
}
