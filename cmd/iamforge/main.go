// Command iamforge builds least-privilege AWS IAM policies and answers questions about the AWS
// IAM catalog (every service, action, resource type and condition key), offline.
//
// Run `iamforge help` for the commands; the command line itself is package catalog/cli.
package main

import (
	"os"

	"github.com/iamforge/iamforge/catalog/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
