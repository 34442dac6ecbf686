package yamlite_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

func ExampleParse() {
	doc, err := yamlite.Parse([]byte("mode: crud\nread:\n- 'arn:aws:s3:::bucket/*'\naccount: 123456789012\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	root := doc.Content[0]
	for i := 0; i < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		fmt.Printf("%s at %d:%d is a %v", k.Value, v.Line, v.Column, v.Kind)
		if v.Kind == yamlite.ScalarNode {
			fmt.Printf(" tagged %s", v.Tag)
		}
		fmt.Println()
	}

	_, err = yamlite.Parse([]byte("mode: crud\nread:\n  - a\n - b\n"))
	fmt.Println(err)
	// Output:
	// mode at 1:7 is a scalar tagged !!str
	// read at 3:1 is a sequence
	// account at 4:10 is a scalar tagged !!int
	// line 4, column 2: expected a mapping key, found '-'; check the indentation (this mapping's keys are at column 1)
}

func ExampleFromJSON() {
	out, err := yamlite.FromJSON([]byte(`{"Version": "2012-10-17", "Action": ["s3:GetObject", "*"], "Sid": "yes", "Count": 2}`), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// Version: "2012-10-17"
	// Action:
	//   - s3:GetObject
	//   - '*'
	// Sid: "yes"
	// Count: 2
}
