package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// inStatement puts statements from line 2 on of a policy, so that their columns read straight
// off the statement text.
func inStatement(s string) string {
	return "{\"Version\": \"2012-10-17\", \"Statement\": [\n" + s + "\n]}"
}

const (
	okAllow = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`
	// okHead is the start of a statement; Condition tests append to it, and "Condition" starts
	// at column 64.
	okHead = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", `
)

func TestParseGrammar(t *testing.T) {
	tests := []struct {
		name  string
		kind  Kind
		input string
		// The diagnostic under test: code, severity, key, line, column and part of the message.
		code       diag.Code
		sev        diag.Severity
		key        string
		line, col  int
		msg        string
		suggestion string
		// Every code the input yields, in order; nil means just code.
		all []diag.Code
	}{
		{name: "truncated", input: "{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\",",
			code: diag.InvalidJSON, sev: diag.Error, key: "Statement[0]", line: 3, col: 22, msg: "unexpected end of input; an object is still open since line 3, column 3"},
		{name: "trailing comma", input: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",}]}`,
			code: diag.InvalidJSON, sev: diag.Error, key: "Statement[0]", line: 1, col: 60, msg: `trailing comma before '}'`},
		{name: "single quotes", input: `{'Version': '2012-10-17'}`,
			code: diag.InvalidJSON, sev: diag.Error, line: 1, col: 2, msg: "not single quotes"},
		{name: "unquoted key", input: `{Version: "2012-10-17"}`,
			code: diag.InvalidJSON, sev: diag.Error, line: 1, col: 2, msg: `object key "Version" is not quoted`},
		{name: "missing comma", input: `{"Version": "2012-10-17" "Statement": []}`,
			code: diag.InvalidJSON, sev: diag.Error, key: "Version", line: 1, col: 26, msg: "missing ',' between members"},
		{name: "comment", input: "{\"Version\": \"2012-10-17\", // why\n}",
			code: diag.InvalidJSON, sev: diag.Error, line: 1, col: 27, msg: "JSON has no comments"},
		{name: "capital True", input: inStatement(okHead + `"Condition": {"Bool": {"aws:SecureTransport": True}}}`),
			code: diag.InvalidJSON, sev: diag.Error, key: "Statement[0].Condition.Bool.aws:SecureTransport", line: 2, col: 110, msg: "JSON writes true in lower case"},
		{name: "two documents", input: `{"Version": "2012-10-17"} {}`,
			code: diag.InvalidJSON, sev: diag.Error, line: 1, col: 27, msg: "after the end of the policy"},
		{name: "empty", input: " \n",
			code: diag.InvalidJSON, sev: diag.Error, line: 1, col: 1, msg: "empty input"},
		{name: "too large", input: strings.Repeat(" ", MaxInput+1),
			code: diag.InputTooLarge, sev: diag.Error, line: 1, col: 1, msg: "the input is 1048577 bytes; iamforge reads at most 1048576 (1 MiB), far above AWS's largest policy of 10240 characters"},
		{name: "nesting", input: strings.Repeat("[", 100),
			code: diag.NestingTooDeep, sev: diag.Error, key: strings.Repeat("[0]", 64), line: 1, col: 65, msg: "deeper than 64 levels"},
		{name: "non-Latin-1 character", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/中"}`),
			code: diag.InvalidCharacter, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 75, msg: `character '中' (U+4E2D) is not allowed`},
		{name: "byte order mark", input: "\uFEFF" + inStatement(okAllow),
			code: diag.InvalidCharacter, sev: diag.Error, line: 1, col: 1, msg: "byte order mark"},
		{name: "invalid UTF-8", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/` + "\xff" + `"}`),
			code: diag.InvalidCharacter, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 75, msg: "byte 0xff is not UTF-8"},
		{name: "control character", input: "{\"Version\": \"2012-10-17\",\f\"Statement\": []}",
			code: diag.InvalidCharacter, sev: diag.Error, line: 1, col: 26, msg: "control character U+000C", all: []diag.Code{"invalid-json", "invalid-character"}},
		{name: "duplicate key", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}`),
			code: diag.DuplicateKey, sev: diag.Error, key: "Statement[0].Action", line: 2, col: 47, msg: `duplicate key "Action": IAM silently keeps only one of them; iamforge reads this one and ignores the one at line 2, column 21`},
		{name: "unknown top-level element", input: `{"Version": "2012-10-17", "Statment": []}`,
			code: diag.UnknownElement, sev: diag.Error, key: "Statment", line: 1, col: 27, msg: `unknown element "Statment" in the policy; did you mean "Statement"?`, suggestion: "Statement",
			all: []diag.Code{"missing-statement", "unknown-element"}},
		{name: "statement element at the top", input: `{"Version": "2012-10-17", "Effect": "Allow", "Statement": [` + okAllow + `]}`,
			code: diag.UnknownElement, sev: diag.Error, key: "Effect", line: 1, col: 27, msg: `"Effect" belongs inside a statement`},
		{name: "unknown statement element", input: inStatement(`{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "*"}`),
			code: diag.UnknownElement, sev: diag.Error, key: "Statement[0].Actions", line: 2, col: 21, msg: `did you mean "Action"?`, suggestion: "Action",
			all: []diag.Code{"missing-action", "unknown-element"}},
		{name: "missing version", input: `{"Statement": [` + okAllow + `]}`,
			code: diag.MissingVersion, sev: diag.Warning, key: "Version", line: 1, col: 1, msg: `add "Version": "2012-10-17"`},
		{name: "unsupported version", input: `{"Version": "2012-10-18", "Statement": [` + okAllow + `]}`,
			code: diag.UnsupportedVersion, sev: diag.Error, key: "Version", line: 1, col: 13, msg: `unsupported Version "2012-10-18"`, suggestion: "2012-10-17"},
		{name: "2008 version", input: `{"Version": "2008-10-17", "Statement": [` + okAllow + `]}`,
			code: diag.UnsupportedVersion, sev: diag.Warning, key: "Version", line: 1, col: 13, msg: "old policy language"},
		{name: "version as a number", input: `{"Version": 2012, "Statement": [` + okAllow + `]}`,
			code: diag.UnsupportedVersion, sev: diag.Error, key: "Version", line: 1, col: 13, msg: "Version is a number"},
		{name: "missing statement", input: `{"Version": "2012-10-17"}`,
			code: diag.MissingStatement, sev: diag.Error, key: "Statement", line: 1, col: 1},
		{name: "empty statement", input: `{"Version": "2012-10-17", "Statement": []}`,
			code: diag.EmptyStatement, sev: diag.Error, key: "Statement", line: 1, col: 40},
		{name: "statement not an object", input: `{"Version": "2012-10-17", "Statement": ["s3:GetObject"]}`,
			code: diag.InvalidStatement, sev: diag.Error, key: "Statement[0]", line: 1, col: 41, msg: "a statement is an object, found a string"},
		{name: "effect case", input: inStatement(`{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.InvalidEffect, sev: diag.Error, key: "Statement[0].Effect", line: 2, col: 12, msg: `did you mean "Allow"? (IAM is case-sensitive here)`, suggestion: "Allow"},
		{name: "effect unknown", input: inStatement(`{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.InvalidEffect, sev: diag.Error, key: "Statement[0].Effect", line: 2, col: 12, msg: `neither "Allow" nor "Deny"`},
		{name: "missing effect", input: inStatement(`{"Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.MissingEffect, sev: diag.Error, key: "Statement[0].Effect", line: 2, col: 1},
		{name: "missing action", input: inStatement(`{"Effect": "Allow", "Resource": "*"}`),
			code: diag.MissingAction, sev: diag.Error, key: "Statement[0].Action", line: 2, col: 1},
		{name: "action and notaction", input: inStatement(`{"Effect": "Deny", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}`),
			code: diag.ActionAndNotaction, sev: diag.Error, key: "Statement[0].NotAction", line: 2, col: 38},
		{name: "missing resource", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject"}`),
			code: diag.MissingResource, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 1},
		{name: "resource and notresource", input: inStatement(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "NotResource": "arn:aws:s3:::b"}`),
			code: diag.ResourceAndNotresource, sev: diag.Error, key: "Statement[0].NotResource", line: 2, col: 55},
		{name: "principal in identity policy", input: inStatement(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.UnexpectedPrincipal, sev: diag.Error, key: "Statement[0].Principal", line: 2, col: 21, msg: "not allowed in an identity policy"},
		{name: "missing principal", kind: ResourceBased, input: inStatement(okAllow),
			code: diag.MissingPrincipal, sev: diag.Error, key: "Statement[0].Principal", line: 2, col: 1},
		{name: "principal type case", kind: ResourceBased, input: inStatement(`{"Effect": "Allow", "Principal": {"aws": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.InvalidPrincipal, sev: diag.Error, key: "Statement[0].Principal.aws", line: 2, col: 35, msg: `unknown principal type "aws"; did you mean "AWS"?`, suggestion: "AWS"},
		{name: "principal as a bare ARN", kind: ResourceBased, input: inStatement(`{"Effect": "Allow", "Principal": "arn:aws:iam::123456789012:root", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.InvalidPrincipal, sev: diag.Error, key: "Statement[0].Principal", line: 2, col: 34, msg: `write {"AWS": "arn:aws:iam::123456789012:root"}`, suggestion: `{"AWS": "arn:aws:iam::123456789012:root"}`},
		{name: "service principal without host", kind: Trust, input: inStatement(`{"Effect": "Allow", "Principal": {"Service": "lambda"}, "Action": "sts:AssumeRole"}`),
			code: diag.InvalidPrincipal, sev: diag.Error, key: "Statement[0].Principal.Service", line: 2, col: 46, msg: `"lambda.amazonaws.com"`},
		{name: "principal and notprincipal", kind: ResourceBased, input: inStatement(`{"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`),
			code: diag.PrincipalAndNotprincipal, sev: diag.Error, key: "Statement[0].NotPrincipal", line: 2, col: 38},
		{name: "sid with a space", input: inStatement(`{"Sid": "Read S3", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.InvalidSid, sev: diag.Error, key: "Statement[0].Sid", line: 2, col: 9, msg: `invalid character ' ' at position 5 of Sid "Read S3"`},
		{name: "sid with a dash in a trust policy", kind: Trust, input: inStatement(`{"Sid": "Allow-CI", "Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}`),
			code: diag.InvalidSid, sev: diag.Error, key: "Statement[0].Sid", line: 2, col: 9, msg: "in a trust policy a Sid holds only ASCII letters and digits"},
		{name: "sid with a space in a bucket policy", kind: ResourceBased, input: inStatement(`{"Sid": "Read S3", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`),
			all: []diag.Code{}},
		{name: "duplicate sid", input: inStatement(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},` + "\n" + `{"Sid": "A", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.DuplicateSid, sev: diag.Error, key: "Statement[1].Sid", line: 3, col: 9, msg: `Sid "A" is already used at line 2, column 9`},
		{name: "action with a space", input: inStatement(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get Object"], "Resource": "*"}`),
			code: diag.InvalidAction, sev: diag.Error, key: "Statement[0].Action[1]", line: 2, col: 48, msg: `invalid character ' ' at position 7 of action "s3:Get Object"`},
		{name: "action without service", input: inStatement(`{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}`),
			code: diag.InvalidAction, sev: diag.Error, key: "Statement[0].Action", line: 2, col: 31, msg: `has no ':'`},
		{name: "action not a string", input: inStatement(`{"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": "*"}`),
			code: diag.InvalidAction, sev: diag.Error, key: "Statement[0].Action[1]", line: 2, col: 48, msg: "Action[1] is a number; an action is a string"},
		{name: "empty action list", input: inStatement(`{"Effect": "Allow", "Action": [], "Resource": "*"}`),
			code: diag.EmptyAction, sev: diag.Error, key: "Statement[0].Action", line: 2, col: 31},
		{name: "upper-case service", input: inStatement(`{"Effect": "Allow", "Action": "S3:GetObject", "Resource": "*"}`),
			code: diag.ActionServiceCase, sev: diag.Warning, key: "Statement[0].Action", line: 2, col: 31, msg: `("s3:GetObject")`},
		{name: "resource with five parts", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3::bucket"}`),
			code: diag.InvalidResource, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 59, msg: "found 5 colon-separated parts"},
		{name: "resource with a variable", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:gcp:s3:::home/${aws:username}/*"}`),
			code: diag.InvalidResource, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 59, msg: `invalid ARN "arn:gcp:s3:::home/${aws:username}/*": column 5: unknown partition "gcp"`},
		{name: "variables are opaque", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:${aws:partition}:s3:::home/${aws:username}/*", "arn:aws:sqs:${aws:RequestedRegion}:${aws:PrincipalAccount}:q"]}`),
			all: []diag.Code{}},
		{name: "empty resource list", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": []}`),
			code: diag.EmptyResource, sev: diag.Error, key: "Statement[0].Resource", line: 2, col: 59},
		{name: "operator typo", input: inStatement(okHead + `"Condition": {"StringEqual": {"aws:SourceVpc": "vpc-1"}}}`),
			code: diag.UnknownConditionOperator, sev: diag.Error, key: "Statement[0].Condition.StringEqual", line: 2, col: 78, msg: `did you mean "StringEquals"?`, suggestion: "StringEquals"},
		{name: "condition not an object", input: inStatement(okHead + `"Condition": ["aws:SourceVpc"]}`),
			code: diag.InvalidCondition, sev: diag.Error, key: "Statement[0].Condition", line: 2, col: 77, msg: "Condition is an array"},
		{name: "condition without values", input: inStatement(okHead + `"Condition": {"StringEquals": {"aws:SourceVpc": []}}}`),
			code: diag.InvalidCondition, sev: diag.Error, key: "Statement[0].Condition.StringEquals.aws:SourceVpc", line: 2, col: 112, msg: `no values for "aws:SourceVpc"`},
		{name: "condition with an empty key", input: inStatement(okHead + `"Condition": {"StringEquals": {"": "x"}}}`),
			code: diag.InvalidCondition, sev: diag.Error, key: `Statement[0].Condition.StringEquals[""]`, line: 2, col: 95, msg: "empty condition key"},
		{name: "bool value", input: inStatement(okHead + `"Condition": {"Bool": {"aws:SecureTransport": "yes"}}}`),
			code: diag.InvalidConditionValue, sev: diag.Error, key: "Statement[0].Condition.Bool.aws:SecureTransport", line: 2, col: 110, msg: `Bool wants true or false, found "yes"`},
		{name: "scalar values", input: inStatement(okHead + `"Condition": {"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"s3:max-keys": [10, "20"]}, "DateLessThan": {"aws:CurrentTime": ["2026-01-31", "2026-01-31T23:59:59Z", "2026-01-31T23:59:59.123+01:00", 1767225600]}, "IpAddress": {"aws:SourceIp": ["203.0.113.7", "2001:DB8::/32"]}, "NumericEquals": {"aws:MultiFactorAuthAge": "${aws:x}"}}}`),
			all: []diag.Code{}},
		{name: "null with a set operator", input: inStatement(okHead + `"Condition": {"ForAnyValue:Null": {"aws:TagKeys": "false"}}}`),
			code: diag.SetOperatorWithNull, sev: diag.Warning, key: "Statement[0].Condition.ForAnyValue:Null", line: 2, col: 78},
		{name: "forallvalues in allow", input: inStatement(okHead + `"Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}`),
			code: diag.ForallvaluesWithAllow, sev: diag.Warning, key: "Statement[0].Condition.ForAllValues:StringEquals", line: 2, col: 78, msg: "add a Null condition"},
		{name: "allow with notaction", input: inStatement(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`),
			code: diag.AllowWithNotaction, sev: diag.Warning, key: "Statement[0].NotAction", line: 2, col: 21},
		{name: "allow with notresource", input: inStatement(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret"}`),
			code: diag.AllowWithNotresource, sev: diag.Warning, key: "Statement[0].NotResource", line: 2, col: 47},
		{name: "allow with notprincipal", kind: ResourceBased, input: inStatement(`{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"}`),
			code: diag.AllowWithNotprincipal, sev: diag.Warning, key: "Statement[0].NotPrincipal", line: 2, col: 21},
		{name: "trust policy with resource", kind: Trust, input: inStatement(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`),
			code: diag.UnexpectedResource, sev: diag.Warning, key: "Statement[0].Resource", line: 2, col: 96, msg: "Has prohibited field Resource"},
		{name: "trust policy", kind: Trust, input: inStatement(`{"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"], "AWS": "arn:aws:iam::123456789012:role/ci"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}`),
			all: []diag.Code{}},
		{name: "variable without version", input: `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}]}`,
			code: diag.UnsubstitutedVariable, sev: diag.Warning, key: "Statement[0].Resource", line: 1, col: 74, msg: "matched as literal text",
			all: []diag.Code{"missing-version", "unsubstituted-variable"}},
		{name: "terraform wrapper", input: `{"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}`,
			code: diag.TerraformWrapper, sev: diag.Info, key: "policy", line: 1, col: 12, msg: "within that string"},
		{name: "id not a string", input: `{"Version": "2012-10-17", "Id": 5, "Statement": [` + okAllow + `]}`,
			code: diag.InvalidID, sev: diag.Error, key: "Id", line: 1, col: 33},
		{name: "policy not an object", input: `[` + okAllow + `]`,
			code: diag.InvalidPolicy, sev: diag.Error, line: 1, col: 1, msg: `put them under "Statement"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("p.json", []byte(tt.input), tt.kind)
			var codes []diag.Code
			for _, d := range diags {
				codes = append(codes, d.Code)
				if d.Location == nil || d.Location.File != "p.json" || d.Location.Line < 1 || d.Location.Column < 1 {
					t.Errorf("diagnostic without a full location: %v", d)
				}
			}
			want := tt.all
			if want == nil {
				want = []diag.Code{tt.code}
			}
			if !slices.Equal(codes, want) && !(len(codes) == 0 && len(want) == 0) {
				t.Errorf("codes = %q; want %q\n%s", codes, want, listDiags(diags))
			}
			if tt.code == "" {
				return
			}
			i := slices.IndexFunc(diags, func(d diag.Diagnostic) bool { return d.Code == tt.code })
			if i < 0 {
				return
			}
			d := diags[i]
			got := fmt.Sprintf("%s %s %q %d:%d", d.Code, d.Severity, d.Location.Key, d.Location.Line, d.Location.Column)
			if w := fmt.Sprintf("%s %s %q %d:%d", tt.code, tt.sev, tt.key, tt.line, tt.col); got != w {
				t.Errorf("got  %s\nwant %s\n(%s)", got, w, d.Message)
			}
			if !strings.Contains(d.Message, tt.msg) {
				t.Errorf("message %q does not contain %q", d.Message, tt.msg)
			}
			if tt.suggestion != "" && !slices.Equal(d.Suggestions, []string{tt.suggestion}) {
				t.Errorf("suggestions = %q; want [%q]", d.Suggestions, tt.suggestion)
			}
			if d.Message == "" || strings.ToLower(d.Message[:1]) != d.Message[:1] && !strings.ContainsAny(d.Message[:1], `"ABCDEFGHIJKLMNOPQRSTUVWXYZ`) {
				t.Errorf("message %q", d.Message)
			}
		})
	}
}

func listDiags(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("\t" + d.Error() + "\n")
	}
	return b.String()
}

// TestDiagnosticsGolden keeps every diagnostic of a few broken policies in
// testdata/diag/<kind>-<name>.golden.txt, so that a reviewer reads the messages as users do.
func TestDiagnosticsGolden(t *testing.T) {
	for _, f := range testutil.Glob(t, "testdata/diag/*.json") {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			kindName, _, _ := strings.Cut(name, "-")
			kind, err := ParseKind(kindName)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, diags := Parse(filepath.Base(f), data, kind)
			var b strings.Builder
			for _, d := range diags {
				// Rendered here rather than with d.Error(), so that a change of diag's layout
				// does not rewrite these files.
				l := d.Location
				fmt.Fprintf(&b, "%s:%d:%d: %s: %s: %s [%s]", l.File, l.Line, l.Column, l.Key, d.Severity, d.Message, d.Code)
				if len(d.Suggestions) > 0 {
					fmt.Fprintf(&b, " (suggest %q)", d.Suggestions)
				}
				b.WriteByte('\n')
			}
			if p != nil {
				b.WriteString("\n# as read:\n")
				b.Write(p.JSON("  "))
			}
			golden(t, "diag/"+name+".golden.txt", []byte(b.String()))
		})
	}
}
