package servicedoc

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// frontMatter parses lines [start, end) of the file (0-based indexes) as the front matter. It is
// YAML, read by yamlite; what this adds is the model's shape, and the rule that nothing Write
// would drop is accepted without a word: a modelled key (id, title, desc, updated, created,
// stub, sources) holds one-line values and no comments, and any other key keeps its lines
// verbatim, so they must read as that key's and nobody else's.
func (p *parser) frontMatter(start, end int) (*catalog.DocMeta, error) {
	// Fields is never nil for a doc that has front matter: nil tells Write to use the default
	// keys, and an empty front matter must stay empty.
	m := &catalog.DocMeta{Fields: []string{}}
	lines := p.lines[start:end]
	for i, l := range lines {
		// yamlite ends lines at these too, which would put its line numbers out of step with
		// the file's.
		if j := strings.IndexAny(l, "\u0085\u2028\u2029"); j >= 0 {
			r, _ := utf8.DecodeRuneInString(l[j:])
			return nil, p.errf(start+i+1, "front matter: line separator %U in a line (write it as an escape in a double-quoted value)", r)
		}
	}
	doc, err := yamlite.Parse([]byte(strings.Join(lines, "\n")))
	if err != nil {
		var ye *yamlite.Error
		if !errors.As(err, &ye) { // not expected: yamlite errors are *Error
			return nil, p.errf(start+1, "front matter: %v", err)
		}
		return nil, errorAt(p.file, start+ye.Line, ye.Column, "front matter: %v", ye.Err)
	}
	fm := &fmReader{p: p, start: start}
	if doc == nil { // nothing, or only comments
		return m, fm.gap(start, end)
	}
	root := doc.Content[0]
	if root.Kind != yamlite.MappingNode || root.Style&yamlite.FlowStyle != 0 || root.Column != 1 {
		return nil, p.errf(fm.line(root), "front matter: want \"key: value\" lines, unindented, found %q", clip(p.lines[fm.index(root)]))
	}
	if err := fm.gap(start, fm.index(root.Content[0])); err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i := 0; i < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		line := p.lines[fm.index(k)]
		if sk, _, ok := splitKey(line); !ok || k.Kind != yamlite.ScalarNode || k.Style != 0 || k.Anchor != "" || sk != key {
			return nil, p.errf(fm.line(k), "front matter: want \"key: value\" with a plain key, found %q", clip(line))
		}
		if first, dup := seen[key]; dup {
			return nil, p.errf(fm.line(k), "front matter: duplicate key %q (first at line %d)", key, first)
		}
		seen[key] = fm.line(k)
		m.Fields = append(m.Fields, key)

		// A key owns the lines up to the next key; blank lines at the end belong to the gap
		// between keys, not to the key.
		lo, hi := fm.index(k), end
		if i+2 < len(root.Content) {
			hi = fm.index(root.Content[i+2])
		}
		for hi > lo+1 && isBlank(p.lines[hi-1]) {
			hi--
		}
		switch key {
		case "id", "title", "desc", "updated", "created":
			s, err := fm.scalar(key, v)
			if err != nil {
				return nil, err
			}
			*metaString(m, key) = s
			if err := fm.oneLine(key, lo, hi, k, v); err != nil {
				return nil, err
			}
		case "stub":
			if v.Kind != yamlite.ScalarNode || v.Tag != "!!bool" || v.Style != 0 {
				return nil, p.errf(fm.line(v), "front matter: stub: want true or false, found %s", kindOf(v))
			}
			m.Stub = strings.EqualFold(v.Value, "true")
			if err := fm.oneLine(key, lo, hi, k, v); err != nil {
				return nil, err
			}
		case "sources":
			if m.Sources, err = fm.sources(v, lo, hi, k); err != nil {
				return nil, err
			}
		default:
			for j := lo + 1; j < hi; j++ {
				if l := p.lines[j]; !isContinuation(l) {
					if l[0] == '#' {
						return nil, p.errf(j+1, "front matter: comments are not supported (found %q)", clip(l))
					}
					return nil, p.errf(j+1, "front matter: %s: unindented line %q in the value (indent it)", key, clip(l))
				}
			}
			if m.Extra == nil {
				m.Extra = map[string]string{}
			}
			m.Extra[key] = strings.Join(p.lines[lo:hi], "\n")
		}
	}
	return m, nil
}

