package policy

import (
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// JSON renders the policy as canonical JSON: keys in IAM's documentation order (Version, Id,
// Statement; Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource,
// Condition), each only when set; lists always as arrays, even of one; conditions grouped by
// operator in order of first appearance. indent "" gives compact JSON without any white space;
// otherwise each level is indented by indent (Policy Sentry writes four spaces) and the output
// ends with a newline.
//
// Characters above U+00FF are written as \u escapes: IAM accepts only U+0020 to U+00FF (and
// tab, LF, CR) in a policy's text, and Size counts them as escaped, as AWS does.
func (p *Policy) JSON(indent string) []byte {
	w := jsonWriter{indent: indent, buf: make([]byte, 0, p.sizeHint(len(indent)))}
	w.policy(p)
	if indent != "" {
		w.buf = append(w.buf, '\n')
	}
	return w.buf
}

// sizeHint estimates the bytes of the JSON, so that it is written into one buffer rather than
// a growing series (in WebAssembly, the garbage is what costs).
func (p *Policy) sizeHint(indent int) int {
	n := 256
	for _, st := range p.Statement {
		n += 160 + len(st.Sid) + 12*indent
		for _, list := range [][]string{st.Action, st.NotAction, st.Resource, st.NotResource} {
			for _, x := range list {
				n += len(x) + 4 + 4*indent
			}
		}
		for _, c := range st.Condition {
			n += len(c.Operator) + len(c.Key) + 16 + 6*indent
			for _, v := range c.Values {
				n += len(v) + 4 + 5*indent
			}
		}
	}
	return n
}

type jsonWriter struct {
	buf    []byte
	indent string
	depth  int
	empty  []bool // per open container: nothing written in it yet
}

func (w *jsonWriter) newline() {
	if w.indent == "" {
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, w.indent...)
	}
}

func (w *jsonWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = append(w.empty, true)
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	empty := w.empty[len(w.empty)-1]
	w.empty = w.empty[:len(w.empty)-1]
	if !empty {
		w.newline()
	}
	w.buf = append(w.buf, c)
}

// next starts an element of the open container.
func (w *jsonWriter) next() {
	if !w.empty[len(w.empty)-1] {
		w.buf = append(w.buf, ',')
	}
	w.empty[len(w.empty)-1] = false
	w.newline()
}

func (w *jsonWriter) key(k string) {
	w.next()
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ':')
	if w.indent != "" {
		w.buf = append(w.buf, ' ')
	}
}

func (w *jsonWriter) str(s string) { w.buf = appendJSONString(w.buf, s) }

func (w *jsonWriter) strs(k string, list []string) {
	if len(list) == 0 {
		return
	}
	w.key(k)
	w.open('[')
	for _, s := range list {
		w.next()
		w.str(s)
	}
	w.close(']')
}

func (w *jsonWriter) policy(p *Policy) {
	w.open('{')
	if p.Version != "" {
		w.key("Version")
		w.str(p.Version)
	}
	if p.ID != "" {
		w.key("Id")
		w.str(p.ID)
	}
	w.key("Statement")
	w.open('[')
	for i := range p.Statement {
		w.next()
		w.statement(&p.Statement[i])
	}
	w.close(']')
	w.close('}')
}

func (w *jsonWriter) statement(s *Statement) {
	w.open('{')
	if s.Sid != "" {
		w.key("Sid")
		w.str(s.Sid)
	}
	if s.Effect != "" {
		w.key("Effect")
		w.str(s.Effect)
	}
	w.principal("Principal", s.Principal)
	w.principal("NotPrincipal", s.NotPrincipal)
	w.strs("Action", s.Action)
	w.strs("NotAction", s.NotAction)
	w.strs("Resource", s.Resource)
	w.strs("NotResource", s.NotResource)
	if groups := s.Condition.grouped(); len(groups) > 0 {
		w.key("Condition")
		w.open('{')
		for _, g := range groups {
			w.key(g.Operator)
			w.open('{')
			for _, k := range g.Keys {
				w.strs(k.Key, k.Values)
			}
			w.close('}')
		}
		w.close('}')
	}
	w.close('}')
}

func (w *jsonWriter) principal(k string, p *Principal) {
	if p == nil {
		return
	}
	w.key(k)
	if p.Wildcard {
		w.str("*")
		return
	}
	w.open('{')
	for _, e := range p.Entries {
		w.key(e.Type)
		w.open('[')
		for _, v := range e.Values {
			w.next()
			w.str(v)
		}
		w.close(']')
	}
	w.close('}')
}

// appendJSONString appends s as a JSON string. Unlike encoding/json it escapes no HTML, and it
// escapes every character above U+00FF (see JSON); invalid UTF-8 becomes \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = appendU(b, rune(c))
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r <= 0xFF && !(r == utf8.RuneError && n == 1) {
			i += n
			continue
		}
		b = appendEscapedRune(append(b, s[start:i]...), r)
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscapedRune writes r as JSON's \u escape, a surrogate pair beyond U+FFFF: how the
// writer spells what IAM does not take raw, and how messages show it.
func appendEscapedRune(b []byte, r rune) []byte {
	if r > 0xFFFF {
		r1, r2 := utf16Pair(r)
		return appendU(appendU(b, r1), r2)
	}
	return appendU(b, r)
}

func appendU(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
}

// conditionGroup is one operator of a condition block with its keys.
type conditionGroup struct {
	Operator string
	Keys     []conditionKey
}

