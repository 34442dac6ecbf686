package policy

import (
	"fmt"
	"testing"
)

// realistic100 is a 100-statement policy shaped like Policy Sentry's output: a Sid per
// statement, a handful of actions and resources each, conditions on a third of them, indented
// by four spaces.
func realistic100() *Policy {
	services := []struct{ prefix, arn string }{
		{"s3", "arn:aws:s3:::acme-data-%d/*"},
		{"dynamodb", "arn:aws:dynamodb:us-east-1:123456789012:table/orders-%d"},
		{"sqs", "arn:aws:sqs:us-east-1:123456789012:queue-%d"},
		{"kms", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-%012d"},
		{"logs", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn-%d:*"},
	}
	verbs := []string{"Get", "Put", "List", "Describe", "Delete", "Update", "Create", "Tag"}
	p := &Policy{Version: Version}
	for i := range 100 {
		svc := services[i%len(services)]
		s := Statement{Sid: fmt.Sprintf("%sAccess%d", svc.prefix, i), Effect: "Allow"}
		for j := range 4 + i%9 {
			s.Action = append(s.Action, fmt.Sprintf("%s:%sResource%d", svc.prefix, verbs[j%len(verbs)], j))
		}
		for j := range 1 + i%4 {
			s.Resource = append(s.Resource, fmt.Sprintf(svc.arn, i*10+j))
		}
		if i%3 == 0 {
			s.Condition = Conditions{
				{"StringEquals", "aws:ResourceTag/team", []string{"data", "platform"}},
				{"Bool", "aws:SecureTransport", []string{"true"}},
				{"IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}},
			}
		}
		p.Statement = append(p.Statement, s)
	}
	return p
}

func TestRealistic100IsValid(t *testing.T) {
	data := realistic100().JSON("    ")
	p, diags := Parse("bench.json", data, Identity)
	if len(diags) > 0 || len(p.Statement) != 100 {
		t.Fatalf("the benchmark policy has diagnostics:\n%s", listDiags(diags))
	}
	t.Logf("%d bytes, %d characters by Size", len(data), p.Size())
}

func BenchmarkParse100(b *testing.B) {
	data := realistic100().JSON("    ")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("bench.json", data, Identity)
	}
}

func BenchmarkJSON(b *testing.B) {
	p := realistic100()
	b.ReportAllocs()
	for b.Loop() {
		p.JSON("    ")
	}
}

func BenchmarkSize(b *testing.B) {
	p := realistic100()
	b.ReportAllocs()
	for b.Loop() {
		p.Size()
	}
}

func BenchmarkSplit(b *testing.B) {
	p := realistic100()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Split(p, ManagedLimit, MaxManagedPerRole); err != nil {
			b.Fatal(err)
		}
	}
}
