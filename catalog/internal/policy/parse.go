package policy

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/internal/runes"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/diag"
)

// Kind is what a policy is attached to. It decides which elements a statement needs.
type Kind int

const (
	// Identity is a policy attached to a user, group or role: no Principal, Resource required,
	// Sids of ASCII letters and digits only.
	Identity Kind = iota
	// ResourceBased is a policy attached to a resource (an S3 bucket, a KMS key, an SQS
	// queue): Principal or NotPrincipal required, Resource required.
	ResourceBased
	// Trust is a role's trust policy: Principal required, Resource normally absent.
	Trust
	// SCP is an AWS Organizations service control policy: checked like an identity policy.
	SCP
)

var kindNames = [...]string{Identity: "identity", ResourceBased: "resource-based", Trust: "trust", SCP: "scp"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind reads a policy kind as the CLI spells it: "identity" (also ""), "resource-based" (or
// "resource"), "trust" or "scp".
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(s) {
	case "", "identity":
		return Identity, nil
	case "resource-based", "resource":
		return ResourceBased, nil
	case "trust":
		return Trust, nil
	case "scp":
		return SCP, nil
	}
	return Identity, fmt.Errorf("policy kind %q: want identity, resource-based, trust or scp", s)
}

// maxDiagnostics bounds the diagnostics of one policy: 50,000 broken statements must not cost
// 150,000 messages. The rest are counted in one last diagnostic.
const maxDiagnostics = 1000

var (
	policyKeys    = []string{"Version", "Id", "Statement"}
	statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
	principalKeys = []string{"AWS", "Service", "Federated", "CanonicalUser"}
)

// Parse reads a policy document. name is the file name the diagnostics carry. It accepts every
// form IAM accepts (Statement as an object or an array, a string or an array where IAM takes a
// list, scalar condition values) and Policy Sentry's Terraform output
// {"policy": "<policy JSON>"}.
//
// The diagnostics cover the policy language's grammar, everything that needs no catalog of
// actions; they are sorted by position. The policy holds whatever could be modelled, each
// statement with its Path; it is nil only when the input is not JSON (or too large or too deep
// to read), in which case the diagnostics say why. An unknown kind is read as Identity.
func Parse(name string, data []byte, kind Kind) (*Policy, diag.List) {
	if kind < Identity || kind > SCP {
		kind = Identity
	}
	p := &parser{file: name, kind: kind, variable: -1}
	if len(data) > MaxInput {
		p.errorf(diag.InputTooLarge, -1, "", "the input is %d bytes; iamforge reads at most %d (1 MiB), far above AWS's largest policy of %d characters", len(data), MaxInput, RoleInlineLimit)
		return nil, p.finish()
	}
	src := string(data)
	p.setSource(src)
	nodes, serr := scan(src)
	if serr != nil {
		p.diag(diag.Error, serr.code, int32(serr.off), serr.path, "%s", serr.msg)
		p.checkCharacters()
		return nil, p.finish()
	}
	p.nodes = nodes
	if inner, ok := p.unwrap(); ok {
		p.setSource(inner)
		p.nodes = nil // the outer tree's offsets mean nothing in the inner text
		nodes, serr := scan(inner)
		if serr != nil {
			p.diag(diag.Error, serr.code, int32(serr.off), serr.path, "in the \"policy\" string: %s", serr.msg)
			p.checkCharacters()
			return nil, p.finish()
		}
		p.nodes = nodes
	}
	p.checkCharacters()
	pol := p.policy(0)
	pol.src = &source{nodes: p.nodes, loc: &p.loc, text: p.src}
	return pol, p.finish()
}

type parser struct {
	file  string
	kind  Kind
	src   string
	nodes []node
	loc   locator

	diags      diag.List
	wrapper    *diag.Diagnostic // terraform-wrapper, which goes first
	dropped    int
	droppedSev diag.Severity
	scratch    diag.Diagnostic

	sids     map[string]int32 // Sid → the statement node that first used it
	variable int32            // first value holding a policy variable, or -1
	varPath  string
}

func (p *parser) setSource(src string) {
	p.src = src
	p.loc = locator{src: src}
}

// full reports whether maxDiagnostics are reached: callers skip work only a message needs.
func (p *parser) full() bool { return len(p.diags) >= maxDiagnostics }

// diag adds a diagnostic at a node offset (-1: the start of the input) and returns it so that
// the caller can add suggestions; past maxDiagnostics it returns a scratch value, without
// Location.
func (p *parser) diag(sev diag.Severity, code diag.Code, off int32, key, format string, args ...any) *diag.Diagnostic {
	if p.full() {
		p.dropped++
		if rank(sev) > rank(p.droppedSev) {
			p.droppedSev = sev
		}
		p.scratch = diag.Diagnostic{}
		return &p.scratch
	}
	loc := &diag.Location{File: p.file, Line: 1, Column: 1, Key: key}
	if off >= 0 {
		loc.Line, loc.Column = p.loc.at(int(off))
	}
	p.diags = append(p.diags, diag.Diagnostic{Code: code, Severity: sev, Message: fmt.Sprintf(format, args...), Location: loc})
	return &p.diags[len(p.diags)-1]
}

func (p *parser) errorf(code diag.Code, off int32, key, format string, args ...any) *diag.Diagnostic {
	return p.diag(diag.Error, code, off, key, format, args...)
}

func (p *parser) warnf(code diag.Code, off int32, key, format string, args ...any) *diag.Diagnostic {
	return p.diag(diag.Warning, code, off, key, format, args...)
}

func rank(s diag.Severity) int {
	switch s {
	case diag.Error:
		return 3
	case diag.Warning:
		return 2
	case diag.Info:
		return 1
	}
	return 0
}

func (p *parser) finish() diag.List {
	l := p.diags.Sort()
	if p.wrapper != nil {
		l = append(diag.List{*p.wrapper}, l...)
	}
	if p.dropped > 0 {
		l = append(l, diag.Diagnostic{
			Code: diag.TooManyDiagnostics, Severity: p.droppedSev,
			Message:  fmt.Sprintf("%d more diagnostics left out after the first %d", p.dropped, maxDiagnostics),
			Location: &diag.Location{File: p.file, Line: 1, Column: 1},
		})
	}
	return l
}

// unwrap recognises Policy Sentry's Terraform output, {"policy": "<policy JSON>"}, and returns
// the policy text.
func (p *parser) unwrap() (string, bool) {
	root := &p.nodes[0]
	if root.Kind != jObject || root.N != 1 {
		return "", false
	}
	m := &p.nodes[root.First]
	if m.Key != "policy" || m.Kind != jString {
		return "", false
	}
	line, col := p.loc.at(int(m.Off))
	p.wrapper = &diag.Diagnostic{Code: diag.TerraformWrapper, Severity: diag.Info,
		Message:  `read the policy from the "policy" string of Policy Sentry's Terraform output; the lines and columns of the other diagnostics are within that string`,
		Location: &diag.Location{File: p.file, Line: line, Column: col, Key: "policy"}}
	return m.Text, true
}

// checkCharacters reports the first character IAM refuses. IAM accepts tab, LF, CR and U+0020
// to U+00FF in a policy document, as raw text: the JSON escape \u4e2d is fine.
func (p *parser) checkCharacters() {
	src := p.src
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
				i++
				continue
			}
			p.errorf(diag.InvalidCharacter, int32(i), p.pathAt(i), "control character U+%04X is not allowed: IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF in a policy", c)
			return
		}
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			p.errorf(diag.InvalidCharacter, int32(i), p.pathAt(i), "byte 0x%02x is not UTF-8; a policy is UTF-8 text", c)
			return
		case r == '\uFEFF' && i == 0:
			p.errorf(diag.InvalidCharacter, 0, "", "the input starts with a byte order mark (U+FEFF), which IAM does not accept; save the file as UTF-8 without BOM")
			return
		case r > 0xFF:
			p.errorf(diag.InvalidCharacter, int32(i), p.pathAt(i), "character %q (U+%04X) is not allowed: IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF in a policy; inside a string write it as the escape %s", r, r, jsonEscapeRune(r))
			return
		}
		i += n
	}
}

