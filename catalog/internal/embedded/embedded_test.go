package embedded_test

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/internal/compact"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

func load(t testing.TB) (*catalog.Catalog, []*catalog.Service) {
	t.Helper()
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	all, err := cat.AllServices()
	if err != nil {
		t.Fatal(err)
	}
	return cat, all
}

// The provenance record's counts are what the catalog holds.
func TestCounts(t *testing.T) {
	cat, all := load(t)
	info, err := cat.Info()
	if err != nil {
		t.Fatal(err)
	}
	got := catalog.Count(all)
	if got.Services != info.Services || got.Actions != info.Actions || got.ResourceTypes != info.ResourceTypes || got.ConditionKeys != info.ConditionKeys {
		t.Errorf("counted %d/%d/%d/%d; provenance says %d/%d/%d/%d", got.Services, got.Actions, got.ResourceTypes, got.ConditionKeys,
			info.Services, info.Actions, info.ResourceTypes, info.ConditionKeys)
	}
	// The pinned upstream release: a refresh changes these on purpose, with the provenance.
	if info.Services != 456 || info.Actions != 22091 || info.ResourceTypes != 2334 || info.ConditionKeys != 2578 {
		t.Errorf("catalog counts %d services, %d actions, %d resource types, %d condition keys; want the pinned release's 456, 22091, 2334, 2578",
			info.Services, info.Actions, info.ResourceTypes, info.ConditionKeys)
	}
	if len(info.Sources) != 2 || info.Sources[0].Version == "" || info.Sources[1].Version == "" {
		t.Errorf("sources = %+v; want the upstream and the dependent-actions release, with versions", info.Sources)
	}
	if got.ActionsWithDependentActions == 0 {
		t.Error("no action has dependent actions")
	}
}

// Every resource type and condition key an action names exists in its service (or, for keys,
// among the global ones).
func TestCorpusReferences(t *testing.T) {
	_, all := load(t)
	for _, s := range all {
		for _, a := range s.Actions {
			if a.AccessLevel == catalog.LevelUnknown {
				t.Errorf("%s: no access level", a.FullName())
			}
			for _, r := range a.ResourceTypes {
				if r.ResourceType != "" && s.ResourceType(r.ResourceType) == nil {
					t.Errorf("%s names resource type %q, which %s does not define", a.FullName(), r.ResourceType, s.Prefix)
				}
				for _, k := range r.ConditionKeys {
					if s.LookupConditionKey(k) == nil {
						t.Errorf("%s names condition key %q, neither in %s nor global", a.FullName(), k, s.Prefix)
					}
				}
			}
			for _, sc := range a.Scenarios {
				for _, r := range sc.ResourceTypes {
					if s.ResourceType(r.ResourceType) == nil {
						t.Errorf("%s scenario %q names resource type %q, which %s does not define", a.FullName(), sc.Name, r.ResourceType, s.Prefix)
					}
				}
			}
		}
		for _, rt := range s.ResourceTypes {
			if len(rt.ARNFormats) == 0 {
				t.Errorf("%s:%s has no ARN format", s.Prefix, rt.Name)
			}
			for _, k := range rt.ConditionKeys {
				if s.LookupConditionKey(k) == nil {
					t.Errorf("resource type %s:%s names condition key %q, neither in %s nor global", s.Prefix, rt.Name, k, s.Prefix)
				}
			}
		}
		for _, k := range s.ConditionKeys {
			if k.Type == "" {
				t.Errorf("%s condition key %s has no type", s.Prefix, k.Name)
			}
		}
	}
}

// Every dependent action exists, or the provenance record reports it.
func TestCorpusDependentActions(t *testing.T) {
	cat, all := load(t)
	info, _ := cat.Info()
	reported := map[string]bool{}
	for _, d := range info.DanglingDependentActions {
		reported[d] = true
	}
	n := 0
	for _, s := range all {
		for _, a := range s.Actions {
			deps := a.DependentActions()
			if len(deps) > 0 {
				n++
				if a.DependentActionsSource == "" {
					t.Errorf("%s has dependent actions but no record of their source", a.FullName())
				}
			}
			for _, d := range deps {
				if _, err := cat.Action(d); err != nil && !reported[a.FullName()+" -> "+d] {
					t.Errorf("%s depends on %s: %v, and the provenance does not report it", a.FullName(), d, err)
				}
			}
		}
	}
	if n != info.ActionsWithDependentActions {
		t.Errorf("%d actions have dependent actions; provenance says %d", n, info.ActionsWithDependentActions)
	}
}