// fmReader holds what reading the front matter's nodes needs: yamlite counts lines from the
// front matter's first, start is the index of that line in the file.
type fmReader struct {
	p     *parser
	start int
}

func (fm *fmReader) index(n *yamlite.Node) int { return fm.start + n.Line - 1 }

func (fm *fmReader) line(n *yamlite.Node) int { return fm.start + n.Line }

// gap checks lines [lo, hi) outside any key, which yamlite accepted: comments, or what precedes
// the first key.
func (fm *fmReader) gap(lo, hi int) error {
	for j := lo; j < hi; j++ {
		switch l := strings.TrimSpace(fm.p.lines[j]); {
		case l == "":
		case l[0] == '#':
			return fm.p.errf(j+1, "front matter: comments are not supported (found %q)", clip(l))
		default:
			return fm.p.errf(j+1, "front matter: unexpected %q before the first key", clip(l))
		}
	}
	return nil
}

// scalar reads a one-line string value; null is "".
func (fm *fmReader) scalar(what string, n *yamlite.Node) (string, error) {
	switch {
	case n.Kind != yamlite.ScalarNode:
		return "", fm.p.errf(fm.line(n), "front matter: %s: want a one-line value, found %s", what, kindOf(n))
	case n.Style&yamlite.TaggedStyle != 0 || n.Anchor != "":
		return "", fm.p.errf(fm.line(n), "front matter: %s: tags and anchors are not supported", what)
	case n.Tag == "!!null" && n.Style == 0:
		return "", nil
	}
	return n.Value, nil
}

// sources reads the "sources" list: a block list of name/url/license mappings, or [] or null.
func (fm *fmReader) sources(v *yamlite.Node, lo, hi int, k *yamlite.Node) ([]catalog.DocSource, error) {
	const what = "sources"
	nodes := []*yamlite.Node{k}
	switch {
	case v.Kind == yamlite.ScalarNode && v.Tag == "!!null" && v.Style == 0:
		return nil, fm.oneLine(what, lo, hi, k, v)
	case v.Kind == yamlite.SequenceNode && v.Style == yamlite.FlowStyle && len(v.Content) == 0 && v.Anchor == "":
		return nil, fm.oneLine(what, lo, hi, k, v)
	case v.Kind != yamlite.SequenceNode || v.Style != 0 || v.Anchor != "":
		return nil, fm.p.errf(fm.line(v), "front matter: sources: want a list of \"- name: …\" entries on the following lines, found %s", kindOf(v))
	}
	var out []catalog.DocSource
	for _, item := range v.Content {
		if item.Kind != yamlite.MappingNode || item.Style != 0 || item.Anchor != "" {
			return nil, fm.p.errf(fm.line(item), "front matter: sources: want a \"- name: …\" list item, found %s", kindOf(item))
		}
		var src catalog.DocSource
		seen := map[string]int{}
		for i := 0; i < len(item.Content); i += 2 {
			ik, iv := item.Content[i], item.Content[i+1]
			if ik.Kind != yamlite.ScalarNode || ik.Style != 0 || ik.Anchor != "" {
				return nil, fm.p.errf(fm.line(ik), "front matter: sources: want a plain key (name, url or license), found %s", kindOf(ik))
			}
			key := ik.Value
			if first, dup := seen[key]; dup {
				return nil, fm.p.errf(fm.line(ik), "front matter: sources: duplicate key %q (first at line %d)", key, first)
			}
			seen[key] = fm.line(ik)
			s, err := fm.scalar(what+": "+key, iv)
			if err != nil {
				return nil, err
			}
			switch key {
			case "name":
				src.Name = s
			case "url":
				src.URL = s
			case "license":
				src.License = s
			default:
				return nil, fm.p.errf(fm.line(ik), "front matter: sources: unknown key %q (want name, url or license)", key)
			}
			nodes = append(nodes, ik, iv)
		}
		out = append(out, src)
	}
	return out, fm.oneLine(what, lo, hi, nodes...)
}

