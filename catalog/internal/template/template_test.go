package template

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// goldenInputs lists the golden cases' inputs: testdata/<case>.yml and testdata/<case>.json.
func goldenInputs(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, pat := range []string{"testdata/*.yml", "testdata/*.json"} {
		n := len(files)
		for _, f := range testutil.Glob(tb, pat) {
			if !strings.HasSuffix(f, ".golden.json") {
				files = append(files, f)
			}
		}
		if len(files) == n {
			tb.Fatalf("no golden inputs match %s", pat)
		}
	}
	seen := map[string]string{}
	for _, f := range files {
		c := caseName(f)
		if other, dup := seen[c]; dup {
			tb.Fatalf("%s and %s share the golden file %s.golden.json; rename one", other, f, c)
		}
		seen[c] = f
	}
	return files
}

func caseName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// golden is what a golden file holds: the template and the diagnostics, as JSON.
type golden struct {
	Template    *Template `json:"template"`
	Diagnostics diag.List `json:"diagnostics"`
}

func render(t *Template, ds diag.List) []byte {
	if ds == nil {
		ds = diag.List{}
	}
	b, err := json.MarshalIndent(golden{t, ds}, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// TestGolden parses each testdata input and compares the template and diagnostics with
// testdata/<case>.golden.json; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		name := caseName(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, ds := Parse(filepath.Base(in), data)
			testutil.Golden(t, filepath.Join("testdata", name+".golden.json"), render(tmpl, ds))
		})
	}
}

// TestExample checks that the starting templates parse to exactly empty-template as written,
// and cleanly once their example item and commented-out extensions are filled in.
func TestExample(t *testing.T) {
	tests := []struct {
		mode, item string
		check      func(t *testing.T, tmpl *Template)
	}{
		{"crud", "arn:aws:s3:::example-bucket/*", func(t *testing.T, tmpl *Template) {
			if len(tmpl.Levels) != 1 || tmpl.Levels[0].Key != "read" || tmpl.Levels[0].ARNs[0].Value != "arn:aws:s3:::example-bucket/*" {
				t.Errorf("Levels = %+v, want read: [arn:aws:s3:::example-bucket/*]", tmpl.Levels)
			}
		}},
		{"actions", "s3:GetObject", func(t *testing.T, tmpl *Template) {
			if len(tmpl.Actions) != 1 || tmpl.Actions[0].Value != "s3:GetObject" {
				t.Errorf("Actions = %+v, want [s3:GetObject]", tmpl.Actions)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			ex, err := Example(tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, ds := Parse("example.yml", ex)
			if tmpl == nil || tmpl.Mode != tt.mode || len(ds) != 1 || ds[0].Code != diag.EmptyTemplate {
				t.Fatalf("Parse(Example(%q)) = %v, %v; want a %s template and only empty-template", tt.mode, tmpl, ds, tt.mode)
			}

			// Fill it in as a user would: the example item replaces the list's empty item, and
			// every commented-out setting ("#key:", "#  Bool:") is uncommented.
			filled := strings.Replace(string(ex), "- ''\n#- "+tt.item+"\n", "- "+tt.item+"\n", 1)
			if filled == string(ex) {
				t.Fatalf("Example(%q) has no example item %q after an empty item", tt.mode, tt.item)
			}
			lines := strings.Split(filled, "\n")
			for i, l := range lines {
				if len(l) > 1 && l[0] == '#' && (l[1] != ' ' || strings.HasPrefix(l, "#  ")) {
					lines[i] = l[1:]
				}
			}
			filled = strings.Join(lines, "\n")
			tmpl, ds = Parse("example.yml", []byte(filled))
			if tmpl == nil || len(ds) != 0 {
				t.Fatalf("the filled-in example gives %v:\n%s", ds, filled)
			}
			tt.check(t, tmpl)
			if tmpl.Effect != "Allow" || len(tmpl.Conditions) != 2 || tmpl.Partition.Value != "aws" ||
				tmpl.Region.Value != "us-east-1" || tmpl.Account.Value != "123456789012" || tmpl.DependentActions != DepsScoped {
				t.Errorf("the filled-in example's extensions did not all parse: %+v", tmpl)
			}
		})
	}
	if _, err := Example("CRUD"); err == nil {
		t.Error(`Example("CRUD") succeeded; want an error`)
	}
}

// TestCodesCovered checks that every code of reading templates is produced by a golden case or
// a hostile-input case, so that each has a test that shows its message and location.
func TestCodesCovered(t *testing.T) {
	got := map[diag.Code]bool{}
	for _, in := range goldenInputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Parse(in, data)
		for _, d := range ds {
			got[d.Code] = true
		}
	}
	// TestHostile checks that each hostile case produces its wantCode; parsing the cases again
	// here would double the package's slowest work.
	for _, h := range hostileCases() {
		got[h.wantCode] = true
	}
	groups := diag.Codes()
	if len(groups) == 0 || groups[0].Name != "Reading templates and builder state" {
		t.Fatalf("the first group of codes is %v; want the template's", groups)
	}
	for _, c := range groups[0].Codes {
		// The state codec and a recovered panic are not the template reader's to produce.
		if !got[c] && c != diag.InternalError && c != diag.BadState {
			t.Errorf("no test produces the code %q", c)
		}
	}
}

// TestJSONPositions checks that JSON read by the JSON reader has the lines and columns the
// YAML reader gives the same text. Each case is JSON the YAML reader must read too: one it
// cannot is a failure of that case, not a reason to drop the others.
func TestJSONPositions(t *testing.T) {
	tests := []string{
		`{"mode": "crud", "read": ["arn:aws:s3:::a", "arn:aws:s3:::b"]}`,
		"{\n\t\"mode\": \"crud\",\n\t\"read\": [\n\t\t\"arn:aws:s3:::a\"\n\t]\n}\n",
		"{\r\n  \"mode\": \"crud\",\r\n  \"name\": \"é ü 🙂\", \"read\": [1, 2.5, true, null, {}]\r\n}",
		"\uFEFF{\"mode\":\"crud\",\"conditions\":{\"Bool\":{\"aws:SecureTransport\":[true,false]}}}",
		"  \n\n  {\"a\": {\"b\": {\"c\": [[[\"deep\"]]]}}}  \n",
	}
	for i, in := range tests {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			compareJSONWithYAML(t, []byte(in))
		})
	}
}