// Decoding and encoding again gives the embedded bytes: nothing is lost in between.
func TestCompactRoundTrip(t *testing.T) {
	_, all := load(t)
	gotCore, gotDesc, prov := embedded.Files()
	core, desc, err := compact.Encode(all, prov)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(core, []byte(gotCore)) {
		t.Error("re-encoding the decoded catalog changed catalog.bin")
	}
	if !bytes.Equal(desc, []byte(gotDesc)) {
		t.Error("re-encoding the decoded catalog changed descriptions.bin")
	}
}

// The names and levels a compact catalog lists from its text and structure, without decoding
// its services (catalog.ActionNames, which expanding a NotAction takes), are the decoded ones.
func TestActionNames(t *testing.T) {
	cat, all := load(t)
	got, err := cat.ActionNames()
	if err != nil {
		t.Fatal(err)
	}
	want, err := catalog.New(all, catalog.Info{}).ActionNames()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("ActionNames lists %d services; decoded, %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Service != w.Service || !reflect.DeepEqual(g.Names(), w.Names()) || !reflect.DeepEqual(g.Levels, w.Levels) {
			t.Errorf("ActionNames lists %s as %v %v; decoded, %s %v %v", g.Service, g.Names(), g.Levels, w.Service, w.Names(), w.Levels)
		}
	}
}

// The facts behind a few well-known actions.
func TestKnownActions(t *testing.T) {
	cat, _ := load(t)
	tests := []struct {
		action string
		level  catalog.AccessLevel
		rt     string // a resource type it takes ("" for wildcard-only)
		desc   string // a word of its description
	}{
		{"s3:GetObject", catalog.Read, "object", "object"},
		{"s3:GetBucketLocation", catalog.Read, "bucket", "Region"},
		{"s3:ListAllMyBuckets", catalog.List, "", "bucket"},
		{"kms:Decrypt", catalog.Write, "key", "ecrypt"},
		{"iam:PassRole", catalog.Write, "role", "role"},
		{"s3:PutObjectTagging", catalog.Tagging, "object", "tag"},
		{"iam:AttachRolePolicy", catalog.PermissionsManagement, "role", "polic"},
		{"lambda:InvokeFunction", catalog.Write, "function", "function"},
		{"dynamodb:GetItem", catalog.Read, "table", "item"},
	}
	for _, tt := range tests {
		a, err := cat.Action(strings.ToUpper(tt.action[:1]) + tt.action[1:])
		if err != nil {
			t.Errorf("Action(%q): %v", tt.action, err)
			continue
		}
		if a.AccessLevel != tt.level {
			t.Errorf("%s access level = %v; want %v", tt.action, a.AccessLevel, tt.level)
		}
		if tt.rt == "" && !a.WildcardOnly() || tt.rt != "" && a.Resource(tt.rt) == nil {
			t.Errorf("%s resource types = %+v; want %q", tt.action, a.ResourceTypes, tt.rt)
		}
		if !strings.Contains(a.Description, tt.desc) {
			t.Errorf("%s description = %q; want it to mention %q", tt.action, a.Description, tt.desc)
		}
	}
	a, _ := cat.Action("ec2:RunInstances")
	if a == nil || len(a.Scenarios) == 0 {
		t.Error("ec2:RunInstances has no scenarios")
	}
	rt := mustService(t, cat, "apigateway").ResourceType("authorizer")
	if rt == nil || len(rt.ARNFormats) != 2 {
		t.Errorf("apigateway authorizer formats = %v; want 2", rt)
	}
	if mustService(t, cat, "lambda").ResourceType("function alias") == nil {
		t.Error(`lambda has no resource type "function alias"`)
	}
	key := mustService(t, cat, "events").ResourceType("key")
	if key == nil || !strings.HasPrefix(key.ARNFormats[0], "arn:${Partition}:kms:") {
		t.Errorf("events lists kms key as %+v", key)
	}
	c, _ := cat.Action("connect:CreateInstance")
	if c == nil || len(c.DependentActions()) == 0 || c.DependentActionsSource == "" {
		t.Errorf("connect:CreateInstance dependent actions = %v from %q", c.DependentActions(), c.DependentActionsSource)
	}
}

