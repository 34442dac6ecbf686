package template_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/internal/template"
)

func ExampleParse() {
	src := `mode: crud
read:
- arn:aws:s3:::example-bucket/*
- ''
write:
- ''
wildcard-only:
  single-actions: [s3:ListAllMyBuckets]
reads: [arn:aws:s3:::typo]
conditions:
  Bool:
    aws:SecureTransport: true
`
	t, diags := template.Parse("policy.yml", []byte(src))
	for _, l := range t.Levels {
		for _, arn := range l.ARNs {
			fmt.Printf("%s %s (line %d)\n", l.Level, arn.Value, arn.Loc.Line)
		}
	}
	for _, a := range t.SingleActions {
		fmt.Println("on *:", a.Value)
	}
	for _, b := range t.Conditions {
		for _, c := range b.Conditions {
			fmt.Println("condition:", c.Operator, c.Key, c.Values)
		}
	}
	for _, d := range diags {
		fmt.Printf("line %d: %s %s: %s\n", d.Location.Line, d.Severity, d.Code, d.Message)
	}
	// Output:
	// Read arn:aws:s3:::example-bucket/* (line 3)
	// on *: s3:ListAllMyBuckets
	// condition: Bool aws:SecureTransport [true]
	// line 4: warning empty-item: empty item skipped
	// line 9: error unknown-key: unknown key "reads" (did you mean "read"?)
}

func ExampleExample() {
	b, err := template.Example("actions")
	if err != nil {
		panic(err)
	}
	_, diags := template.Parse("new.yml", b)
	fmt.Println(diags[0].Code)
	// Output:
	// empty-template
}
