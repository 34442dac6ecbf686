package arn

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"arn:aws:s3:::acme",
	"arn:aws:s3:::acme/a/b c/ü.txt",
	"arn:aws:s3:::acme-*",
	"arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k",
	"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*",
	"arn:aws:logs:*:*:log-group:*:log-stream:?",
	"arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST",
	"arn:aws-*:sqs:*:111122223333:*",
	"arn:aws:s3:::" + strings.Repeat("*a", 50),
	"*",
	" arn:aws:s3:::b",
	"ARN:aws:s3:::b",
	"arn:aws:s3",
	"arn:aws:s3:::b\x00",
	"arn:aws:s3:::\xff",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %v is not a *ParseError", s, err)
			}
			if pe.Column < 1 || pe.Column > len(s)+1 || pe.Reason == "" || pe.Input != s {
				t.Fatalf("Parse(%q) = %+v: column out of range or no reason", s, pe)
			}
			_ = pe.Error()
			return
		}
		if a.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, a.String())
		}
		b, err := Parse(a.String())
		if err != nil || b != a {
			t.Fatalf("Parse(Parse(%q).String()) = %#v, %v; want %#v", s, b, err, a)
		}
	})
}

// FuzzMatch runs random ARNs against fixed groups. Beyond "no panic": for an ARN without
// wildcards the formats found (kept or dropped) are exactly those whose regexp matches, and a
// glob matches at least every format that one of its instances matches.
func FuzzMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	groups := [][]string{
		{s3Bucket, s3Object, s3AccessPoint, s3AccessPointObject, s3Job, s3MRAP, s3Bucket},
		{logsGroup, logsStream},
		{lambdaFunction, lambdaAlias, lambdaVersion, lambdaDurable, lambdaLayer, lambdaLayerVer},
		{connectInstance, connectQueue, connectWildcardQueue, connectViewVersion, connectViewQualified},
		{codeartifactPackageGroup, backupRecoveryPoint, braketDevice, sqsQueue, dmsCert},
	}
	var ms []*Matcher
	for _, g := range groups {
		m, err := NewMatcher(g)
		if err != nil {
			f.Fatal(err)
		}
		ms = append(ms, m)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			return
		}
		for _, m := range ms {
			matches, dropped := m.Match(a)
			if !slices.IsSorted(matches) || !slices.IsSorted(dropped) {
				t.Fatalf("Match(%q) = %v, %v: not ascending", s, matches, dropped)
			}
			for _, i := range dropped {
				if slices.Contains(matches, i) {
					t.Fatalf("Match(%q): %d both kept and dropped", s, i)
				}
			}
			if len(matches) == 0 && len(dropped) > 0 {
				t.Fatalf("Match(%q) dropped %v and kept nothing", s, dropped)
			}
			if got := m.Closest(a, 3); len(got) > 3 {
				t.Fatalf("Closest(%q, 3) = %v", s, got)
			}
			found := slices.Sorted(slices.Values(append(slices.Clone(matches), dropped...)))
			if !a.HasWildcard() {
				if want := referenceFound(m, a); !slices.Equal(found, want) {
					t.Fatalf("Match(%q) found %v; the regexps match %v", s, found, want)
				}
				continue
			}
			inst, err := Parse(strings.NewReplacer("*", "", "?", "a").Replace(s))
			if err != nil || inst.HasWildcard() {
				continue
			}
			im, id := m.Match(inst)
			for _, i := range append(im, id...) {
				if !slices.Contains(matches, i) {
					t.Fatalf("Match(%q) = %v misses format %d, which its instance %q matches", s, matches, i, inst)
				}
			}
		}
	})
}

// referenceFound lists the formats a concrete ARN matches by the segment checks and a regexp of
// the resource.
func referenceFound(m *Matcher, a ARN) []int {
	var out []int
	for i := range m.cs {
		c := &m.cs[i]
		ok := true
		for s, v := range [segResource]string{a.Partition, a.Service, a.Region, a.Account} {
			ok = ok && c.segs[s].match(v)
		}
		if ok && referenceRegexp(c.res).MatchString(a.Resource) {
			out = append(out, i)
		}
	}
	return out
}
