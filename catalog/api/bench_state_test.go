package api

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

const benchState = `{"state":{"v":1,"resources":[
{"arn":"arn:aws:s3:::acme-config","levels":["read","list"]},{"arn":"arn:aws:s3:::acme-logs","levels":["read","list"]},{"arn":"arn:aws:s3:::acme-assets","levels":["read","list"]},
{"arn":"arn:aws:s3:::acme-config/app/*","levels":["read","write"]},{"arn":"arn:aws:s3:::acme-assets/public/*","levels":["read","write"]},
{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders","levels":["read","write"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/customers","levels":["read","write"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/invoices","levels":["read","write"]},
{"arn":"arn:aws:lambda:us-east-1:123456789012:function:api","levels":["read"]},{"arn":"arn:aws:lambda:us-east-1:123456789012:function:worker","levels":["read"]},{"arn":"arn:aws:lambda:us-east-1:123456789012:function:cron","levels":["read"]},
{"arn":"arn:aws:sqs:us-east-1:123456789012:jobs","levels":["read","write"]},{"arn":"arn:aws:sqs:us-east-1:123456789012:dead-letters","levels":["read","write"]},
{"arn":"arn:aws:sns:us-east-1:123456789012:alerts","levels":["write"]},{"arn":"arn:aws:sns:us-east-1:123456789012:events","levels":["write"]},
{"arn":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","levels":["read","write"]},
{"arn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf","levels":["read"]},{"arn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-AbCdEf","levels":["read"]},
{"arn":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api","levels":["write"]},{"arn":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/worker","levels":["write"]}],
"actions":["kms:ListKeys","sts:GetCallerIdentity"]}}`

func BenchmarkCallWriteBrowserState(b *testing.B) {
	cat, _ := embedded.Catalog()
	Call(cat, "write", []byte(benchState))
	for b.Loop() {
		Call(cat, "write", []byte(benchState))
	}
}
