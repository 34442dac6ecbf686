package arn

import (
	"slices"
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	tests := []struct {
		name string
		arn  string
		n    int
		want []string // the first len(want) suggestions, duplicates removed
	}{
		// Buckets and objects have no region or account: the suggestion says which format was
		// meant, not one that happens to have a region.
		{"s3 bucket with region and account", "arn:aws:s3:us-east-1:123456789012:bucket/x", 4, []string{s3Object, s3Bucket}},
		{"dynamodb typo", "arn:aws:dynamodb:us-east-1:123456789012:tabel/x", 3, []string{ddbTable}},
		{"dynamodb index typo", "arn:aws:dynamodb:us-east-1:123456789012:table/t/indexes/i", 3, []string{ddbIndex}},
		{"lambda missing region", "arn:aws:lambda::123456789012:function:fn", 3, []string{lambdaFunction}},
		{"iam with region", "arn:aws:iam:us-east-1:123456789012:role/r", 3, []string{iamRole, iamRoleSSM}},
		{"logs with slash", "arn:aws:logs:us-east-1:123456789012:log-group/x", 3, []string{logsGroup}},
		{"a matching ARN is its own best suggestion", "arn:aws:sqs:us-east-1:123456789012:q", 1, []string{sqsQueue}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.arn)
			if err != nil {
				t.Fatal(err)
			}
			formats := group(t, a.Service)
			m, err := NewMatcher(formats)
			if err != nil {
				t.Fatal(err)
			}
			idx := m.Closest(a, tt.n)
			if len(idx) > tt.n {
				t.Fatalf("Closest(%s, %d) returned %d", tt.arn, tt.n, len(idx))
			}
			var got []string
			for _, i := range idx {
				if !slices.Contains(got, formats[i]) {
					got = append(got, formats[i])
				}
			}
			if len(got) < len(tt.want) || !slices.Equal(sorted(got[:len(tt.want)]...), sorted(tt.want...)) {
				t.Errorf("Closest(%s, %d) = %q; want it to start with %q", tt.arn, tt.n, got, tt.want)
			}
			if again := m.Closest(a, tt.n); !slices.Equal(again, idx) {
				t.Errorf("Closest(%s) is not deterministic: %v then %v", tt.arn, idx, again)
			}
		})
	}
}

func TestClosestEdges(t *testing.T) {
	m, err := NewMatcher([]string{ddbTable, ddbIndex})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Parse("arn:aws:dynamodb:us-east-1:123456789012:tabel/x")
	if got := m.Closest(a, 0); got != nil {
		t.Errorf("Closest(n=0) = %v; want nil", got)
	}
	if got := m.Closest(a, 10); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("Closest(n=10) = %v; want [0 1]", got)
	}
	long, _ := Parse("arn:aws:dynamodb:us-east-1:123456789012:" + strings.Repeat("*x/", 600))
	if got := m.Closest(long, 1); len(got) != 1 {
		t.Errorf("Closest(long) = %v; want one index", got)
	}
}

func TestResourceDistance(t *testing.T) {
	tests := []struct {
		format string
		group  []string
		res    string
		want   int
	}{
		{ddbTable, nil, "table/x", 0},
		{ddbTable, nil, "tabel/x", 2},
		{ddbTable, nil, "table/", 1},             // the name needs one character
		{ddbTable, nil, "x", 6},                  // "table/" inserted, x is the name
		{s3Bucket, []string{s3Object}, "a/b", 1}, // a bucket name holds no '/'
		{ddbIndex, nil, "table/t/index/*", 0},
		{ddbIndex, nil, "table/t/ind?x/i", 0},
	}
	for _, tt := range tests {
		m, err := NewMatcher(append([]string{tt.format}, tt.group...))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.cs[0].res.distance([]rune(tt.res)); got != tt.want {
			t.Errorf("distance(%s, %q) = %d; want %d", tt.format, tt.res, got, tt.want)
		}
	}
}
