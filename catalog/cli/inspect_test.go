package cli

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// --help prints a command's usage once: flag.FlagSet prints it itself on -help, so parse must
// not print it again.
func TestHelpOnce(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "--help"}, {"expand", "--help"}, {"validate", "-h"}, {"expand", "x.json", "--help"},
		{"write", "--help"}, {"query", "actions", "--help"}, {"catalog", "info", "--help"}, {"template", "--help"},
	} {
		out, errs, code := runCLI(t, "", args...)
		if n := strings.Count(out, "Usage:"); code != 0 || n != 1 || strings.Count(out, "Flags:") != 1 {
			t.Errorf("iamforge %s: exit %d, %d usages on stdout, stderr %q; want the usage once and exit 0\n%s", strings.Join(args, " "), code, n, errs, out)
		}
	}
}

// validate and expand take many policies in one run — files, "-" and folders (every .json file
// below, in name order, hidden folders skipped) — with a line per policy and an exit status for
// the whole run: 1 when any policy has an error or cannot be read.
func TestInspectMany(t *testing.T) {
	clean := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"}}`
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"validate-folder", []string{"validate", "testdata/policies"}, "", 1},
		{"validate-folder-json", []string{"validate", "testdata/policies/aws", "--format", "json"}, "", 1},
		{"validate-files-stdin", []string{"validate", "testdata/policies/mine/clean.json", "-", "testdata/policies/aws/AmazonMacieHandshakeRole.json"}, clean, 0},
		{"validate-unreadable", []string{"validate", "testdata/policies/mine/clean.json", "testdata/policies/nope.json"}, "", 1},
		{"expand-folder", []string{"expand", "testdata/policies/mine", "-"}, clean, 1},
		{"expand-files-json", []string{"expand", "testdata/policies/mine/clean.json", "-", "--format", "json"}, clean, 0},
		{"expand-files-policy", []string{"expand", "--format", "policy", "testdata/policies/mine/clean.json", "-"}, clean, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("iamforge %s: exit %d; want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, errs)
			}
			golden(t, "inspect-"+tt.name, out+"--- stderr ---\n"+errs)
		})
	}
}

// One policy prints as it always has, with no summary line, so that the CLI and the browser
// (which validates one policy at a time) print the same bytes.
func TestInspectOneUnchanged(t *testing.T) {
	for _, cmd := range []string{"validate", "expand"} {
		one, _, _ := runCLI(t, "", cmd, "testdata/policies/mine/clean.json")
		if strings.Contains(one, "policies:") || strings.Contains(one, "==>") {
			t.Errorf("iamforge %s of one policy prints a summary:\n%s", cmd, one)
		}
	}
}

func TestInspectUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"validate"}, "give a policy file, a folder of them, or - for stdin"},
		{[]string{"expand"}, "give a policy file, a folder of them, or - for stdin"},
		{[]string{"validate", "-", "-"}, "stdin (-) given twice"},
	} {
		_, errs, code := runCLI(t, "", tt.args...)
		if code != 2 || !strings.Contains(errs, tt.msg) {
			t.Errorf("iamforge %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errs, tt.msg)
		}
	}
}

// The AWS managed policies (testdata/aws-managed-policies.json.gz: the 1,485 that moto 5.2.1
// ships in moto/iam/aws_managed_policies.py, updated up to 2026-05-01, as
// {"PolicyName": document}) validate and expand in one run each, one file per policy in a
// folder. What validate finds is summed up in testdata/aws-managed-policies.golden: the count of
// each finding, and every policy with an error with its error codes. Access Analyzer is the
// standard: where it reports nothing or a warning on AWS's own policies, iamforge reports no
// error either.
func TestAWSManagedPolicies(t *testing.T) {
	policies := readManagedPolicies(t)
	dir := t.TempDir()
	for name, doc := range policies {
		if err := os.WriteFile(filepath.Join(dir, name+".json"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	out, errs, code := runCLI(t, "", "validate", dir, "--format", "json")
	if code != 1 || errs != "" {
		t.Errorf("validate: exit %d, stderr %q; want 1 (some of AWS's policies have errors) and nothing on stderr", code, errs)
	}
	var res struct {
		Files []struct {
			File     string
			Errors   int
			Warnings int
			Findings diag.List
		}
		Summary runSummary
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Summary.Policies != len(policies) || len(res.Files) != len(policies) {
		t.Fatalf("validate read %d policies (summary %+v); want %d", len(res.Files), res.Summary, len(policies))
	}
	counts := map[string]int{}
	var failing []string
	for _, f := range res.Files {
		var codes []string
		for _, d := range f.Findings {
			counts[fmt.Sprintf("%-8s %s", d.Severity, d.Code)]++
			if d.Severity == diag.Error {
				codes = append(codes, string(d.Code))
				switch d.Code {
				case diag.ConditionOperatorMismatch, diag.SetOperatorSingleValued, diag.InvalidResource:
					t.Errorf("%s: %s is an error; Access Analyzer reports at most a warning on AWS's own policies", d.Location, d.Code)
				}
			}
		}
		if len(codes) > 0 {
			slices.Sort(codes)
			failing = append(failing, strings.TrimSuffix(filepath.Base(f.File), ".json")+": "+strings.Join(slices.Compact(codes), ", "))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nfindings:\n", res.Summary)
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&b, "%6d %s\n", counts[k], k)
	}
	fmt.Fprintf(&b, "\npolicies with errors:\n%s\n", strings.Join(failing, "\n"))
	testutil.Golden(t, filepath.Join("testdata", "aws-managed-policies.golden"), []byte(b.String()))

	out, errs, code = runCLI(t, "", "expand", dir)
	if n := strings.Count(out, "==> "); code != 1 || n != len(policies) {
		t.Errorf("expand: exit %d, %d policies on stdout; want 1 (some of AWS's policies have errors) and %d", code, n, len(policies))
	}
	lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
	perPolicy := 0
	for _, l := range lines {
		if strings.Contains(l, " statement, ") || strings.Contains(l, " statements, ") {
			perPolicy++
		}
	}
	if last := lines[len(lines)-1]; perPolicy != len(policies) || !strings.HasPrefix(last, fmt.Sprintf("%d policies: ", len(policies))) {
		t.Errorf("expand: %d lines of per-policy summary on stderr, last line %q; want %d and the run's summary", perPolicy, last, len(policies))
	}
}

// readManagedPolicies reads testdata/aws-managed-policies.json.gz: each policy's document as
// written there.
func readManagedPolicies(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "aws-managed-policies.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var docs map[string]json.RawMessage
	if err := json.NewDecoder(zr).Decode(&docs); err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte, len(docs))
	for name, doc := range docs {
		out[name] = doc
	}
	return out
}
