package validate

import (
	"fmt"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// dataStores lists, per service, the actions that read or write the data a store holds — an
// object's bytes, a table's items, a secret's value — and what they reach when granted on
// "*". Access levels do not tell these apart (s3:GetObject and s3:GetBucketTagging are both
// Read), so the list is kept by hand, for the stores whose contents policies most often open
// by accident; a test holds it to the catalog.
var dataStores = []struct {
	service string
	every   string
	actions []string
}{
	{"s3", "every object in every bucket", []string{"GetObject", "GetObjectVersion", "GetObjectTorrent", "GetObjectVersionTorrent",
		"PutObject", "DeleteObject", "DeleteObjectVersion", "ReplicateObject", "RestoreObject"}},
	{"dynamodb", "every item of every table", []string{"GetItem", "BatchGetItem", "Query", "Scan", "PartiQLSelect", "GetRecords",
		"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "PartiQLInsert", "PartiQLUpdate", "PartiQLDelete"}},
	{"secretsmanager", "every secret", []string{"GetSecretValue", "BatchGetSecretValue", "PutSecretValue"}},
	{"ssm", "every parameter", []string{"GetParameter", "GetParameters", "GetParametersByPath", "PutParameter"}},
	{"kms", "every key", []string{"Decrypt", "ReEncryptFrom"}},
	{"sqs", "every queue", []string{"ReceiveMessage", "SendMessage", "DeleteMessage", "PurgeQueue"}},
	{"kinesis", "every stream", []string{"GetRecords", "SubscribeToShard", "PutRecord", "PutRecords"}},
	{"logs", "every log group", []string{"GetLogEvents", "FilterLogEvents"}},
	{"ecr", "every repository", []string{"BatchGetImage", "GetDownloadUrlForLayer", "PutImage"}},
	{"elasticfilesystem", "every file system", []string{"ClientMount", "ClientWrite", "ClientRootAccess"}},
	{"rds-data", "every database", []string{"ExecuteStatement", "BatchExecuteStatement"}},
	{"codecommit", "every repository", []string{"GitPull", "GitPush", "GetFile", "GetBlob"}},
	{"ebs", "every snapshot", []string{"GetSnapshotBlock", "PutSnapshotBlock"}},
}

// dataAction maps "service:action" in lower case to what the action reaches on "*".
var dataAction = func() map[string]string {
	m := map[string]string{}
	for _, s := range dataStores {
		for _, a := range s.actions {
			m[strings.ToLower(s.service+":"+a)] = s.every
		}
	}
	return m
}()

// dataService holds the services of dataStores in lower case: a pattern of any other service
// opens no store's data, and is not expanded again to find that out.
var dataService = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range dataStores {
		m[s.service] = true
	}
	return m
}()

// dataOnWildcard warns of each Action entry that opens a store's data on every resource: an
// Allow on "*" (or NotResource) of s3:Get*, dynamodb:Query, kms:Decrypt… A condition on the
// resource (aws:ResourceAccount, aws:ResourceTag/…, a key of the action's own service such as
// kms:ViaService) or on the path of the call (aws:CalledVia, aws:ViaAWSService) narrows it, and
// then nothing is said; "*" and "*:*" have full-wildcard-action.
func (v *validator) dataOnWildcard(st policy.Statement, path string) {
	for j, pat := range st.Action {
		if pat == "*" || pat == "*:*" || !policy.ValidAction(pat) {
			continue
		}
		if svc, _, _ := strings.Cut(pat, ":"); !catalog.HasGlob(svc) && !dataService[strings.ToLower(svc)] {
			continue
		}
		got, err := v.cat.Expand(pat)
		if err != nil || len(got) == 0 || narrowed(st.Condition, got[0].Service) {
			continue
		}
		var opened []string
		every := ""
		for _, a := range got {
			if e, ok := dataAction[strings.ToLower(a.FullName())]; ok {
				opened = append(opened, a.FullName())
				every = e
			}
		}
		if len(opened) == 0 {
			continue
		}
		on := `on "*"`
		if len(st.NotResource) > 0 {
			on, every = "with NotResource", every+" but those listed"
		}
		what := list(opened, 4) + " on " + every
		if len(opened) == 1 && strings.EqualFold(opened[0], pat) {
			what = every
		}
		v.add(diag.Warnf(diag.DataAccessOnWildcard, loc(fmt.Sprintf("%s.Action[%d]", path, j)),
			"%s %s opens %s; name the resources in Resource, or narrow it with a condition such as aws:ResourceAccount", pat, on, what))
	}
}

// narrowed reports whether a condition block limits the resources or the path of a call to a
// service's actions.
func narrowed(cs policy.Conditions, service string) bool {
	for _, c := range cs {
		k := strings.ToLower(c.Key)
		svc, _, _ := strings.Cut(k, ":")
		switch {
		case strings.HasPrefix(k, "aws:resource"), strings.HasPrefix(k, "aws:calledvia"), k == "aws:viaawsservice":
			return true
		case svc == service:
			return true
		}
	}
	return false
}
