package validate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/validate"
)

// policy100 is a 100-statement policy of the usual kinds: wildcards, specific ARNs, conditions.
func policy100() []byte {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `{"Sid": "S3Read%d", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": ["arn:aws:s3:::bucket-%d", "arn:aws:s3:::bucket-%d/*"]}`, i, i, i)
		case 1:
			fmt.Fprintf(&b, `{"Sid": "Kms%d", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "arn:aws:kms:us-east-1:123456789012:key/k-%d", "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}`, i, i)
		case 2:
			fmt.Fprintf(&b, `{"Sid": "Ddb%d", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"], "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/t%d", "arn:aws:dynamodb:us-east-1:123456789012:table/t%d/index/*"]}`, i, i, i)
		case 3:
			fmt.Fprintf(&b, `{"Sid": "Ec2%d", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`, i)
		}
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// BenchmarkValidate100 parses and validates a 100-statement policy against the catalog.
func BenchmarkValidate100(b *testing.B) {
	cat, err := embedded.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	data := policy100()
	p, ds := policy.Parse("p.json", data, policy.Identity)
	validate.Validate(cat, p, ds, validate.Options{}) // load the services once
	for b.Loop() {
		p, ds := policy.Parse("p.json", data, policy.Identity)
		validate.Validate(cat, p, ds, validate.Options{})
	}
}