func jsonEscapeRune(r rune) string { return string(appendEscapedRune(nil, r)) }

// pathAt returns the JSON path of the innermost value holding the byte at off, or "" before the
// tree is built.
func (p *parser) pathAt(off int) string {
	if len(p.nodes) == 0 {
		return ""
	}
	o := int32(off)
	path := ""
	cur := int32(0)
	for {
		n := &p.nodes[cur]
		if n.Kind != jObject && n.Kind != jArray {
			return path
		}
		found := false
		i := 0
		for c := n.First; c >= 0; c, i = p.nodes[c].Next, i+1 {
			ch := &p.nodes[c]
			start := ch.Off
			if n.Kind == jObject {
				start = ch.KeyOff
			}
			if o >= start && o < ch.End {
				if n.Kind == jObject {
					path = joinKey(path, ch.Key)
				} else {
					path = joinIndex(path, i)
				}
				cur, found = c, true
				break
			}
		}
		if !found {
			return path
		}
	}
}

// dedupe reports keys an object holds twice and marks all but the last as ignored. IAM keeps
// one of them without a word; like most JSON readers iamforge keeps the last.
func (p *parser) dedupe(o int32, path string) {
	n := &p.nodes[o]
	if n.N < 2 {
		return
	}
	report := func(first, dup int32) {
		p.nodes[first].Ignored = true
		line, col := 0, 0
		if !p.full() {
			line, col = p.loc.at(int(p.nodes[first].KeyOff))
		}
		p.errorf(diag.DuplicateKey, p.nodes[dup].KeyOff, joinKey(path, p.nodes[dup].Key),
			"duplicate key %q: IAM silently keeps only one of them; iamforge reads this one and ignores the one at line %d, column %d; merge them into one",
			p.nodes[dup].Key, line, col)
	}
	if n.N <= 16 {
		for a := n.First; a >= 0; a = p.nodes[a].Next {
			for b := p.nodes[a].Next; b >= 0; b = p.nodes[b].Next {
				if p.nodes[a].Key == p.nodes[b].Key {
					report(a, b)
					break
				}
			}
		}
		return
	}
	seen := make(map[string]int32, n.N)
	for c := n.First; c >= 0; c = p.nodes[c].Next {
		if prev, ok := seen[p.nodes[c].Key]; ok {
			report(prev, c)
		}
		seen[p.nodes[c].Key] = c
	}
}

