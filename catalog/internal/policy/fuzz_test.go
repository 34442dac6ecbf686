package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

var fuzzSeeds = []string{
	inStatement(okAllow),
	`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"}}`,
	`{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["*"],"Service":"s3.amazonaws.com"},"Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:max-keys":[1,2.5]},"ForAnyValue:StringLike":{"aws:TagKeys":"a*"}}}]}`,
	`{"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}`,
	`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}]}`,
	`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::caf\u00e9/\u4e2d\ud83d\ude80"}]}`,
	"{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\",",
	`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",}]}`,
	`{'Version': '2012-10-17'}`,
	`{"Version":"2012-10-17","Statement":[{"Effect":"allow","Actions":["s3:Get Object"],"Resource":{},"Condition":{"StringEqual":{"":[]}}}]}`,
	`{"Version":"2012-10-17","Version":"2008-10-17","Statement":[]}`,
	strings.Repeat("[", 80),
	"\uFEFF{}",
	"\xff\xfe{\x00}",
	`[1, -0.5e+3, true, null, "\ud800"]`,
}

func FuzzParse(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i))
	}
	for _, file := range testutil.Glob(f, "testdata/write/*.json") {
		if strings.Contains(file, ".golden") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(ResourceBased))
	}
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kind(k % 4)
		p, diags := Parse("f.json", data, kind)
		for _, d := range diags {
			if d.Code == "" || d.Message == "" || d.Location == nil || d.Location.File != "f.json" || d.Location.Line < 1 || d.Location.Column < 1 {
				t.Fatalf("incomplete diagnostic %#v", d)
			}
			if d.Severity != diag.Error && d.Severity != diag.Warning && d.Severity != diag.Info {
				t.Fatalf("diagnostic with severity %q", d.Severity)
			}
		}
		if p == nil {
			if !diags.HasErrors() {
				t.Fatalf("nil policy without an error: %v", diags)
			}
			return
		}
		// The writers take whatever Parse modelled, and YAML holds the document JSON does.
		var fromJSON any
		fromYAML, err := readYAML(p.YAML())
		if err != nil {
			t.Fatalf("YAML() does not parse: %v\n%s", err, p.YAML())
		}
		if err := json.Unmarshal(p.JSON(""), &fromJSON); err != nil {
			t.Fatalf("JSON(\"\") does not parse: %v\n%s", err, p.JSON(""))
		}
		if !reflect.DeepEqual(fromYAML, fromJSON) {
			t.Fatalf("YAML() and JSON() differ:\n%s\n%s", p.YAML(), p.JSON(""))
		}
		p.CloudFormation()
		p.Terraform("fuzz")
		p.TerraformPolicySentry()
		p.JSON("\t")
		if diags.HasErrors() {
			return
		}
		out := p.JSON("")
		if p.Size() != len([]rune(string(out))) {
			t.Fatalf("Size() = %d; JSON(\"\") has %d characters", p.Size(), len([]rune(string(out))))
		}
		q, diags2 := Parse("f.json", out, kind)
		if diags2.HasErrors() {
			t.Fatalf("JSON(\"\") of a policy without errors has errors:\n%s\n%s", out, listDiags(diags2))
		}
		if again := q.JSON(""); !bytes.Equal(again, out) {
			t.Fatalf("JSON(\"\") changes on a round trip:\n%s\n%s", out, again)
		}
		// The canonical text as written is what Size measures, indented or not.
		if n, ok := q.WrittenSize(); !ok || n != p.Size() {
			t.Fatalf("WrittenSize() of JSON(\"\") = %d, %v; Size() = %d", n, ok, p.Size())
		}
		again, _ := Parse("f.json", p.JSON("    "), kind)
		if again == nil || !bytes.Equal(again.JSON(""), out) {
			t.Fatalf("indented JSON does not read back to the same policy")
		}
		if n, _ := again.WrittenSize(); n != p.Size() {
			t.Fatalf("WrittenSize() of indented JSON = %d; Size() = %d", n, p.Size())
		}
	})
}