func mustService(t *testing.T, cat *catalog.Catalog, p string) *catalog.Service {
	t.Helper()
	s, err := cat.Service(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExpand(t *testing.T) {
	cat, all := load(t)
	count := func(f func(*catalog.Action) bool) int {
		n := 0
		for _, s := range all {
			for _, a := range s.Actions {
				if f(a) {
					n++
				}
			}
		}
		return n
	}
	tests := []struct {
		pattern string
		want    int
		has     []string
	}{
		{"s3:Get*", count(func(a *catalog.Action) bool { return a.Service == "s3" && strings.HasPrefix(a.Name, "Get") }), []string{"s3:GetObject", "s3:GetBucketPolicy"}},
		{"S3:get*", count(func(a *catalog.Action) bool { return a.Service == "s3" && strings.HasPrefix(a.Name, "Get") }), []string{"s3:GetObject"}},
		{"*:Describe*", count(func(a *catalog.Action) bool { return strings.HasPrefix(a.Name, "Describe") }), []string{"ec2:DescribeInstances"}},
		{"iam:*AccessKey*", count(func(a *catalog.Action) bool { return a.Service == "iam" && strings.Contains(a.Name, "AccessKey") }), []string{"iam:CreateAccessKey", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"}},
		{"*:*", 22091, nil},
		{"*", 22091, nil},
		{"kms:Decrypt", 1, []string{"kms:Decrypt"}},
		{"s3:NoSuchThing*", 0, nil},
	}
	for _, tt := range tests {
		got, err := cat.Expand(tt.pattern)
		if err != nil {
			t.Errorf("Expand(%q): %v", tt.pattern, err)
			continue
		}
		if len(got) != tt.want {
			t.Errorf("Expand(%q) = %d actions; want %d", tt.pattern, len(got), tt.want)
		}
		names := map[string]bool{}
		for _, a := range got {
			names[a.FullName()] = true
		}
		for _, h := range tt.has {
			if !names[h] {
				t.Errorf("Expand(%q) lacks %s", tt.pattern, h)
			}
		}
	}
	for _, bad := range []string{"s3", "s4:Get*", ":Get", "s3:", "s3:Get Object"} {
		if _, err := cat.Expand(bad); err == nil {
			t.Errorf("Expand(%q): no error", bad)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	cat, _ := load(t)
	tests := []struct {
		query string
		top   string // the first hit
		in    string // among the first five
	}{
		{"decrypt", "kms:Decrypt", ""},
		{"Decrypt", "kms:Decrypt", ""},
		{"s3:getob", "s3:GetObject", ""},
		{"get bucket location", "s3:GetBucketLocation", ""},
		{"GetBucketLocation", "s3:GetBucketLocation", ""},
		{"assume role", "sts:AssumeRole", ""},
		{"passrole", "iam:PassRole", ""},
		{"invoke lambda function", "", "lambda:InvokeFunction"},
		{"put object", "", "s3:PutObject"},
		{"read secret value", "", "secretsmanager:GetSecretValue"},
	}
	for _, tt := range tests {
		hits, err := cat.Search(tt.query, 5)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range hits {
			names = append(names, h.Action.FullName())
		}
		if tt.top != "" && (len(names) == 0 || names[0] != tt.top) {
			t.Errorf("Search(%q) = %v; want %s first", tt.query, names, tt.top)
		}
		if tt.in != "" && !contains(names, tt.in) {
			t.Errorf("Search(%q) = %v; want %s among them", tt.query, names, tt.in)
		}
	}
	if hits, _ := cat.Search("zzzyyyxxx", 5); len(hits) != 0 {
		t.Errorf("Search(nonsense) = %d hits", len(hits))
	}
}

// Descriptions that arrive after the search index was built (the browser's order) join it at
// WarmSearch, not on the next keystroke: until then search answers from the index it has, and
// afterwards exactly as a catalog that had its descriptions from the start.
func TestSearchWarmAfterDescriptions(t *testing.T) {
	later, whole, desc := laterAndWhole(t)
	names := func(c *catalog.Catalog, q string) []string { return hitNames(mustSearch(t, c, q)) }
	// "ciphertext" is in kms:Decrypt's description and in no action's name.
	const described = "ciphertext"
	if got := names(later, described); len(got) != 0 {
		t.Fatalf("Search(%q) before descriptions = %v; want none", described, got)
	}
	if err := later.WarmSearch(); err != nil {
		t.Fatal(err)
	}
	if err := compact.AttachDescriptions(later, desc); err != nil {
		t.Fatal(err)
	}
	if got := names(later, described); len(got) != 0 {
		t.Errorf("Search(%q) before WarmSearch = %v; want the index it had (none)", described, got)
	}
	if got := names(later, "decrypt"); len(got) == 0 || !strings.HasPrefix(got[0], "kms:Decrypt ") {
		t.Errorf("Search(decrypt) from the stale index = %v; want kms:Decrypt first", got)
	}
	if err := later.WarmSearch(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{described, "decrypt", "d", "read secret value", "s3:getob", "put object acl", "list tags for resource"} {
		if got, want := names(later, q), names(whole, q); !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q) after WarmSearch = %v; want %v, as with descriptions from the start", q, got, want)
		}
	}
	if got := names(later, described); indexOf(got, "kms:Decrypt") < 0 {
		t.Errorf("Search(%q) after WarmSearch = %v; want kms:Decrypt among them", described, got)
	}
}

// WarmSearchFor builds the index a step at a time: between steps, search answers at once from
// what it had (the names, here), and once the steps are done exactly as a catalog built whole.
func TestSearchWarmsInSteps(t *testing.T) {
	later, whole, desc := laterAndWhole(t)
	if done, err := later.WarmSearchFor(0); !done || err != nil {
		t.Fatalf("WarmSearchFor without descriptions = %v, %v; want done (the names are listed in one step)", done, err)
	}
	if err := compact.AttachDescriptions(later, desc); err != nil {
		t.Fatal(err)
	}
	steps := 0
	for {
		done, err := later.WarmSearchFor(0)
		if err != nil {
			t.Fatal(err)
		}
		steps++
		if done {
			break
		}
		if steps > 1000 {
			t.Fatal("WarmSearchFor(0) is not done after 1,000 steps")
		}
		// Between steps: the names, scanned; "ciphertext" is only in a description.
		if got := hitNames(mustSearch(t, later, "ciphertext")); len(got) != 0 {
			t.Fatalf("Search(ciphertext) after %d steps = %v; want none until the index is done", steps, got)
		}
		if got := hitNames(mustSearch(t, later, "decrypt")); len(got) == 0 || !strings.HasPrefix(got[0], "kms:Decrypt ") {
			t.Fatalf("Search(decrypt) after %d steps = %v; want kms:Decrypt first", steps, got)
		}
	}
	t.Logf("%d steps", steps)
	if steps < 10 {
		t.Errorf("WarmSearchFor(0) took %d steps; want the build cut into many (22,000 actions, 512 a step)", steps)
	}
	for _, q := range []string{"ciphertext", "decrypt", "d", "read secret value", "s3:getob", "list tags for resource"} {
		if got, want := hitNames(mustSearch(t, later, q)), hitNames(mustSearch(t, whole, q)); !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q) after %d steps = %v; want %v, as with descriptions from the start", q, steps, got, want)
		}
	}
	if done, err := later.WarmSearchFor(0); !done || err != nil {
		t.Errorf("WarmSearchFor once done = %v, %v; want done", done, err)
	}
}

func mustSearch(t *testing.T, c *catalog.Catalog, q string) []catalog.SearchHit {
	t.Helper()
	hits, err := c.Search(q, 20)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// laterAndWhole opens the built-in catalog twice: later without its descriptions (the page's,
// which gets them last: attach desc), whole with them.
func laterAndWhole(t *testing.T) (later, whole *catalog.Catalog, desc string) {
	t.Helper()
	core, desc, _ := embedded.Files()
	later, err := compact.Open(core, "")
	if err != nil {
		t.Fatal(err)
	}
	whole, err = compact.Open(core, desc)
	if err != nil {
		t.Fatal(err)
	}
	return later, whole, desc
}

// indexOf is the place of action in hits written "service:Name score", or -1.
func indexOf(hits []string, action string) int {
	for i, h := range hits {
		if strings.HasPrefix(h, action+" ") {
			return i
		}
	}
	return -1
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// Every ARN format of every resource type compiles, and an example ARN made from it matches its
// own resource type: as the owning service's type, or as another service's listing of it.
func TestCorpusARNFormats(t *testing.T) {
	cat, all := load(t)
	n := 0
	for _, s := range all {
		for _, rt := range s.ResourceTypes {
			for _, f := range rt.ARNFormats {
				cf, err := arn.CompileFormat(f)
				if err != nil {
					t.Errorf("%s:%s: %v", s.Prefix, rt.Name, err)
					continue
				}
				ex := cf.Example()
				// A format with a literal '*' (connect's wildcard-queue, ".../queue/*") loses a
				// concrete ARN to its same-shape twin (queue); the ARN with the '*' is its own.
				if strings.Contains(f, "*") {
					ex = strings.ReplaceAll(ex, "example", "*")
				}
				m := cat.MatchARN(ex)
				found := false
				for _, x := range m.Types {
					found = found || x == rt
				}
				for _, x := range m.Also {
					found = found || (x.Service == s.Prefix && x.ResourceType == rt.Name)
				}
				if !found {
					t.Errorf("%s:%s format %s: example %s matched %s %v (also %v)", s.Prefix, rt.Name, f, ex, m.Status, m.ResourceTypes, m.Also)
				}
				n++
			}
		}
	}
	if n < 2334 {
		t.Errorf("checked %d formats; want at least one per resource type", n)
	}
}

// Until its index is built, a catalog without descriptions (the page's, as it becomes usable)
// answers searches by scanning the actions' names. Over the whole catalog, the scan finds what
// the index finds, with the same scores, in the same order: every action's name whole and cut
// short, each word of it and its beginnings, service-qualified, two words, level words, and words
// a name holds only inside another.
func TestSearchScanMatchesIndex(t *testing.T) {
	core, _, _ := embedded.Files()
	scan, err := compact.Open(core, "")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := scan.ActionList()
	if err != nil {
		t.Fatal(err)
	}
	// A catalog whose actions all have a description builds an index; a description without a
	// word ("—") adds nothing to it, so it indexes what the scan sees.
	indexed, err := compact.Open(core, "")
	if err != nil {
		t.Fatal(err)
	}
	indexed.SetSearchSource(func() ([]catalog.SearchEntry, error) {
		out := slices.Clone(entries)
		for i := range out {
			out[i].Description = "—"
		}
		return out, nil
	})
	seen := map[string]bool{}
	var queries []string
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			queries = append(queries, q)
		}
	}
	for _, q := range []string{"", " ", "d", "de", "dec", "decrypt", "read", "re", "r", "write", "w", "list", "tagging", "tag",
		"management", "man", "permissions", "unknown", "s3", "s3:", "s3:getob", "s3 get object", "get bucket", "logs",
		"cognito", "idp", "cognito-idp", "cognito idp", "cognito-idp:admin", "ec2:", "ec2 : describe", "to", "for",
		"list tags for resource", "a b c d e f g h i j k l m n o p q r", "db", "DB", "instances", "ListDBInstances",
		"x", "xy", "xyz", "zzzyyyxxx", "9", "v2", "é", "getobject acl", "put object acl", "assume role", "sts:assume",
		"read secret value", "bucket", "ucke", "ject", "kms:", "kms:decrypt", "kms decrypt", "decrypt kms"} {
		add(q)
	}
	step := 3
	if testing.Short() {
		step = 25
	}
	for i := 0; i < len(entries); i += step {
		e := entries[i]
		name := strings.ToLower(e.Name)
		switch i % 4 {
		case 0:
			add(name)
			add(e.Service + ":" + name[:len(name)/2])
		case 1:
			for n := 1; n <= len(name) && n <= 6; n++ {
				add(name[:n])
			}
		case 2:
			add(strings.ToLower(e.Service) + " " + name[:min(len(name), 4)])
			if len(name) > 5 {
				add(name[2:5]) // inside a word
			}
		case 3:
			words := splitCamel(e.Name)
			for j, w := range words {
				add(w)
				add(w[:max(1, len(w)-1)])
				if j > 0 {
					add(words[j-1] + " " + w[:max(1, len(w)/2)])
				}
			}
		}
	}
	for i, q := range queries {
		limits := []int{20}
		if i%10 == 0 {
			limits = append(limits, 3)
		}
		for _, limit := range limits {
			got, err := scan.Search(q, limit)
			if err != nil {
				t.Fatal(err)
			}
			want, err := indexed.Search(q, limit)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := hitNames(got), hitNames(want); !reflect.DeepEqual(g, w) {
				t.Fatalf("Search(%q, %d) by scanning = %v; the index finds %v", q, limit, g, w)
			}
		}
	}
	t.Logf("%d queries", len(queries))
}

func hitNames(hits []catalog.SearchHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s %d", h.Action.FullName(), h.Score))
	}
	return out
}

// splitCamel cuts a CamelCase name into its lower-case words, roughly: for making queries.
func splitCamel(name string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(name); i++ {
		if i == len(name) || 'A' <= name[i] && name[i] <= 'Z' && 'a' <= name[i-1] && name[i-1] <= 'z' {
			out = append(out, strings.ToLower(name[start:i]))
			start = i
		}
	}
	return out
}