// unknownElement reports a key that is not part of the policy language at its level.
func (p *parser) unknownElement(c int32, path string, known []string, level string) {
	m := &p.nodes[c]
	key := joinKey(path, m.Key)
	if level == "the policy" && contains(statementKeys, m.Key) {
		p.errorf(diag.UnknownElement, m.KeyOff, key, "%q belongs inside a statement: {\"Statement\": [{\"Effect\": ..., %q: ...}]}", m.Key, m.Key)
		return
	}
	if level != "the policy" && contains(policyKeys, m.Key) && m.Key != "Id" {
		p.errorf(diag.UnknownElement, m.KeyOff, key, "%q belongs at the top of the policy, not in %s", m.Key, level)
		return
	}
	holds := strings.Join(known[:len(known)-1], ", ") + " and " + known[len(known)-1]
	if s := suggest.Nearest(m.Key, known); s != "" {
		d := p.errorf(diag.UnknownElement, m.KeyOff, key, "unknown element %.60q in %s; did you mean %q? It holds %s", m.Key, level, s, holds)
		d.Suggestions = []string{s}
		return
	}
	p.errorf(diag.UnknownElement, m.KeyOff, key, "unknown element %.60q in %s; it holds %s", m.Key, level, holds)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *parser) policy(root int32) *Policy {
	pol := &Policy{}
	r := &p.nodes[root]
	if r.Kind != jObject {
		hint := ""
		if r.Kind == jArray {
			hint = "; if these are statements, put them under \"Statement\""
		}
		p.errorf(diag.InvalidPolicy, r.Off, "", "the policy is %s; a policy is a JSON object: {\"Version\": \"2012-10-17\", \"Statement\": [...]}%s", r.Kind, hint)
		return pol
	}
	p.dedupe(root, "")
	version, statement := int32(-1), int32(-1)
	for c := r.First; c >= 0; c = p.nodes[c].Next {
		m := &p.nodes[c]
		if m.Ignored {
			continue
		}
		switch m.Key {
		case "Version":
			version = c
		case "Id":
			if m.Kind != jString {
				p.errorf(diag.InvalidID, m.Off, "Id", "Id is %s; it is a string", m.Kind)
				continue
			}
			pol.ID = m.Text
		case "Statement":
			statement = c
		default:
			p.unknownElement(c, "", policyKeys, "the policy")
		}
	}
	if version < 0 {
		p.warnf(diag.MissingVersion, r.Off, "Version", `no Version; add "Version": "2012-10-17": without it IAM uses the 2008 language, which does not substitute policy variables such as ${aws:username}`)
	} else {
		pol.Version = p.version(version)
	}
	if statement < 0 {
		p.errorf(diag.MissingStatement, r.Off, "Statement", `no Statement; a policy holds "Statement": [{"Effect": ..., "Action": ..., "Resource": ...}]`)
	} else {
		pol.Statement = p.statements(statement)
	}
	if p.variable >= 0 && (version < 0 || pol.Version == "2008-10-17") {
		v := pol.Version
		if version < 0 {
			v = "none"
		}
		p.warnf(diag.UnsubstitutedVariable, p.nodes[p.variable].Off, p.varPath,
			`%.80q holds a policy variable, which IAM substitutes only with Version "2012-10-17" (this policy's Version: %s); here it is matched as literal text`,
			p.nodes[p.variable].Text, v)
	}
	return pol
}

