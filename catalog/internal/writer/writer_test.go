package writer_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

func cat(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// golden is what a case's .golden.json holds: everything the writer says.
type golden struct {
	Policy       json.RawMessage      `json:"policy"`
	Parts        []json.RawMessage    `json:"parts,omitempty"`
	Diagnostics  any                  `json:"diagnostics"`
	Explanations []writer.Explanation `json:"explanations"`
	Size         int                  `json:"size"`
}

var cases = map[string]writer.Options{
	"crud-full":              {},
	"generated-blank":        {},
	"actions-mode":           {},
	"actions-filled":         {},
	"exact-matching":         {},
	"diagnostics":            {},
	"empty-policy":           {},
	"conditions":             {},
	"conditions-bad":         {},
	"deny":                   {},
	"deps-wildcard":          {},
	"deps-none":              {},
	"minimize-two-wildcards": {Minimize: true},
}

func TestGolden(t *testing.T) {
	c := cat(t)
	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".yml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, ds := template.Parse(path, data)
			if tmpl == nil || ds.HasErrors() {
				t.Fatalf("template: %v", ds)
			}
			opt.Explain = true
			res := writer.Write(c, tmpl, opt)
			g := golden{Policy: res.Policy.JSON(""), Diagnostics: append(append(diag.List{}, ds...), res.Diagnostics...), Explanations: res.Explanations, Size: res.Size}
			if len(res.Policies) > 1 {
				for _, p := range res.Policies {
					g.Parts = append(g.Parts, p.JSON(""))
				}
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata", name+".golden.json"), b.Bytes())
		})
	}
}

// Written twice, a template gives the same bytes: no map order leaks into the output.
func TestDeterministic(t *testing.T) {
	c := cat(t)
	data, _ := os.ReadFile("testdata/crud-full.yml")
	tmpl, _ := template.Parse("crud-full.yml", data)
	first := writer.Write(c, tmpl, writer.Options{}).Policy.JSON("    ")
	for i := 0; i < 20; i++ {
		if got := writer.Write(c, tmpl, writer.Options{}).Policy.JSON("    "); !bytes.Equal(got, first) {
			t.Fatal("two writes of one template differ")
		}
	}
}

func TestSidNames(t *testing.T) {
	c := cat(t)
	src := "mode: crud\nread: [arn:aws:s3:::b]\npermissions-management: [arn:aws:s3:::b]\nwrite: [arn:aws:ec2:us-east-1:123456789012:security-group-rule/sgr-1]\n"
	tmpl, _ := template.Parse("t.yml", []byte(src))
	p := writer.Write(c, tmpl, writer.Options{}).Policy
	var sids []string
	for _, s := range p.Statement {
		sids = append(sids, s.Sid)
	}
	want := []string{"S3ReadBucket", "Ec2WriteSecuritygrouprule", "S3PermissionsmanagementBucket"}
	for _, w := range want {
		found := false
		for _, s := range sids {
			found = found || s == w
		}
		if !found {
			t.Errorf("Sids %v lack %s", sids, w)
		}
	}
}

// Over the size target the writer says so, and --split makes parts within it.
func TestSizeAndSplit(t *testing.T) {
	c := cat(t)
	var b strings.Builder
	b.WriteString("mode: crud\n")
	for _, level := range []string{"read", "write", "tagging"} {
		b.WriteString(level + ":\n")
		for i := 0; i < 60; i++ {
			b.WriteString("- arn:aws:s3:::bucket-number-" + strconv.Itoa(i) + "\n")
		}
	}
	b.WriteString("list:\n- arn:aws:ec2:us-east-1:123456789012:instance/i-1\n")
	tmpl, ds := template.Parse("big.yml", []byte(b.String()))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	res := writer.Write(c, tmpl, writer.Options{})
	if res.Size <= policy.ManagedLimit || !hasCode(res, diag.SizeOverLimit) {
		t.Fatalf("size %d, diagnostics %v; want over the limit and said so", res.Size, res.Diagnostics)
	}
	res = writer.Write(c, tmpl, writer.Options{Split: true})
	if len(res.Policies) < 2 {
		t.Fatalf("split into %d parts", len(res.Policies))
	}
	for i, p := range res.Policies {
		if p.Size() > policy.ManagedLimit {
			t.Errorf("part %d is %d characters", i, p.Size())
		}
	}
	res = writer.Write(c, tmpl, writer.Options{Target: policy.Target{Name: "role-inline", Limit: policy.RoleInlineLimit}, Minimize: true})
	if hasCode(res, diag.SizeOverLimit) {
		t.Errorf("minimized policy is %d characters, still over %d", res.Size, policy.RoleInlineLimit)
	}
}

func hasCode(res *writer.Result, code diag.Code) bool {
	for _, d := range res.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}
