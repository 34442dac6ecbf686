package resolve_test

import (
	"testing"

	"github.com/iamforge/iamforge/catalog/resolve"
	"github.com/iamforge/iamforge/catalog/template"
)

// Bench20 is a 20-ARN, 8-service template, the size of a typical service role.
const Bench20 = `mode: crud
read:
- arn:aws:s3:::acme-config
- arn:aws:s3:::acme-config/app/*
- arn:aws:dynamodb:us-east-1:123456789012:table/orders
- arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-date
- arn:aws:ssm:us-east-1:123456789012:parameter/app/prod/db
- arn:aws:secretsmanager:us-east-1:123456789012:secret:app/prod/db-AbCdEf
- arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
write:
- arn:aws:s3:::acme-uploads/*
- arn:aws:sqs:us-east-1:123456789012:orders-queue
- arn:aws:sns:us-east-1:123456789012:orders-topic
- arn:aws:dynamodb:us-east-1:123456789012:table/orders
- arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*
- arn:aws:lambda:us-east-1:123456789012:function:orders-worker
- arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
list:
- arn:aws:s3:::acme-uploads
- arn:aws:sqs:us-east-1:123456789012:orders-queue
- arn:aws:dynamodb:us-east-1:123456789012:table/orders
tagging:
- arn:aws:sqs:us-east-1:123456789012:orders-queue
- arn:aws:lambda:us-east-1:123456789012:function:orders-worker
permissions-management:
- arn:aws:sns:us-east-1:123456789012:orders-topic
`

// BenchmarkWrite20 writes a 20-ARN, 8-service template in-process (parse, resolve, render).
func BenchmarkWrite20(b *testing.B) {
	c := cat(b)
	tmpl, ds := template.Parse("bench.yml", []byte(Bench20))
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	resolve.Write(c, tmpl, resolve.Options{}) // load the services once, as a long-lived process has
	for b.Loop() {
		tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
		res := resolve.Write(c, tmpl, resolve.Options{})
		_ = res.Policy.JSON("    ")
	}
}

func BenchmarkWrite20Minimized(b *testing.B) {
	c := cat(b)
	tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
	resolve.Write(c, tmpl, resolve.Options{Minimize: true})
	for b.Loop() {
		_ = resolve.Write(c, tmpl, resolve.Options{Minimize: true}).Policy.JSON("    ")
	}
}