// oneLine checks that lines [lo, hi), a modelled key's, hold nothing but its keys and values,
// each on one line: no comments, which Write would drop, and no values over several lines, which
// Write would join. nodes are the key and the scalar keys and values under it (nil for none).
func (fm *fmReader) oneLine(what string, lo, hi int, nodes ...*yamlite.Node) error {
	starts := map[int]bool{} // lines a key or value starts on
	for _, n := range nodes {
		if n != nil {
			starts[fm.index(n)] = true
		}
	}
	for j := lo; j < hi; j++ {
		l := fm.p.lines[j]
		switch t := strings.TrimSpace(l); {
		case t == "":
		case strings.HasPrefix(strings.TrimLeft(t, "- "), "#") || starts[j] && hasComment(l):
			return fm.p.errf(j+1, "front matter: %s: comments are not supported (found %q; quote a value that holds '#')", what, clip(t))
		case t == "-" && what == "sources":
			return fm.p.errf(j+1, "front matter: %s: want a list item's first key on the line of its \"-\"", what)
		case !starts[j]: // the rest of a value begun above
			return fm.p.errf(j+1, "front matter: %s: multi-line values are not supported (want one line)", what)
		}
	}
	return nil
}

// hasComment reports whether a line holding a key and a one-line value ends in a comment. If it
// does, the last " #" is in the comment, and the line cut there still reads; if not, that " #"
// is inside a quoted value, and the cut leaves the quote open.
func hasComment(l string) bool {
	i := max(strings.LastIndex(l, " #"), strings.LastIndex(l, "\t#"))
	if i < 0 {
		return false
	}
	_, err := yamlite.Parse([]byte(l[:i]))
	return err == nil
}

// kindOf names what a node is, for messages.
func kindOf(n *yamlite.Node) string {
	switch {
	case n.Kind == yamlite.MappingNode && n.Style&yamlite.FlowStyle != 0:
		return "a { } mapping"
	case n.Kind == yamlite.MappingNode:
		return "a mapping"
	case n.Kind == yamlite.SequenceNode && n.Style&yamlite.FlowStyle != 0:
		return "a [ ] list"
	case n.Kind == yamlite.SequenceNode:
		return "a list"
	case n.Kind == yamlite.AliasNode:
		return "an alias"
	case n.Kind != yamlite.ScalarNode:
		return "nothing"
	case n.Tag == "!!null" && n.Style == 0:
		return "nothing"
	}
	return fmt.Sprintf("%q", clip(n.Value))
}

func metaString(m *catalog.DocMeta, key string) *string {
	switch key {
	case "id":
		return &m.ID
	case "title":
		return &m.Title
	case "desc":
		return &m.Desc
	case "updated":
		return &m.Updated
	case "created":
		return &m.Created
	}
	return nil
}

// splitKey splits "key: value" at the first colon that ends a key (followed by a space, a tab or
// the end of the line), as YAML does: "url: https://x" has the key "url".
func splitKey(line string) (key, rest string, ok bool) {
	for i := 0; i < len(line); i++ {
		if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			key = strings.TrimRight(line[:i], " \t")
			return key, line[i+1:], key != ""
		}
	}
	return "", "", false
}

// isContinuation reports whether a front-matter line belongs to the key above it rather than
// starting a new one.
func isContinuation(line string) bool {
	return isBlank(line) || line[0] == ' ' || line[0] == '\t' || line[0] == '-'
}

func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

// Writing.

// yamlNonString matches the plain scalars a YAML 1.1 or 1.2 reader would take for something
// other than a string: a bool, null, a number, a timestamp, or YAML 1.1's merge (<<) and value
// (=) keys. Broader than either spec, since quoting too often costs two characters and quoting
// too rarely changes the value's type. It is compiled on first use: compiling it was a millisecond of every iamforge
// process, most of which write no service doc.
var yamlNonString = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		`y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|` +
		`~|null|Null|NULL|=|<<|` +
		`[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)|` +
		`[-+]?(?:[0-9][0-9_]*)?\.[0-9_.]*(?:[eE][-+]?[0-9]+)?|` +
		`[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|` +
		`[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|` +
		`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?` +
		`)$`)
})

