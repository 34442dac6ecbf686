package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/template"
)

const writeUsage = `Usage:
  iamforge write [FILE|-] [--format json|yaml|terraform|cloudformation] [--minimize[=N]] [--explain]
                 [--target managed|role-inline|group-inline|user-inline|trust] [--split] [--compact]
  iamforge write-policy -i FILE [--fmt json|yaml|terraform] [-m N]      (Policy Sentry's spelling)

Writes a least-privilege policy from a Policy Sentry template (YAML or JSON; - or no FILE reads
stdin). Diagnostics go to stderr with the template line they concern; the exit status is 1 when
one is an error. --explain says why each action is granted (on stderr, or inside the JSON output
as {"policy", "diagnostics", "explanations"} with --format json). Run 'iamforge template crud'
for a starting template.
`

// minimizeFlag is --minimize, --minimize=N or Policy Sentry's -m N.
type minimizeFlag struct {
	on bool
	n  int
}

func (m *minimizeFlag) String() string {
	if !m.on {
		return ""
	}
	return strconv.Itoa(m.n)
}
func (m *minimizeFlag) IsBoolFlag() bool { return true }
func (m *minimizeFlag) Set(v string) error {
	switch v {
	case "true":
		m.on, m.n = true, 0
		return nil
	case "false":
		m.on = false
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return fmt.Errorf("want a number of characters, not %q", v)
	}
	m.on, m.n = true, n
	return nil
}

// joinMinimizeValue turns "-m 3" and "--minimize 3" into "--minimize=3", since a flag that may
// stand alone cannot take a separate value in Go's flag package.
func joinMinimizeValue(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if (a == "-m" || a == "--minimize" || a == "-minimize") && i+1 < len(args) {
			if _, err := strconv.Atoi(args[i+1]); err == nil {
				out = append(out, "--minimize="+args[i+1])
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

func (e *env) write(args []string, psSpelling bool) error {
	name := "write"
	if psSpelling {
		name = "write-policy"
	}
	fs := newFlags(e, name, writeUsage)
	var cf catalogFlags
	cf.register(fs)
	format := fs.String("format", "json", "output `FORMAT`: json, yaml, terraform or cloudformation")
	fs.StringVar(format, "fmt", "json", "output `FORMAT` (Policy Sentry's spelling)")
	var min minimizeFlag
	fs.Var(&min, "minimize", "shorten action lists to prefix* patterns of at least `N` characters (default 0) and merge statements")
	fs.Var(&min, "m", "short for --minimize")
	input := fs.String("i", "", "the template `FILE` (Policy Sentry's spelling; or give it as an argument)")
	fs.StringVar(input, "input-file", "", "the template `FILE`")
	explain := fs.Bool("explain", false, "say why each action is granted, and what it does")
	targetName := fs.String("target", "managed", "size `LIMIT` to check: managed (6,144), role-inline (10,240), group-inline (5,120), user-inline (2,048), trust (2,048)")
	split := fs.Bool("split", false, "split a policy over the limit into several (at most 10) within it")
	compact := fs.Bool("compact", false, "compact JSON, without white space")
	tfName := fs.String("name", "policy", "the `NAME` of the Terraform data source")
	pos, err := parse(fs, joinMinimizeValue(args))
	if err != nil {
		return err
	}
	if len(pos) > 1 || (len(pos) == 1 && *input != "") {
		return usagef("%s: give one template", name)
	}
	path := *input
	if len(pos) == 1 {
		path = pos[0]
	}
	switch *format {
	case "json", "yaml", "terraform", "cloudformation", "cfn":
	default:
		return usagef("%s: unknown format %q (want json, yaml, terraform or cloudformation)", name, *format)
	}
	if _, err := policy.ParseTarget(*targetName); err != nil {
		return usagef("%s: %v", name, err)
	}
	data, file, err := e.readInput(path)
	if err != nil {
		return err
	}
	cat, err := cf.open(e)
	if err != nil {
		return err
	}
	minimize, minLen := min.on, min.n
	wr, ds := api.Write(cat, api.WriteRequest{Template: string(data), File: file, Format: *format, Compact: *compact,
		Explain: *explain, Minimize: &minimize, MinLen: &minLen, Target: *targetName, Split: *split, PolicySentry: psSpelling, Name: *tfName})
	switch {
	case ds.HasErrors() && *explain && *format == "json":
		// A script asked for JSON: it gets the diagnostics, and no policy.
		if _, err := e.stdout.Write(api.RenderFailure(ds)); err != nil {
			return err
		}
	case ds.HasErrors():
		// Nothing on stdout: `iamforge write t.yml > p.json` must not leave a policy behind
		// that is not the one asked for.
	case wr != nil:
		if _, err := io.WriteString(e.stdout, wr.Output); err != nil {
			return err
		}
		if *explain && *format != "json" {
			io.WriteString(e.stderr, api.ExplainText(wr.Explanations))
		}
	}
	return e.report(ds)
}

func (e *env) readInput(path string) ([]byte, string, error) {
	if path == "" || path == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, 64<<20))
		return b, "<stdin>", err
	}
	b, err := os.ReadFile(path)
	return b, path, err
}

const templateUsage = `Usage:
  iamforge template crud|actions [-o FILE]
  iamforge create-template -t crud|actions [-o FILE]     (Policy Sentry's spelling)

Prints a commented starting template for iamforge write.
`

func (e *env) templateCmd(args []string, psSpelling bool) error {
	name := "template"
	if psSpelling {
		name = "create-template"
	}
	fs := newFlags(e, name, templateUsage)
	mode := fs.String("t", "", "template `TYPE`: crud or actions")
	fs.StringVar(mode, "template-type", "", "template `TYPE`: crud or actions")
	out := fs.String("o", "", "write to `FILE` instead of stdout")
	fs.StringVar(out, "output-file", "", "write to `FILE`")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 1 && *mode == "" {
		*mode = pos[0]
	} else if len(pos) > 0 {
		return usagef("%s: unexpected argument %q", name, pos[0])
	}
	if *mode != "crud" && *mode != "actions" {
		return usagef("%s: name the template type: crud or actions", name)
	}
	b, err := template.Example(*mode)
	if err != nil {
		return err
	}
	return e.writeOut(*out, b)
}