func (p *parser) version(c int32) string {
	m := &p.nodes[c]
	if m.Kind != jString {
		p.errorf(diag.UnsupportedVersion, m.Off, "Version", `Version is %s; write the string "2012-10-17"`, m.Kind)
		return ""
	}
	switch m.Text {
	case Version:
	case "2008-10-17":
		p.warnf(diag.UnsupportedVersion, m.Off, "Version", `Version "2008-10-17" is the old policy language: it does not substitute policy variables such as ${aws:username}; use "2012-10-17"`)
	default:
		d := p.errorf(diag.UnsupportedVersion, m.Off, "Version", `unsupported Version %.40q; IAM knows "2012-10-17" (current) and "2008-10-17"`, m.Text)
		d.Suggestions = []string{Version}
	}
	return m.Text
}

func (p *parser) statements(c int32) []Statement {
	m := &p.nodes[c]
	switch m.Kind {
	case jObject:
		return []Statement{p.statement(c, "Statement")}
	case jArray:
		if m.N == 0 {
			p.errorf(diag.EmptyStatement, m.Off, "Statement", "Statement is an empty array; a policy needs at least one statement")
			return nil
		}
		out := make([]Statement, 0, m.N)
		i := 0
		for e := m.First; e >= 0; e, i = p.nodes[e].Next, i+1 {
			if p.nodes[e].Kind != jObject {
				p.errorf(diag.InvalidStatement, p.nodes[e].Off, joinIndex("Statement", i), "a statement is an object, found %s", p.nodes[e].Kind)
				continue
			}
			out = append(out, p.statement(e, joinIndex("Statement", i)))
		}
		return out
	}
	p.errorf(diag.InvalidStatement, m.Off, "Statement", "Statement is %s; it is an array of statement objects (or one object)", m.Kind)
	return nil
}