type conditionKey struct {
	Key    string
	Values []string
}

// grouped groups conditions by operator in order of first appearance, and keys within an
// operator likewise. JSON cannot hold a key twice, so the values of a repeated (operator, key)
// are merged into one list.
func (cs Conditions) grouped() []conditionGroup {
	if len(cs) == 0 {
		return nil
	}
	var out []conditionGroup
outer:
	for _, c := range cs {
		for gi := range out {
			g := &out[gi]
			if g.Operator != c.Operator {
				continue
			}
			for ki := range g.Keys {
				if g.Keys[ki].Key == c.Key {
					g.Keys[ki].Values = append(g.Keys[ki].Values[:len(g.Keys[ki].Values):len(g.Keys[ki].Values)], c.Values...)
					continue outer
				}
			}
			g.Keys = append(g.Keys, conditionKey{c.Key, c.Values})
			continue outer
		}
		out = append(out, conditionGroup{c.Operator, []conditionKey{{c.Key, c.Values}}})
	}
	return out
}

// TerraformPolicySentry renders the policy as Policy Sentry's --fmt terraform does: a JSON
// object whose "policy" string holds the compact policy JSON, indented by four spaces, ending
// with a newline.
func (p *Policy) TerraformPolicySentry() []byte {
	inner := p.JSON("")
	b := make([]byte, 0, len(inner)+len(inner)/4+32)
	b = append(b, "{\n    \"policy\": "...)
	b = appendJSONString(b, string(inner))
	return append(b, "\n}\n"...)
}

// YAML renders the policy in YAML with the structure of JSON: block style, two-space indent,
// Version quoted so that it stays a string.
func (p *Policy) YAML() []byte {
	return encodeYAML(p.yamlNode())
}

// CloudFormation renders the policy as a YAML fragment under PolicyDocument:, ready to paste
// into the Properties of an AWS::IAM::ManagedPolicy or an entry of a role's Policies.
func (p *Policy) CloudFormation() []byte {
	root := mapping()
	root.Content = append(root.Content, scalar("PolicyDocument"), p.yamlNode())
	return encodeYAML(root)
}

func encodeYAML(n *yamlite.Node) []byte {
	b, err := yamlite.Encode(n, 2)
	if err != nil {
		// A tree of plain strings always encodes; a failure here is a bug in yamlNode.
		panic("policy: encoding YAML: " + err.Error())
	}
	return b
}

func mapping() *yamlite.Node { return &yamlite.Node{Kind: yamlite.MappingNode} }

// scalar is a string node. YAML is UTF-8 only, so a string built with invalid bytes gets
// U+FFFD for them, as in JSON.
func scalar(s string) *yamlite.Node {
	return &yamlite.Node{Kind: yamlite.ScalarNode, Tag: "!!str", Value: strings.ToValidUTF8(s, "\uFFFD")}
}

func sequence(list []string) *yamlite.Node {
	n := &yamlite.Node{Kind: yamlite.SequenceNode}
	for _, s := range list {
		n.Content = append(n.Content, scalar(s))
	}
	return n
}

func (p *Policy) yamlNode() *yamlite.Node {
	root := mapping()
	add := func(m *yamlite.Node, k string, v *yamlite.Node) { m.Content = append(m.Content, scalar(k), v) }
	if p.Version != "" {
		v := scalar(p.Version)
		v.Style = yamlite.DoubleQuotedStyle
		add(root, "Version", v)
	}
	if p.ID != "" {
		add(root, "Id", scalar(p.ID))
	}
	stmts := &yamlite.Node{Kind: yamlite.SequenceNode}
	for i := range p.Statement {
		s := &p.Statement[i]
		m := mapping()
		if s.Sid != "" {
			add(m, "Sid", scalar(s.Sid))
		}
		if s.Effect != "" {
			add(m, "Effect", scalar(s.Effect))
		}
		for _, pr := range []struct {
			k string
			p *Principal
		}{{"Principal", s.Principal}, {"NotPrincipal", s.NotPrincipal}} {
			switch {
			case pr.p == nil:
			case pr.p.Wildcard:
				add(m, pr.k, scalar("*"))
			default:
				pm := mapping()
				for _, e := range pr.p.Entries {
					add(pm, e.Type, sequence(e.Values))
				}
				add(m, pr.k, pm)
			}
		}
		for _, l := range []struct {
			k    string
			list []string
		}{{"Action", s.Action}, {"NotAction", s.NotAction}, {"Resource", s.Resource}, {"NotResource", s.NotResource}} {
			if len(l.list) > 0 {
				add(m, l.k, sequence(l.list))
			}
		}
		if groups := s.Condition.grouped(); len(groups) > 0 {
			cm := mapping()
			for _, g := range groups {
				om := mapping()
				for _, k := range g.Keys {
					add(om, k.Key, sequence(k.Values))
				}
				add(cm, g.Operator, om)
			}
			add(m, "Condition", cm)
		}
		stmts.Content = append(stmts.Content, m)
	}
	add(root, "Statement", stmts)
	return root
}

// quoteHCL returns s as an HCL quoted string. Besides \" \\ and control characters, template
// sequences are escaped: ${ as $${ and %{ as %%{, because ARN templates and policy variables
// hold ${...} that Terraform would otherwise interpolate.
func quoteHCL(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20 || c == 0x7f:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			b = append(b, c, c)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}
