package main

import (
	"fmt"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/inspect"
	"github.com/iamforge/iamforge/catalog/policy"
	"github.com/iamforge/iamforge/catalog/query"
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
	p, ds := policy.Parse(file, data, policy.Identity)
	if p == nil || hasCode(ds, "invalid-json") {
		e.report(ds)
		return reportedError{}
	}
	cat, err := cf.open()
	if err != nil {
		return err
	}
	ex, eds := inspect.Expand(cat, p)
	inspect.Locate(p, eds, file)
	ds = append(ds, eds...)
	switch *format {
	case "json":
		b, err := query.MarshalJSON(ex)
		if err != nil {
			return err
		}
		e.stdout.Write(b)
	case "policy":
		e.stdout.Write(inspect.ExpandedPolicy(p, ex).JSON("    "))
	default:
		fmt.Fprint(e.stdout, inspect.Table(ex))
	}
	return e.report(ds.Sort())
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
	target, err := policy.ParseTarget(*targetName)
	if err != nil {
		return usagef("validate: %v", err)
	}
	data, file, err := e.readInput(pos[0])
	if err != nil {
		return err
	}
	p, ds := policy.Parse(file, data, kind)
	if p != nil && !hasCode(ds, "invalid-json") {
		cat, err := cf.open()
		if err != nil {
			return err
		}
		ds = inspect.Validate(cat, p, ds, inspect.Options{Target: target, File: file})
	}
	if *format == "json" {
		b, err := query.MarshalJSON(orEmpty(ds))
		if err != nil {
			return err
		}
		e.stdout.Write(b)
	} else {
		if len(ds) == 0 {
			fmt.Fprintf(e.stdout, "%s: no findings\n", file)
		}
		for _, d := range ds {
			fmt.Fprintln(e.stdout, d.Error())
			for _, s := range d.Suggestions {
				fmt.Fprintln(e.stdout, "    ", s)
			}
		}
	}
	if ds.HasErrors() {
		return reportedError{}
	}
	return nil
}

func hasCode(ds diag.List, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}
