package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/query"
)

const expandUsage = `Usage:
  iamforge expand POLICY|FOLDER|-... [--format table|json|policy]

Turns every action wildcard and NotAction of an IAM policy (JSON) into the concrete actions it
grants, grouped by service and access level. --format policy prints the policy itself with the
actions spelled out.

Several policies, or a folder (every .json file in it and below, in name order), are expanded
in one run: the table has a "==> FILE <==" line before each policy, json is one object
{"files": [{"file", "statements", "errors", "warnings"}]}, policy prints the policies one after
another (a stream of JSON documents). Diagnostics and a line per file go to stderr. Exit status
1 when any policy has an error or cannot be read.
`

const validateUsage = `Usage:
  iamforge validate POLICY|FOLDER|-... [--format table|json] [--kind identity|resource|trust]
                    [--target managed|role-inline|group-inline|user-inline|trust]

Checks an IAM policy (JSON): its grammar, and what the catalog says of it — unknown actions,
resources none of a statement's actions act on, specific ARNs on actions that take only "*",
condition keys that do not apply, operators that do not fit a key's type, multivalued keys
without ForAnyValue:/ForAllValues:, data opened on "*", size over the target (counted on the
document as written), redundant statements, risky grants. Exit status 1 when an error is found.

Several policies, or a folder (every .json file in it and below, in name order), are checked in
one run: each policy's findings are followed by a line that counts them ("FILE: 1 error,
2 warnings" or "FILE: no findings"), and a last line sums up the run. With --format json the
output is one object {"files": [{"file", "errors", "warnings", "findings"}], "summary"}. Exit
status 1 when any policy has an error or cannot be read.
`

// policyFiles turns a command's arguments into the policies to read: files, "-" for stdin
// (once), and folders, which stand for every .json file in them and below, in name order
// (hidden folders skipped). many says whether more than one policy may come of them: several
// arguments, or a folder.
func policyFiles(cmd string, args []string) (files []string, many bool, err error) {
	if len(args) == 0 {
		return nil, false, usagef("%s: give a policy file, a folder of them, or - for stdin", cmd)
	}
	stdin := false
	for _, a := range args {
		if a == "-" || a == "" {
			if stdin {
				return nil, false, usagef("%s: stdin (-) given twice", cmd)
			}
			stdin = true
			files = append(files, "-")
			continue
		}
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			files = append(files, a) // reading it reports what is wrong
			continue
		}
		many = true
		n := len(files)
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", cmd, err)
		}
		if len(files) == n {
			return nil, false, fmt.Errorf("%s: no .json file in the folder %s", cmd, a)
		}
	}
	return files, many || len(files) > 1, nil
}

// tally counts a policy's findings by severity.
type tally struct{ errors, warnings, notes int }

func count(ds diag.List) tally {
	var t tally
	for _, d := range ds {
		switch d.Severity {
		case diag.Error:
			t.errors++
		case diag.Warning:
			t.warnings++
		default:
			t.notes++
		}
	}
	return t
}

func (t tally) String() string {
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{t.errors, "error"}, {t.warnings, "warning"}, {t.notes, "note"}} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.what))
		}
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// runSummary sums up a run over several policies: each is unreadable, has errors, has
// warnings but no error, or is clean (neither).
type runSummary struct {
	Policies     int `json:"policies"`
	WithErrors   int `json:"with_errors"`
	WarningsOnly int `json:"with_warnings_only"`
	Clean        int `json:"clean"`
	Unreadable   int `json:"unreadable,omitempty"`
}

func (s *runSummary) add(t tally) {
	s.Policies++
	switch {
	case t.errors > 0:
		s.WithErrors++
	case t.warnings > 0:
		s.WarningsOnly++
	default: // notes alone (a policy read from Terraform's wrapper) leave it clean
		s.Clean++
	}
}

func (s *runSummary) unreadable() {
	s.Policies++
	s.Unreadable++
}

func (s runSummary) String() string {
	msg := fmt.Sprintf("%d policies: %d with errors, %d with warnings only, %d clean", s.Policies, s.WithErrors, s.WarningsOnly, s.Clean)
	if s.Unreadable > 0 {
		msg += fmt.Sprintf(", %d could not be read", s.Unreadable)
	}
	return msg
}

func (s runSummary) failed() bool { return s.WithErrors+s.Unreadable > 0 }

