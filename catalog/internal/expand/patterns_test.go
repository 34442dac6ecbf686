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
		if !ps.matches(a.Service, a.Name) {
			kept = append(kept, a.FullName())
		}
	}
	return kept
}

// byService matches as list does a NotAction: a service at a time, skipping those no pattern
// can match.
func byService(all []*catalog.Action, patterns []string) []string {
	ps := newPatternSet(patterns)
	var kept []string
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].Service == all[i].Service {
			j++
		}
		check := ps.service(all[i].Service)
		for _, a := range all[i:j] {
			if !check || !ps.matchesName(a.Service, a.Name) {
				kept = append(kept, a.FullName())
			}
		}
		i = j
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
			"s3:GET*", "s3:get**", "EC2:dEsCrIbE*", "s3:*", "s3:**", "s3:Get*Object", "s3:G?t*",
			"s3:Get\u212a*", "s3:GetObject*", "kms:*Key", "iam:PassRole*",
			"ec2:*vpc*", "ec2:**VPC**", "s3:*Object*", "glue:*Partition*", "s3:*", "s3:***", "s3:*Ob?ect*",
			"s3:*\u212a*", "ec2:*ss*", "sagemaker:Create*Job",
		},
		"none": nil,
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		var pats []string
		for range 1 + r.IntN(60) {
			p := all[r.IntN(len(all))].FullName()
			b := []byte(p)
			switch r.IntN(8) {
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
			case 6: // a part of the name, case changed: "ec2:*vpc*"
				j := strings.IndexByte(p, ':') + 1 + r.IntN(len(p)-strings.IndexByte(p, ':'))
				k := j + r.IntN(len(p)-j+1)
				b = append(append(append(append([]byte{}, b[:strings.IndexByte(p, ':')+1]...), '*'), b[j:k]...), '*')
				for k, c := range b {
					if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && r.IntN(3) == 0 {
						b[k] = c ^ 0x20
					}
				}
			case 5: // a prefix of the name, case changed: "EC2:describe*"
				j := strings.IndexByte(p, ':') + 1 + r.IntN(len(p)-strings.IndexByte(p, ':'))
				b = append(append([]byte{}, b[:j]...), '*')
				for k, c := range b {
					if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && r.IntN(3) == 0 {
						b[k] = c ^ 0x20
					}
				}
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
		if got := byService(all, pats); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: matching a service at a time leaves %d actions, one by one %d", name, len(got), len(want))
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
	// Actions groups the same names by service and access level.
	byName := map[string]*catalog.Action{}
	for _, a := range all {
		byName[a.FullName()] = a
	}
	levels := map[string]map[string][]string{}
	for _, n := range want {
		a := byName[n]
		if levels[a.Service] == nil {
			levels[a.Service] = map[string][]string{}
		}
		levels[a.Service][a.AccessLevel.String()] = append(levels[a.Service][a.AccessLevel.String()], n)
	}
	if !reflect.DeepEqual(ex[1].Actions, levels) {
		t.Errorf("the NotAction's actions by service and level differ from the one-by-one matching's")
	}
}

// TestNamesIsExpand checks that Names, which lists a NotAction's actions by name without
// decoding every service, expands every statement as Expand does (bar Granted): over the
// built-in catalog, which lists names from its text, over the same services decoded, and over a
// catalog whose levels an override changed, where the names come from the services themselves.
func TestNamesIsExpand(t *testing.T) {
	cat, _ := builtin(t)
	services, err := cat.AllServices()
	if err != nil {
		t.Fatal(err)
	}
	decoded := catalog.New(services, catalog.Info{})
	relevel := cat.Map(func(s *catalog.Service) *catalog.Service {
		if s.Prefix != "s3" {
			return s
		}
		c := &catalog.Service{Prefix: s.Prefix, Name: s.Name, ResourceTypes: s.ResourceTypes, ConditionKeys: s.ConditionKeys}
		for _, a := range s.Actions {
			b := *a
			b.AccessLevel = catalog.Tagging
			c.Actions = append(c.Actions, &b)
		}
		return c
	})
	data, err := os.ReadFile(standIn)
	if err != nil {
		t.Fatal(err)
	}
	policies := map[string]string{
		"stand-in": string(data),
		"mixed": `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Action": ["s3:Get*", "S3:getobject", "*:Describe*", "iam:*AccessKey*", "nope:X", "s3:Nope"], "Resource": "*"},
			{"Effect": "Deny", "NotAction": ["*:*"], "Resource": "*"},
			{"Effect": "Deny", "NotAction": ["s3*", "*Object", "ec2:*Vpc*"], "Resource": "*"},
			{"Effect": "Deny", "NotAction": "iam:PassRole", "Resource": "*"}]}`,
	}
	for cname, c := range map[string]*catalog.Catalog{"built-in": cat, "decoded": decoded, "relevelled": relevel} {
		for pname, src := range policies {
			// Grammar findings (a wildcard in a service prefix) do not stop an expansion.
			p, ds := policy.Parse(pname, []byte(src), policy.Identity)
			if p == nil {
				t.Fatalf("%s: %v", pname, ds)
			}
			want, wantDs := Expand(c, p)
			got, gotDs := Names(c, p)
			for i := range want {
				if got[i].Granted != nil {
					t.Errorf("%s, %s: Names fills Granted", cname, pname)
				}
				want[i].Granted = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: Names and Expand differ", cname, pname)
			}
			if !reflect.DeepEqual(gotDs, wantDs) {
				t.Errorf("%s, %s: Names says %v; Expand %v", cname, pname, gotDs, wantDs)
			}
		}
	}
}

// TestAddNamesOrder checks that blocks and addNames put Names in order, and file every name
// under its service and level in order, for actions in runs of one service in any order of
// runs (where blocks orders the runs), runs out of name order, and a service in two runs (where
// it sorts).
func TestAddNamesOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	services := []string{"s3", "s3-outposts", "s3express", "ec2", "a", "a-b", "kms"}
	for i := range 300 {
		var acts []*catalog.Action
		seen := map[string]bool{}
		for range r.IntN(6) {
			var run []*catalog.Action
			svc := services[r.IntN(len(services))]
			for range r.IntN(20) {
				name := string(rune('A'+r.IntN(26))) + string(rune('a'+r.IntN(26)))
				if !seen[svc+":"+name] {
					seen[svc+":"+name] = true
					run = append(run, &catalog.Action{Service: svc, Name: name, AccessLevel: catalog.AccessLevel(r.IntN(7))})
				}
			}
			if i%3 != 0 {
				sort.Slice(run, func(i, j int) bool { return run[i].Name < run[j].Name })
			}
			acts = append(acts, run...)
		}
		bs := blocks(acts)
		for j, b := range bs {
			if j > 0 && bs[j-1].Service >= b.Service || !sort.StringsAreSorted(b.Names()) {
				t.Fatalf("blocks(%v) = %v: not one per service in prefix order, each in name order", acts, bs)
			}
		}
		e := Expanded{Actions: map[string]map[string][]string{}}
		e.addNames(bs)
		var want []string
		levels := map[string]map[string][]string{}
		for _, a := range acts {
			n := a.Service + ":" + a.Name
			want = append(want, n)
			if levels[a.Service] == nil {
				levels[a.Service] = map[string][]string{}
			}
			levels[a.Service][a.AccessLevel.String()] = append(levels[a.Service][a.AccessLevel.String()], n)
		}
		sort.Strings(want)
		for _, lv := range levels {
			for _, names := range lv {
				sort.Strings(names)
			}
		}
		if !reflect.DeepEqual(e.Names, want) {
			t.Fatalf("addNames(%v): Names = %q; want %q", acts, e.Names, want)
		}
		if !reflect.DeepEqual(e.Actions, levels) {
			t.Fatalf("addNames(%v): Actions = %q; want %q", acts, e.Actions, levels)
		}
	}
}

