package policy

import (
	"strings"
)

// Terraform renders the policy as an aws_iam_policy_document data source named name, laid out
// as terraform fmt leaves it: two-space indent, the = of adjacent one-line attributes aligned,
// lists of more than one value one value a line with a trailing comma. name is made a valid
// Terraform identifier (other characters become '_'; "policy" if empty).
func (p *Policy) Terraform(name string) []byte {
	w := &hclWriter{}
	w.open(`data "aws_iam_policy_document" ` + quoteHCL(tfIdentifier(name)))
	if p.Version != "" {
		w.attr("version", quoteHCL(p.Version))
	}
	if p.ID != "" {
		w.attr("policy_id", quoteHCL(p.ID))
	}
	for i := range p.Statement {
		s := &p.Statement[i]
		w.blankBetween()
		w.open("statement")
		if s.Sid != "" {
			w.attr("sid", quoteHCL(s.Sid))
		}
		if s.Effect != "" {
			w.attr("effect", quoteHCL(s.Effect))
		}
		w.list("actions", s.Action)
		w.list("not_actions", s.NotAction)
		w.list("resources", s.Resource)
		w.list("not_resources", s.NotResource)
		w.principals("principals", s.Principal)
		w.principals("not_principals", s.NotPrincipal)
		for _, g := range s.Condition.grouped() {
			for _, k := range g.Keys {
				w.blankBetween()
				w.open("condition")
				w.attr("test", quoteHCL(g.Operator))
				w.attr("variable", quoteHCL(k.Key))
				w.list("values", k.Values)
				w.close()
			}
		}
		w.close()
	}
	w.close()
	return w.render()
}

// tfIdentifier makes name a valid Terraform block name: letters, digits, '_' and '-', not
// starting with a digit or '-'.
func tfIdentifier(name string) string {
	if name == "" {
		return "policy"
	}
	b := []byte(name)
	for i, c := range b {
		if !(isAlnum(c) || c == '_' || c == '-') {
			b[i] = '_'
		}
	}
	if c := b[0]; c >= '0' && c <= '9' || c == '-' {
		return "_" + string(b)
	}
	return string(b)
}

// hclLine is one output line. Lines with an assign part are one-line attributes; terraform fmt
// aligns the = of runs of them.
type hclLine struct {
	depth  int
	lead   string
	assign string // "= value", or "" for lines that take no part in alignment
}

type hclWriter struct {
	lines []hclLine
	depth int
}

func (w *hclWriter) line(lead, assign string) {
	w.lines = append(w.lines, hclLine{w.depth, lead, assign})
}

func (w *hclWriter) open(header string) {
	w.line(header+" {", "")
	w.depth++
}

func (w *hclWriter) close() {
	w.depth--
	w.line("}", "")
}

// blankBetween separates a nested block from what precedes it in its block, as terraform
// configurations customarily do; nothing is added right after an opening brace.
func (w *hclWriter) blankBetween() {
	if n := len(w.lines); n > 0 && !strings.HasSuffix(w.lines[n-1].lead, "{") {
		w.lines = append(w.lines, hclLine{})
	}
}

func (w *hclWriter) attr(name, value string) { w.line(name, "= "+value) }

func (w *hclWriter) list(name string, values []string) {
	switch len(values) {
	case 0:
		return
	case 1:
		w.attr(name, "["+quoteHCL(values[0])+"]")
		return
	}
	w.line(name+" = [", "")
	w.depth++
	for _, v := range values {
		w.line(quoteHCL(v)+",", "")
	}
	w.depth--
	w.line("]", "")
}

func (w *hclWriter) principals(block string, p *Principal) {
	if p == nil {
		return
	}
	if p.Wildcard {
		// The provider writes this pair as "Principal": "*".
		w.blankBetween()
		w.open(block)
		w.attr("type", quoteHCL("*"))
		w.list("identifiers", []string{"*"})
		w.close()
		return
	}
	for _, e := range p.Entries {
		w.blankBetween()
		w.open(block)
		w.attr("type", quoteHCL(e.Type))
		w.list("identifiers", e.Values)
		w.close()
	}
}

func (w *hclWriter) render() []byte {
	var b strings.Builder
	lines := w.lines
	for i := 0; i < len(lines); {
		if lines[i].assign == "" {
			writeHCLLine(&b, lines[i], 0)
			i++
			continue
		}
		// A run of one-line attributes: pad every name to the longest.
		j, width := i, 0
		for ; j < len(lines) && lines[j].assign != ""; j++ {
			width = max(width, len(lines[j].lead))
		}
		for ; i < j; i++ {
			writeHCLLine(&b, lines[i], width)
		}
	}
	return []byte(b.String())
}

func writeHCLLine(b *strings.Builder, l hclLine, width int) {
	if l.lead == "" && l.assign == "" {
		b.WriteByte('\n')
		return
	}
	b.WriteString(strings.Repeat("  ", l.depth))
	b.WriteString(l.lead)
	if l.assign != "" {
		b.WriteString(strings.Repeat(" ", width-len(l.lead)+1))
		b.WriteString(l.assign)
	}
	b.WriteByte('\n')
}