func compareJSONWithYAML(t *testing.T, data []byte) {
	t.Helper()
	j, err := parseJSON(data)
	if err != nil {
		t.Fatalf("parseJSON(%q): %v", data, err)
	}
	doc, err := yamlite.Parse(data)
	if err != nil || doc == nil {
		t.Errorf("the YAML reader cannot read %q: %v", data, err)
		return
	}
	if diff := sameNodes(j, doc.Content[0], ""); diff != "" {
		t.Errorf("parseJSON(%q): %s", data, diff)
	}
}

// sameNodes compares what the walk reads of two node trees: kind, value, tag, line, column.
func sameNodes(a, b *yamlite.Node, path string) string {
	ta, tb := tagClass(a.Tag), tagClass(b.Tag)
	if ta == "number" && tb == "!!str" {
		tb = ta // YAML reads a number too large for a float as a string; the walk reads both as text
	}
	if a.Kind != b.Kind || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column || ta != tb {
		return fmt.Sprintf("at %s: JSON reader gives %v %s %q at %d:%d, YAML reader %v %s %q at %d:%d",
			path, a.Kind, a.Tag, a.Value, a.Line, a.Column, b.Kind, b.Tag, b.Value, b.Line, b.Column)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("at %s: %d children, want %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := sameNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// tagClass groups the number tags: which one a large or odd number gets is not the walk's
// concern, since numbers are refused or read as text alike.
func tagClass(tag string) string {
	if tag == "!!int" || tag == "!!float" {
		return "number"
	}
	return tag
}

// TestParse covers behaviour that reads better as a table than as a golden file.
func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		wantMode string
		wantEff  string
		wantNil  bool
		wantErr  []diag.Code // codes, in order
	}{
		{"miscased mode still reads as crud", "mode: Crud\nread: [arn:aws:s3:::a]\n", "crud", "Allow", false, []diag.Code{diag.InvalidValue}},
		{"miscased effect keeps the effect meant", "mode: crud\neffect: DENY\nread: [arn:aws:s3:::a]\n", "crud", "Deny", false, []diag.Code{diag.InvalidValue}},
		{"no mode, actions only: actions", "actions: [s3:GetObject]\n", "actions", "Allow", false, []diag.Code{diag.MissingKey}},
		{"no mode, both: crud", "actions: [s3:GetObject]\nread: [arn:aws:s3:::a]\n", "crud", "Allow", false, []diag.Code{diag.MissingKey, diag.KeyIgnoredInMode}},
		{"null mode", "mode:\nread: [arn:aws:s3:::a]\n", "crud", "Allow", false, []diag.Code{diag.MissingKey}},
		{"numeric mode", "mode: 1\nread: [arn:aws:s3:::a]\n", "crud", "Allow", false, []diag.Code{diag.InvalidValue}},
		{"empty document", "---\n", "", "", true, []diag.Code{diag.EmptyTemplate}},
		{"scalar document", "crud\n", "", "", true, []diag.Code{diag.InvalidType}},
		{"trailing JSON data falls back to YAML", `{"mode": "actions", "actions": ["s3:GetObject"]} # note`, "actions", "Allow", false, nil},
		{"UTF-8 BOM", "\uFEFFmode: actions\nactions: [s3:GetObject]\n", "actions", "Allow", false, nil},
		{"CRLF", "mode: actions\r\nactions:\r\n- s3:GetObject\r\n", "actions", "Allow", false, nil},
		{"tab-indented YAML", "mode: crud\nread:\n\t- arn:aws:s3:::a\n", "", "", true, []diag.Code{diag.SyntaxError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, ds := Parse("t.yml", []byte(tt.input))
			var codes []diag.Code
			for _, d := range ds {
				codes = append(codes, d.Code)
			}
			if (tmpl == nil) != tt.wantNil {
				t.Fatalf("Parse(%q) = %v, %v; want nil: %v", tt.input, tmpl, ds, tt.wantNil)
			}
			if fmt.Sprint(codes) != fmt.Sprint(tt.wantErr) {
				t.Errorf("Parse(%q) codes = %v; want %v (%v)", tt.input, codes, tt.wantErr, ds)
			}
			if tmpl != nil && (tmpl.Mode != tt.wantMode || tmpl.Effect != tt.wantEff) {
				t.Errorf("Parse(%q) mode, effect = %q, %q; want %q, %q", tt.input, tmpl.Mode, tmpl.Effect, tt.wantMode, tt.wantEff)
			}
		})
	}
}

// TestLocations checks a line and column per element kind against the text itself.
func TestLocations(t *testing.T) {
	in := "mode: crud\nread:\n  - arn:aws:s3:::a\n  -   \"arn:aws:s3:::b\"\nwildcard-only:\n  service-read: [ec2,  s3]\nconditions:\n  Bool:\n    aws:SecureTransport: true\naccount: '123456789012'\n"
	tmpl, ds := Parse("t.yml", []byte(in))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	lines := strings.Split(in, "\n")
	check := func(what string, l *diag.Location, text string) {
		t.Helper()
		if l == nil || l.Line < 1 || l.Line > len(lines) {
			t.Errorf("%s: location %v", what, l)
			return
		}
		line := []rune(lines[l.Line-1])
		if l.Column < 1 || l.Column > len(line) || !strings.HasPrefix(string(line[l.Column-1:]), text) {
			t.Errorf("%s: %s does not start %q", what, l, text)
		}
	}
	check("read[0]", tmpl.Levels[0].ARNs[0].Loc, "arn:aws:s3:::a")
	check("read[1]", tmpl.Levels[0].ARNs[1].Loc, `"arn:aws:s3:::b"`)
	check("service-read[1]", tmpl.ServiceWildcards[0].Services[1].Loc, "s3")
	check("condition", tmpl.Conditions[0].Conditions[0].Loc, "aws:SecureTransport")
	check("condition block", tmpl.Conditions[0].Loc, "conditions")
	check("account", tmpl.Account.Loc, "'123456789012'")
}