// statement reads one statement object.
func (p *parser) statement(o int32, path string) Statement {
	st := Statement{Path: path}
	p.dedupe(o, path)
	var el [9]int32 // by index in statementKeys
	for i := range el {
		el[i] = -1
	}
	const (
		sid = iota
		effect
		principal
		notPrincipal
		action
		notAction
		resource
		notResource
		condition
	)
	for c := p.nodes[o].First; c >= 0; c = p.nodes[c].Next {
		m := &p.nodes[c]
		if m.Ignored {
			continue
		}
		switch m.Key {
		case "Sid":
			el[sid] = c
		case "Effect":
			el[effect] = c
		case "Principal":
			el[principal] = c
		case "NotPrincipal":
			el[notPrincipal] = c
		case "Action":
			el[action] = c
		case "NotAction":
			el[notAction] = c
		case "Resource":
			el[resource] = c
		case "NotResource":
			el[notResource] = c
		case "Condition":
			el[condition] = c
		default:
			p.unknownElement(c, path, statementKeys, "a statement")
		}
	}
	off := p.nodes[o].Off
	here := at(path)
	keyOf := func(name string) string {
		if p.full() {
			return "" // nobody reads it, and 50,000 statements would allocate it 150,000 times
		}
		return joinKey(path, name)
	}

	if c := el[sid]; c >= 0 {
		st.Sid = p.sid(c, path)
	}
	if c := el[effect]; c >= 0 {
		st.Effect = p.effect(c, here.key("Effect"))
	} else {
		p.errorf(diag.MissingEffect, off, keyOf("Effect"), `the statement has no Effect; add "Effect": "Allow" or "Effect": "Deny"`)
	}
	allow := st.Effect == "Allow"

	// Principal
	if c := el[principal]; c >= 0 {
		st.Principal = p.principal(c, here.key("Principal"))
	}
	if c := el[notPrincipal]; c >= 0 {
		st.NotPrincipal = p.principal(c, here.key("NotPrincipal"))
		if allow {
			p.warnf(diag.AllowWithNotprincipal, p.nodes[c].KeyOff, keyOf("NotPrincipal"), "Allow with NotPrincipal grants access to every principal not listed, including anonymous users; list the principals in Principal instead")
		}
	}
	switch {
	case p.kind == Identity || p.kind == SCP:
		for _, c := range []int32{el[principal], el[notPrincipal]} {
			if c >= 0 {
				p.errorf(diag.UnexpectedPrincipal, p.nodes[c].KeyOff, keyOf(p.nodes[c].Key), "%s is not allowed in %s policy: the principal is whoever the policy is attached to; remove it", p.nodes[c].Key, map[Kind]string{Identity: "an identity", SCP: "a service control"}[p.kind])
			}
		}
	case el[principal] >= 0 && el[notPrincipal] >= 0:
		p.errorf(diag.PrincipalAndNotprincipal, p.nodes[el[notPrincipal]].KeyOff, keyOf("NotPrincipal"), "a statement has either Principal or NotPrincipal, not both")
	case el[principal] < 0 && el[notPrincipal] < 0:
		p.errorf(diag.MissingPrincipal, off, keyOf("Principal"), `the statement has no Principal; %s policy names whom it applies to, e.g. "Principal": {"AWS": "arn:aws:iam::123456789012:root"}`, map[Kind]string{ResourceBased: "a resource-based", Trust: "a trust"}[p.kind])
	}

	// Action
	if c := el[action]; c >= 0 {
		st.Action = p.strings(c, here.key("Action"), listAction)
	}
	if c := el[notAction]; c >= 0 {
		st.NotAction = p.strings(c, here.key("NotAction"), listAction)
		if allow {
			p.warnf(diag.AllowWithNotaction, p.nodes[c].KeyOff, keyOf("NotAction"), "Allow with NotAction grants every action not listed, including actions AWS adds later; list the actions to allow in Action instead")
		}
	}
	switch {
	case el[action] >= 0 && el[notAction] >= 0:
		p.errorf(diag.ActionAndNotaction, p.nodes[el[notAction]].KeyOff, keyOf("NotAction"), "a statement has either Action or NotAction, not both")
	case el[action] < 0 && el[notAction] < 0:
		p.errorf(diag.MissingAction, off, keyOf("Action"), `the statement has no Action; add "Action": ["service:ActionName", ...] (or NotAction)`)
	}

	// Resource
	if c := el[resource]; c >= 0 {
		st.Resource = p.strings(c, here.key("Resource"), listResource)
	}
	if c := el[notResource]; c >= 0 {
		st.NotResource = p.strings(c, here.key("NotResource"), listResource)
		if allow {
			p.warnf(diag.AllowWithNotresource, p.nodes[c].KeyOff, keyOf("NotResource"), "Allow with NotResource grants access to every resource not listed, including resources created later; list the resources in Resource instead")
		}
	}
	switch {
	case el[resource] >= 0 && el[notResource] >= 0:
		p.errorf(diag.ResourceAndNotresource, p.nodes[el[notResource]].KeyOff, keyOf("NotResource"), "a statement has either Resource or NotResource, not both")
	case p.kind == Trust:
		for _, c := range []int32{el[resource], el[notResource]} {
			if c >= 0 {
				p.warnf(diag.UnexpectedResource, p.nodes[c].KeyOff, keyOf(p.nodes[c].Key), "%s in a role trust policy: the role itself is the resource, and IAM refuses the trust policy (\"Has prohibited field Resource\"); remove it", p.nodes[c].Key)
			}
		}
	case el[resource] < 0 && el[notResource] < 0:
		p.errorf(diag.MissingResource, off, keyOf("Resource"), `the statement has no Resource; add "Resource": ["arn:..."] (or "*", or NotResource)`)
	}

	if c := el[condition]; c >= 0 {
		st.Condition = p.conditions(c, here.key("Condition"), allow)
	}
	return st
}

