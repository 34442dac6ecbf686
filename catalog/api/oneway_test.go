package api

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/template/templatetest"
)

// One way in: a template written as text, and the same template imported into builder state
// and written from there, must give the same policy bytes and the same diagnostics (codes and
// severities). The builder's state is the template's second spelling, never a second set of
// rules. Everything goes through Call, the JSON boundary the bridge and the CLI share.

type response struct {
	Result      json.RawMessage `json:"result"`
	Diagnostics diag.List       `json:"diagnostics"`
}

func call(t *testing.T, cat *catalog.Catalog, op string, req any) response {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var r response
	if err := json.Unmarshal(Call(cat, op, b), &r); err != nil {
		t.Fatalf("%s: the response is not JSON: %v", op, err)
	}
	if string(r.Result) == "null" {
		r.Result = nil
	}
	return r
}

// codes is a diagnostics list as "severity code" strings, sorted: what the two ways must agree on
// (locations differ by design: a line of the text, a field of the state).
func codes(ds ...diag.List) []string {
	var out []string
	for _, l := range ds {
		for _, d := range l {
			out = append(out, string(d.Severity)+" "+string(d.Code))
		}
	}
	sort.Strings(out)
	return out
}

func output(t *testing.T, r response) string {
	t.Helper()
	if r.Result == nil {
		return ""
	}
	var w WriteResult
	if err := json.Unmarshal(r.Result, &w); err != nil {
		t.Fatal(err)
	}
	return w.Output
}

// bothWays writes text directly and through importTemplate → state → write, and compares.
// When the import gives a state, the text's diagnostics are the import's (what reading the text
// found, what the state cannot hold) plus the state write's; when it gives none, the text has
// an error, and the import says what the write says.
func bothWays(t *testing.T, cat *catalog.Catalog, name, text string, opts map[string]any) {
	t.Helper()
	req := map[string]any{"template": text, "file": name}
	for k, v := range opts {
		req[k] = v
	}
	direct := call(t, cat, "write", req)
	imp := call(t, cat, "importTemplate", map[string]any{"template": text, "file": name})
	if imp.Result == nil {
		if !imp.Diagnostics.HasErrors() || !direct.Diagnostics.HasErrors() {
			t.Fatalf("%s: the import gave no state without an error (import: %v; text: %v)", name, imp.Diagnostics, direct.Diagnostics)
		}
		if got, want := codes(imp.Diagnostics), codes(direct.Diagnostics); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: the import says %v; writing the text says %v", name, got, want)
		}
		return
	}
	sreq := map[string]any{"state": imp.Result}
	for k, v := range opts {
		sreq[k] = v
	}
	viaState := call(t, cat, "write", sreq)
	if got, want := codes(imp.Diagnostics, viaState.Diagnostics), codes(direct.Diagnostics); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: as state: %v\nas text:  %v\nimport: %v\nstate write: %v\ntext write: %v\nstate: %s", name, got, want,
			imp.Diagnostics, viaState.Diagnostics, direct.Diagnostics, imp.Result)
	}
	if got, want := output(t, viaState), output(t, direct); got != want {
		t.Fatalf("%s: the policy written from the state differs from the text's:\nstate: %s\n--- from the state:\n%s\n--- from the text:\n%s", name, imp.Result, got, want)
	}
}

// templateFiles lists every template under the repository's testdata folders: golden cases,
// the writer's and the CLI's inputs, the benchmark's.
func templateFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{
		"../internal/template/testdata/*.yml", "../internal/template/testdata/*.json",
		"../internal/writer/testdata/*.yml",
		"../cli/testdata/write/*.yml", "../cli/testdata/write/*.json",
		"../../testdata/bench/*.yml",
	} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		if len(m) == 0 {
			t.Fatalf("no templates match %s", pat)
		}
		for _, f := range m {
			if strings.Contains(f, ".golden.") || strings.HasPrefix(filepath.Base(f), "policy") {
				continue
			}
			files = append(files, f)
		}
	}
	return files
}

func TestOneWayInTestdata(t *testing.T) {
	cat := builtin(t)
	files := templateFiles(t)
	if len(files) < 50 {
		t.Fatalf("found %d templates; the testdata folders hold more", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			bothWays(t, cat, filepath.Base(f), string(data), nil)
			bothWays(t, cat, filepath.Base(f), string(data), map[string]any{"minimize": true, "format": "terraform"})
		})
	}
}

