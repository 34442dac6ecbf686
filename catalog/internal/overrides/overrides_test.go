package overrides

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

const (
	pm      = catalog.PermissionsManagement
	list    = catalog.List
	read    = catalog.Read
	write   = catalog.Write
	tagging = catalog.Tagging
)

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []Rule
	}{
		{"empty", "", nil},
		{"comments only", "# nothing yet\n\n", nil},
		{"null document", "~\n", nil},
		{"empty document", "---\n", nil},
		{"action to level", `
s3:PutObjectAcl: Permissions management
"iam:PassRole": permissions-management
ec2:Describe*: list
`, []Rule{{"s3:PutObjectAcl", pm, 2}, {"iam:PassRole", pm, 3}, {"ec2:Describe*", list, 4}}},
		{"policy sentry shape", `
s3:
  Tagging:
    - PutObjectTagging
    - putobjectversiontagging
  permissions management: [PutObjectAcl, "s3:PutBucketAcl"]
`, []Rule{{"s3:PutObjectTagging", tagging, 4}, {"s3:putobjectversiontagging", tagging, 5}, {"s3:PutObjectAcl", pm, 6}, {"s3:PutBucketAcl", pm, 6}}},
		{"both shapes, any case", `
S3:GetObject: READ       # the service is lower-cased
iam:
  PERMISSIONS_MANAGEMENT:
    - PassRole
  write:
kms: ~
ec2:Describe?*: Permissions
`, []Rule{{"s3:GetObject", read, 2}, {"iam:PassRole", pm, 5}, {"ec2:Describe?*", pm, 8}}},
		{"flow mapping", `{"s3:GetObject": write, s3: {list: [ListBucket]}}`,
			[]Rule{{"s3:GetObject", write, 1}, {"s3:ListBucket", list, 1}}},
		{"aliases", `
s3:
  Tagging: &tags [TagResource, UntagResource]
kms:
  Tagging: *tags
`, []Rule{{"s3:TagResource", tagging, 3}, {"s3:UntagResource", tagging, 3}, {"kms:TagResource", tagging, 3}, {"kms:UntagResource", tagging, 3}}},
		{"spaces trimmed", `" s3:GetObject ": " read "`, []Rule{{"s3:GetObject", read, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse("o.yml", []byte(tt.input))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if o.File != "o.yml" {
				t.Errorf("File = %q", o.File)
			}
			if !reflect.DeepEqual(o.Rules, tt.want) {
				t.Errorf("Rules =\n%v\nwant\n%v", o.Rules, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const levels = "(want List, Read, Write, Permissions management or Tagging)"
	tests := []struct {
		name, input, want string
	}{
		{"unknown level", "s3:PutObjectAcl: Reed", `o.yml:1:18: s3:PutObjectAcl: unknown access level "Reed" ` + levels},
		{"compound level", "s3:PutObjectAcl: Tagging, Write", `o.yml:1:18: s3:PutObjectAcl: unknown access level "Tagging, Write" ` + levels},
		{"number level", "s3:PutObjectAcl: 5", `o.yml:1:18: s3:PutObjectAcl: unknown access level "5" ` + levels},
		{"no level", "s3:PutObjectAcl:\n", `o.yml:1:17: s3:PutObjectAcl: no access level`},
		{"level type", "s3:PutObjectAcl: [read]", `o.yml:1:18: s3:PutObjectAcl: want an access level, got a list`},
		{"no service prefix", "\nPutObjectAcl: read", `o.yml:2:1: pattern "PutObjectAcl" has no "service:" prefix (want "service:Action: level", or a service mapping levels to lists of actions)`},
		{"invalid service", `"s 3:GetObject": read`, `o.yml:1:1: invalid service name "s 3" in "s 3:GetObject" (want letters, digits and hyphens)`},
		{"glob service", `"*:Get*": read`, `o.yml:1:1: invalid service name "*" in "*:Get*" (want letters, digits and hyphens)`},
		{"no service", `":GetObject": read`, `o.yml:1:1: pattern ":GetObject" has no service before ":"`},
		{"no action", `"s3:": read`, `o.yml:1:1: pattern "s3:" has no action after "service:"`},
		{"invalid action", `"s3:Get Object": read`, `o.yml:1:1: invalid action name "Get Object" in "s3:Get Object" (want letters, digits, '-', '_', '.' and the wildcards * and ?)`},
		{"two colons", `"s3:Get:Object": read`, `o.yml:1:1: invalid action name "Get:Object" in "s3:Get:Object" (want letters, digits, '-', '_', '.' and the wildcards * and ?)`},
		{"empty pattern", `"": read`, `o.yml:1:1: empty pattern`},
		{"null pattern", `~: read`, `o.yml:1:1: empty pattern`},
		{"key type", `[a]: read`, `o.yml:1:1: want a name as key, got a list`},
		{"merge key", "base: &b {read: [A]}\n<<: *b", `o.yml:2:1: merge keys (<<) are not supported`},
		{"list", "- s3:GetObject: read", `o.yml:1:1: want a mapping of actions or services to access levels, got a list`},
		{"string", "s3:GetObject read", `o.yml:1:1: want a mapping of actions or services to access levels, got a string`},
		{"service to list", "s3: [GetObject]", `o.yml:1:5: s3: want a mapping of access levels to lists of actions, got a list`},
		{"invalid service name", "s_3:\n  read: [GetObject]", `o.yml:1:1: invalid service name "s_3" (want letters, digits and hyphens)`},
		{"shape 2 unknown level", "s3:\n  Reed: [GetObject]", `o.yml:2:3: s3: unknown access level "Reed" ` + levels},
		{"level to string", "s3:\n  Read: GetObject", `o.yml:2:9: s3: Read: want a list of action names, got a string`},
		{"level to mapping", "s3:\n  Read: {GetObject: 1}", `o.yml:2:9: s3: Read: want a list of action names, got a mapping`},
		{"item mapping", "s3:\n  Read:\n    - GetObject: x", `o.yml:3:7: s3: Read: want an action name, got a mapping`},
		{"item list alias", "s3:\n  Read: &l [A, *l]", `o.yml:2:16: s3: Read: want an action name, got a list`},
		{"item null", "s3:\n  Read:\n    -\n", `o.yml:3:6: s3: Read: empty action name`},
		{"item other service", "s3:\n  Read: [kms:Decrypt]", `o.yml:2:10: s3: Read: "kms:Decrypt" names another service`},
		{"item invalid", "s3:\n  Read: [\"Get Object\"]", `o.yml:2:10: invalid action name "Get Object" in "s3:Get Object" (want letters, digits, '-', '_', '.' and the wildcards * and ?)`},
		{"syntax", "s3:GetObject: read\n  bad: [", `o.yml:2:6: found ':', but a mapping value cannot start here (quote the value if it holds ": ")`},
		{"tab", "s3:\n\tread: [A]", `o.yml:2:1: found a tab where indentation or a value was expected; YAML indents with spaces`},
		{"unknown anchor", "s3:GetObject: *nope", `o.yml:1:15: unknown anchor "nope": *nope refers to no &nope before it`},
		{"two documents", "s3:GetObject: read\n---\ns3:PutObject: write", `o.yml:2:1: a second YAML document; an overrides file holds one mapping`},
		{"long junk", `"s3:` + strings.Repeat("x ", 200) + `": read`, `o.yml:1:1: invalid action name "` + strings.Repeat("x ", 32) + `…" in "s3:` + strings.Repeat("x ", 30) + `x…" (want letters, digits, '-', '_', '.' and the wildcards * and ?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse("o.yml", []byte(tt.input))
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error %q", tt.input, o.Rules, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.input, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "o.yml" {
				t.Errorf("error %v is not an *Error for o.yml", err)
			}
		})
	}
}

func TestLevel(t *testing.T) {
	o, err := Parse("o.yml", []byte(`
s3:Get*: write
s3:GetObject*: tagging
s3:GetObject: list
s3:*: read
s3:Get?bject*: permissions-management
s3:*Acl: write
s3:Put*: tagging
s3:
  Permissions management:
    - Pu*l
iam:PassRole: permissions-management
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		action string
		want   catalog.AccessLevel
		line   int // of the deciding rule, 0 for none
	}{
		{"s3:GetObject", list, 4},                // exact beats every glob
		{"S3:GETOBJECT", list, 4},                // in any case
		{"s3:GetObjectAcl", tagging, 3},          // "s3:GetObject*" has 12 literals, "s3:Get?bject*" 11
		{"s3:GetBucketPolicy", write, 2},         // "s3:Get*" beats "s3:*"
		{"s3:ListBucket", read, 5},               // only "s3:*"
		{"s3:PutObjectAcl", pm, 11},              // "Pu*l" ties "*Acl" and "Put*" on 6 literals: the later line
		{"s3:PutObject", tagging, 8},             //
		{"iam:PassRole", pm, 12},                 //
		{"iam:passrole", pm, 12},                 //
		{"iam:GetRole", catalog.LevelUnknown, 0}, // no rule for iam globs
		{"kms:Decrypt", catalog.LevelUnknown, 0},
		{"GetObject", catalog.LevelUnknown, 0},
		{"", catalog.LevelUnknown, 0},
	}
	for _, tt := range tests {
		level, rule, ok := o.Level(tt.action)
		if ok != (tt.line > 0) || level != tt.want || (ok && rule.Line != tt.line) {
			line := 0
			if rule != nil {
				line = rule.Line
			}
			t.Errorf("Level(%q) = %v (line %d), %v; want %v (line %d)", tt.action, level, line, ok, tt.want, tt.line)
		}
	}

	var none *Overrides
	if _, _, ok := none.Level("s3:GetObject"); ok {
		t.Error("nil Overrides matched")
	}
}

// TestLevelHandBuilt covers an Overrides built without Parse, which may hold what Parse refuses.
func TestLevelHandBuilt(t *testing.T) {
	o := &Overrides{Rules: []Rule{
		{Pattern: "*:Describe*", Level: list, Line: 1},
		{Pattern: "S3:GetObject", Level: write, Line: 2},
		{Pattern: "s3:getobject", Level: pm, Line: 3},
	}}
	if l, r, ok := o.Level("ec2:DescribeInstances"); !ok || l != list || r != &o.Rules[0] {
		t.Errorf("Level(ec2:DescribeInstances) = %v, %v, %v", l, r, ok)
	}
	if l, r, ok := o.Level("s3:GetObject"); !ok || l != pm || r != &o.Rules[2] {
		t.Errorf("Level(s3:GetObject) = %v, %v, %v; want the later duplicate", l, r, ok)
	}
}

func testService() *catalog.Service {
	return &catalog.Service{
		Prefix: "s3", Name: "Amazon S3", Source: "test", AuthorizationURL: "https://x",
		Actions: []*catalog.Action{
			{Service: "s3", Name: "GetObject", AccessLevel: read,
				ResourceTypes: []catalog.ActionResource{{ResourceType: "object", Required: true}}},
			{Service: "s3", Name: "PutObjectAcl", AccessLevel: write,
				ResourceTypes: []catalog.ActionResource{{ResourceType: "object"}, {ConditionKeys: []string{"s3:x-amz-acl"}}}},
			{Service: "s3", Name: "PutBucketAcl", AccessLevel: pm},
			{Service: "s3", Name: "ListBucket", AccessLevel: list},
		},
		ResourceTypes: []*catalog.ResourceType{{Service: "s3", Name: "object", ARNFormats: []string{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}}},
		ConditionKeys: []*catalog.ConditionKey{{Name: "s3:x-amz-acl", Type: "String"}},
	}
}

func TestApply(t *testing.T) {
	o, err := Parse("o.yml", []byte("s3:*Acl: permissions-management\ns3:ListBucket: read\nkms:Decrypt: write\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := testService()
	if s.Action("putobjectacl") == nil { // builds s's index, which the copy must not share
		t.Fatal("lookup failed")
	}
	before := testService()
	got, n := o.Apply(s)
	if n != 2 {
		t.Errorf("Apply changed %d actions, want 2 (PutObjectAcl, ListBucket; PutBucketAcl is already Permissions management)", n)
	}
	if !reflect.DeepEqual(s.Actions, before.Actions) || !reflect.DeepEqual(s.ResourceTypes, before.ResourceTypes) {
		t.Error("Apply changed the original service")
	}
	if s.Action("PutObjectAcl").AccessLevel != write {
		t.Error("the original's lookup sees the override")
	}
	wantLevels := []catalog.AccessLevel{read, pm, pm, read}
	for i, a := range got.Actions {
		if a.AccessLevel != wantLevels[i] {
			t.Errorf("copy's %s = %v, want %v", a.Name, a.AccessLevel, wantLevels[i])
		}
		changed := i == 1 || i == 3
		if shared := a == s.Actions[i]; shared == changed {
			t.Errorf("copy's %s shares the original's pointer: %v, want %v", a.Name, shared, !changed)
		}
	}
	if !reflect.DeepEqual(got.Actions[1].ResourceTypes, s.Actions[1].ResourceTypes) {
		t.Error("the changed action lost its resource types")
	}
	if got.Action("PUTOBJECTACL") != got.Actions[1] || got.ResourceType("object") != s.ResourceTypes[0] {
		t.Error("the copy's lookups do not find its own actions")
	}
	if got.Prefix != s.Prefix || got.Name != s.Name || got.Source != s.Source || got.AuthorizationURL != s.AuthorizationURL ||
		len(got.ConditionKeys) != 1 {
		t.Errorf("copy lost service fields: %+v", got)
	}
	// Appending to the copy must not write into the original's backing arrays.
	got.Actions[1].ResourceTypes = append(got.Actions[1].ResourceTypes, catalog.ActionResource{ResourceType: "bucket"})
	got.ResourceTypes = append(got.ResourceTypes, &catalog.ResourceType{Name: "bucket"})
	if !reflect.DeepEqual(s.Actions, before.Actions) || len(s.ResourceTypes) != 1 {
		t.Error("appending to the copy changed the original")
	}

	empty := &Overrides{}
	if c, n := empty.Apply(s); n != 0 || c == s || len(c.Actions) != len(s.Actions) {
		t.Errorf("empty overrides: Apply = %p, %d", c, n)
	}
	if c, n := o.Apply(nil); c != nil || n != 0 {
		t.Errorf("Apply(nil) = %v, %d", c, n)
	}
}

func TestUnused(t *testing.T) {
	o, err := Parse("o.yml", []byte(`
s3:GetObject: read
s3:Put*Acl: permissions-management
s3:PutObjectAc: write
s3:Delete*: write
s4:GetObject: read
`))
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{"s3:GetObject", "s3:PutObjectAcl", "s3:PutObject", "S3:PUTOBJECTACL", "s3:ListBucket", "kms:Decrypt"}
	got := o.Unused(actions)
	want := []diag.Diagnostic{
		{Code: diag.OverrideUnused, Severity: diag.Warning, Message: "override s3:PutObjectAc matches no action",
			Location: &diag.Location{File: "o.yml", Line: 4}, Suggestions: []string{"s3:PutObjectAcl", "s3:PutObject"}},
		{Code: diag.OverrideUnused, Severity: diag.Warning, Message: "override s3:Delete* matches no action",
			Location: &diag.Location{File: "o.yml", Line: 5}},
		{Code: diag.OverrideUnused, Severity: diag.Warning, Message: `override s4:GetObject matches no action (no service "s4" in the catalog)`,
			Location: &diag.Location{File: "o.yml", Line: 6}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Unused =\n%v\nwant\n%v", got, want)
	}
	if got := (&Overrides{}).Unused(actions); got != nil {
		t.Errorf("no rules: Unused = %v", got)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "o.yml")
	if err := os.WriteFile(path, []byte("s3:PutObjectAcl: Permissions management\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Read(path)
	if err != nil || o.File != path || len(o.Rules) != 1 {
		t.Fatalf("Read = %+v, %v", o, err)
	}
	if _, err := Read(filepath.Join(dir, "missing.yml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read(missing) error %v does not wrap os.ErrNotExist", err)
	}
	big := filepath.Join(dir, "big.yml")
	if err := os.WriteFile(big, make([]byte, 10<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(big); !errors.Is(err, ErrTooLarge) || err.Error() != big+": overrides file too large: more than 1048576 bytes" {
		t.Errorf("Read(10 MB) error = %v", err)
	}
}

// hostileInputs are inputs built to exhaust time or memory, and a substring of the error each
// must end with.
func hostileInputs() []struct{ name, input, want string } {
	rng := rand.New(rand.NewSource(1))
	junk := make([]byte, MaxSize)
	rng.Read(junk)
	printable := make([]byte, MaxSize)
	for i := range printable {
		printable[i] = " \n:-[]{}&*!|>'\"%@`#,?abc"[rng.Intn(24)]
	}

	// A classic billion laughs: nine levels of nine aliases, 9^9 strings if expanded.
	var laughs strings.Builder
	laughs.WriteString("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for c := 'b'; c <= 'i'; c++ {
		fmt.Fprintf(&laughs, "%c: &%c [%s]\n", c, c, strings.Repeat(fmt.Sprintf("*%c, ", c-1), 8)+fmt.Sprintf("*%c", c-1))
	}
	// The same, aimed at the shape this package expands: one service's mapping aliased under
	// thousands of services, each bringing a thousand distinct actions.
	var bomb strings.Builder
	bomb.WriteString("s0: &m\n  read: [")
	for i := range 1000 {
		fmt.Fprintf(&bomb, "A%d, ", i)
	}
	bomb.WriteString("]\n")
	for i := 1; i < 5000; i++ {
		fmt.Fprintf(&bomb, "s%d: *m\n", i)
	}
	// An anchor holding an alias to itself: a cycle, for a reader that recursed.
	selfRef := "s3: &m {read: *m}\n"

	return []struct{ name, input, want string }{
		{"10 MB of junk", strings.Repeat("junk: [", 10<<20/7), "more than 1048576 bytes"},
		{"1 MiB of random bytes", string(junk), "UTF-8"},
		{"1 MiB of YAML punctuation", string(printable), ""},
		{"1 MiB flow list", "[" + strings.Repeat("a,", MaxSize/2-1) + "]", "got a list"},
		{"1 MiB flow mapping", "{" + strings.Repeat("a: b, ", MaxSize/6-1) + "}", `pattern "a" has no "service:" prefix`},
		{"deep flow nesting", strings.Repeat("[", MaxSize), "exceeded max depth"},
		{"deep block nesting", deepBlock(MaxSize), `k: unknown access level "k"`},
		{"billion laughs", laughs.String(), "a: want a mapping of access levels to lists of actions, got a list"},
		{"alias bomb", bomb.String(), "overrides file too large: more than 200000 rules"},
		{"self reference", selfRef, "s3: Read: want a list of action names, got a mapping"},
	}
}

// hostileBytesPerUnit bounds what Parse allocates for each byte of input and each rule it may
// expand aliases into (MaxRules): work linear in the input, whatever the input holds. Today the
// most is about 230, for the alias bomb (run TestHostile -v); expanded without the rule limit,
// it would take thousands of times more.
const hostileBytesPerUnit = 512

// TestHostile feeds inputs built to exhaust time or memory, and wants each to fail with the
// error given, in bounded work. It counts bytes allocated, not seconds, so that it passes or
// fails alike on a busy machine; BenchmarkHostile measures the time.
func TestHostile(t *testing.T) {
	for _, tt := range hostileInputs() {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.input)
			var o *Overrides
			var err error
			c := testutil.Measure(func() { o, err = Parse("o.yml", in) })
			t.Logf("%d bytes in: %v", len(in), c)
			testutil.Bounded(t, c, len(in)+MaxRules, hostileBytesPerUnit)
			if err == nil {
				t.Fatalf("no error; %d rules", len(o.Rules))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if len(err.Error()) > 300 {
				t.Errorf("error is %d bytes long", len(err.Error()))
			}
			t.Logf("%.100s", err)
		})
	}
}

// BenchmarkHostile parses every hostile input once per operation, for make bench; run
// TestHostile with -v for each input's time.
func BenchmarkHostile(b *testing.B) {
	var inputs [][]byte
	var size int64
	for _, tt := range hostileInputs() {
		inputs = append(inputs, []byte(tt.input))
		size += int64(len(tt.input))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Parse("o.yml", in)
		}
	}
}

// deepBlock nests block mappings as deep as n bytes allow.
func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n-2*i-8; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"s3:PutObjectAcl: Permissions management\n\"iam:PassRole\": permissions-management\nec2:Describe*: list\n",
		"s3:\n  Tagging:\n    - PutObjectTagging\n    - putobjectversiontagging\n",
		"s3:\n  Tagging: &t [A, B]\nkms:\n  tagging: *t\n",
		"{\"s3:GetObject\": write, s3: {list: [ListBucket]}}",
		"s3:GetObject: read\ns3:getobject: write\n",
		"a: &a [x]\nb: [*a, *a]\n",
		"- a\n- b\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Parse("fuzz.yml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		for i := range o.Rules {
			r := &o.Rules[i]
			if r.Pattern == "" || !strings.Contains(r.Pattern, ":") || r.Line <= 0 {
				t.Fatalf("bad rule %+v", r)
			}
			if r.Level < catalog.List || r.Level > catalog.Tagging {
				t.Fatalf("rule %+v has no valid level", r)
			}
			// Every rule decides for something, at least for the action it names.
			if !catalog.HasGlob(r.Pattern) {
				if l, got, ok := o.Level(r.Pattern); !ok || got != r || l != r.Level {
					t.Fatalf("Level(%q) = %v, %v, %v; want rule %d", r.Pattern, l, got, ok, i)
				}
			}
		}
	})
}

func BenchmarkLevel(b *testing.B) {
	var src strings.Builder
	for i := range 200 {
		fmt.Fprintf(&src, "s3:Action%d: read\ns3:Glob%d*: write\n", i, i)
	}
	o, err := Parse("o.yml", []byte(src.String()))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		o.Level("s3:Glob150Something")
	}
}

// TestConcurrentLevel runs first lookups in parallel, for the race detector: the index is built
// lazily on whichever goroutine gets there first.
func TestConcurrentLevel(t *testing.T) {
	o, err := Parse("o.yml", []byte("s3:Get*: write\ns3:GetObject: list\n"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan catalog.AccessLevel)
	for range 8 {
		go func() {
			l, _, _ := o.Level("s3:GetObjectAcl")
			done <- l
		}()
	}
	for range 8 {
		if l := <-done; l != write {
			t.Errorf("Level = %v, want Write", l)
		}
	}
}

// TestApplyCopiesEveryField fails when catalog.Service gains a field that Apply does not carry
// over to its copy.
func TestApplyCopiesEveryField(t *testing.T) {
	s := &catalog.Service{}
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int, reflect.Int64, reflect.Uint8:
			f.Set(reflect.ValueOf(1).Convert(f.Type()))
		case reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
		case reflect.Slice:
			sl := reflect.MakeSlice(f.Type(), 1, 1)
			if e := f.Type().Elem(); e.Kind() == reflect.Pointer {
				sl.Index(0).Set(reflect.New(e.Elem()))
			}
			f.Set(sl)
		case reflect.Map:
			f.Set(reflect.MakeMap(f.Type()))
		default:
			t.Fatalf("Service.%s: unhandled kind %v", v.Type().Field(i).Name, f.Kind())
		}
	}
	got, _ := (&Overrides{}).Apply(s)
	g := reflect.ValueOf(got).Elem()
	for i := range v.NumField() {
		if field := v.Type().Field(i); field.IsExported() && !reflect.DeepEqual(g.Field(i).Interface(), v.Field(i).Interface()) {
			t.Errorf("Apply drops Service.%s", field.Name)
		}
	}
}

// TestRepeated: a pattern, service or level given twice is a warning, and the later entry
// wins, as in Policy Sentry (whose own access-level-overrides.yml repeats
// quicksight:updatedashboardpermissions).
func TestRepeated(t *testing.T) {
	tests := []struct {
		name, input string
		warning     string
		want        []Rule
	}{
		{"same action twice", "s3:GetObject: read\n\nS3:getobject: write", `o.yml:3:1: warning: s3:getobject given twice, on lines 1 and 3; the later wins [override-repeated]`,
			[]Rule{{"s3:getobject", catalog.Write, 3}}},
		{"same glob twice", "ec2:Describe*: list\nec2:describe*: read", `o.yml:2:1: warning: ec2:describe* given twice, on lines 1 and 2; the later wins [override-repeated]`,
			[]Rule{{"ec2:describe*", catalog.Read, 2}}},
		{"twice across shapes", "s3:GetObject: read\ns3:\n  write: [getObject]", `o.yml:3:11: warning: s3:getObject given twice, on lines 1 and 3; the later wins [override-repeated]`,
			[]Rule{{"s3:getObject", catalog.Write, 3}}},
		{"twice in a list, as in Policy Sentry's own file", "quicksight:\n  permissions-management:\n    - updatedashboardpermissions\n    - UpdateDashboardPermissions\n",
			`o.yml:4:7: warning: quicksight:UpdateDashboardPermissions given twice, on lines 3 and 4; the later wins [override-repeated]`,
			[]Rule{{"quicksight:UpdateDashboardPermissions", catalog.PermissionsManagement, 4}}},
		{"service twice: the later block replaces the earlier", "s3:\n  read: [A, C]\nS3:\n  write: [B]", `o.yml:3:1: warning: service s3 given twice, on lines 1 and 3; the later wins [override-repeated]`,
			[]Rule{{"s3:B", catalog.Write, 4}}},
		{"a level twice", "s3:\n  Read: [A]\n  read: [B]", `o.yml:3:3: warning: s3: level Read given twice, on lines 2 and 3; the later wins [override-repeated]`,
			[]Rule{{"s3:B", catalog.Read, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse("o.yml", []byte(tt.input))
			if err != nil {
				t.Fatalf("Parse(%q): %v; want it read, with a warning", tt.input, err)
			}
			if len(o.Diagnostics) != 1 || o.Diagnostics[0].Error() != tt.warning {
				t.Errorf("Parse(%q) warnings = %v; want %s", tt.input, o.Diagnostics, tt.warning)
			}
			if !reflect.DeepEqual(o.Rules, tt.want) {
				t.Errorf("Parse(%q) rules = %v; want %v", tt.input, o.Rules, tt.want)
			}
		})
	}
}