// yamlScalar writes s as a one-line YAML scalar: plain when a reader gets s back unchanged,
// single-quoted when not, double-quoted when s holds characters only escapes can carry.
func yamlScalar(s string) string {
	if strings.IndexFunc(s, needsYAMLEscape) >= 0 {
		return yamlDouble(s)
	}
	if s == "" || strings.ContainsAny(s, ":#'\"") || strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) ||
		startsOrEndsWithSpace(s) || yamlNonString().MatchString(s) {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// needsYAMLEscape reports characters that a one-line YAML scalar cannot hold as they are:
// control characters and what YAML 1.1 counts as line breaks or byte-order marks.
func needsYAMLEscape(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 ||
		r == 0xfeff || r == 0xfffe || r == 0xffff
}

func yamlDouble(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case needsYAMLEscape(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsYAMLEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func startsOrEndsWithSpace(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

// appendFrontMatter writes m between "---" lines.
func appendFrontMatter(b []byte, m *catalog.DocMeta) ([]byte, error) {
	order := m.Fields
	if order == nil { // not read from a doc: a generated or hand-built DocMeta
		order = defaultFields
	}
	seen := map[string]bool{}
	for _, k := range order {
		if seen[k] {
			return nil, fmt.Errorf("front matter: key %q twice in Fields", k)
		}
		seen[k] = true
	}
	// Fields may be stale (set by hand, or a value added after reading): a key with a value is
	// still written, after the listed ones, rather than dropped.
	keys := append([]string(nil), order...)
	for _, k := range defaultFields {
		if !seen[k] && !metaZero(m, k) {
			keys = append(keys, k)
		}
	}
	var extra []string
	for k := range m.Extra {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	keys = append(keys, extra...)

	for _, v := range []string{m.ID, m.Title, m.Desc, m.Updated, m.Created} {
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("front matter: %q: invalid UTF-8", v)
		}
	}
	for _, s := range m.Sources {
		for _, v := range []string{s.Name, s.URL, s.License} {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("front matter: sources: %q: invalid UTF-8", v)
			}
		}
	}

	b = append(b, "---\n"...)
	for _, k := range keys {
		switch k {
		case "id", "title", "desc", "updated", "created":
			if _, ok := m.Extra[k]; ok {
				return nil, fmt.Errorf("front matter: Extra holds %q, which is a modelled key", k)
			}
			b = append(b, k+": "+yamlScalar(*metaString(m, k))+"\n"...)
		case "stub":
			b = fmt.Appendf(b, "stub: %t\n", m.Stub)
		case "sources":
			if len(m.Sources) == 0 {
				b = append(b, "sources: []\n"...)
				break
			}
			b = append(b, "sources:\n"...)
			for _, s := range m.Sources {
				b = append(b, "  - name: "+yamlScalar(s.Name)+"\n"...)
				if s.URL != "" {
					b = append(b, "    url: "+yamlScalar(s.URL)+"\n"...)
				}
				if s.License != "" {
					b = append(b, "    license: "+yamlScalar(s.License)+"\n"...)
				}
			}
		default:
			raw, ok := m.Extra[k]
			if !ok {
				return nil, fmt.Errorf("front matter: Fields lists %q, which has no value in Extra", k)
			}
			if err := checkExtra(k, raw); err != nil {
				return nil, err
			}
			b = append(b, raw+"\n"...)
		}
	}
	for _, k := range []string{"stub", "sources"} {
		if _, ok := m.Extra[k]; ok {
			return nil, fmt.Errorf("front matter: Extra holds %q, which is a modelled key", k)
		}
	}
	return append(b, "---\n"...), nil
}

func metaZero(m *catalog.DocMeta, k string) bool {
	switch k {
	case "stub":
		return !m.Stub
	case "sources":
		return len(m.Sources) == 0
	}
	return *metaString(m, k) == ""
}

// checkExtra makes sure raw text kept for key reads back as that key and nothing else.
func checkExtra(key, raw string) error {
	if !utf8.ValidString(raw) {
		return fmt.Errorf("front matter: %s: invalid UTF-8", key)
	}
	lines := strings.Split(raw, "\n")
	if k, _, ok := splitKey(lines[0]); !ok || k != key || isContinuation(lines[0]) || lines[0][0] == '#' {
		return fmt.Errorf("front matter: Extra[%q] must start with %q, found %q", key, key+":", clip(lines[0]))
	}
	for i, l := range lines {
		if i > 0 && (!isContinuation(l) || l == "---") {
			return fmt.Errorf("front matter: Extra[%q] line %d %q would start a new key (want it indented)", key, i+1, clip(l))
		}
		if strings.HasSuffix(l, "\r") {
			return fmt.Errorf("front matter: Extra[%q] line %d ends in a carriage return", key, i+1)
		}
	}
	if len(lines) > 1 && isBlank(lines[len(lines)-1]) {
		return fmt.Errorf("front matter: Extra[%q] ends in a blank line", key)
	}
	return nil
}

// clip shortens a line quoted in an error message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