func (e *env) expandCmd(args []string) error {
	fs := newFlags(e, "expand", expandUsage)
	var cf catalogFlags
	cf.register(fs)
	format := fs.String("format", "table", "output `FORMAT`: table, json or policy")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "table" && *format != "json" && *format != "policy" {
		return usagef("expand: unknown format %q (want table, json or policy)", *format)
	}
	files, many, err := policyFiles("expand", pos)
	if err != nil {
		return err
	}
	if !many {
		data, file, err := e.readInput(files[0])
		if err != nil {
			return err
		}
		cat, err := cf.open(e)
		if err != nil {
			return err
		}
		ok, ds := api.ExpandTo(e.stdout, cat, api.PolicyRequest{Policy: string(data), File: file, Format: *format})
		if !ok && !ds.HasErrors() {
			return fmt.Errorf("%s: nothing to expand", file)
		}
		return e.report(ds)
	}
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	type fileResult struct {
		File       string            `json:"file"`
		Statements []expand.Expanded `json:"statements"`
		Errors     int               `json:"errors"`
		Warnings   int               `json:"warnings"`
	}
	var results []fileResult
	var sum runSummary
	printed := false
	for _, f := range files {
		data, file, err := e.readInput(f)
		if err != nil {
			fmt.Fprintln(e.stderr, "iamforge:", err)
			sum.unreadable()
			continue
		}
		res, ds := api.Expand(cat, api.PolicyRequest{Policy: string(data), File: file, Format: *format})
		e.report(ds)
		t := count(ds)
		sum.add(t)
		stmts, actions := 0, 0
		if res != nil {
			stmts = len(res.Statements)
			for _, s := range res.Statements {
				actions += s.Count
			}
			switch *format {
			case "table":
				if printed {
					io.WriteString(e.stdout, "\n")
				}
				fmt.Fprintf(e.stdout, "==> %s <==\n%s", file, res.Output)
				printed = true
			case "policy":
				io.WriteString(e.stdout, res.Output)
			case "json":
				results = append(results, fileResult{file, res.Statements, t.errors, t.warnings})
			}
		} else if *format == "json" {
			results = append(results, fileResult{file, []expand.Expanded{}, t.errors, t.warnings})
		}
		fmt.Fprintf(e.stderr, "%s: %s, %s; %s\n", file, plural(stmts, "statement"), plural(actions, "action"), t)
	}
	if *format == "json" {
		if err := e.writeRun(results, sum); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stderr, sum)
	if sum.failed() {
		return reportedError{}
	}
	return nil
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
	files, many, err := policyFiles("validate", pos)
	if err != nil {
		return err
	}
	check := func(cat *catalog.Catalog, data []byte, file string) (diag.List, error) {
		ds, err := api.Validate(cat, api.PolicyRequest{Policy: string(data), File: file, Kind: kind.String(), Target: *targetName})
		if err != nil {
			return nil, usagef("validate: %v", err)
		}
		return ds, nil
	}
	if !many {
		data, file, err := e.readInput(files[0])
		if err != nil {
			return err
		}
		cat, err := cf.open(e)
		if err != nil {
			return err
		}
		ds, err := check(cat, data, file)
		if err != nil {
			return err
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
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	type fileResult struct {
		File     string    `json:"file"`
		Errors   int       `json:"errors"`
		Warnings int       `json:"warnings"`
		Findings diag.List `json:"findings"`
	}
	var results []fileResult
	var sum runSummary
	for _, f := range files {
		data, file, err := e.readInput(f)
		if err != nil {
			fmt.Fprintln(e.stderr, "iamforge:", err)
			sum.unreadable()
			continue
		}
		ds, err := check(cat, data, file)
		if err != nil {
			return err
		}
		t := count(ds)
		sum.add(t)
		if *format == "json" {
			results = append(results, fileResult{file, t.errors, t.warnings, ds})
			continue
		}
		if len(ds) > 0 {
			io.WriteString(e.stdout, api.ValidateText(file, ds))
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", file, t)
	}
	if *format == "json" {
		if err := e.writeRun(results, sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.stdout, sum)
	}
	if sum.failed() {
		return reportedError{}
	}
	return nil
}

// writeRun writes a many-file run of validate or expand as JSON: each file's result (files, a
// slice of the command's own result type), then the summary of the whole run.
func (e *env) writeRun(files any, sum runSummary) error {
	b, err := query.MarshalJSON(struct {
		Files   any        `json:"files"`
		Summary runSummary `json:"summary"`
	}{files, sum})
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}
