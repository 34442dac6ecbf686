package arn

import (
	"slices"
	"strings"
	"testing"
)

func TestCompileFormat(t *testing.T) {
	tests := []struct {
		format      string
		wantService string
		wantNames   []string
		wantExample string
	}{
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "s3", []string{"Partition", "BucketName", "ObjectName"},
			"arn:aws:s3:::bucketname1/objectname1"},
		{"arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}", "lambda", []string{"Partition", "Region", "Account", "FunctionName", "Alias"},
			"arn:aws:lambda:us-east-1:123456789012:function:functionname1:prod"},
		{"arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Version}", "lambda", []string{"Partition", "Region", "Account", "FunctionName", "Version"},
			"arn:aws:lambda:us-east-1:123456789012:function:functionname1:1"},
		{"arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}", "", []string{"Partition", "Vendor", "Region", "ResourceType", "RecoveryPointId"},
			"arn:aws:backup:us-east-1:123456789012:resourcetype1:recoverypointid1"},
		{"arn:${Partition}:dms:${Region}:${Account}:cert:*", "dms", []string{"Partition", "Region", "Account"},
			"arn:aws:dms:us-east-1:123456789012:cert:example"},
		{"arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}", "braket", []string{"Partition", "DeviceType", "Provider", "DeviceId"},
			"arn:aws:braket:us-east-1:123456789012:device/devicetype1/provider1/deviceid1"},
		{"arn:${Partition}:codeartifact:${Region}:${Account}:package-group/${DomainName}${EncodedPackageGroupPattern}", "codeartifact", []string{"Partition", "Region", "Account", "DomainName", "EncodedPackageGroupPattern"},
			"arn:aws:codeartifact:us-east-1:123456789012:package-group/domainname1encodedpackagegrouppattern1"},
		{"arn:${Partition}:iam::aws:role-template/${AWSServicePrincipal}/${RoleTemplateName}:${RoleTemplateMajorVersion}", "iam", []string{"Partition", "AWSServicePrincipal", "RoleTemplateName", "RoleTemplateMajorVersion"},
			"arn:aws:iam::aws:role-template/awsserviceprincipal1/roletemplatename1:1"},
		{"arn:${Partition}:account::${ManagementAccountId}:account/o-${OrganizationId}/${MemberAccountId}", "account", []string{"Partition", "ManagementAccountId", "OrganizationId", "MemberAccountId"},
			"arn:aws:account::123456789012:account/o-organizationid1/memberaccountid1"},
		{"arn:${Partition}:elasticbeanstalk:${Region}::platform/${PlatformNameWithVersion}", "elasticbeanstalk", []string{"Partition", "Region", "PlatformNameWithVersion"},
			"arn:aws:elasticbeanstalk:us-east-1::platform/platformnamewithversion1"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			f, err := CompileFormat(tt.format)
			if err != nil {
				t.Fatalf("CompileFormat(%q): %v", tt.format, err)
			}
			if got := f.String(); got != tt.format {
				t.Errorf("String() = %q; want the input", got)
			}
			if got := f.Service(); got != tt.wantService {
				t.Errorf("Service() = %q; want %q", got, tt.wantService)
			}
			if got := f.Placeholders(); !slices.Equal(got, tt.wantNames) {
				t.Errorf("Placeholders() = %q; want %q", got, tt.wantNames)
			}
			if got := f.Example(); got != tt.wantExample {
				t.Errorf("Example() = %q; want %q", got, tt.wantExample)
			}
		})
	}
}

func TestCompileFormatErrors(t *testing.T) {
	tests := []struct {
		format  string
		wantErr string
	}{
		{"${Partition}:s3:::${BucketName}", `does not start with "arn:"`},
		{"arn:${Partition}:s3:${BucketName}", "found 4 colon-separated parts"},
		{"arn:${Partition}:s3:::", "empty resource segment"},
		{"arn::s3:::b", "empty partition segment"},
		{"arn:${Partition}::::b", "empty service segment"},
		{"arn:${Partition}:S3:::b", "neither a lower-case service name nor one placeholder"},
		{"arn:${Partition}:s3${X}:::b", "neither a lower-case service name nor one placeholder"},
		{"arn:${Partition}:s3:::${BucketName", "resource segment: column 1: unterminated ${"},
		{"arn:${Partition}:s3:::${}", "empty placeholder name"},
		{"arn:${Partition}:s3:::${Bucket-Name}", `invalid character '-' in placeholder name "Bucket-Name"`},
		{"arn:${Partition}:s3:::a b", "invalid byte ' '"},
		{"arn:${Partition}:s3:::a?", "'?' is not allowed"},
		{"arn:${Partition}:s3:::" + strings.Repeat("a", 500), "at most 480 allowed"},
	}
	for _, tt := range tests {
		_, err := CompileFormat(tt.format)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "compile ARN format ") {
			t.Errorf("CompileFormat(%.50q) error = %v; want one containing %q", tt.format, err, tt.wantErr)
		}
	}
	if _, err := NewMatcher([]string{"arn:${Partition}:s3:::${B}", "arn:${Partition}:s3:::${B"}); err == nil || !strings.Contains(err.Error(), "format 1:") {
		t.Errorf("NewMatcher with a bad format: error = %v; want it to name format 1", err)
	}
}

func TestIsVersion(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"1", true}, {"7", true}, {"1.2.3", true}, {"$LATEST", true}, {"10.0", true},
		{"", false}, {"prod", false}, {"v1", false}, {"1.", false}, {".1", false}, {"1..2", false}, {"$SAVED", false}, {"1-2", false},
	}
	for _, tt := range tests {
		if got := isVersion(tt.v); got != tt.want {
			t.Errorf("isVersion(%q) = %v; want %v", tt.v, got, tt.want)
		}
	}
}

func TestShapeOf(t *testing.T) {
	tests := []struct {
		name string
		want valueShape
	}{
		{"Version", shapeVersion}, {"StateMachineVersionId", shapeVersion}, {"ModelVersionNumber", shapeVersion}, {"LayerVersion", shapeVersion},
		{"Alias", shapeNotVersion}, {"StateMachineAliasName", shapeNotVersion}, {"BotAliasId", shapeNotVersion}, {"ViewQualifier", shapeNotVersion},
		{"FunctionName", shapeAny}, {"PlatformNameWithVersion", shapeAny}, {"VersionName", shapeAny},
	}
	for _, tt := range tests {
		if got := shapeOf(tt.name); got != tt.want {
			t.Errorf("shapeOf(%q) = %v; want %v", tt.name, got, tt.want)
		}
	}
}