func (p *parser) sid(c int32, path string) string {
	m := &p.nodes[c]
	if m.Kind != jString {
		p.errorf(diag.InvalidSid, m.Off, joinKey(path, "Sid"), "Sid is %s; a Sid is a string", m.Kind)
		return ""
	}
	if m.Text == "" {
		return ""
	}
	// IAM, which stores identity and trust policies, takes Sids of letters and digits only;
	// services that store resource-based policies (S3, SQS, KMS) take any text.
	if p.kind != ResourceBased {
		pos := 0
		for _, r := range m.Text {
			pos++
			if !(r < utf8.RuneSelf && isAlnum(byte(r))) {
				p.errorf(diag.InvalidSid, m.Off, joinKey(path, "Sid"), "invalid character %q at position %d of Sid %.60q: in %s policy a Sid holds only ASCII letters and digits", r, pos, m.Text,
					map[Kind]string{Identity: "an identity", Trust: "a trust", SCP: "a service control"}[p.kind])
				break
			}
		}
	}
	if p.sids == nil {
		p.sids = make(map[string]int32)
	}
	if first, ok := p.sids[m.Text]; ok {
		line, col := p.loc.at(int(p.nodes[first].Off))
		p.errorf(diag.DuplicateSid, m.Off, joinKey(path, "Sid"), "Sid %.60q is already used at line %d, column %d; Sids must be unique within a policy", m.Text, line, col)
	} else {
		p.sids[m.Text] = c
	}
	return m.Text
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) effect(c int32, w where) string {
	m := &p.nodes[c]
	if m.Kind != jString {
		p.errorf(diag.InvalidEffect, m.Off, w.String(), `Effect is %s; write "Allow" or "Deny"`, m.Kind)
		return ""
	}
	switch m.Text {
	case "Allow", "Deny":
		return m.Text
	}
	if s := suggest.Nearest(m.Text, []string{"Allow", "Deny"}); s != "" {
		reason := "IAM is case-sensitive here"
		if !strings.EqualFold(s, m.Text) {
			reason = "it is one of the two"
		}
		d := p.errorf(diag.InvalidEffect, m.Off, w.String(), "Effect %.40q: did you mean %q? (%s)", m.Text, s, reason)
		d.Suggestions = []string{s}
	} else {
		p.errorf(diag.InvalidEffect, m.Off, w.String(), `Effect %.40q is neither "Allow" nor "Deny"`, m.Text)
	}
	return m.Text
}

// listKind says what a list of strings holds, for its checks.
type listKind int

const (
	listAction listKind = iota
	listResource
	listAWS
	listService
	listFederated
	listCanonicalUser
	listPrincipalOther
)

// strings reads an element that holds a string or an array of strings, checking each value.
func (p *parser) strings(c int32, w where, lk listKind) []string {
	m := &p.nodes[c]
	code, what := lk.code()
	switch m.Kind {
	case jString:
		if m.Text == "" && lk == listAction {
			p.errorf(diag.EmptyAction, m.Off, w.String(), `%s is empty; an action is "service:ActionName" like "s3:GetObject", or "*"`, w.name())
			return []string{""}
		}
		p.check(lk, c, w)
		return []string{m.Text}
	case jArray:
		if m.N == 0 {
			switch lk {
			case listAction:
				p.errorf(diag.EmptyAction, m.Off, w.String(), "%s is an empty array; list at least one action", w.name())
			case listResource:
				p.errorf(diag.EmptyResource, m.Off, w.String(), "%s is an empty array; list at least one resource (or \"*\")", w.name())
			default:
				p.errorf(code, m.Off, w.String(), "%s is an empty array; list at least one %s", w.name(), what)
			}
			return []string{}
		}
		out := make([]string, 0, m.N)
		i := 0
		for e := m.First; e >= 0; e, i = p.nodes[e].Next, i+1 {
			en := &p.nodes[e]
			if en.Kind != jString {
				p.errorf(code, en.Off, w.idx(i).String(), "%s is %s; %s is a string", w.idx(i).name(), en.Kind, article(what))
				continue
			}
			if en.Text == "" && lk == listAction {
				p.errorf(diag.EmptyAction, en.Off, w.idx(i).String(), `empty action; an action is "service:ActionName" like "s3:GetObject", or "*"`)
			} else {
				p.check(lk, e, w.idx(i))
			}
			out = append(out, en.Text)
		}
		return out
	}
	p.errorf(code, m.Off, w.String(), "%s is %s; want a string or an array of strings", w.name(), m.Kind)
	return nil
}

func (lk listKind) code() (code diag.Code, what string) {
	switch lk {
	case listAction:
		return diag.InvalidAction, "action"
	case listResource:
		return diag.InvalidResource, "resource"
	}
	return diag.InvalidPrincipal, "principal"
}

func article(what string) string {
	if what != "" && strings.ContainsRune("aeiou", rune(what[0])) {
		return "an " + what
	}
	return "a " + what
}

// lastKey returns the last element of a JSON path, for messages: "Action" of
// "Statement[0].Action".
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// where is a JSON path below a statement, rendered only when a diagnostic needs it: building
// "Statement[7].Action[12]" for every value would be most of Parse's allocations.
type where struct {
	base  string
	keys  [3]string
	nkeys int
	index int // appended when >= 0
}

func at(base string) where { return where{base: base, index: -1} }

func (w where) key(k string) where {
	w.keys[w.nkeys] = k
	w.nkeys++
	return w
}

func (w where) idx(i int) where {
	w.index = i
	return w
}