// matchNames finds, among every action's name, what catalog.Expand finds in the decoded
// services, and declines (ok false) only where Expand finds nothing or fails.
func TestMatchNames(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	all, err := cat.ActionNames()
	if err != nil {
		t.Fatal(err)
	}
	patterns := []string{"*", "*:*", "s3:GetObject", "S3:getobject", "s3:Get*", "s3*:Get*", "*:Describe*", "ec2:*Instances",
		"s3:?etObject", "iam:PassRole", "iam:NoSuch", "nosuch:Get*", "s3:", ":Get", "s3:Get Object", " s3:GetObject ",
		"sagemaker:*", "logs:*", "kms:*crypt*", "*:*AccessKey*", "s?s:SendMessage", "s3:GetObjéct", "a4b:approveskill"}
	for _, p := range patterns {
		got, ok := matchNames(all, p)
		want, err := cat.Expand(p)
		if !ok {
			if err == nil && len(want) > 0 {
				t.Errorf("matchNames(%q) declines; Expand finds %d actions", p, len(want))
			}
			continue
		}
		if err != nil {
			t.Errorf("matchNames(%q) finds %d actions; Expand fails: %v", p, len(got), err)
			continue
		}
		var g, w []string
		for _, n := range got {
			g = append(g, n.service+":"+n.name+" "+n.level.String())
		}
		for _, a := range want {
			w = append(w, a.Service+":"+a.Name+" "+a.AccessLevel.String())
		}
		sort.Strings(g)
		sort.Strings(w)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("matchNames(%q) finds %d actions; Expand %d", p, len(g), len(w))
		}
	}
}

// TestSortRuns holds sortRuns to sorting outright, over lists cut into runs in order that
// overlap or not, as the entries of an Action give them.
func TestSortRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	services := []string{"ec2", "kms", "logs", "s3", "sagemaker"}
	names := []string{"Decrypt", "GetObject", "List", "ListBuckets", "PutObject", "a", "b"}
	for range 2000 {
		var ns []named
		for range r.IntN(5) {
			var run []named
			for range r.IntN(6) {
				run = append(run, named{services[r.IntN(len(services))], names[r.IntN(len(names))], catalog.Read})
			}
			if r.IntN(4) > 0 {
				sort.Slice(run, func(i, j int) bool { return compareNamed(run[i], run[j]) < 0 })
			}
			ns = append(ns, run...)
		}
		want := append([]named(nil), ns...)
		sort.SliceStable(want, func(i, j int) bool { return compareNamed(want[i], want[j]) < 0 })
		if got := sortRuns(append([]named(nil), ns...)); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("sortRuns(%v) = %v, want %v", ns, got, want)
		}
	}
}
