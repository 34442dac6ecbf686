package policy

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// WrittenSize counts a read policy as AWS counts the text sent to it: white space outside
// strings left out, and nothing else changed. Size counts the canonical rewrite, which wraps
// single strings in lists; the writer's own policies are measured by Size, which is what JSON
// writes.
func TestWrittenSize(t *testing.T) {
	const compact = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`
	tests := []struct {
		name, text string
		want       int
	}{
		{"compact", compact, len(compact)},
		{"indented", "{\n\t\"Version\": \"2012-10-17\",\r\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n}\n", len(compact)},
		{"white space in a string counts", strings.Replace(compact, `"*"`, `"arn:aws:s3:::b/a b"`, 1), len(compact) - 1 + len("arn:aws:s3:::b/a b")},
		{"escapes count as written", strings.Replace(compact, `"*"`, `"arn:aws:s3:::b/\u00e9\"x\\"`, 1), len(compact) - 1 + len(`arn:aws:s3:::b/\u00e9\"x\\`)},
		{"characters, not bytes", strings.Replace(compact, `"*"`, `"arn:aws:s3:::b/é"`, 1), len(compact) - 1 + len("arn:aws:s3:::b/") + 1},
		{"lists stay lists", strings.Replace(compact, `"*"`, `["*", "*"]`, 1), len(compact) + len(`[,"*"]`)},
	}
	for _, tt := range tests {
		p, ds := Parse("p.json", []byte(tt.text), Identity)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", tt.name, ds)
		}
		if got, ok := p.WrittenSize(); !ok || got != tt.want {
			t.Errorf("%s: WrittenSize() = %d, %v; want %d, true", tt.name, got, ok, tt.want)
		}
	}
	p, _ := Parse("p.json", []byte(compact), Identity)
	if got, want := p.Size(), len(compact)+len(`[][][]`); got != want {
		t.Errorf("Size() of the read policy = %d; want %d (the rewrite wraps Statement, Action and Resource in lists)", got, want)
	}
	built := &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: []string{"s3:GetObject"}, Resource: []string{"*"}}}}
	if n, ok := built.WrittenSize(); ok {
		t.Errorf("WrittenSize() of a built policy = %d, true; want false", n)
	}
	// Policy Sentry's Terraform output: the policy inside the string is what AWS gets.
	wrapped := `{"policy": ` + strconv.Quote(compact) + `}`
	p, _ = Parse("p.json", []byte(wrapped), Identity)
	if got, _ := p.WrittenSize(); got != len(compact) {
		t.Errorf("WrittenSize() of a wrapped policy = %d; want %d", got, len(compact))
	}
}