func (w where) String() string {
	s := w.base
	for _, k := range w.keys[:w.nkeys] {
		s = joinKey(s, k)
	}
	if w.index >= 0 {
		s = joinIndex(s, w.index)
	}
	return s
}

// name is the last element, for messages: "Action[2]".
func (w where) name() string {
	s := ""
	if w.nkeys > 0 {
		s = w.keys[w.nkeys-1]
	}
	if w.index >= 0 {
		s = joinIndex(s, w.index)
	}
	return s
}

// check runs the value checks of a list on one string node.
func (p *parser) check(lk listKind, c int32, w where) {
	v := p.nodes[c].Text
	off := p.nodes[c].Off
	if lk == listAction || lk == listResource {
		// Written as an escape (\u200b), an invisible character passes IAM's character rules,
		// and the value matches nothing, or something else.
		if r, pos, ok := runes.Invisible(v); ok {
			_, what := lk.code()
			p.errorf(diag.InvisibleCharacter, off, w.String(), "%s %q holds %s at character %d, which cannot be seen; retype it", what, v, runes.Name(r), pos)
			return
		}
	}
	switch lk {
	case listAction:
		if sev, msg := checkAction(v); msg != "" {
			code := diag.InvalidAction
			if sev == diag.Warning {
				code = diag.ActionServiceCase
			}
			d := p.diag(sev, code, off, w.String(), "%s", msg)
			if d.Location != nil {
				d.Location.Action = v
			}
		}
	case listResource:
		p.noteVariable(c, w)
		if msg := checkResource(v); msg != "" {
			d := p.errorf(diag.InvalidResource, off, w.String(), "%s", msg)
			if d.Location != nil {
				d.Location.ARN = v
			}
		}
	case listAWS, listService, listFederated, listCanonicalUser:
		p.noteVariable(c, w)
		if msg := checkPrincipal(lk, v); msg != "" {
			p.errorf(diag.InvalidPrincipal, off, w.String(), "%s", msg)
		}
	}
}

// noteVariable remembers the first value holding a policy variable, for the version check.
func (p *parser) noteVariable(c int32, w where) {
	if p.variable < 0 && strings.Contains(p.nodes[c].Text, "${") {
		p.variable, p.varPath = c, w.String()
	}
}

func (p *parser) principal(c int32, w where) *Principal {
	m := &p.nodes[c]
	name := w.name()
	switch m.Kind {
	case jString:
		if m.Text == "*" {
			return &Principal{Wildcard: true}
		}
		hint := `"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`
		d := p.errorf(diag.InvalidPrincipal, m.Off, w.String(), "%s %.80q: a principal is %s", name, m.Text, hint)
		if strings.HasPrefix(m.Text, "arn:") || arn.IsAccountID(m.Text) {
			d.Message = fmt.Sprintf("%s %.80q: write {\"AWS\": %q}; a principal is %s", name, m.Text, m.Text, hint)
			d.Suggestions = []string{fmt.Sprintf(`{"AWS": %q}`, m.Text)}
		} else if strings.HasSuffix(m.Text, ".amazonaws.com") {
			d.Message = fmt.Sprintf("%s %.80q: write {\"Service\": %q}; a principal is %s", name, m.Text, m.Text, hint)
			d.Suggestions = []string{fmt.Sprintf(`{"Service": %q}`, m.Text)}
		}
		return nil
	case jObject:
	default:
		p.errorf(diag.InvalidPrincipal, m.Off, w.String(), `%s is %s; a principal is "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`, name, m.Kind)
		return nil
	}
	if m.N == 0 {
		p.errorf(diag.InvalidPrincipal, m.Off, w.String(), `%s is an empty object; name at least one principal: {"AWS": ...}, {"Service": ...}, {"Federated": ...} or {"CanonicalUser": ...}`, name)
		return nil
	}
	p.dedupe(c, w.String())
	pr := &Principal{Entries: make([]PrincipalEntry, 0, m.N)}
	for e := m.First; e >= 0; e = p.nodes[e].Next {
		en := &p.nodes[e]
		if en.Ignored {
			continue
		}
		ew := w.key(en.Key)
		lk := listPrincipalOther
		switch en.Key {
		case "AWS":
			lk = listAWS
		case "Service":
			lk = listService
		case "Federated":
			lk = listFederated
		case "CanonicalUser":
			lk = listCanonicalUser
		default:
			msg := fmt.Sprintf("unknown principal type %.40q; the types are AWS, Service, Federated and CanonicalUser", en.Key)
			s := suggest.Nearest(en.Key, principalKeys)
			if s != "" {
				msg = fmt.Sprintf("unknown principal type %.40q; did you mean %q? The types are AWS, Service, Federated and CanonicalUser", en.Key, s)
			}
			d := p.errorf(diag.InvalidPrincipal, en.KeyOff, ew.String(), "%s", msg)
			if s != "" {
				d.Suggestions = []string{s}
			}
		}
		pr.Entries = append(pr.Entries, PrincipalEntry{Type: en.Key, Values: p.strings(e, ew, lk)})
	}
	return pr
}

