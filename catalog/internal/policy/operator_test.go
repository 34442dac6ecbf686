package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestParseOperator(t *testing.T) {
	tests := []struct {
		in   string
		want Operator
	}{
		{"StringEquals", Operator{"StringEquals", "StringEquals", "String", false, ""}},
		{"StringNotEqualsIgnoreCaseIfExists", Operator{"StringNotEqualsIgnoreCaseIfExists", "StringNotEqualsIgnoreCase", "String", true, ""}},
		{"ForAnyValue:StringLikeIfExists", Operator{"ForAnyValue:StringLikeIfExists", "StringLike", "String", true, "ForAnyValue"}},
		{"ForAllValues:ArnNotLike", Operator{"ForAllValues:ArnNotLike", "ArnNotLike", "Arn", false, "ForAllValues"}},
		{"NumericGreaterThanEquals", Operator{"NumericGreaterThanEquals", "NumericGreaterThanEquals", "Numeric", false, ""}},
		{"DateLessThanIfExists", Operator{"DateLessThanIfExists", "DateLessThan", "Date", true, ""}},
		{"BoolIfExists", Operator{"BoolIfExists", "Bool", "Bool", true, ""}},
		{"BinaryEquals", Operator{"BinaryEquals", "BinaryEquals", "Binary", false, ""}},
		{"NotIpAddressIfExists", Operator{"NotIpAddressIfExists", "NotIpAddress", "IpAddress", true, ""}},
		{"Null", Operator{"Null", "Null", "Null", false, ""}},
		{"ForAnyValue:Null", Operator{"ForAnyValue:Null", "Null", "Null", false, "ForAnyValue"}},
	}
	for _, tt := range tests {
		got, err := ParseOperator(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseOperator(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseOperator(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestParseOperatorErrors(t *testing.T) {
	tests := []struct {
		in, suggestion, reason string
	}{
		{"StringEqual", "StringEquals", ""},
		{"stringequals", "StringEquals", ""},
		{"STRINGLIKE", "StringLike", ""},
		{"StringEqualsIfExist", "StringEqualsIfExists", ""},
		{"forallvalues:StringEquals", "ForAllValues:StringEquals", "the only prefixes are ForAllValues: and ForAnyValue:"},
		{"ForAnyValues:StringLike", "ForAnyValue:StringLike", "the only prefixes"},
		{"ForAllValues:stringequal", "ForAllValues:StringEquals", ""},
		{"NullIfExists", "Null", "Null takes no IfExists"},
		{"IPAddress", "IpAddress", ""},
		{"ArnEqual", "ArnEquals", ""},
		{"DateAfter", "", ""},
		{"Whatever:StringEquals", "", "the only prefixes"},
		{"", "", ""},
		{strings.Repeat("x", 1000), "", ""},
	}
	for _, tt := range tests {
		_, err := ParseOperator(tt.in)
		var oe *OperatorError
		if !errors.As(err, &oe) || !errors.Is(err, ErrUnknownOperator) {
			t.Errorf("ParseOperator(%.20q) error = %v; want an *OperatorError matching ErrUnknownOperator", tt.in, err)
			continue
		}
		if oe.Suggestion != tt.suggestion || !strings.Contains(oe.Reason, tt.reason) {
			t.Errorf("ParseOperator(%.20q) = suggestion %q, reason %q; want %q, %q", tt.in, oe.Suggestion, oe.Reason, tt.suggestion, tt.reason)
		}
		if !strings.HasPrefix(err.Error(), "unknown condition operator ") {
			t.Errorf("error %q", err)
		}
	}
}

func TestOperators(t *testing.T) {
	ops := Operators()
	if len(ops) != 53 {
		t.Errorf("Operators() has %d entries; want 27 bases and 26 IfExists forms", len(ops))
	}
	for _, op := range ops {
		for _, set := range []string{"", "ForAllValues:", "ForAnyValue:"} {
			if _, err := ParseOperator(set + op); err != nil {
				t.Errorf("ParseOperator(%q): %v", set+op, err)
			}
		}
	}
}

func TestCheckConditionValue(t *testing.T) {
	tests := []struct {
		family, value string
		ok            bool
	}{
		{"Bool", "true", true},
		{"Bool", "False", true},
		{"Bool", "yes", false},
		{"Null", "false", true},
		{"Null", "0", false},
		{"Numeric", "10", true},
		{"Numeric", "-2.5", true},
		{"Numeric", "1e3", false},
		{"Numeric", "ten", false},
		{"Numeric", "", false},
		{"Date", "2026-01-31", true},
		{"Date", "2026-01-31T23:59:59Z", true},
		{"Date", "2026-01-31T23:59Z", true},
		{"Date", "2026-01-31T23:59:59.999Z", true},
		{"Date", "2026-01-31T23:59:59+05:30", true},
		{"Date", "2026-01-31T23:59:59-0800", true},
		{"Date", "1767225600", true},
		{"Date", "2026-02-30", false},
		{"Date", "2026-01-31T24:00:00Z", false},
		{"Date", "2026-01-31 23:59:59", false},
		{"Date", "31/01/2026", false},
		{"Date", "2026-01-31T23:59:59.Z", false},
		{"IpAddress", "203.0.113.7", true},
		{"IpAddress", "203.0.113.0/24", true},
		{"IpAddress", "2001:DB8::/32", true},
		{"IpAddress", "::1", true},
		{"IpAddress", "10.0.0.300", false},
		{"IpAddress", "10.0.0.0/33", false},
		{"IpAddress", "localhost", false},
		{"Binary", "QmluYXJ5", true},
		{"Binary", "not base64!", false},
		{"Arn", "arn:aws:sns:*:111122223333:*", true},
		{"Arn", "arn:aws:*:*:*:*", true},
		{"Arn", "*", true},
		{"Arn", "arn:aws:s3::bucket", false},
		{"Arn", "my-topic", false},
		{"String", "anything at all", true},
		{"Numeric", "${aws:MultiFactorAuthAge}", true},
		{"IpAddress", "${aws:SourceIp}", true},
	}
	for _, tt := range tests {
		if got := checkConditionValue(tt.family, tt.value); (got == "") != tt.ok {
			t.Errorf("checkConditionValue(%s, %q) = %q; want ok=%v", tt.family, tt.value, got, tt.ok)
		}
	}
}

func TestCheckAction(t *testing.T) {
	tests := []struct {
		action string
		want   string // "" for fine, else part of the message
	}{
		{"*", ""},
		{"s3:GetObject", ""},
		{"s3:Get*", ""},
		{"ec2:Describe?nstances", ""},
		{"s3-object-lambda:WriteGetObjectResponse", ""},
		{"iam:*", ""},
		{"s3:", `has no name after ':'; write "s3:*"`},
		{":GetObject", "no service prefix"},
		{"s3", "has no ':'"},
		{"s*:GetObject", "wildcards are not allowed in the service prefix"},
		{"s3:Get_Object", `invalid character '_' at position 7`},
		{"s3:Get:Object", `invalid character ':' at position 7`},
		{"s3_x:Get", `invalid character '_' at position 3`},
		{"s3:Gét", `invalid character 'é' at position 5`},
		{"S3:GetObject", `("s3:GetObject")`},
	}
	for _, tt := range tests {
		_, got := checkAction(tt.action)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("checkAction(%q) = %q; want %q", tt.action, got, tt.want)
		}
	}
}

// A Resource is "*" or an ARN; IAM also takes an ARN with an empty resource part, as AWS's own
// AmazonDevOpsGuruOrganizationsAccess writes it.
func TestCheckResource(t *testing.T) {
	tests := []struct {
		resource string
		want     string // "" for fine, else part of the message
	}{
		{"*", ""},
		{"arn:aws:s3:::acme/*", ""},
		{"arn:aws:organizations::*:", ""},
		{"arn:aws:iam::${aws:PrincipalAccount}:", ""},
		{"arn:aws:s3:::", ""},
		{"arn:aws:organizations::*", "found 5 colon-separated parts"},
		{"arn:aws:Organizations::*:", `invalid character 'O' in service "Organizations"`},
		{"arn:aws:organizations::1 2:", "column 25: invalid character ' ' in account"},
		{"arn:aws:organizations::*:x:", ""},
	}
	for _, tt := range tests {
		got := checkResource(tt.resource)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("checkResource(%q) = %q; want %q", tt.resource, got, tt.want)
		}
	}
}

func TestCheckPrincipal(t *testing.T) {
	tests := []struct {
		lk    listKind
		value string
		ok    bool
	}{
		{listAWS, "*", true},
		{listAWS, "123456789012", true},
		{listAWS, "arn:aws:iam::123456789012:role/ci", true},
		{listAWS, "arn:aws:sts::123456789012:assumed-role/ci/session", true},
		{listAWS, "AROADBQP57FF2AEXAMPLE", true},
		{listAWS, "12345", false},
		{listAWS, "arn:aws:iam:123456789012:root", false},
		{listAWS, "alice", false},
		{listService, "lambda.amazonaws.com", true},
		{listService, "lambda", false},
		{listFederated, "cognito-identity.amazonaws.com", true},
		{listFederated, "arn:aws:iam::123456789012:saml-provider/okta", true},
		{listFederated, "okta", false},
		{listCanonicalUser, strings.Repeat("a1", 32), true},
		{listCanonicalUser, "abc", false},
	}
	for _, tt := range tests {
		if got := checkPrincipal(tt.lk, tt.value); (got == "") != tt.ok {
			t.Errorf("checkPrincipal(%d, %q) = %q; want ok=%v", tt.lk, tt.value, got, tt.ok)
		}
	}
}

func TestOpaque(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/*/*"},
		{"arn:${AWS::Partition}:s3:::b", "arn:*:s3:::b"},
		{"arn:aws:${svc}:us-east-1:1:x", "arn:aws:x:us-east-1:1:x"},
		{"arn:aws:s3:::b/${unclosed", "arn:aws:s3:::b/${unclosed"},
	}
	for _, tt := range tests {
		got, orig := opaque(tt.in)
		if got != tt.want || len(orig) != len(got) {
			t.Errorf("opaque(%q) = %q, %v; want %q", tt.in, got, orig, tt.want)
		}
	}
}

// Check grades an operator on a key as IAM Access Analyzer does on AWS's own policies.
func TestOperatorCheck(t *testing.T) {
	tests := []struct {
		op, keyType string
		values      []string
		want        string // "code/severity" of each finding, joined by " "
	}{
		{"StringEquals", "String", []string{"x"}, ""},
		{"ArnLike", "String", []string{"arn:aws:s3:::aws-ssm-*"}, ""}, // kms:EncryptionContext:aws:s3:arn
		{"ArnEquals", "String", []string{"arn:aws:lambda:*:*:function:f", "${aws:SourceArn}"}, ""},
		{"ArnLike", "String", []string{"home/*"}, "condition-operator-mismatch/warning"},
		{"StringLike", "ARN", []string{"arn:aws:iam::*:role/x"}, ""},
		{"StringEquals", "Bool", []string{"true"}, "condition-operator-mismatch/warning"}, // aws:ViaAWSService
		{"NumericLessThan", "IPAddress", []string{"1"}, "condition-operator-mismatch/warning"},
		{"ForAnyValue:StringEquals", "String", []string{"x"}, "set-operator-single-valued/warning"},
		{"ForAllValues:StringEquals", "String", []string{"x"}, "set-operator-single-valued/warning"},
		{"ForAllValues:NumericEquals", "String", []string{"1"}, "set-operator-single-valued/warning condition-operator-mismatch/warning"},
		{"StringEquals", "ArrayOfString", []string{"x"}, "missing-set-operator/error"}, // events:detail-type
		{"StringNotLikeIfExists", "ArrayOfString", []string{"x"}, "missing-set-operator/error"},
		{"ForAnyValue:StringEquals", "ArrayOfString", []string{"x"}, ""},
		{"ForAllValues:ArnLike", "ArrayOfARN", []string{"arn:aws:sns:*:*:t"}, ""},
		{"Null", "ArrayOfString", []string{"true"}, ""},
		{"Null", "Bool", []string{"true"}, ""},
		{"StringEquals", "SomeNewType", []string{"x"}, ""},
	}
	for _, tt := range tests {
		op, err := ParseOperator(tt.op)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range op.Check(tt.keyType, tt.values) {
			got = append(got, string(m.Code)+"/"+string(m.Severity))
			if m.Message == "" {
				t.Errorf("%s on %s: %s has no message", tt.op, tt.keyType, m.Code)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s.Check(%q, %q) = %q; want %q", tt.op, tt.keyType, tt.values, g, tt.want)
		}
	}
}
