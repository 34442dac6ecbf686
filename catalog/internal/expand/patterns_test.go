package expand

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// standIn is the NotAction stand-in for SageMakerStudioProjectUserRolePermissionsBoundary (see
// catalog/cli/standin_test.go).
const standIn = "../../../testdata/bench/notaction-685.json"

func builtin(t testing.TB) (*catalog.Catalog, []*catalog.Action) {
	t.Helper()
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	all, err := cat.Expand("*:*")
	if err != nil {
		t.Fatal(err)
	}
	return cat, all
}

// naive is how a NotAction was matched before patterns were grouped: every pattern against every
// action's full name.
func naive(all []*catalog.Action, patterns []string) []string {
	var kept []string
	for _, a := range all {
		excluded := false
		full := a.FullName()
		for _, p := range patterns {
			if catalog.MatchGlob(p, full) {
				excluded = true
				break
			}
		}
		if !excluded {
			kept = append(kept, a.FullName())
		}
	}
	return kept
}

func grouped(all []*catalog.Action, patterns []string) []string {
	ps := newPatternSet(patterns)
	var kept []string
	for _, a := range all {
		if !ps.matches(a) {
			kept = append(kept, a.FullName())
		}
	}
	return kept
}

func standInNotAction(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(standIn)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Statement []struct{ NotAction []string }
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return p.Statement[1].NotAction
}

// TestGroupedMatchingIsNaiveMatching checks that grouping the patterns by service changes no
// expansion: the same actions are left, over the whole built-in catalog, for the 685-entry
// stand-in, for patterns that test each group's edges, and for random patterns cut from real
// names (wildcards anywhere, case changed, service parts with wildcards, no ':' at all).
func TestGroupedMatchingIsNaiveMatching(t *testing.T) {
	_, all := builtin(t)
	sets := map[string][]string{
		"stand-in": standInNotAction(t),
		"edges": {
			"S3:getobject", "s3:GetObject ", " s3:GetObject", "s3:Get*", "S3:Get*", "*:Describe*", "s3*",
			"*Object", "?3:Get*", "s3?:*", "s3:", ":", "", "*", "*:*", "iam:*AccessKey*", "kms:Decrypt?",
			"ec2:Describe*s", "s3:Get*:x", "s3:Get:Object", "sts:AssumeRole", "STS:ASSUMEROLE", "logs",
			"lambda:InvokeFunction\u212a", "s3:GetObjectLoc\u212a", "ec2:*", "e*:*Vpc*", "*:*:*", "*a*a*a*a*b",
			"s3-outposts:*", "s3express:Get*", "dynamodb:?etItem", "x:y",
		},
		"none": nil,
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		var pats []string
		for range 1 + r.IntN(60) {
			p := all[r.IntN(len(all))].FullName()
			b := []byte(p)
			switch r.IntN(6) {
			case 0: // a wildcard in the name
				j := strings.IndexByte(p, ':') + 1 + r.IntN(len(p)-strings.IndexByte(p, ':'))
				b = append(append(append([]byte{}, b[:j]...), '*'), b[min(len(b), j+r.IntN(4)):]...)
			case 1: // a wildcard in the service
				j := r.IntN(strings.IndexByte(p, ':') + 1)
				b = append(append(append([]byte{}, b[:j]...), '*'), b[j+1:]...)
			case 2: // case changed
				for k, c := range b {
					if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && r.IntN(2) == 0 {
						b[k] = c ^ 0x20
					}
				}
			case 3: // '?' somewhere
				b[r.IntN(len(b))] = '?'
			case 4: // no service
				b = append([]byte("*"), b[strings.IndexByte(p, ':')+1:]...)
			}
			pats = append(pats, string(b))
		}
		sets["random-"+string(rune('a'+i%26))+string(rune('0'+i/26))] = pats
	}
	for name, pats := range sets {
		want, got := naive(all, pats), grouped(all, pats)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: grouped matching leaves %d actions, one by one %d", name, len(got), len(want))
		}
	}
}

// TestExpandStandIn expands the stand-in policy and checks the Deny NotAction's actions are
// exactly those the one-by-one matching leaves.
func TestExpandStandIn(t *testing.T) {
	cat, all := builtin(t)
	data, err := os.ReadFile(standIn)
	if err != nil {
		t.Fatal(err)
	}
	p, ds := policy.Parse(standIn, data, policy.Identity)
	if p == nil || ds.HasErrors() {
		t.Fatalf("parse: %v", ds)
	}
	ex, ds := Expand(cat, p)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := naive(all, standInNotAction(t))
	sort.Strings(want)
	if !reflect.DeepEqual(ex[1].Names, want) {
		t.Errorf("the NotAction expands to %d actions; one-by-one matching leaves %d", len(ex[1].Names), len(want))
	}
	if len(ex[1].Granted) != len(want) {
		t.Errorf("Granted holds %d actions; want %d", len(ex[1].Granted), len(want))
	}
}