func (p *parser) conditions(c int32, w where, allow bool) Conditions {
	m := &p.nodes[c]
	const shape = `{"StringEquals": {"aws:PrincipalTag/team": "dev"}}`
	if m.Kind != jObject {
		p.errorf(diag.InvalidCondition, m.Off, w.String(), "Condition is %s; it maps operators to keys and values: %s", m.Kind, shape)
		return nil
	}
	p.dedupe(c, w.String())
	var out Conditions
	for oc := m.First; oc >= 0; oc = p.nodes[oc].Next {
		om := &p.nodes[oc]
		if om.Ignored {
			continue
		}
		ow := w.key(om.Key)
		op, err := ParseOperator(om.Key)
		known := err == nil
		if err != nil {
			oe := err.(*OperatorError)
			d := p.errorf(diag.UnknownConditionOperator, om.KeyOff, ow.String(), "%s", oe.Error())
			if oe.Suggestion != "" {
				d.Suggestions = []string{oe.Suggestion}
			}
		}
		if om.Kind != jObject {
			p.errorf(diag.InvalidCondition, om.Off, ow.String(), "the value of %.60q is %s; an operator maps condition keys to values: %s", om.Key, om.Kind, shape)
			continue
		}
		if om.N == 0 {
			p.errorf(diag.InvalidCondition, om.Off, ow.String(), "%.60q has no condition keys; remove it or add one: %s", om.Key, shape)
			continue
		}
		if known && op.Set != "" && op.Family == "Null" {
			p.warnf(diag.SetOperatorWithNull, om.KeyOff, ow.String(), "%s tests each value for null, which a value never is; use Null without the %s: prefix to test whether the key is present", om.Key, op.Set)
		}
		if known && op.Set == ForAllValues && allow {
			p.warnf(diag.ForallvaluesWithAllow, om.KeyOff, ow.String(), "%s in an Allow statement is also true when the request has no value for the key; add a Null condition (\"Null\": {\"key\": \"false\"}) or use ForAnyValue", om.Key)
		}
		p.dedupe(oc, ow.String())
		if out == nil {
			out = make(Conditions, 0, m.N)
		}
		for kc := om.First; kc >= 0; kc = p.nodes[kc].Next {
			km := &p.nodes[kc]
			if km.Ignored {
				continue
			}
			kw := ow.key(km.Key)
			if km.Key == "" {
				p.errorf(diag.InvalidCondition, km.KeyOff, kw.String(), "empty condition key; a key looks like \"aws:SourceIp\" or \"s3:prefix\"")
			}
			vals := p.conditionValues(kc, kw, op, known)
			if vals == nil {
				continue
			}
			out = append(out, Condition{Operator: om.Key, Key: km.Key, Values: vals})
		}
	}
	return out
}

// conditionValues reads the values of one condition key: a string, number or boolean, or an
// array of them. Numbers and booleans keep their JSON text.
func (p *parser) conditionValues(c int32, w where, op Operator, known bool) []string {
	m := &p.nodes[c]
	one := func(e int32, ew where) (string, bool) {
		en := &p.nodes[e]
		switch en.Kind {
		case jString, jNumber, jBool:
		default:
			p.errorf(diag.InvalidCondition, en.Off, ew.String(), "a condition value is a string, a number or a boolean, found %s", en.Kind)
			return "", false
		}
		p.noteVariable(e, ew)
		if known {
			if want := checkConditionValue(op.Family, en.Text); want != "" {
				p.errorf(diag.InvalidConditionValue, en.Off, ew.String(), "%s wants %s, found %.80q", op.Name, want, en.Text)
			}
		}
		return en.Text, true
	}
	if m.Kind != jArray {
		v, ok := one(c, w)
		if !ok {
			return nil
		}
		return []string{v}
	}
	if m.N == 0 {
		p.errorf(diag.InvalidCondition, m.Off, w.String(), "no values for %.60q; give at least one", m.Key)
		return nil
	}
	out := make([]string, 0, m.N)
	i := 0
	for e := m.First; e >= 0; e, i = p.nodes[e].Next, i+1 {
		if v, ok := one(e, w.idx(i)); ok {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
