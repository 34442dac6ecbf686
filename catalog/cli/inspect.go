package cli

import (
	"fmt"
	"io"

	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/query"
)

const expandUsage = `Usage:
  iamforge expand POLICY|- [--format table|json|policy]

Turns every action wildcard and NotAction of an IAM policy (JSON) into the concrete actions it
grants, grouped by service and access level. --format policy prints the policy itself with the
actions spelled out.
`

const validateUsage = `Usage:
  iamforge validate POLICY|- [--format table|json] [--kind identity|resource|trust]
                    [--target managed|role-inline|group-inline|user-inline|trust]

Checks an IAM policy (JSON): its grammar, and what the catalog says of it — unknown actions,
resources none of a statement's actions act on, specific ARNs on actions that take only "*",
condition keys that do not apply, operators that do not fit a key's type, size over the target,
redundant statements, risky grants. Exit status 1 when an error is found.
`

func (e *env) expandCmd(args []string) error {
	fs := newFlags(e, "expand", expandUsage)
	var cf catalogFlags
	cf.register(fs)
	format := fs.String("format", "table", "output `FORMAT`: table, json or policy")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("expand: give one policy file (or - for stdin)")
	}
	if *format != "table" && *format != "json" && *format != "policy" {
		return usagef("expand: unknown format %q (want table, json or policy)", *format)
	}
	data, file, err := e.readInput(pos[0])
	if err != nil {
		return err
	}
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	res, ds := api.Expand(cat, api.PolicyRequest{Policy: string(data), File: file, Format: *format})
	if res != nil {
		io.WriteString(e.stdout, res.Output)
	}
	if res == nil && !ds.HasErrors() {
		return fmt.Errorf("%s: nothing to expand", file)
	}
	return e.report(ds)
}

func (e *env) validateCmd(args []string) error {
	fs := newFlags(e, "validate", validateUsage)
	var cf catalogFlags
	cf.register(fs)
	format := fs.String("format", "table", "output `FORMAT`: table or json")
	kindName := fs.String("kind", "identity", "the policy's `KIND`: identity, resource or trust")
	targetName := fs.String("target", "managed", "size `LIMIT`: managed, role-inline, group-inline, user-inline or trust")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("validate: give one policy file (or - for stdin)")
	}
	if *format != "table" && *format != "json" {
		return usagef("validate: unknown format %q (want table or json)", *format)
	}
	kind, err := policy.ParseKind(*kindName)
	if err != nil {
		return usagef("validate: %v", err)
	}
	if _, err := policy.ParseTarget(*targetName); err != nil {
		return usagef("validate: %v", err)
	}
	data, file, err := e.readInput(pos[0])
	if err != nil {
		return err
	}
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	ds, err := api.Validate(cat, api.PolicyRequest{Policy: string(data), File: file, Kind: kind.String(), Target: *targetName})
	if err != nil {
		return usagef("validate: %v", err)
	}
	if *format == "json" {
		b, err := query.MarshalJSON(ds)
		if err != nil {
			return err
		}
		e.stdout.Write(b)
	} else {
		io.WriteString(e.stdout, api.ValidateText(file, ds))
	}
	if ds.HasErrors() {
		return reportedError{}
	}
	return nil
}
