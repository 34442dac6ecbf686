package arn

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Formats from the catalog, spelled out so that a reader of a failing case sees which one it is.
const (
	s3Bucket            = "arn:${Partition}:s3:::${BucketName}"
	s3Object            = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
	s3AccessPoint       = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"
	s3AccessPointObject = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"
	s3Job               = "arn:${Partition}:s3:${Region}:${Account}:job/${JobId}"
	s3MRAP              = "arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}"

	lambdaFunction = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
	lambdaAlias    = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}"
	lambdaVersion  = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Version}"
	lambdaDurable  = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Version}/durable-execution/${ExecutionName}/${ExecutionId}"
	lambdaLayer    = "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}"
	lambdaLayerVer = "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}"

	ddbTable  = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"
	ddbIndex  = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}"
	ddbStream = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}"
	ddbBackup = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/backup/${BackupName}"
	ddbExport = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/export/${ExportName}"
	ddbImport = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/import/${ImportName}"
	ddbGlobal = "arn:${Partition}:dynamodb::${Account}:global-table/${GlobalTableName}"

	iamRole       = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
	iamRoleSSM    = "arn:${Partition}:iam::${Account}:role/${RoleName}" // listed by ssm
	iamUser       = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"
	iamUserAws    = "arn:${Partition}:iam::${Account}:user/${AwsUserName}"
	iamPolicy     = "arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}"
	iamRoot       = "arn:${Partition}:iam::${Account}:root"
	iamOpenSearch = "arn:${Partition}:iam::${Account}:role/aws-service-role/opensearchservice.amazonaws.com/AWSServiceRoleForAmazonOpenSearchService"

	ssmParameter = "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}"

	connectInstance       = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}"
	connectRoutingProfile = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/routing-profile/${RoutingProfileId}"
	connectQueue          = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/queue/${QueueId}"
	connectWildcardQueue  = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/queue/*"
	connectViewVersion    = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/view/${ViewId}:${ViewVersion}"
	connectViewQualified  = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/view/${ViewId}:${ViewQualifier}"

	executeAPIGeneral = "arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/${ApiSpecificResourcePath}"
	executeAPIDomain  = "arn:${Partition}:execute-api:${Region}:${Account}:/domainnames/${DomainName}+${DomainIdentifier}"

	apigwStage          = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}"
	apigwStageWafv2     = "arn:${Partition}:apigateway:${Region}::/restapis/${ApiId}/stages/${StageName}" // listed by wafv2
	apigwStages         = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages"
	apigwRestAPI        = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}"
	apigwHTTPAuthorizer = "arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/authorizers/${AuthorizerId}"
	apigwRestAuthorizer = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/authorizers/${AuthorizerId}"
	apigwTemplate       = "arn:${Partition}:apigateway:${Region}::/restapis/models/${ModelName}/template"
	apigwModel          = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/models/${ModelName}"

	sqsQueue = "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"

	logsGroup  = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"
	logsStream = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}"

	sfnStateMachine = "arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}"
	sfnAlias        = "arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}:${StateMachineAliasName}"
	sfnVersion      = "arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}:${StateMachineVersionId}"

	lexBotV1      = "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}"
	lexBotAlias   = "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}:${BotAlias}"
	lexBotVersion = "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}:${BotVersion}"
	lexBotV2Alias = "arn:${Partition}:lex:${Region}:${Account}:bot-alias/${BotId}/${BotAliasId}"

	dmsCert = "arn:${Partition}:dms:${Region}:${Account}:cert:*"

	backupRecoveryPoint = "arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}"
	braketDevice        = "arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}"

	codeartifactPackageGroup = "arn:${Partition}:codeartifact:${Region}:${Account}:package-group/${DomainName}${EncodedPackageGroupPattern}"
)

var (
	corpusOnce sync.Once
	corpusData *corpus
)

// group returns the catalog's formats whose service segment is svc, as NewMatcher gets them.
func group(t testing.TB, svc string) []string {
	t.Helper()
	corpusOnce.Do(func() { corpusData = loadCorpus(t) })
	formats := corpusData.groups[svc]
	if len(formats) == 0 {
		t.Fatalf("no formats for service %q in %s", svc, formatsFile)
	}
	return formats
}

// texts maps format indices to the formats' texts, sorted and without duplicates: several IAM
// services list the same format, and a test cares about which formats, not which listings.
func texts(formats []string, idx []int) []string {
	out := []string{}
	for _, i := range idx {
		out = append(out, formats[i])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name        string
		arn         string
		want        []string
		wantDropped []string
	}{
		// S3: the region and account tell buckets and objects from access points and jobs; a bucket
		// name holds no '/' because objects extend it, an object name holds anything.
		{"s3 bucket", "arn:aws:s3:::acme", []string{s3Bucket}, nil},
		{"s3 object", "arn:aws:s3:::acme/a/b c/ü.txt", []string{s3Object}, nil},
		{"s3 object key with colons", "arn:aws:s3:::acme/a:b:c", []string{s3Object}, nil},
		{"s3 object with empty key segment", "arn:aws:s3:::acme//x", []string{s3Object}, nil},
		{"s3 access point", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap", []string{s3AccessPoint}, nil},
		{"s3 access point object", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k/x", []string{s3AccessPointObject}, nil},
		{"s3 multi-region access point", "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap", []string{s3MRAP}, nil},
		{"s3 job", "arn:aws:s3:us-east-1:123456789012:job/jobid", []string{s3Job}, nil},
		{"s3 job path without region is an object", "arn:aws:s3:::job/jobid", []string{s3Object}, nil},
		{"s3 bucket glob", "arn:aws:s3:::acme-*", []string{s3Bucket, s3Object}, nil},
		{"s3 objects of a bucket", "arn:aws:s3:::acme/*", []string{s3Object}, nil},
		{"s3 everything", "arn:aws:s3:::*", []string{s3Bucket, s3Object}, nil},
		// The region and account stars match empty too, so this also names the objects of a bucket
		// called "accesspoint", as it does in IAM.
		{"s3 every access point", "arn:aws:s3:*:*:accesspoint/*", []string{s3AccessPoint, s3AccessPointObject, s3MRAP, s3Object}, nil},
		{"s3 every regional access point", "arn:aws:s3:?*:?*:accesspoint/*", []string{s3AccessPoint, s3AccessPointObject}, nil},
		{"s3 region star matches empty", "arn:aws:s3:*:*:acme", []string{s3Bucket}, nil},
		{"s3 ? may be '/'", "arn:aws:s3:::acme?x", []string{s3Bucket, s3Object}, nil},
		{"s3 bucket with region", "arn:aws:s3:us-east-1:123456789012:bucket/x", nil, nil},

		// Lambda: the function name holds no ':' (aliases and versions extend it); a qualifier's
		// shape decides alias against version.
		{"lambda function", "arn:aws:lambda:us-east-1:123456789012:function:fn", []string{lambdaFunction}, nil},
		{"lambda alias", "arn:aws:lambda:us-east-1:123456789012:function:fn:prod", []string{lambdaAlias}, []string{lambdaVersion}},
		{"lambda version", "arn:aws:lambda:us-east-1:123456789012:function:fn:7", []string{lambdaVersion}, []string{lambdaAlias}},
		{"lambda $LATEST", "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST", []string{lambdaVersion}, []string{lambdaAlias}},
		{"lambda every qualifier", "arn:aws:lambda:us-east-1:123456789012:function:fn:*", []string{lambdaAlias, lambdaVersion, lambdaDurable}, nil},
		// A * that ends the ARN crosses colons: this names the qualified ARNs as well.
		{"lambda function glob", "arn:aws:lambda:us-east-1:123456789012:function:fn*", []string{lambdaFunction, lambdaAlias, lambdaVersion, lambdaDurable}, nil},
		{"lambda function glob, no qualifiers", "arn:aws:lambda:us-east-1:123456789012:function:fn-?", []string{lambdaFunction}, nil},
		{"lambda durable execution", "arn:aws:lambda:us-east-1:123456789012:function:fn:3/durable-execution/e/1", []string{lambdaDurable}, nil},
		{"lambda layer version", "arn:aws:lambda:us-east-1:123456789012:layer:l:3", []string{lambdaLayerVer}, nil},
		{"lambda layer", "arn:aws:lambda:us-east-1:123456789012:layer:l", []string{lambdaLayer}, nil},

		// DynamoDB: "table/backup" is a table named backup, "table/t/backup/b" a backup.
		{"dynamodb table", "arn:aws:dynamodb:us-east-1:123456789012:table/t", []string{ddbTable}, nil},
		{"dynamodb table named backup", "arn:aws:dynamodb:us-east-1:123456789012:table/backup", []string{ddbTable}, nil},
		{"dynamodb index", "arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i", []string{ddbIndex}, nil},
		{"dynamodb stream", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000", []string{ddbStream}, nil},
		{"dynamodb backup", "arn:aws:dynamodb:us-east-1:123456789012:table/t/backup/b", []string{ddbBackup}, nil},
		{"dynamodb index named backup", "arn:aws:dynamodb:us-east-1:123456789012:table/backup/index/backup", []string{ddbIndex}, nil},
		{"dynamodb global table", "arn:aws:dynamodb::123456789012:global-table/g", []string{ddbGlobal}, nil},
		{"dynamodb table and below", "arn:aws:dynamodb:us-east-1:123456789012:table/t*", []string{ddbTable, ddbIndex, ddbStream, ddbBackup, ddbExport, ddbImport}, nil},
		{"dynamodb below a table", "arn:aws:dynamodb:us-east-1:123456789012:table/t/*", []string{ddbIndex, ddbStream, ddbBackup, ddbExport, ddbImport}, nil},

		// IAM: names with paths hold '/'.
		{"iam role with path", "arn:aws:iam::123456789012:role/service-role/deployer", []string{iamRole, iamRoleSSM}, nil},
		{"iam user with path", "arn:aws:iam::123456789012:user/division/team/alice", []string{iamUser, iamUserAws}, nil},
		{"iam policy with path", "arn:aws:iam::123456789012:policy/boundaries/dev", []string{iamPolicy}, nil},
		{"iam aws managed policy", "arn:aws:iam::aws:policy/AdministratorAccess", []string{iamPolicy}, nil},
		{"iam root", "arn:aws:iam::123456789012:root", []string{iamRoot}, nil},
		{"iam service-linked role", "arn:aws:iam::123456789012:role/aws-service-role/opensearchservice.amazonaws.com/AWSServiceRoleForAmazonOpenSearchService",
			[]string{iamRole, iamRoleSSM, iamOpenSearch}, nil},

		{"ssm parameter hierarchy", "arn:aws:ssm:us-east-1:123456789012:parameter/app/prod/db", []string{ssmParameter}, nil},
		{"ssm parameter subtree", "arn:aws:ssm:us-east-1:123456789012:parameter/app/*", []string{ssmParameter}, nil},

		// Connect: the instance id holds no '/', a star format loses to its twin without a star.
		{"connect instance", "arn:aws:connect:us-east-1:123456789012:instance/i-1", []string{connectInstance}, nil},
		{"connect routing profile", "arn:aws:connect:us-east-1:123456789012:instance/i-1/routing-profile/rp-1", []string{connectRoutingProfile}, nil},
		{"connect queue", "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1", []string{connectQueue}, []string{connectWildcardQueue}},
		{"connect every queue", "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/*", []string{connectQueue, connectWildcardQueue}, nil},
		{"connect view version", "arn:aws:connect:us-east-1:123456789012:instance/i-1/view/v-1:3", []string{connectViewVersion}, []string{connectViewQualified}},
		{"connect qualified view", "arn:aws:connect:us-east-1:123456789012:instance/i-1/view/v-1:$SAVED", []string{connectViewQualified}, []string{connectViewVersion}},

		{"execute-api method", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/*", []string{executeAPIGeneral}, nil},
		{"execute-api concrete", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/dog", []string{executeAPIGeneral}, nil},
		{"execute-api private domain", "arn:aws:execute-api:us-east-1:123456789012:/domainnames/example.com+abc123", []string{executeAPIDomain}, nil},

		{"apigateway stage", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod", []string{apigwStage, apigwStageWafv2}, nil},
		{"apigateway stages", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages", []string{apigwStages}, nil},
		{"apigateway rest api", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3", []string{apigwRestAPI}, nil},
		{"apigateway rest authorizer", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/authorizers/au1", []string{apigwRestAuthorizer}, nil},
		{"apigateway http authorizer", "arn:aws:apigateway:us-east-1::/apis/a1b2c3/authorizers/au1", []string{apigwHTTPAuthorizer}, nil},
		{"apigateway model template", "arn:aws:apigateway:us-east-1::/restapis/models/m/template", []string{apigwTemplate}, nil},
		{"apigateway model named template", "arn:aws:apigateway:us-east-1::/restapis/r/models/template", []string{apigwModel}, nil},
		{"apigateway with account", "arn:aws:apigateway:us-east-1:123456789012:/restapis/a1b2c3", nil, nil},

		{"sqs any region", "arn:aws:sqs:*:111122223333:*", []string{sqsQueue}, nil},
		{"sqs queue", "arn:aws:sqs:us-east-1:111122223333:orders.fifo", []string{sqsQueue}, nil},
		{"sqs without region", "arn:aws:sqs::111122223333:q", nil, nil},

		// CloudWatch Logs: a log group name holds '/' but no ':'; ":*" is the log group's own
		// ARN as IAM evaluates it, and also covers its streams.
		{"logs group", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn", []string{logsGroup}, nil},
		{"logs group :*", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*", []string{logsGroup, logsStream}, nil},
		{"logs stream", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:2024/01/01/[$LATEST]abc", []string{logsStream}, nil},
		{"logs streams", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:*", []string{logsStream}, nil},
		{"logs group prefix", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/*", []string{logsGroup, logsStream}, nil},

		{"states alias", "arn:aws:states:us-east-1:123456789012:stateMachine:sm:prod", []string{sfnAlias}, []string{sfnVersion}},
		{"states version", "arn:aws:states:us-east-1:123456789012:stateMachine:sm:12", []string{sfnVersion}, []string{sfnAlias}},
		{"states machine", "arn:aws:states:us-east-1:123456789012:stateMachine:sm", []string{sfnStateMachine}, nil},

		{"lex v1 bot", "arn:aws:lex:us-east-1:123456789012:bot:b", []string{lexBotV1}, nil},
		{"lex v1 alias", "arn:aws:lex:us-east-1:123456789012:bot:b:prod", []string{lexBotAlias}, []string{lexBotVersion}},
		{"lex v1 version", "arn:aws:lex:us-east-1:123456789012:bot:b:2", []string{lexBotVersion}, []string{lexBotAlias}},
		{"lex v2 alias", "arn:aws:lex:us-east-1:123456789012:bot-alias/B1/TSTALIASID", []string{lexBotV2Alias}, nil},

		{"dms certificate", "arn:aws:dms:us-east-1:123456789012:cert:ABCDEF", []string{dmsCert}, nil},

		{"braket simulator without region or account", "arn:aws:braket:::device/quantum-simulator/amazon/sv1", []string{braketDevice}, nil},
		{"braket qpu", "arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1", []string{braketDevice}, nil},

		{"codeartifact package group", "arn:aws:codeartifact:us-east-1:123456789012:package-group/my_domain/npm/ns/*", []string{codeartifactPackageGroup}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.arn)
			if err != nil {
				t.Fatal(err)
			}
			formats := group(t, a.Service)
			m, err := NewMatcher(formats)
			if err != nil {
				t.Fatal(err)
			}
			matches, dropped := m.Match(a)
			if got, want := texts(formats, matches), sorted(tt.want...); !slices.Equal(got, want) {
				t.Errorf("Match(%s) = %q; want %q", tt.arn, got, want)
			}
			if got, want := texts(formats, dropped), sorted(tt.wantDropped...); !slices.Equal(got, want) {
				t.Errorf("Match(%s) dropped %q; want %q", tt.arn, got, want)
			}
			if !slices.IsSorted(matches) || !slices.IsSorted(dropped) {
				t.Errorf("Match(%s) = %v, %v; want ascending indices", tt.arn, matches, dropped)
			}
		})
	}
}

// TestMatchBackup: the recovery point format has a placeholder service and a whole-segment star
// for the account, which matches an empty account too.
func TestMatchBackup(t *testing.T) {
	m, err := NewMatcher([]string{backupRecoveryPoint})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-1",
		"arn:aws:rds:us-east-1::snapshot:awsbackup:job-1",
		"arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
		"arn:aws:rds:*:*:snapshot:*",
	} {
		a, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if matches, _ := m.Match(a); !slices.Equal(matches, []int{0}) {
			t.Errorf("Match(%s) = %v; want [0]", s, matches)
		}
	}
	a, _ := Parse("arn:aws:rds:::snapshot:s")
	if matches, _ := m.Match(a); len(matches) != 0 {
		t.Errorf("Match(%s) = %v; want nothing: the region is required", a, matches)
	}
}

// TestMatchClasses pins the delimiter rules on small groups: a trailing placeholder is only as
// narrow as the other formats of its group make it.
func TestMatchClasses(t *testing.T) {
	tests := []struct {
		name    string
		formats []string
		arn     string
		want    []int
	}{
		{"bucket alone holds '/'", []string{s3Bucket}, "arn:aws:s3:::a/b", []int{0}},
		{"bucket beside object holds no '/'", []string{s3Bucket, s3Object}, "arn:aws:s3:::a/b", []int{1}},
		{"log group beside stream holds '/' but no ':'", []string{logsGroup, logsStream}, "arn:aws:logs:r:1:log-group:/a/b:c", nil},
		{"function alone holds ':'", []string{lambdaFunction}, "arn:aws:lambda:r:1:function:f:x", []int{0}},
		{"placeholder before literal excludes it", []string{ddbIndex}, "arn:aws:dynamodb:r:1:table/a/b/index/i", nil},
		{"? is one character", []string{ddbTable}, "arn:aws:dynamodb:r:1:table/??", []int{0}},
		{"? is not ':'", []string{lambdaFunction, lambdaAlias}, "arn:aws:lambda:r:1:function:f?x", []int{0}},
		{"mid-segment star does not cross ':'", []string{lambdaAlias}, "arn:aws:lambda:r:1:function:*x", nil},
		{"segment-ending star crosses ':'", []string{lambdaAlias}, "arn:aws:lambda:r:1:function:*", []int{0}},
		{"star before ':' crosses", []string{logsStream}, "arn:aws:logs:r:1:log-group:*:x", []int{0}},
		{"region star does not spill into the account", []string{sqsQueue}, "arn:aws:sqs:*:*:q", []int{0}},
		{"empty format region needs empty or star", []string{s3Bucket}, "arn:aws:s3:us-*::b", nil},
		{"case-sensitive", []string{ddbTable}, "arn:aws:dynamodb:r:1:TABLE/t", nil},
		{"partition glob", []string{ddbTable}, "arn:aws-*:dynamodb:r:1:table/t", []int{0}},
		{"other service", []string{ddbTable}, "arn:aws:s3:r:1:table/t", nil},
		{"literal account", []string{"arn:${Partition}:iam::aws:policy/${P}"}, "arn:aws:iam::123456789012:policy/p", nil},
		{"literal account glob", []string{"arn:${Partition}:iam::aws:policy/${P}"}, "arn:aws:iam::a*:policy/p", []int{0}},
		{"literal region", []string{"arn:${Partition}:s3:us-west-2:${Account}:async-request/mrap/${Operation}/${Token}"}, "arn:aws:s3:us-east-1:1:async-request/mrap/o/t", nil},
		{"placeholder needs a character", []string{ddbIndex}, "arn:aws:dynamodb:r:1:table//index/i", nil},
		{"literal-only resource", []string{apigwStages}, "arn:aws:apigateway:r::/restapis/x/stages", []int{0}},
		{"literal-only resource, longer", []string{apigwStages}, "arn:aws:apigateway:r::/restapis/x/stages/s", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMatcher(tt.formats)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(tt.arn)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := m.Match(a); !slices.Equal(got, tt.want) {
				t.Errorf("Match(%s) = %v; want %v", tt.arn, got, tt.want)
			}
		})
	}
}

func TestMatchEveryPartition(t *testing.T) {
	m, err := NewMatcher([]string{s3Bucket, s3Object})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Partitions {
		a, err := Parse("arn:" + p + ":s3:::b/k")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := m.Match(a); !slices.Equal(got, []int{1}) {
			t.Errorf("Match(%s) = %v; want [1]", a, got)
		}
	}
}

func TestCapture(t *testing.T) {
	tests := []struct {
		format string
		group  []string
		arn    string
		want   map[string]string
	}{
		{lambdaAlias, []string{lambdaFunction, lambdaAlias}, "arn:aws:lambda:r:1:function:fn:prod", map[string]string{"FunctionName": "fn", "Alias": "prod"}},
		{logsStream, nil, "arn:aws:logs:r:1:log-group:/aws/x:log-stream:a:b", map[string]string{"LogGroupName": "/aws/x", "LogStreamName": "a:b"}},
		{codeartifactPackageGroup, nil, "arn:aws:codeartifact:r:1:package-group/dom/npm/x", map[string]string{"DomainName": "dom", "EncodedPackageGroupPattern": "/npm/x"}},
		{"arn:${Partition}:x:::${A}${B}", nil, "arn:aws:x:::abc", map[string]string{"A": "ab", "B": "c"}},
		{s3Object, nil, "arn:aws:s3:::b/ü/ß", map[string]string{"BucketName": "b", "ObjectName": "ü/ß"}},
	}
	for _, tt := range tests {
		m, err := NewMatcher(append([]string{tt.format}, tt.group...))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Parse(tt.arn)
		if err != nil {
			t.Fatal(err)
		}
		c := &m.cs[0]
		vals := c.res.capture(newGlob(a.Resource))
		if vals == nil {
			t.Errorf("capture(%s, %s) = nil; want a match", tt.format, tt.arn)
			continue
		}
		got := map[string]string{}
		for j, tok := range c.f.segs[segResource] {
			if tok.kind == tokPH {
				got[tok.name] = vals[j]
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("capture(%s, %s) = %v; want %v", tt.format, tt.arn, got, tt.want)
		}
	}
}

// TestMachineAgainstReference compares the bit-parallel product walk with a plain memoized search
// over the same product, and the concrete case and captures with Go's regexp, on random formats
// and globs over a small alphabet where delimiters collide often.
func TestMachineAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab/:-"
	randFormat := func() []token {
		n := 1 + rng.IntN(7)
		var toks []token
		for range n {
			switch rng.IntN(5) {
			case 0, 1:
				toks = append(toks, token{kind: tokPH, name: "P"})
			case 2:
				if rng.IntN(3) == 0 {
					toks = append(toks, token{kind: tokStar})
					continue
				}
				fallthrough
			default:
				toks = append(toks, token{kind: tokLit, c: alphabet[rng.IntN(len(alphabet))]})
			}
		}
		return toks
	}
	randGlob := func(wild bool) string {
		n := 1 + rng.IntN(9)
		if rng.IntN(4) == 0 {
			n = 1 + rng.IntN(100) // long enough for match's periodic dead-state check
		}
		var b strings.Builder
		for range n {
			if wild && rng.IntN(4) == 0 {
				b.WriteByte("*?"[rng.IntN(2)])
				continue
			}
			b.WriteByte((alphabet + "z")[rng.IntN(len(alphabet)+1)])
		}
		return b.String()
	}
	for iter := range 20000 {
		toks := randFormat()
		var trail []byte
		if rng.IntN(2) == 0 {
			trail = []byte{alphabet[rng.IntN(len(alphabet))]}
		}
		mc := newMachine(toks, trail)
		wild := iter%2 == 0
		s := randGlob(wild)
		g := newGlob(s)
		got := mc.match(g)
		want := referenceMatch(mc, s)
		if got != want {
			t.Fatalf("format %s (trail %q) glob %q: match = %v; reference %v", describe(mc), trail, s, got, want)
		}
		if wild {
			continue
		}
		re := referenceRegexp(mc)
		sub := re.FindStringSubmatch(s)
		if (sub != nil) != got {
			t.Fatalf("format %s glob %q: match = %v; regexp %s says %v", describe(mc), s, got, re, sub != nil)
		}
		if !got {
			continue
		}
		vals := mc.capture(g)
		k := 1
		for j, tk := range mc.toks {
			if tk.isPH() {
				if vals[j] != sub[k] {
					t.Fatalf("format %s glob %q: capture %d = %q; regexp %s gives %q", describe(mc), s, j, vals[j], re, sub[k])
				}
				k++
			}
		}
	}
}

func describe(mc *machine) string {
	var b strings.Builder
	for _, t := range mc.toks {
		switch t.kind {
		case tokLit:
			b.WriteByte(t.c)
		case tokPH:
			b.WriteString("${P}")
		case tokStar:
			b.WriteString("*")
		}
	}
	return fmt.Sprintf("%q", b.String())
}

// referenceMatch decides by brute force whether some string over a small alphabet is matched by
// both the glob s and the machine's tokens with their classes: a depth-first search over (glob
// position, token, inside-placeholder) that tries every character.
func referenceMatch(mc *machine, s string) bool {
	const chars = "ab/:-z"
	type key struct{ i, j, k int }
	seen := map[key]bool{}
	var visit func(i, j, k int) bool
	visit = func(i, j, k int) bool {
		if seen[key{i, j, k}] {
			return false
		}
		seen[key{i, j, k}] = true
		if i == len(s) && j == len(mc.toks) {
			return true
		}
		if i < len(s) && s[i] == '*' && visit(i+1, j, k) {
			return true
		}
		if j < len(mc.toks) && mc.toks[j].isPH() && k == 1 && visit(i, j+1, 0) {
			return true
		}
		if i == len(s) || j == len(mc.toks) {
			return false
		}
		for c := range []byte(chars) {
			ch := chars[c]
			ni := -1
			switch u := s[i]; {
			case u == '*':
				crossing := i+1 == len(s) || s[i+1] == ':'
				if ch != ':' || crossing {
					ni = i
				}
			case u == '?':
				if ch != ':' {
					ni = i + 1
				}
			case u == ch:
				ni = i + 1
			}
			if ni < 0 {
				continue
			}
			t := mc.toks[j]
			if !t.isPH() {
				if t.c == ch && visit(ni, j+1, 0) {
					return true
				}
				continue
			}
			if !slices.Contains(mc.excl[j], ch) && visit(ni, j, 1) {
				return true
			}
		}
		return false
	}
	return visit(0, 0, 0)
}

// referenceRegexp is the machine's language as a regexp with one group per placeholder.
func referenceRegexp(mc *machine) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for j, t := range mc.toks {
		if !t.isPH() {
			b.WriteString(regexp.QuoteMeta(string(t.c)))
			continue
		}
		if len(mc.excl[j]) == 0 {
			b.WriteString("(.+)")
			continue
		}
		b.WriteString("([^")
		for _, c := range mc.excl[j] {
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
		b.WriteString("]+)")
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func BenchmarkMatch(b *testing.B) {
	ec2 := group(b, "ec2")
	apigw := group(b, "apigateway")
	s3 := group(b, "s3")
	cases := []struct {
		name    string
		formats []string
		arn     string
	}{
		{"s3/object", s3, "arn:aws:s3:::acme/reports/2024/q1.csv"},
		{"s3/2KBkey", s3, "arn:aws:s3:::acme/" + strings.Repeat("k/", (MaxLen-20)/2)},
		{"lambda/alias", group(b, "lambda"), "arn:aws:lambda:us-east-1:123456789012:function:fn:prod"},
		{"ec2/instance", ec2, "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"},
		{"ec2/2KBstars", ec2, "arn:aws:ec2:*:*:" + strings.Repeat("*a", (MaxLen-16)/2)},
		{"ec2/2KBstarsdelims", ec2, "arn:aws:ec2:*:*:" + strings.Repeat("*/:", (MaxLen-16)/3)},
		{"apigateway/2KBstars", apigw, "arn:aws:apigateway:*::" + strings.Repeat("/*", (MaxLen-22)/2)},
		{"apigateway/2KBstarsx", apigw, "arn:aws:apigateway:*::" + strings.Repeat("*/x", (MaxLen-22)/3)},
		// Ends in a literal that literal-ending formats share, so that no format settles early.
		{"apigateway/2KBworst", apigw, "arn:aws:apigateway:*::/restapis/" + strings.Repeat("*/", (MaxLen-50)/2) + "stages"},
		{"connect/2KBworst", group(b, "connect"), "arn:aws:connect:*:*:instance/" + strings.Repeat("*/", (MaxLen-50)/2) + "x"},
		{"apigateway/2KBdots", apigw, "arn:aws:apigateway:*::" + strings.Repeat("*.", (MaxLen-50)/2) + "/x"},
	}
	for _, c := range cases {
		m, err := NewMatcher(c.formats)
		if err != nil {
			b.Fatal(err)
		}
		a, err := Parse(c.arn)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%s/%dformats", c.name, len(c.formats)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Match(a)
			}
		})
	}
}

func BenchmarkNewMatcher(b *testing.B) {
	ec2 := group(b, "ec2")
	for b.Loop() {
		NewMatcher(ec2)
	}
}
