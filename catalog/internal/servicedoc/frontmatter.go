package servicedoc

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
)

// frontMatter parses lines [start, end) of the file (0-based indexes) as the front matter.
func (p *parser) frontMatter(start, end int) (*catalog.DocMeta, error) {
	// Fields is never nil for a doc that has front matter: nil tells Write to use the default
	// keys, and an empty front matter must stay empty.
	m := &catalog.DocMeta{Fields: []string{}}
	seen := map[string]int{}
	for i := start; i < end; {
		line, ln := p.lines[i], i+1
		if isBlank(line) {
			i++
			continue
		}
		switch line[0] {
		case ' ', '\t', '-':
			return nil, p.errf(ln, "front matter: unexpected indented line %q (want \"key: value\")", clip(line))
		case '#':
			return nil, p.errf(ln, "front matter: comments are not supported (found %q)", clip(line))
		}
		key, rest, ok := splitKey(line)
		if !ok {
			return nil, p.errf(ln, "front matter: want \"key: value\", found %q", clip(line))
		}
		if first, dup := seen[key]; dup {
			return nil, p.errf(ln, "front matter: duplicate key %q (first at line %d)", key, first)
		}
		seen[key] = ln
		m.Fields = append(m.Fields, key)

		// A key owns the lines after it that cannot start another key; blank lines at the end
		// belong to the gap between keys, not to the key.
		j := i + 1
		for j < end && isContinuation(p.lines[j]) {
			j++
		}
		k := j
		for k > i+1 && isBlank(p.lines[k-1]) {
			k--
		}
		cont := p.lines[i+1 : k]
		switch key {
		case "id", "title", "desc", "updated", "created":
			if len(cont) > 0 {
				return nil, p.errf(ln+1, "front matter: %s: multi-line values are not supported (want one line)", key)
			}
			v, err := readScalar(rest)
			if err != nil {
				return nil, p.errf(ln, "front matter: %s: %v", key, err)
			}
			*metaString(m, key) = v
		case "stub":
			if len(cont) > 0 {
				return nil, p.errf(ln+1, "front matter: stub: multi-line values are not supported (want true or false)")
			}
			switch v := strings.TrimSpace(rest); v {
			case "true", "True", "TRUE":
				m.Stub = true
			case "false", "False", "FALSE":
				m.Stub = false
			default:
				return nil, p.errf(ln, "front matter: stub: want true or false, found %q", v)
			}
		case "sources":
			srcs, err := p.sources(rest, ln, i+1, k)
			if err != nil {
				return nil, err
			}
			m.Sources = srcs
		default:
			if m.Extra == nil {
				m.Extra = map[string]string{}
			}
			m.Extra[key] = strings.Join(p.lines[i:k], "\n")
		}
		i = j
	}
	return m, nil
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

// sources parses the "sources" list: rest is what follows "sources:" on line ln, and lines
// [start, end) are the key's following lines.
func (p *parser) sources(rest string, ln, start, end int) ([]catalog.DocSource, error) {
	switch strings.TrimSpace(rest) {
	case "":
	case "[]":
		if start < end {
			return nil, p.errf(start+1, "front matter: sources: unexpected line after \"sources: []\"")
		}
		return nil, nil
	default:
		return nil, p.errf(ln, "front matter: sources: want a list of \"- name: …\" entries on the following lines, found %q", clip(strings.TrimSpace(rest)))
	}
	var out []catalog.DocSource
	var cur *catalog.DocSource
	var seen map[string]int
	itemIndent, keyCol := -1, 0
	for i := start; i < end; i++ {
		line, ln := p.lines[i], i+1
		if isBlank(line) {
			continue
		}
		ind := len(line) - len(strings.TrimLeft(line, " "))
		t := line[ind:]
		if t[0] == '\t' {
			return nil, p.errf(ln, "front matter: sources: tab in indentation (want spaces)")
		}
		if t == "-" || strings.HasPrefix(t, "- ") {
			if itemIndent < 0 {
				itemIndent = ind
			} else if ind != itemIndent {
				return nil, p.errf(ln, "front matter: sources: list item indented %d spaces, want %d like the first", ind, itemIndent)
			}
			inner := strings.TrimLeft(t[1:], " ")
			if inner == "" {
				return nil, p.errf(ln, "front matter: sources: empty list item (want \"- name: …\" on the same line)")
			}
			keyCol = len(line) - len(inner)
			out = append(out, catalog.DocSource{})
			cur = &out[len(out)-1]
			seen = map[string]int{}
			t = inner
		} else if cur == nil {
			return nil, p.errf(ln, "front matter: sources: want a \"- name: …\" list item, found %q", clip(line))
		} else if ind != keyCol {
			return nil, p.errf(ln, "front matter: sources: key indented %d spaces, want %d to line up with the item's first key", ind, keyCol)
		}
		key, val, ok := splitKey(t)
		if !ok {
			return nil, p.errf(ln, "front matter: sources: want \"name: …\", \"url: …\" or \"license: …\", found %q", clip(t))
		}
		if first, dup := seen[key]; dup {
			return nil, p.errf(ln, "front matter: sources: duplicate key %q (first at line %d)", key, first)
		}
		seen[key] = ln
		v, err := readScalar(val)
		if err != nil {
			return nil, p.errf(ln, "front matter: sources: %s: %v", key, err)
		}
		switch key {
		case "name":
			cur.Name = v
		case "url":
			cur.URL = v
		case "license":
			cur.License = v
		default:
			return nil, p.errf(ln, "front matter: sources: unknown key %q (want name, url or license)", key)
		}
	}
	return out, nil
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

// readScalar reads a one-line YAML scalar: what follows "key:".
func readScalar(rest string) (string, error) {
	v := strings.TrimLeft(rest, " \t")
	if v == "" {
		return "", nil
	}
	switch v[0] {
	case '\'':
		return readSingle(v)
	case '"':
		return readDouble(v)
	}
	v = strings.TrimRight(v, " \t")
	switch {
	case strings.Contains(v, " #") || strings.Contains(v, "\t#"):
		return "", fmt.Errorf("comments are not supported (found %q; quote the value if '#' is part of it)", clip(v))
	case strings.Contains(v, ": ") || strings.Contains(v, ":\t") || strings.HasSuffix(v, ":"):
		return "", fmt.Errorf("a plain value cannot hold \": \" (found %q; quote it)", clip(v))
	case strings.ContainsRune("[]{}|>&*!%@`#,", rune(v[0])):
		return "", fmt.Errorf("unsupported YAML %q (want a one-line plain or quoted value)", clip(v))
	case len(v) >= 1 && strings.ContainsRune("-?:", rune(v[0])) && (len(v) == 1 || v[1] == ' ' || v[1] == '\t'):
		return "", fmt.Errorf("unsupported YAML %q (want a one-line plain or quoted value)", clip(v))
	}
	switch v {
	case "~", "null", "Null", "NULL":
		return "", nil
	}
	return v, nil
}

func readSingle(v string) (string, error) {
	var b strings.Builder
	for i := 1; i < len(v); i++ {
		if v[i] != '\'' {
			b.WriteByte(v[i])
			continue
		}
		if i+1 < len(v) && v[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), afterQuoted(v[i+1:])
	}
	return "", fmt.Errorf("unterminated single-quoted value (values must be on one line)")
}

func readDouble(v string) (string, error) {
	var b strings.Builder
	for i := 1; i < len(v); i++ {
		c := v[i]
		if c == '"' {
			return b.String(), afterQuoted(v[i+1:])
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(v) {
			break
		}
		i++
		n := 0
		switch e := v[i]; e {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't', '\t':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '/', '\\':
			b.WriteByte(e)
		case 'N':
			b.WriteRune(0x85)
		case '_':
			b.WriteRune(0xa0)
		case 'L':
			b.WriteRune(0x2028)
		case 'P':
			b.WriteRune(0x2029)
		case 'x':
			n = 2
		case 'u':
			n = 4
		case 'U':
			n = 8
		default:
			return "", fmt.Errorf("invalid escape %q in double-quoted value", `\`+string(rune(e)))
		}
		if n > 0 {
			if i+n >= len(v) {
				return "", fmt.Errorf("short escape %q in double-quoted value", v[i-1:])
			}
			r, err := strconv.ParseUint(v[i+1:i+1+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", fmt.Errorf("invalid escape %q in double-quoted value", v[i-1:i+1+n])
			}
			b.WriteRune(rune(r))
			i += n
		}
	}
	return "", fmt.Errorf("unterminated double-quoted value (values must be on one line)")
}

// afterQuoted checks what follows a closing quote.
func afterQuoted(rest string) error {
	t := strings.TrimLeft(rest, " \t")
	switch {
	case t == "":
		return nil
	case t[0] == '#' && len(t) < len(rest):
		return fmt.Errorf("comments are not supported (found %q)", clip(t))
	}
	return fmt.Errorf("unexpected %q after the quoted value", clip(rest))
}

// Writing.

var (
	// Plain scalars a YAML 1.1 or 1.2 reader would take for something other than a string: a
	// bool, null, a number, a timestamp, or YAML 1.1's merge (<<) and value (=) keys. Broader than either spec, since quoting too often
	// costs two characters and quoting too rarely changes the value's type.
	yamlNonString = regexp.MustCompile(`^(?:` +
		`y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|` +
		`~|null|Null|NULL|=|<<|` +
		`[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)|` +
		`[-+]?(?:[0-9][0-9_]*)?\.[0-9_.]*(?:[eE][-+]?[0-9]+)?|` +
		`[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|` +
		`[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|` +
		`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?` +
		`)$`)
)

// yamlScalar writes s as a one-line YAML scalar: plain when a reader gets s back unchanged,
// single-quoted when not, double-quoted when s holds characters only escapes can carry.
func yamlScalar(s string) string {
	if strings.IndexFunc(s, needsYAMLEscape) >= 0 {
		return yamlDouble(s)
	}
	if s == "" || strings.ContainsAny(s, ":#'\"") || strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) ||
		startsOrEndsWithSpace(s) || yamlNonString.MatchString(s) {
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