func TestSize(t *testing.T) {
	p := &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: []string{"s3:GetObject"}, Resource: []string{"*"}}}}
	const compact = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`
	if got := p.Size(); got != len(compact) {
		t.Errorf("Size() = %d; want %d", got, len(compact))
	}
	// White space inside strings counts; characters count once however many bytes they take;
	// characters above U+00FF count as the six characters of their escape.
	p.Statement[0].Resource = []string{"arn:aws:s3:::b/a b/é/中"}
	want := len(compact) - len(`*`) + utf8.RuneCountInString("arn:aws:s3:::b/a b/é/") + len(`\u4e2d`)
	if got := p.Size(); got != want {
		t.Errorf("Size() with unicode = %d; want %d", got, want)
	}
	for name, c := range writeCases(t) {
		if got, want := c.Size(), utf8.RuneCount(c.JSON("")); got != want {
			t.Errorf("%s: Size() = %d; want %d", name, got, want)
		}
		sum := frameSize(c.Policy)
		for i := range c.Statement {
			sum += statementSize(&c.Statement[i])
		}
		if sum += len(c.Statement) - 1; sum != c.Size() {
			t.Errorf("%s: frame and statement sizes add up to %d; Size() = %d", name, sum, c.Size())
		}
	}
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in   string
		want Target
	}{
		{"managed", Target{"managed", 6144}},
		{"role", Target{"role-inline", 10240}},
		{"Role-Inline", Target{"role-inline", 10240}},
		{"group", Target{"group-inline", 5120}},
		{"group-inline", Target{"group-inline", 5120}},
		{"user", Target{"user-inline", 2048}},
		{"user-inline", Target{"user-inline", 2048}},
		{"trust", Target{"trust", 2048}},
	}
	for _, tt := range tests {
		if got, err := ParseTarget(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseTarget(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseTarget("inline"); err == nil || !strings.Contains(err.Error(), "want managed, role-inline") {
		t.Errorf("ParseTarget(inline) error = %v", err)
	}
}

// grants lists what a set of statements grants: one entry per action with everything else of
// its statement, and one per NotAction statement, which cannot be split.
func grants(stmts []Statement) map[string]int {
	out := map[string]int{}
	for _, s := range stmts {
		rest := s
		rest.Sid, rest.Action, rest.Path = "", nil, ""
		ctx := string((&Policy{Statement: []Statement{rest}}).JSON(""))
		if len(s.Action) == 0 {
			out[ctx]++
		}
		for _, a := range s.Action {
			out[a+" "+ctx]++
		}
	}
	return out
}

func randomPolicy(r *rand.Rand) *Policy {
	p := &Policy{Version: Version}
	if r.IntN(4) == 0 {
		p.ID = "Generated"
	}
	services := []string{"s3", "ec2", "iam", "kms", "dynamodb", "sqs"}
	for i := range r.IntN(12) + 1 {
		s := Statement{Effect: []string{"Allow", "Deny"}[r.IntN(2)]}
		if r.IntN(3) > 0 {
			s.Sid = fmt.Sprintf("Stmt%d", i)
		}
		if r.IntN(8) == 0 {
			s.NotAction = []string{"iam:*", "sts:*"}
		} else {
			for range r.IntN(80) + 1 {
				s.Action = append(s.Action, fmt.Sprintf("%s:Action%04d", services[r.IntN(len(services))], r.IntN(10000)))
			}
		}
		for range r.IntN(4) + 1 {
			s.Resource = append(s.Resource, fmt.Sprintf("arn:aws:s3:::bucket-%d/%s", r.IntN(100), strings.Repeat("k", r.IntN(40))))
		}
		if r.IntN(2) == 0 {
			s.Condition = Conditions{{"StringEquals", "aws:SourceVpc", []string{fmt.Sprintf("vpc-%d", r.IntN(1000))}}}
		}
		if r.IntN(5) == 0 {
			s.Principal = &Principal{Entries: []PrincipalEntry{{"AWS", []string{"123456789012"}}}}
		}
		p.Statement = append(p.Statement, s)
	}
	return p
}

func TestSplitProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	splits, failures := 0, 0
	for i := range 600 {
		p := randomPolicy(r)
		limit := 200 + r.IntN(3000)
		max := r.IntN(12)
		before := string(p.JSON(""))
		parts, err := Split(p, limit, max)
		if string(p.JSON("")) != before {
			t.Fatalf("case %d: Split changed its input", i)
		}
		if err != nil {
			failures++
			var se *SplitError
			if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), "split: ") {
				t.Fatalf("case %d: error %v is not a *SplitError", i, err)
			}
			if se.Needed > 0 && (max <= 0 || se.Needed <= max) {
				t.Fatalf("case %d: Needed = %d with max %d: %v", i, se.Needed, max, err)
			}
			if se.Needed == 0 && !hasUnsplittable(p, limit) {
				t.Fatalf("case %d: %v, but every grant fits the limit %d", i, err, limit)
			}
			continue
		}
		if len(parts) > 1 {
			splits++
		}
		if max > 0 && len(parts) > max {
			t.Fatalf("case %d: %d parts; max %d", i, len(parts), max)
		}
		var all []Statement
		for j, part := range parts {
			if part.Size() > limit {
				t.Fatalf("case %d: part %d is %d characters; limit %d", i, j, part.Size(), limit)
			}
			if part.Version != p.Version || part.ID != p.ID {
				t.Fatalf("case %d: part %d lost Version or Id", i, j)
			}
			sids := map[string]bool{}
			for _, s := range part.Statement {
				if s.Sid != "" && sids[s.Sid] {
					t.Fatalf("case %d: part %d holds Sid %q twice", i, j, s.Sid)
				}
				sids[s.Sid] = true
			}
			all = append(all, part.Statement...)
		}
		if got, want := grants(all), grants(p.Statement); !maps.Equal(got, want) {
			t.Fatalf("case %d: the parts grant\n%v\nthe policy grants\n%v", i, got, want)
		}
	}
	t.Logf("%d splits into several policies, %d failures", splits, failures)
	if splits < 50 || failures < 50 {
		t.Errorf("only %d splits and %d failures in 600 cases; the generator no longer covers both", splits, failures)
	}
}

// hasUnsplittable reports whether a statement's smallest piece (one action, or the whole
// statement for NotAction) can be over the limit, given that it may get a Sid suffix.
func hasUnsplittable(p *Policy, limit int) bool {
	room := limit - frameSize(p)
	for _, s := range p.Statement {
		if len(s.Action) == 0 {
			if statementSize(&s) > room {
				return true
			}
			continue
		}
		for _, a := range s.Action {
			one := s
			one.Action = []string{a}
			if s.Sid != "" {
				one.Sid = s.Sid + "999"
			}
			if statementSize(&one) > room {
				return true
			}
		}
	}
	return false
}

func TestSplitSids(t *testing.T) {
	var actions []string
	for i := range 30 {
		actions = append(actions, fmt.Sprintf("s3:GetObjectVersionAttributes%02d", i))
	}
	p := &Policy{Version: Version, Statement: []Statement{
		{Sid: "S3ReadBucket", Effect: "Allow", Action: actions, Resource: []string{"arn:aws:s3:::b/*"}},
		{Sid: "S3ReadBucket2", Effect: "Allow", Action: []string{"s3:ListBucket"}, Resource: []string{"arn:aws:s3:::b"}},
	}}
	parts, err := Split(p, 500, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sids []string
	for _, part := range parts {
		for _, s := range part.Statement {
			sids = append(sids, s.Sid)
		}
	}
	// The Sid taken already is skipped.
	slices.Sort(sids)
	want := "S3ReadBucket S3ReadBucket2 S3ReadBucket3 S3ReadBucket4"
	if got := strings.Join(sids, " "); got != want {
		t.Errorf("Sids = %s; want %s", got, want)
	}
}

func TestSplitWithinLimit(t *testing.T) {
	p := &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: []string{"s3:GetObject"}, Resource: []string{"*"}}}}
	parts, err := Split(p, ManagedLimit, 1)
	if err != nil || len(parts) != 1 || parts[0] == p || string(parts[0].JSON("")) != string(p.JSON("")) {
		t.Fatalf("Split of a small policy = %v, %v; want one copy", parts, err)
	}
}

func TestSplitErrors(t *testing.T) {
	long := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("arn:aws:s3:::bucket/%s%d", strings.Repeat("x", 50), i))
		}
		return out
	}
	many := make([]string, 400)
	for i := range many {
		many[i] = fmt.Sprintf("ec2:Action%03d", i)
	}
	tests := []struct {
		name       string
		p          *Policy
		limit, max int
		needed     int
		msg        string
	}{
		{"limit below the frame", &Policy{Version: Version}, 30, 0, 0, "limit 30 is not above the 39 characters of a policy without statements"},
		{"NotAction", &Policy{Version: Version, Statement: []Statement{{Sid: "Deny", Effect: "Deny", NotAction: []string{"iam:*"}, Resource: long(20)}}}, 1000, 0, 0,
			`statement "Deny" (Statement[0]) is 1555 characters on its own, over the limit of 1000 with the policy's 39; it uses NotAction, which cannot be split by action`},
		{"one action too big", &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: []string{"s3:GetObject", "s3:PutObject"}, Resource: long(20)}}}, 1000, 0, 0,
			`the action "s3:GetObject" with its resources and conditions alone takes`},
		{"too many parts", &Policy{Version: Version, Statement: []Statement{{Effect: "Allow", Action: many, Resource: []string{"*"}}}}, 1000, 3, 8,
			"needs 8 policies of at most 1000 characters; at most 3 allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Split(tt.p, tt.limit, tt.max)
			var se *SplitError
			if !errors.As(err, &se) || se.Needed != tt.needed || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Split error = %v (needed %d); want needed %d and %q", err, se.Needed, tt.needed, tt.msg)
			}
		})
	}
}
