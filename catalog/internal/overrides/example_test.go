package overrides_test

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/overrides"
)

func Example() {
	o, err := overrides.Parse("overrides.yml", []byte(`
s3:PutObjectAcl: Permissions management
ec2:Describe*: list
s3:
  Tagging:
    - PutObjectTagging
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, action := range []string{"s3:PutObjectAcl", "ec2:DescribeInstances", "s3:putobjecttagging", "s3:GetObject"} {
		level, rule, ok := o.Level(action)
		if !ok {
			fmt.Printf("%s: not overridden\n", action)
			continue
		}
		fmt.Printf("%s: %s (line %d)\n", action, level, rule.Line)
	}

	s3 := &catalog.Service{Prefix: "s3", Actions: []*catalog.Action{
		{Service: "s3", Name: "PutObjectAcl", AccessLevel: catalog.Write},
		{Service: "s3", Name: "GetObject", AccessLevel: catalog.Read},
	}}
	overridden, n := o.Apply(s3)
	fmt.Println(n, overridden.Action("PutObjectAcl").AccessLevel, s3.Action("PutObjectAcl").AccessLevel)

	for _, d := range o.Unused([]string{"s3:PutObjectAcl", "s3:GetObject"}) {
		fmt.Println(d.Error())
	}

	_, err = overrides.Parse("overrides.yml", []byte("s3:PutObjectAcl: Permission management\n"))
	fmt.Println(err)
	// Output:
	// s3:PutObjectAcl: Permissions management (line 2)
	// ec2:DescribeInstances: List (line 3)
	// s3:putobjecttagging: Tagging (line 6)
	// s3:GetObject: not overridden
	// 1 Permissions management Write
	// overrides.yml:3: warning: override ec2:Describe* matches no action (no service "ec2" in the catalog) [override-unused]
	// overrides.yml:6: warning: override s3:PutObjectTagging matches no action [override-unused]
	// overrides.yml:1:18: s3:PutObjectAcl: unknown access level "Permission management" (want List, Read, Write, Permissions management or Tagging)
}
