package arn

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  ARN
	}{
		{"s3 object with spaces and unicode", "arn:aws:s3:::bucket/dir/naïve file ü.txt", ARN{"aws", "s3", "", "", "bucket/dir/naïve file ü.txt"}},
		{"resource with colons", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:s", ARN{"aws", "logs", "us-east-1", "123456789012", "log-group:/aws/lambda/fn:log-stream:s"}},
		{"wildcards", "arn:aws:sqs:*:111122223333:*", ARN{"aws", "sqs", "*", "111122223333", "*"}},
		{"question marks", "arn:aws:ec2:us-east-?:12345678901?:instance/i-?", ARN{"aws", "ec2", "us-east-?", "12345678901?", "instance/i-?"}},
		{"partition glob", "arn:aws-*:iam::123456789012:role/r", ARN{"aws-*", "iam", "", "123456789012", "role/r"}},
		{"service with digits and dash", "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/ap", ARN{"aws", "s3-object-lambda", "us-east-1", "123456789012", "accesspoint/ap"}},
		{"literal account aws", "arn:aws:iam::aws:policy/AdministratorAccess", ARN{"aws", "iam", "", "aws", "policy/AdministratorAccess"}},
		{"unicode replacement character is text", "arn:aws:s3:::b/\uFFFD", ARN{"aws", "s3", "", "", "b/\uFFFD"}},
		{"resource of one star", "arn:aws:s3:::*", ARN{"aws", "s3", "", "", "*"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.input)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %#v; want %#v", tt.input, got, tt.want)
			}
			if s := got.String(); s != tt.input {
				t.Errorf("Parse(%q).String() = %q", tt.input, s)
			}
		})
	}
}

func TestParseEveryPartition(t *testing.T) {
	for _, p := range Partitions {
		in := "arn:" + p + ":s3:::bucket"
		a, err := Parse(in)
		if err != nil || a.Partition != p {
			t.Errorf("Parse(%q) = %#v, %v; want partition %q", in, a, err, p)
		}
	}
	for _, p := range []string{"*", "aws*", "aws-iso-?", "aws-??", "*-gov", "aws-*-*"} {
		if _, err := Parse("arn:" + p + ":s3:::bucket"); err != nil {
			t.Errorf("partition glob %q: %v", p, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	long := "arn:aws:s3:::" + strings.Repeat("k", 20*1024)
	tests := []struct {
		name       string
		input      string
		wantColumn int
		wantReason string // a substring of Reason
	}{
		{"empty", "", 1, "empty"},
		{"star alone", "*", 1, `"*" means every resource; it is not an ARN`},
		{"leading space", " arn:aws:s3:::b", 1, "leading whitespace"},
		{"trailing space", "arn:aws:s3:::b  ", 15, "trailing whitespace"},
		{"trailing newline", "arn:aws:s3:::b\n", 15, "trailing whitespace"},
		{"too long", long, MaxLen + 1, "at most 2048"},
		{"invalid utf-8", "arn:aws:s3:::b/\xff", 16, "invalid UTF-8"},
		{"NUL", "arn:aws:s3:::b\x00c", 15, "NUL"},
		{"control character", "arn:aws:s3:::b\tc", 15, "control character U+0009"},
		{"DEL", "arn:aws:s3:::b\x7fc", 15, "control character U+007F"},
		{"upper-case prefix", "ARN:aws:s3:::b", 1, `lower-case "arn:"`},
		{"no prefix", "s3:::bucket", 1, `starts with "arn:"`},
		{"too few parts", "arn:aws:s3:bucket", 18, "found 4 colon-separated parts, want 6: arn:partition:service:region:account-id:resource"},
		{"five parts", "arn:aws:s3::bucket", 19, "found 5 colon-separated parts"},
		{"missing partition", "arn::s3:::b", 5, "missing partition"},
		{"unknown partition", "arn:gcp:s3:::b", 5, `unknown partition "gcp"; known partitions are aws, aws-cn, aws-us-gov`},
		{"partition glob matching nothing", "arn:az*:s3:::b", 5, `partition pattern "az*" matches no known partition`},
		{"missing service", "arn:aws::::b", 9, "missing service"},
		{"wildcard service", "arn:aws:s*:::b", 10, "wildcards are not allowed in the service segment"},
		{"upper-case service", "arn:aws:S3:::b", 9, `invalid character 'S' in service "S3"`},
		{"bad region", "arn:aws:s3:us_east_1::b", 14, `invalid character '_' in region`},
		{"bad account", "arn:aws:s3:us-east-1:1234 5:b", 26, `invalid character ' ' in account`},
		{"unicode in account", "arn:aws:s3::ü:b", 13, `invalid character 'ü' in account`},
		{"missing resource", "arn:aws:s3:::", 14, "missing resource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.input)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%.40q) error = %v; want a *ParseError", tt.input, err)
			}
			if pe.Column != tt.wantColumn || !strings.Contains(pe.Reason, tt.wantReason) {
				t.Errorf("Parse(%.40q) = column %d %q; want column %d containing %q", tt.input, pe.Column, pe.Reason, tt.wantColumn, tt.wantReason)
			}
			if pe.Input != tt.input {
				t.Errorf("ParseError.Input = %.40q; want the input", pe.Input)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("arn:gcp:s3:::b")
	if got, want := err.Error(), `invalid ARN "arn:gcp:s3:::b": column 5: unknown partition "gcp"; known partitions are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc`; got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
	_, err = Parse("arn:aws:s3:::" + strings.Repeat("é", 3000))
	msg := err.Error()
	if len(msg) > 200 || !strings.Contains(msg, `…": column 2049: ARN is 6013 bytes long`) {
		t.Errorf("Error() for a long ARN = %q; want it cut after 80 bytes with …", msg)
	}
}

func TestHasWildcard(t *testing.T) {
	tests := []struct {
		input string
		want  bool
	}{
		{"arn:aws:s3:::bucket", false},
		{"arn:aws:s3:::bucket/*", true},
		{"arn:aws:s3:::bucket/a?c", true},
		{"arn:aws-*:s3:::bucket", true},
		{"arn:aws:sqs:*:111122223333:q", true},
		{"arn:aws:sqs:us-east-1:1111222233?3:q", true},
	}
	for _, tt := range tests {
		a, err := Parse(tt.input)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.HasWildcard(); got != tt.want {
			t.Errorf("Parse(%q).HasWildcard() = %v; want %v", tt.input, got, tt.want)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		glob, s string
		want    bool
	}{
		{"aws", "aws", true},
		{"aws", "aws-cn", false},
		{"aws*", "aws-cn", true},
		{"*", "", true},
		{"?", "", false},
		{"a?s", "aws", true},
		{"*-gov", "aws-us-gov", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.glob, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v; want %v", tt.glob, tt.s, got, tt.want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := map[string]string{
		"object":  "arn:aws:s3:::bucket/some/key/with/a/path.txt",
		"20KB":    "arn:aws:s3:::" + strings.Repeat("k", 20*1024),
		"2KBstar": "arn:aws:s3:::" + strings.Repeat("a*", 1000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Parse(in)
			}
		})
	}
}