// TestOneWayInGenerated runs the writer's property-test templates both ways, each also spoilt
// on purpose in one of the ways real templates go wrong, so that errors and warnings are
// compared too, not only clean writes.
func TestOneWayInGenerated(t *testing.T) {
	cat := builtin(t)
	all, err := cat.AllServices()
	if err != nil {
		t.Fatal(err)
	}
	samples, err := templatetest.Samples(cat)
	if err != nil {
		t.Fatal(err)
	}
	spoil := []func(rng *rand.Rand, text string) string{
		func(_ *rand.Rand, s string) string { return s },
		func(_ *rand.Rand, s string) string {
			return s + "list:\n- not-an-arn\n- arn:aws:s3\n- arn:aws:s3:::ok-bucket\n"
		},
		func(_ *rand.Rand, s string) string { return s + "exclude-actions: [s3, 's3:Get*']\n" },
		func(_ *rand.Rand, s string) string {
			return s + "skip-resource-constraints: ['s3:*', kms:Decrypt, kms:decrypt, kms:NoSuchAction]\n"
		},
		func(rng *rand.Rand, s string) string {
			return s + "effect: " + []string{"deny", "Deny", "Maybe"}[rng.Intn(3)] + "\ndependent-actions: " + []string{"none", "wildcard", "all"}[rng.Intn(3)] + "\n"
		},
		func(_ *rand.Rand, s string) string {
			return s + "partition: aws-xx\nregion: US-EAST-1\naccount: '1234'\nsts:\n  assume-role: [arn:aws:iam::123456789012:role/r, bogus]\n"
		},
		func(_ *rand.Rand, s string) string {
			return s + "conditions:\n  Bool:\n    aws:SecureTransport: [true, true]\n  StringEqual:\n    aws:x: y\n  write:\n    StringEquals:\n      aws:ResourceTag/team: [a]\n"
		},
		func(_ *rand.Rand, s string) string {
			return strings.Replace(s, "mode: crud", "mode: CRUD", 1) + "actions: [s3:GetObject]\n"
		},
		func(_ *rand.Rand, s string) string { return strings.Replace(s, "mode: crud", "mode: actions", 1) },
		func(_ *rand.Rand, s string) string {
			return s + "wildcard-only:\n  single-actions: [ec2:DescribeInstances, s3:GetObject, s3:GetObject]\n"
		},
	}
	rng := rand.New(rand.NewSource(2))
	n := 0
	for i := 0; n < 120; i++ {
		g := templatetest.Random(rng, cat, all, samples)
		if g == nil {
			continue
		}
		n++
		text := spoil[n%len(spoil)](rng, g.Text())
		name := fmt.Sprintf("case%d.yml", n)
		t.Run(name, func(t *testing.T) { bothWays(t, cat, name, text, nil) })
	}
}

// TestOneWayInRows are the cases: what a request says is judged the same whichever way
// it came. Each row is a template text and the state the builder would hold for it.
func TestOneWayInRows(t *testing.T) {
	cat := builtin(t)
	tests := []struct {
		name  string
		text  string
		state map[string]any
		want  []string // codes, sorted, of both
	}{
		{"a malformed ARN beside a good one",
			"mode: crud\nread:\n- arn:aws:s3:::ok-bucket\n- not-an-arn\n",
			map[string]any{"resources": []any{map[string]any{"arn": "arn:aws:s3:::ok-bucket", "levels": []string{"read"}}, map[string]any{"arn": "not-an-arn", "levels": []string{"read"}}}},
			[]string{"error invalid-arn"}},
		{"a service prefix in exclude-actions",
			"mode: crud\nread: [arn:aws:s3:::ok-bucket]\nexclude-actions: [s3]\n",
			map[string]any{"resources": []any{map[string]any{"arn": "arn:aws:s3:::ok-bucket", "levels": []string{"read"}}}, "exclude": []string{"s3"}},
			[]string{"error invalid-action"}},
		{"a glob in skip-resource-constraints",
			"mode: crud\nread: [arn:aws:s3:::ok-bucket]\nskip-resource-constraints: ['s3:*']\n",
			map[string]any{"resources": []any{map[string]any{"arn": "arn:aws:s3:::ok-bucket", "levels": []string{"read"}}}, "skip": []string{"s3:*"}},
			[]string{"error invalid-action"}},
		{"values the builder cannot pick but a link can hold",
			"mode: crud\neffect: allow\nread: [arn:aws:s3:::ok-bucket]\npartition: aws-xx\ndependent-actions: all\n",
			map[string]any{"effect": "allow", "partition": "aws-xx", "deps": "all", "resources": []any{map[string]any{"arn": "arn:aws:s3:::ok-bucket", "levels": []string{"read"}}}},
			[]string{"error invalid-value", "error invalid-value", "error invalid-value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := call(t, cat, "write", map[string]any{"template": tt.text})
			st := call(t, cat, "write", map[string]any{"state": tt.state})
			for way, r := range map[string]response{"text": text, "state": st} {
				if got := codes(r.Diagnostics); fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("as %s: %v; want %v (%v)", way, got, tt.want, r.Diagnostics)
				}
				if !r.Diagnostics.HasErrors() {
					t.Errorf("as %s: no error", way)
				}
			}
			if output(t, text) != output(t, st) {
				t.Errorf("what could be written differs:\nas text:\n%s\nas state:\n%s", output(t, text), output(t, st))
			}
			for _, d := range st.Diagnostics {
				if d.Location == nil || d.Location.Line != 0 || d.Location.Key == "" {
					t.Errorf("as state, %s is located at %v; want a state field, no line", d.Code, d.Location)
				}
			}
			bothWays(t, cat, "row.yml", tt.text, nil)
		})
	}
}

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
