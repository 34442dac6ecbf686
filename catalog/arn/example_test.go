package arn_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/arn"
)

func Example() {
	formats := []string{
		"arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
		"arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}",
		"arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Version}",
	}
	m, err := arn.NewMatcher(formats)
	if err != nil {
		panic(err)
	}
	for _, s := range []string{
		"arn:aws:lambda:us-east-1:123456789012:function:fn",
		"arn:aws:lambda:us-east-1:123456789012:function:fn:prod",
		"arn:aws:lambda:us-east-1:123456789012:function:fn:7",
		"arn:aws:lambda:us-east-1:123456789012:function:fn:*",
		"arn:aws:lambda:us-east-1:123456789012:fucntion:fn",
	} {
		a, err := arn.Parse(s)
		if err != nil {
			panic(err)
		}
		matches, dropped := m.Match(a)
		fmt.Println(a.Resource, "matches", matches, "dropped", dropped)
		if len(matches) == 0 {
			fmt.Println("  did you mean", formats[m.Closest(a, 1)[0]])
		}
	}
	_, err = arn.Parse("arn:aws:s*:::b")
	fmt.Println(err)
	// Output:
	// function:fn matches [0] dropped []
	// function:fn:prod matches [1] dropped [2]
	// function:fn:7 matches [2] dropped [1]
	// function:fn:* matches [1 2] dropped []
	// fucntion:fn matches [] dropped []
	//   did you mean arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}
	// invalid ARN "arn:aws:s*:::b": column 10: wildcards are not allowed in the service segment
}

func ExampleFormat_Example() {
	f, err := arn.CompileFormat("arn:${Partition}:s3:::${BucketName}/${ObjectName}")
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Example())
	fmt.Println(f.Placeholders())
	// Output:
	// arn:aws:s3:::bucketname1/objectname1
	// [Partition BucketName ObjectName]
}
