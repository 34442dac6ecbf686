package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/policy"
	"github.com/iamforge/iamforge/catalog/query"
	"github.com/iamforge/iamforge/catalog/resolve"
	"github.com/iamforge/iamforge/catalog/template"
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
	target, err := policy.ParseTarget(*targetName)
	if err != nil {
		return usagef("%s: %v", name, err)
	}
	data, file, err := e.readInput(path)
	if err != nil {
		return err
	}
	t, ds := template.Parse(file, data)
	if t == nil || ds.HasErrors() {
		e.report(ds)
		return reportedError{}
	}
	cat, err := cf.open()
	if err != nil {
		return err
	}
	res := resolve.Write(cat, t, resolve.Options{Minimize: min.on, MinLen: min.n, Target: target, Split: *split})
	res.Diagnostics = append(ds, res.Diagnostics...).Sort()
	out, err := renderPolicies(res, *format, psSpelling, *compact, *explain, *tfName)
	if err != nil {
		return err
	}
	if len(res.Policy.Statement) > 0 {
		if _, err := e.stdout.Write(out); err != nil {
			return err
		}
	}
	if *explain && *format != "json" {
		writeExplanations(e.stderr, res.Explanations)
	}
	return e.report(res.Diagnostics)
}

func (e *env) readInput(path string) ([]byte, string, error) {
	if path == "" || path == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, 64<<20))
		return b, "<stdin>", err
	}
	b, err := os.ReadFile(path)
	return b, path, err
}

func renderPolicies(res *resolve.Result, format string, ps, compact, explain bool, tfName string) ([]byte, error) {
	parts := res.Policies
	var b bytes.Buffer
	switch format {
	case "json":
		if explain {
			env := struct {
				Policy       any                   `json:"policy"`
				Diagnostics  diag.List             `json:"diagnostics"`
				Explanations []resolve.Explanation `json:"explanations"`
				Size         int                   `json:"size"`
				Limit        int                   `json:"limit"`
				Target       string                `json:"target"`
			}{Diagnostics: orEmpty(res.Diagnostics), Explanations: res.Explanations, Size: res.Size, Limit: res.Limit, Target: res.Target}
			var docs []any
			for _, p := range parts {
				docs = append(docs, rawJSON(p.JSON("")))
			}
			env.Policy = docs[0]
			if len(docs) > 1 {
				env.Policy = docs
			}
			return query.MarshalJSON(env)
		}
		indent := "    "
		if compact {
			indent = ""
		}
		if len(parts) == 1 {
			b.Write(parts[0].JSON(indent))
			if compact {
				b.WriteByte('\n')
			}
			return b.Bytes(), nil
		}
		var docs []any
		for _, p := range parts {
			docs = append(docs, rawJSON(p.JSON("")))
		}
		return query.MarshalJSON(docs)
	case "yaml":
		for i, p := range parts {
			if i > 0 {
				b.WriteString("---\n")
			}
			b.Write(p.YAML())
		}
	case "terraform":
		for i, p := range parts {
			if ps {
				b.Write(p.TerraformPolicySentry())
				continue
			}
			n := tfName
			if len(parts) > 1 {
				n = fmt.Sprintf("%s_%d", tfName, i+1)
			}
			if i > 0 {
				b.WriteByte('\n')
			}
			b.Write(p.Terraform(n))
		}
	case "cloudformation", "cfn":
		for i, p := range parts {
			if i > 0 {
				b.WriteString("---\n")
			}
			b.Write(p.CloudFormation())
		}
	}
	return b.Bytes(), nil
}

type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

func orEmpty(l diag.List) diag.List {
	if l == nil {
		return diag.List{}
	}
	return l
}

func writeExplanations(w io.Writer, ex []resolve.Explanation) {
	for _, x := range ex {
		fmt.Fprintf(w, "%s (%s, in %s): %s\n", x.Action, x.AccessLevel, strings.Join(x.Sids, ", "), x.Description)
		for _, r := range x.Reasons {
			fmt.Fprintf(w, "    because %s\n", r.Text)
		}
	}
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
