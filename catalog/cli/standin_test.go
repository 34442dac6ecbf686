//go:build !(js && wasm)

package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// notAction685 is the stand-in for the AWS managed policy
// SageMakerStudioProjectUserRolePermissionsBoundary, whose Deny NotAction of 685 entries made
// `iamforge expand` take 314 ms. The policy itself is in neither the repository nor its npm
// packages, so testdata/bench/notaction-685.json is built to its shape from the built-in
// catalog: a Deny NotAction of exactly 685 entries over the 47 services a SageMaker Studio
// project uses: 638 exact action names (one in another case), 3 whole-service wildcards, 40
// Describe*/List*/Get* ones and 4 with the wildcard inside; beside it an Allow statement. TestStandInPolicy checks the file is what standInPolicy builds (-update rewrites it).
const notAction685 = "../../testdata/bench/notaction-685.json"

var standInServices = []string{
	"airflow", "athena", "bedrock", "cloudformation", "cloudwatch", "codecommit", "codeconnections",
	"datazone", "dynamodb", "ec2", "ecr", "elasticmapreduce", "emr-containers", "emr-serverless",
	"events", "glue", "iam", "kms", "lakeformation", "lambda", "logs", "q", "redshift",
	"redshift-data", "redshift-serverless", "s3", "s3tables", "sagemaker", "secretsmanager",
	"servicecatalog", "sqlworkbench", "ssm", "states", "sts", "tag", "aoss", "bedrock-agentcore",
	"codewhisperer", "quicksight", "elasticfilesystem", "ecs", "sso", "identitystore",
	"organizations", "cloudtrail", "sns", "sqs",
}

func standInPolicy(t testing.TB) []byte {
	t.Helper()
	cat, err := api.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var wild []string
	whole := map[string]bool{"sqlworkbench": true, "q": true, "codewhisperer": true}
	for i, s := range standInServices {
		switch {
		case whole[s]:
			wild = append(wild, s+":*")
			continue
		case i%3 == 0:
			wild = append(wild, s+":Describe*")
		case i%3 == 1:
			wild = append(wild, s+":List*")
		}
		if i%4 == 0 {
			wild = append(wild, s+":Get*")
		}
	}
	wild = append(wild, "sagemaker:Create*Job", "s3:*Object*", "glue:*Partition*", "ec2:*Vpc*")
	covered := func(full string) bool {
		for _, w := range wild {
			if catalog.MatchGlob(w, full) {
				return true
			}
		}
		return false
	}
	// Exact names, one per service in turn, each not already covered by a wildcard.
	lists := map[string][]string{}
	for _, s := range standInServices {
		svc, err := cat.Service(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range svc.SortedActions() {
			if !covered(a.FullName()) {
				lists[s] = append(lists[s], a.FullName())
			}
		}
	}
	const total = 685
	entries := append([]string(nil), wild...)
	for round := 0; len(entries) < total; round++ {
		added := false
		for _, s := range standInServices {
			if round < len(lists[s]) && len(entries) < total {
				entries = append(entries, lists[s][round])
				added = true
			}
		}
		if !added {
			t.Fatal("the stand-in's services have too few actions")
		}
	}
	sort.Strings(entries)
	// IAM ignores case: one entry as a person might type it.
	for i, e := range entries {
		if name, ok := strings.CutPrefix(e, "sagemaker:"); ok && !catalog.HasGlob(name) {
			entries[i] = "sagemaker:" + strings.ToLower(name[:1]) + name[1:]
			break
		}
	}
	type statement struct {
		Sid       string
		Effect    string
		Action    []string `json:",omitempty"`
		NotAction []string `json:",omitempty"`
		Resource  string
	}
	pol := struct {
		Version   string
		Statement []statement
	}{"2012-10-17", []statement{
		{Sid: "ProjectAccess", Effect: "Allow", Action: []string{"sagemaker:*", "s3:GetObject", "s3:PutObject", "logs:*"}, Resource: "*"},
		{Sid: "DenyOutsideTheProject", Effect: "Deny", NotAction: entries, Resource: "*"},
	}}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pol); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestStandInPolicy(t *testing.T) {
	got := standInPolicy(t)
	var p struct {
		Statement []struct{ NotAction []string }
	}
	if err := json.Unmarshal(got, &p); err != nil {
		t.Fatal(err)
	}
	if n := len(p.Statement[1].NotAction); n != 685 {
		t.Fatalf("the stand-in's NotAction has %d entries; want 685", n)
	}
	testutil.Golden(t, filepath.FromSlash(notAction685), got)
}
