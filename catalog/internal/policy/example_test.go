package policy_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/internal/policy"
)

func ExampleParse() {
	src := `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*",
    "Condition": {"Bool": {"aws:SecureTransport": true}}
  }
}`
	p, diags := policy.Parse("reports.json", []byte(src), policy.Identity)
	for _, d := range diags {
		fmt.Printf("%d:%d %s: %s [%s]\n", d.Location.Line, d.Location.Column, d.Location.Key, d.Message, d.Code)
	}
	fmt.Println(p.Statement[0].Path, p.Statement[0].Action)
	// Output:
	// 4:15 Statement.Effect: Effect "allow": did you mean "Allow"? (IAM is case-sensitive here) [invalid-effect]
	// Statement [s3:GetObject]
}

func ExamplePolicy_JSON() {
	p := &policy.Policy{
		Version: policy.Version,
		Statement: []policy.Statement{{
			Sid:       "ReadReports",
			Effect:    "Allow",
			Action:    []string{"s3:GetObject"},
			Resource:  []string{"arn:aws:s3:::reports/*"},
			Condition: policy.Conditions{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}}},
		}},
	}
	fmt.Printf("%s\n%d characters\n", p.JSON(""), p.Size())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":["true"]}}}]}
	// 195 characters
}

func ExamplePolicy_Terraform() {
	p := &policy.Policy{
		Version: policy.Version,
		Statement: []policy.Statement{{
			Effect:   "Allow",
			Action:   []string{"s3:GetObject", "s3:ListBucket"},
			Resource: []string{"arn:aws:s3:::home/${aws:username}/*"},
		}},
	}
	fmt.Print(string(p.Terraform("home")))
	// Output:
	// data "aws_iam_policy_document" "home" {
	//   version = "2012-10-17"
	//
	//   statement {
	//     effect = "Allow"
	//     actions = [
	//       "s3:GetObject",
	//       "s3:ListBucket",
	//     ]
	//     resources = ["arn:aws:s3:::home/$${aws:username}/*"]
	//   }
	// }
}

func ExampleSplit() {
	p := &policy.Policy{Version: policy.Version}
	for i := range 3 {
		p.Statement = append(p.Statement, policy.Statement{
			Sid:      fmt.Sprintf("Queue%d", i),
			Effect:   "Allow",
			Action:   []string{"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"},
			Resource: []string{fmt.Sprintf("arn:aws:sqs:us-east-1:123456789012:queue-%d", i)},
		})
	}
	parts, err := policy.Split(p, 300, policy.MaxManagedPerRole)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, part := range parts {
		fmt.Println(len(part.Statement), "statements,", part.Size(), "characters")
	}
	_, err = policy.Split(p, 300, 1)
	fmt.Println(err)
	// Output:
	// 1 statements, 200 characters
	// 1 statements, 200 characters
	// 1 statements, 200 characters
	// split: the policy of 524 characters needs 3 policies of at most 300 characters; at most 1 allowed
}
