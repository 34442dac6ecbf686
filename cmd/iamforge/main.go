// Command iamforge builds least-privilege AWS IAM policies and answers questions about the AWS
// IAM catalog (every service, action, resource type and condition key), offline.
//
// Run `iamforge help` for the commands; the command line itself is package catalog/cli.
package main

import (
	"os"
	"runtime/debug"

	"github.com/iamforge/iamforge/catalog/cli"
)

func main() {
	// A command runs for some milliseconds and allocates a few megabytes, which exiting frees.
	// At the default GOGC=100 the first collection comes at a 4 MB heap, so `iamforge expand`
	// of a large NotAction collected once, for nothing, paying for marking and for the fresh
	// memory the collector touches; at 200 it comes at 8 MB, and a long run (a folder of
	// policies, a large --catalog) still collects, keeping the heap within 3x of what is live.
	// GOGC, when set, decides instead.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
