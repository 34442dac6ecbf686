package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/load"
	"github.com/iamforge/iamforge/catalog/internal/query"
)

// catalogFlags are the flags every command that reads the catalog takes.
type catalogFlags struct {
	catalogs  stringList
	overrides string
}

func (c *catalogFlags) register(fs *flag.FlagSet) {
	fs.Var(&c.catalogs, "catalog", "a catalog `PATH` to use instead of the built-in one (repeatable; later overrides earlier; \"default\" is the built-in one)")
	fs.StringVar(&c.overrides, "access-level-overrides", "", "a YAML `FILE` mapping actions (globs allowed) to access levels")
}

// open assembles the catalog the flags name, saying on stderr what the overrides file's
// warnings are.
func (c *catalogFlags) open(e *env) (*catalog.Catalog, error) {
	cat, ds, err := load.Catalog(load.Options{Catalogs: c.catalogs, Overrides: c.overrides})
	if err != nil {
		return nil, err
	}
	e.report(ds)
	return cat, nil
}

const queryUsage = `Usage:
  iamforge query services
  iamforge query actions --service S|all [--name GLOB] [--access-level L] [--resource-type T|'*'] [--condition KEY]
  iamforge query resource-types --service S [--name T]
  iamforge query conditions --service S [--name KEY] [--action A]
  iamforge query expand PATTERN...
  iamforge query search TEXT [--limit N]
  iamforge query match-arn ARN...

Policy Sentry's spellings, which print exactly what Policy Sentry prints:
  iamforge query action-table -s S|all [-n NAME] [-a LEVEL] [-c KEY] [-r T|'*'] [--fmt json|yaml]
  iamforge query arn-table -s S [-n NAME] [-l] [--fmt json|yaml]
  iamforge query condition-table -s S [-n NAME] [--fmt json|yaml]
  iamforge query service-table [--fmt json|yaml]

Access levels: List, Read, Write, Permissions management (or permissions-management), Tagging,
in any case. --resource-type '*' lists the actions that take no resource type (wildcard only).
`

// querySpelling maps each query name, ours and Policy Sentry's, to its kind.
var querySpelling = map[string]string{
	"services": query.Services, "service-table": query.ServiceTable,
	"actions": query.Actions, "action-table": query.ActionTable,
	"resource-types": query.ResourceTypes, "arn-table": query.ARNTable,
	"conditions": query.Conditions, "condition-table": query.ConditionTable,
	"expand": query.Expand, "search": query.Search, "match-arn": query.MatchARN,
}

func (e *env) query(args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(e.stdout, queryUsage)
		if len(args) == 0 {
			return usagef("query: name a query")
		}
		return nil
	}
	name := args[0]
	kind, ok := querySpelling[name]
	if !ok {
		return usagef("query: unknown query %q (want services, actions, resource-types, conditions, expand, search or match-arn; or Policy Sentry's action-table, arn-table, condition-table or service-table)", name)
	}
	ps := query.IsPolicySentry(kind)
	fs := newFlags(e, "query "+name, queryUsage)
	var cf catalogFlags
	cf.register(fs)
	var req query.Request
	req.Kind = kind
	format := "table"
	if ps {
		format = "json"
		// Policy Sentry's log level; its logs go to stderr, and iamforge has none to show.
		var verbose string
		fs.StringVar(&verbose, "verbose", "", "log `LEVEL` (accepted for Policy Sentry's scripts; ignored)")
		fs.StringVar(&verbose, "v", "", "short for --verbose")
	}
	fs.StringVar(&format, "format", format, "output `FORMAT`: "+map[bool]string{true: "json or yaml", false: "table, json or yaml"}[ps])
	fs.StringVar(&format, "fmt", format, "output `FORMAT` (Policy Sentry's spelling of --format)")
	switch kind {
	case query.Actions, query.ResourceTypes, query.Conditions, query.ActionTable, query.ARNTable, query.ConditionTable:
		all := map[bool]string{true: ", or all", false: ""}[kind == query.Actions || kind == query.ActionTable]
		fs.StringVar(&req.Service, "service", "", "service `PREFIX` (such as s3)"+all)
		fs.StringVar(&req.Service, "s", "", "short for --service")
		fs.StringVar(&req.Name, "name", "", "`NAME` or glob to match")
		fs.StringVar(&req.Name, "n", "", "short for --name")
	}
	switch kind {
	case query.Actions, query.ActionTable:
		fs.StringVar(&req.AccessLevel, "access-level", "", "access `LEVEL`: List, Read, Write, Permissions management, Tagging")
		fs.StringVar(&req.AccessLevel, "a", "", "short for --access-level")
		fs.StringVar(&req.ResourceType, "resource-type", "", "resource `TYPE` the actions take, or '*' for wildcard-only actions")
		fs.StringVar(&req.ResourceType, "r", "", "short for --resource-type")
		fs.StringVar(&req.Condition, "condition", "", "condition `KEY` the actions support")
		fs.StringVar(&req.Condition, "c", "", "short for --condition")
	case query.ResourceTypes:
		fs.BoolVar(&req.NamesOnly, "l", false, "list resource-type names only")
		fs.BoolVar(&req.NamesOnly, "list-names", false, "list resource-type names only")
	case query.ARNTable:
		fs.BoolVar(&req.NamesOnly, "l", false, "each resource type with its ARN")
		fs.BoolVar(&req.NamesOnly, "list-arn-types", false, "each resource type with its ARN")
	case query.Conditions:
		fs.StringVar(&req.Action, "action", "", "only the keys this `ACTION` supports")
	case query.Search:
		fs.IntVar(&req.Limit, "limit", 20, "at most `N` results")
	}
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	f, err := query.ParseFormat(format)
	if err != nil {
		return usagef("query %s: %s", name, strings.TrimPrefix(err.Error(), query.ErrBadRequest.Error()+": "))
	}
	if ps && f == query.FormatTable {
		return usagef("query %s: unknown format %q (want json or yaml)", name, format)
	}
	switch kind {
	case query.Expand, query.Search, query.MatchARN:
		if len(pos) == 0 {
			return usagef("query %s: needs arguments", name)
		}
		req.Args = pos
	default:
		if len(pos) > 0 {
			return usagef("query %s: unexpected argument %q", name, pos[0])
		}
	}
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	res, err := query.Run(cat, req)
	if err != nil {
		if errors.Is(err, query.ErrBadRequest) {
			msg := strings.TrimPrefix(err.Error(), query.ErrBadRequest.Error()+": ")
			if req.Service == "" && kind != query.Services && kind != query.ServiceTable && kind != query.Expand && kind != query.Search && kind != query.MatchARN {
				return usagef("query %s: %s", name, msg)
			}
			return fmt.Errorf("query %s: %s", name, msg)
		}
		return err
	}
	out, err := res.Render(f)
	if err != nil {
		return err
	}
	if _, err := e.stdout.Write(out); err != nil {
		return err
	}
	return e.report(res.Diagnostics)
}

// report writes diagnostics to stderr; any error among them makes the command fail.
func (e *env) report(ds diag.List) error {
	for _, d := range ds {
		fmt.Fprintln(e.stderr, "iamforge:", d.Error())
		for _, s := range d.Suggestions {
			if !strings.Contains(d.Message, s) {
				fmt.Fprintln(e.stderr, "    ", s)
			}
		}
	}
	if ds.HasErrors() {
		return reportedError{}
	}
	return nil
}
