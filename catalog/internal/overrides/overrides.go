package overrides

import (
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"io"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// MaxSize is the largest overrides file Parse reads. The YAML parser holds every node of a file
// in memory, at up to some 120 bytes of memory per byte of dense input; 1 MiB bounds that near
// 130 MB while leaving room for a file overriding every action AWS has (about 18,000 lines).
const MaxSize = 1 << 20

// MaxRules is the most rules a file may expand to. Aliases let a small file name a list many
// times over; this bounds what they can make Parse build.
const MaxRules = 200_000

// ErrTooLarge is wrapped by the error for a file over MaxSize or MaxRules.
var ErrTooLarge = errors.New("overrides file too large")

// Rule overrides the access level of the actions its pattern matches.
type Rule struct {
	// Pattern is "service:Action" or a glob of actions such as "ec2:Describe*"; the service is
	// lower-cased, the action kept as written.
	Pattern string
	Level   catalog.AccessLevel
	// Line is the line of the file that gave the rule: the key of a "service:Action: level" entry,
	// the list item of a service → level → actions entry.
	Line int
}

// Overrides is a parsed overrides file. Its Rules must not change once Level, Apply or Unused
// has been called: they index them on first use.
type Overrides struct {
	File  string
	Rules []Rule
	// Diagnostics are the warnings reading the file gave: a pattern, service or level given
	// twice (the later wins, as in Policy Sentry, whose own overrides file has a repeat).
	Diagnostics diag.List

	once sync.Once
	idx  *index
}

// Error is a problem in an overrides file and where it is.
type Error = diag.ReadError

func errorAt(file string, line, column int, err error) *Error {
	return &Error{Location: diag.Location{File: file, Line: line, Column: column}, Err: err}
}

// Read parses the overrides file at path; see Parse.
func Read(path string) (*Overrides, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read one byte past the limit so that a huge file is refused without being read whole.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads an overrides file named name (see the package documentation for its shapes). An
// empty file, or one holding only comments or null, is zero rules. Errors are *Error values
// with the file, line and column.
func Parse(name string, data []byte) (*Overrides, error) {
	if len(data) > MaxSize {
		return nil, errorAt(name, 0, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxSize))
	}
	o := &Overrides{File: name}
	doc, err := yamlite.Parse(data)
	var ye *yamlite.Error
	switch {
	case errors.Is(err, yamlite.ErrSecondDocument) && errors.As(err, &ye):
		return nil, errorAt(name, ye.Line, ye.Column, errors.New("a second YAML document; an overrides file holds one mapping"))
	case err != nil:
		return nil, yamlError(name, err)
	case doc == nil:
		return o, nil
	}
	p := &parser{o: o, patterns: map[string]int{}, services: map[string]int{}}
	if err := p.document(doc); err != nil {
		return nil, err
	}
	return o, nil
}

type parser struct {
	o *Overrides
	// from names, per rule, the service block that listed it ("" for service:Action: level).
	from []string
	// patterns and services map lower-cased names to the line that gave them first.
	patterns map[string]int
	services map[string]int
}

func (p *parser) document(doc *yamlite.Node) error {
	root := doc
	if doc.Kind == yamlite.DocumentNode {
		if len(doc.Content) == 0 {
			return nil
		}
		root = doc.Content[0]
	}
	root = resolve(root)
	if isNull(root) {
		return nil
	}
	if root.Kind != yamlite.MappingNode {
		return p.errAt(root, "want a mapping of actions or services to access levels, got %s", kind(root))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if err := p.entry(root.Content[i], root.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// entry reads one top-level key and its value, in whichever shape the key says.
func (p *parser) entry(keyNode, val *yamlite.Node) error {
	k := resolve(keyNode)
	key, err := p.key(keyNode, k)
	if err != nil {
		return err
	}
	if key == "" {
		return p.errAt(keyNode, "empty pattern")
	}
	v := resolve(val)
	if strings.Contains(key, ":") {
		return p.actionLevel(keyNode, key, val, v)
	}
	return p.serviceLevels(keyNode, key, val, v)
}

// key reads a mapping key, which must be a plain string.
func (p *parser) key(at, k *yamlite.Node) (string, error) {
	if k.Kind != yamlite.ScalarNode {
		return "", p.errAt(at, "want a name as key, got %s", kind(k))
	}
	if k.Tag == "!!merge" {
		// Merging would hide which line a rule came from; nobody needs it in a file this flat.
		return "", p.errAt(at, "merge keys (<<) are not supported")
	}
	if isNull(k) {
		return "", nil
	}
	return strings.TrimSpace(k.Value), nil
}

// actionLevel reads "service:Action: level".
func (p *parser) actionLevel(at *yamlite.Node, key string, valNode, v *yamlite.Node) error {
	pattern, err := normalize(key)
	if err != nil {
		return p.wrapAt(at, err)
	}
	if isNull(v) {
		return p.errAt(valNode, "%s: no access level", short(pattern))
	}
	if v.Kind != yamlite.ScalarNode {
		return p.errAt(valNode, "%s: want an access level, got %s", short(pattern), kind(v))
	}
	level, err := parseLevel(v.Value)
	if err != nil {
		return p.errAt(valNode, "%s: %v", short(pattern), err)
	}
	return p.add(at, pattern, level, "")
}

// serviceLevels reads Policy Sentry's shape, "service: {level: [action, ...]}".
func (p *parser) serviceLevels(at *yamlite.Node, service string, valNode, v *yamlite.Node) error {
	if v.Kind == yamlite.ScalarNode && !isNull(v) {
		// A scalar value means the user meant "service:Action: level" and left out the service.
		return p.errAt(at, "pattern %q has no \"service:\" prefix (want \"service:Action: level\", or a service mapping levels to lists of actions)", short(service))
	}
	if !validService(service) {
		return p.errAt(at, "invalid service name %q (want letters, digits and hyphens)", short(service))
	}
	service = strings.ToLower(service)
	name := short(service) // for messages
	if first, dup := p.services[service]; dup {
		// YAML loaders keep the later of two equal keys: so does Policy Sentry.
		p.warn(at, "service %s given twice, on lines %d and %d; the later wins", name, first, at.Line)
		p.drop(func(_ Rule, from string) bool { return from == service })
	}
	p.services[service] = at.Line
	if isNull(v) {
		return nil
	}
	if v.Kind != yamlite.MappingNode {
		return p.errAt(valNode, "%s: want a mapping of access levels to lists of actions, got %s", name, kind(v))
	}
	levels := map[catalog.AccessLevel]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		lkNode, lvNode := v.Content[i], v.Content[i+1]
		levelName, err := p.key(lkNode, resolve(lkNode))
		if err != nil {
			return err
		}
		level, err := parseLevel(levelName)
		if err != nil {
			return p.errAt(lkNode, "%s: %v", name, err)
		}
		if first, dup := levels[level]; dup {
			p.warn(lkNode, "%s: level %s given twice, on lines %d and %d; the later wins", name, level, first, lkNode.Line)
			p.drop(func(r Rule, from string) bool { return from == service && r.Level == level })
		}
		levels[level] = lkNode.Line
		lv := resolve(lvNode)
		if isNull(lv) {
			continue
		}
		if lv.Kind != yamlite.SequenceNode {
			return p.errAt(lvNode, "%s: %s: want a list of action names, got %s", name, level, kind(lv))
		}
		for _, itemNode := range lv.Content {
			item := resolve(itemNode)
			if item.Kind != yamlite.ScalarNode {
				return p.errAt(itemNode, "%s: %s: want an action name, got %s", name, level, kind(item))
			}
			action := strings.TrimSpace(item.Value)
			if isNull(item) || action == "" {
				return p.errAt(itemNode, "%s: %s: empty action name", name, level)
			}
			pattern := service + ":" + action
			if s, a, ok := strings.Cut(action, ":"); ok {
				// An item may repeat its service, but not name another one.
				if !strings.EqualFold(s, service) {
					return p.errAt(itemNode, "%s: %s: %q names another service", name, level, short(action))
				}
				pattern = service + ":" + a
			}
			pattern, err := normalize(pattern)
			if err != nil {
				return p.wrapAt(itemNode, err)
			}
			if err := p.add(itemNode, pattern, level, service); err != nil {
				return err
			}
		}
	}
	return nil
}

// add adds a rule; service is the service block it was listed under, if any. A pattern given
// twice is a warning, and the later rule wins, as in Policy Sentry.
func (p *parser) add(at *yamlite.Node, pattern string, level catalog.AccessLevel, service string) error {
	if len(p.o.Rules) >= MaxRules {
		return p.wrapAt(at, fmt.Errorf("%w: more than %d rules", ErrTooLarge, MaxRules))
	}
	lower := strings.ToLower(pattern)
	if first, dup := p.patterns[lower]; dup {
		p.warn(at, "%s given twice, on lines %d and %d; the later wins", short(pattern), first, at.Line)
		p.drop(func(r Rule, _ string) bool { return strings.ToLower(r.Pattern) == lower })
	}
	p.patterns[lower] = at.Line
	p.o.Rules = append(p.o.Rules, Rule{Pattern: pattern, Level: level, Line: at.Line})
	p.from = append(p.from, service)
	return nil
}

// drop removes the rules a later entry replaces: replaced says so of a rule and the service
// block that listed it.
func (p *parser) drop(replaced func(r Rule, service string) bool) {
	rules, from := p.o.Rules[:0], p.from[:0]
	for i, r := range p.o.Rules {
		if !replaced(r, p.from[i]) {
			rules, from = append(rules, r), append(from, p.from[i])
		}
	}
	p.o.Rules, p.from = rules, from
}

func (p *parser) warn(n *yamlite.Node, format string, args ...any) {
	p.o.Diagnostics = append(p.o.Diagnostics, diag.Warnf(diag.OverrideRepeated, &diag.Location{File: p.o.File, Line: n.Line, Column: n.Column}, format, args...))
}

// normalize checks "service:Action" and lower-cases its service.
func normalize(pattern string) (string, error) {
	service, action, _ := strings.Cut(pattern, ":")
	switch {
	case service == "":
		return "", fmt.Errorf("pattern %q has no service before \":\"", short(pattern))
	case !validService(service):
		return "", fmt.Errorf("invalid service name %q in %q (want letters, digits and hyphens)", short(service), short(pattern))
	case action == "":
		return "", fmt.Errorf("pattern %q has no action after \"service:\"", short(pattern))
	case !validAction(action):
		return "", fmt.Errorf("invalid action name %q in %q (want letters, digits, '-', '_', '.' and the wildcards * and ?)", short(action), short(pattern))
	}
	return strings.ToLower(service) + ":" + action, nil
}

// validService accepts what AWS service prefixes are made of ("s3", "aws-marketplace"). A
// wildcard is refused too: rules are indexed by service, and "*:Get*" is too broad to be meant.
func validService(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func validAction(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && !strings.ContainsRune("-_.*?", rune(c)) {
			return false
		}
	}
	return s != ""
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// levelNames lists the valid levels for messages, from the catalog's own list.
var levelNames = func() string {
	var names []string
	for _, l := range catalog.AccessLevels {
		names = append(names, l.String())
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}()

// parseLevel reads one level in AWS's or Policy Sentry's spelling. catalog.ParseAccessLevel
// also takes the catalog's compound levels ("Tagging, Write") as their first part, which in a
// user's override would silently drop the second, so those are refused here.
func parseLevel(s string) (catalog.AccessLevel, error) {
	if !strings.Contains(s, ",") {
		if l, err := catalog.ParseAccessLevel(s); err == nil {
			return l, nil
		}
	}
	return catalog.LevelUnknown, fmt.Errorf("unknown access level %q (want %s)", short(s), levelNames)
}

// resolve follows an alias to the node it names. Aliases are followed only where this package
// reads a value, so a self-referencing anchor cannot make it loop.
func resolve(n *yamlite.Node) *yamlite.Node {
	for i := 0; n.Kind == yamlite.AliasNode && n.Alias != nil && i < 4; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yamlite.Node) bool {
	return n.Kind == 0 || n.Kind == yamlite.ScalarNode && n.Tag == "!!null"
}

func kind(n *yamlite.Node) string {
	switch n.Kind {
	case yamlite.MappingNode:
		return "a mapping"
	case yamlite.SequenceNode:
		return "a list"
	case yamlite.AliasNode:
		return "an alias"
	case yamlite.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!str":
			return "a string"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
		return "a " + strings.TrimPrefix(n.Tag, "!!")
	}
	return "nothing"
}

func (p *parser) errAt(n *yamlite.Node, format string, args ...any) error {
	return errAt(p.o.File, n, format, args...)
}

func (p *parser) wrapAt(n *yamlite.Node, err error) error {
	return errorAt(p.o.File, n.Line, n.Column, err)
}

func errAt(file string, n *yamlite.Node, format string, args ...any) error {
	return errorAt(file, n.Line, n.Column, fmt.Errorf(format, args...))
}

// yamlError gives a YAML syntax error the file's name, keeping its line and column.
func yamlError(file string, err error) error {
	var ye *yamlite.Error
	if errors.As(err, &ye) {
		return errorAt(file, ye.Line, ye.Column, ye.Err)
	}
	return errorAt(file, 0, 0, err)
}

// short cuts a value quoted in a message, which may come from a hostile file, to a readable
// length.
func short(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
