package writer

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/internal/runes"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/template"
)

// Sids of the statements that are not per resource type.
const (
	SidMultMultNone            = "MultMultNone"
	SidSkipResourceConstraints = "SkipResourceConstraints"
)

// Dependent-action modes.
const (
	DepsScoped   = "scoped"
	DepsWildcard = "wildcard"
	DepsNone     = "none"
)

// Options shape the output beyond what the template says.
type Options struct {
	// Minimize replaces action lists with the shortest prefix* patterns of at least MinLen
	// characters that match nothing outside the granted set, and merges statements with equal
	// resources and conditions.
	Minimize bool
	MinLen   int
	// Target is the size limit to check the policy against (default: a managed policy).
	Target policy.Target
	// Split splits a policy over the target into several (at most 10) within it.
	Split bool
	// Explain fills Result.Explanations: why each action is granted and what it does.
	Explain bool
}

// Result is a written policy, what went wrong on the way, and why each action is in it.
type Result struct {
	Policy *policy.Policy `json:"-"`
	// Policies holds the parts when the policy was split; otherwise just Policy.
	Policies     []*policy.Policy `json:"-"`
	Diagnostics  diag.List        `json:"diagnostics"`
	Explanations []Explanation    `json:"explanations"`
	Size         int              `json:"size"`
	Limit        int              `json:"limit"`
	Target       string           `json:"target"`
}

// Explanation says why an action is granted and what it does.
type Explanation struct {
	Action      string   `json:"action"`
	AccessLevel string   `json:"access_level"`
	Description string   `json:"description"`
	Sids        []string `json:"sids"`
	Reasons     []Reason `json:"reasons"`
}

// Reason is one thing in the template that grants an action.
type Reason struct {
	// Kind is "arn", "dependent", "single-action", "service-wildcard",
	// "skip-resource-constraints", "sts" or "action".
	Kind         string         `json:"kind"`
	Location     *diag.Location `json:"location,omitempty"`
	AccessLevel  string         `json:"access_level,omitempty"`
	ResourceType string         `json:"resource_type,omitempty"`
	ARN          string         `json:"arn,omitempty"`
	DependentOf  string         `json:"dependent_of,omitempty"`
	// Count is how many ARNs of the template entry's kind grant the action this way, when more
	// than one: ARN is then the first of them.
	Count int    `json:"count,omitempty"`
	Text  string `json:"text"`

	stmt *stmt // the statement an "arn" reason's ARNs went into
}

// stmt is a statement being built.
type stmt struct {
	sid       string
	service   string
	level     catalog.AccessLevel // LevelUnknown for mixed statements
	rt        *catalog.ResourceType
	actions   map[string]*catalog.Action
	resources []string
	resSeen   map[string]bool
	order     int
	granted   bool // the actions of (service, level, resource type) are in
	arns      int  // the template's ARNs that went into it
}

type writer struct {
	cat   *catalog.Catalog
	t     *template.Template
	opt   Options
	diags diag.List

	stmts   map[string]*stmt // by sid
	seq     int
	reasons map[string][]Reason // by action full name
	actions map[string]*catalog.Action
	names   map[*catalog.Action]string
	// deps records, per dependent action, what brought it; direct, the actions the template
	// grants itself.
	deps   map[*catalog.Action]*depInfo
	direct map[*catalog.Action]bool
	// levelActions caches, per service, level and resource type, the actions granted on an
	// ARN of that type: templates list many ARNs of the same few types.
	levelActions map[levelKey][]*catalog.Action

	denyNoted bool
}

// Write resolves a template against a catalog.
func Write(cat *catalog.Catalog, t *template.Template, opt Options) *Result {
	w := &writer{cat: cat, t: t, opt: opt, stmts: map[string]*stmt{}, reasons: map[string][]Reason{}, actions: map[string]*catalog.Action{},
		names: map[*catalog.Action]string{}, levelActions: map[levelKey][]*catalog.Action{}, deps: map[*catalog.Action]*depInfo{}, direct: map[*catalog.Action]bool{}}
	if opt.Target.Limit == 0 {
		opt.Target = policy.Target{Name: "managed", Limit: policy.ManagedLimit}
		w.opt.Target = opt.Target
	}
	switch t.Mode {
	case "actions":
		w.actionsMode()
	default:
		w.crud()
	}
	w.exclude()
	w.overlaps()
	w.escalations()
	w.risky()
	p := w.build()
	w.unfilled(p)
	res := &Result{Diagnostics: w.diags, Target: opt.Target.Name, Limit: opt.Target.Limit}
	if len(p.Statement) == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(diag.EmptyPolicy, &diag.Location{File: t.File},
			"the template grants nothing: every entry above was dropped (see the diagnostics), so no policy is written"))
	}
	if opt.Minimize {
		p = w.minimize(p)
	}
	res.Policy = p
	res.Policies = []*policy.Policy{p}
	res.Size = p.Size()
	if res.Size > opt.Target.Limit {
		if opt.Split {
			parts, err := policy.Split(p, opt.Target.Limit, 10)
			if err != nil {
				res.Diagnostics = append(res.Diagnostics, diag.Errorf(diag.SplitFailed, nil, "the policy is %d characters, over the %s limit of %d, and cannot be split: %v", res.Size, opt.Target.Name, opt.Target.Limit, err))
			} else {
				res.Policies = parts
				res.Diagnostics = append(res.Diagnostics, diag.Infof(diag.PolicySplit, nil, "the policy is %d characters, over the %s limit of %d: split into %d policies", res.Size, opt.Target.Name, opt.Target.Limit, len(parts)))
			}
		} else {
			d := diag.Warnf(diag.SizeOverLimit, nil, "the policy is %d characters (white space excluded), over the %s limit of %d", res.Size, opt.Target.Name, opt.Target.Limit)
			if !opt.Minimize {
				d.Message += "; minimize shortens action lists"
			}
			d.Message += "; split writes several policies within the limit"
			res.Diagnostics = append(res.Diagnostics, d)
		}
	}
	if opt.Explain {
		res.Explanations = w.explanations(res.Policies)
	}
	res.Diagnostics = res.Diagnostics.Sort()
	return res
}

// sidPart is Policy Sentry's Sid spelling of a name: letters and digits only, upper-case first
// letter, the rest lower-case ("security-group-rule" → "Securitygrouprule").
func sidPart(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if out == "" {
		return out
	}
	return strings.ToUpper(out[:1]) + out[1:]
}

func levelSid(l catalog.AccessLevel) string { return sidPart(l.Slug()) }

// statement returns the statement with that sid, creating it.
func (w *writer) statement(sid, service string, level catalog.AccessLevel, rt *catalog.ResourceType) *stmt {
	if s, ok := w.stmts[sid]; ok {
		return s
	}
	w.seq++
	s := &stmt{sid: sid, service: service, level: level, rt: rt, actions: map[string]*catalog.Action{}, resSeen: map[string]bool{}, order: w.seq}
	w.stmts[sid] = s
	return s
}

func (s *stmt) addResource(r string) {
	if !s.resSeen[r] {
		s.resSeen[r] = true
		s.resources = append(s.resources, r)
	}
}

func (w *writer) grant(s *stmt, a *catalog.Action, why Reason) {
	n := w.name(a)
	s.actions[n] = a
	if why.Kind != "dependent" {
		w.direct[a] = true
	}
	if w.opt.Explain {
		w.actions[n] = a
		w.reasons[n] = append(w.reasons[n], why)
	}
}

// name is an action's full name, built once per write: granting concatenates it for every
// action and ARN, and in WebAssembly allocation is what costs.
func (w *writer) name(a *catalog.Action) string {
	n, ok := w.names[a]
	if !ok {
		n = a.FullName()
		w.names[a] = n
	}
	return n
}

func (w *writer) wildcardStmt() *stmt {
	s := w.statement(SidMultMultNone, "", catalog.LevelUnknown, nil)
	s.addResource("*")
	return s
}

func (w *writer) errorf(code diag.Code, loc *diag.Location, format string, args ...any) {
	w.diags = append(w.diags, diag.Errorf(code, loc, format, args...))
}

func (w *writer) warnf(code diag.Code, loc *diag.Location, format string, args ...any) {
	w.diags = append(w.diags, diag.Warnf(code, loc, format, args...))
}

// lookup finds an action, reporting an unknown one with what the user probably meant.
func (w *writer) lookup(it template.Item) *catalog.Action {
	a, err := w.cat.Action(strings.TrimSpace(it.Value))
	if err != nil {
		d := diag.Errorf(diag.UnknownAction, it.Loc, "%v", err)
		if le, ok := err.(*catalog.LookupError); ok {
			d.Suggestions = le.Suggestions
			if errorsIsService(err) {
				d.Code = diag.UnknownService
			}
		}
		w.diags = append(w.diags, d)
		return nil
	}
	return a
}

func errorsIsService(err error) bool {
	le, ok := err.(*catalog.LookupError)
	return ok && le.Err == catalog.ErrUnknownService
}

// fill substitutes the template's partition, region and account into an ARN or ARN template.
func (w *writer) fill(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	r := []string{}
	if v := w.t.Partition.Value; v != "" {
		r = append(r, "${Partition}", v)
	}
	if v := w.t.Region.Value; v != "" {
		r = append(r, "${Region}", v)
	}
	if v := w.t.Account.Value; v != "" {
		r = append(r, "${Account}", v)
	}
	if len(r) == 0 {
		return s
	}
	return strings.NewReplacer(r...).Replace(s)
}

func (w *writer) crud() {
	for _, lv := range w.t.Levels {
		for _, it := range lv.ARNs {
			w.crudARN(lv.Level, it)
		}
	}
	for _, aa := range w.t.ActionsOn {
		w.grantActionsOn(aa)
	}
	for _, it := range w.t.SingleActions {
		a := w.lookup(it)
		if a == nil {
			continue
		}
		if !a.WildcardOnly() {
			w.diags = append(w.diags, NotWildcardOnly(a, it.Loc))
			continue
		}
		w.grant(w.wildcardStmt(), a, Reason{Kind: "single-action", Location: it.Loc, AccessLevel: a.AccessLevel.String(),
			Text: fmt.Sprintf("listed under %s; it takes no resource type, so it is granted on \"*\"", keyOf(it.Loc, "wildcard-only.single-actions"))})
	}
	for _, sw := range w.t.ServiceWildcards {
		for _, it := range sw.Services {
			s, err := w.cat.Service(strings.TrimSpace(it.Value))
			if err != nil {
				d := diag.Errorf(diag.UnknownService, it.Loc, "%v", err)
				if le, ok := err.(*catalog.LookupError); ok {
					d.Suggestions = le.Suggestions
				}
				w.diags = append(w.diags, d)
				continue
			}
			n := 0
			for _, a := range s.SortedActions() {
				if a.AccessLevel == sw.Level && a.WildcardOnly() {
					n++
					w.grant(w.wildcardStmt(), a, Reason{Kind: "service-wildcard", Location: it.Loc, AccessLevel: a.AccessLevel.String(),
						Text: fmt.Sprintf("a %s action of %s that takes no resource type (%s)", a.AccessLevel, s.Prefix, keyOf(it.Loc, sw.Key))})
				}
			}
			if n == 0 {
				w.warnf(diag.NoWildcardOnlyActions, it.Loc, "%s has no %s action that takes only \"*\"; %s grants nothing for it", s.Prefix, sw.Level, sw.Key)
			}
		}
	}
	for _, it := range w.t.SkipResourceConstraints {
		a := w.lookup(it)
		if a == nil {
			continue
		}
		s := w.statement(SidSkipResourceConstraints, "", catalog.LevelUnknown, nil)
		s.addResource("*")
		w.grant(s, a, Reason{Kind: "skip-resource-constraints", Location: it.Loc, AccessLevel: a.AccessLevel.String(),
			Text: "listed under skip-resource-constraints: granted on \"*\" as asked"})
	}
	for _, st := range w.t.STS {
		a, err := w.cat.Action(st.Action)
		if err != nil {
			w.errorf(diag.UnknownAction, nil, "%v", err)
			continue
		}
		sid := strings.TrimPrefix(st.Action, "sts:")
		for _, it := range st.Roles {
			arnStr := w.fill(strings.TrimSpace(it.Value))
			m := w.cat.MatchARN(arnStr)
			if m.Status == catalog.ARNInvalid {
				w.matchDiags(m, it)
				continue
			}
			if !(m.Service == "iam" && contains(m.ResourceTypes, "role")) && arnStr != "*" {
				w.warnf(diag.NotARole, it.Loc, "%s is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME); %s is granted on it as asked", arnStr, st.Action)
			}
			s := w.statement(sid, "sts", a.AccessLevel, nil)
			s.addResource(arnStr)
			w.grant(s, a, Reason{Kind: "sts", Location: it.Loc, ARN: arnStr, AccessLevel: a.AccessLevel.String(),
				Text: fmt.Sprintf("listed under %s for %s", keyOf(it.Loc, st.Key), arnStr)})
		}
	}
}

// NotWildcardOnly is the warning for a wildcard-only single action that takes resource types:
// it is left out, as Policy Sentry leaves it out. An import that cannot hold such an action
// says so in the same words.
func NotWildcardOnly(a *catalog.Action, loc *diag.Location) diag.Diagnostic {
	var types []string
	for _, r := range a.ResourceTypes {
		if r.ResourceType != "" {
			types = append(types, r.ResourceType)
		}
	}
	return diag.Warnf(diag.NotWildcardOnly, loc, "%s takes resource types (%s), so it is not granted on \"*\" here; list the ARNs it should act on under %s instead",
		a.FullName(), strings.Join(types, ", "), a.AccessLevel.Slug())
}

func keyOf(l *diag.Location, def string) string {
	if l != nil && l.Line == 0 && l.Index != nil {
		// A builder state's field: say it as the page shows it ("ARN 4"); the
		// sentence around it already names the ARN.
		short := *l
		short.ARN = ""
		return short.Describe()
	}
	if l != nil && l.Key != "" {
		if l.Index != nil {
			return fmt.Sprintf("%s[%d]", l.Key, *l.Index)
		}
		return l.Key
	}
	return def
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// matchDiags copies an ARN match's diagnostics to the template entry they concern.
func (w *writer) matchDiags(m catalog.ARNMatch, it template.Item) {
	for _, d := range m.Diagnostics {
		loc := &diag.Location{ARN: m.ARN}
		if it.Loc != nil {
			c := *it.Loc
			c.ARN = m.ARN
			loc = &c
		}
		d.Location = loc
		w.diags = append(w.diags, d)
	}
}

func (w *writer) crudARN(level catalog.AccessLevel, it template.Item) {
	arnStr := w.fill(strings.TrimSpace(it.Value))
	if arnStr == "*" {
		w.errorf(diag.WildcardResource, it.Loc, "\"*\" under %s would grant every %s action of every service; name the ARNs, or use wildcard-only.service-%s for the actions that take only \"*\"",
			level.Slug(), level, level.Slug())
		return
	}
	m := w.cat.MatchARN(arnStr)
	w.matchDiags(m, it)
	if len(m.Types) == 0 {
		return
	}
	svc, err := w.cat.Service(m.Service)
	if err != nil {
		w.errorf(diag.CatalogError, it.Loc, "%v", err)
		return
	}
	w.nonASCII(arnStr, m, it)
	types := m.Types
	if m.Written != nil {
		// A wildcard ARN is granted as the type it is written as; what its wildcards also reach
		// is said, with how to ask for it.
		types = m.Written
		w.coversMore(m, it, level)
	}
	for _, rt := range types {
		sid := sidPart(svc.Prefix) + levelSid(level) + sidPart(rt.Name)
		acts := w.actionsOn(svc, level, rt)
		if len(acts) > 0 {
			s := w.statement(sid, svc.Prefix, level, rt)
			s.addResource(arnStr)
			// Every ARN of one type grants the same actions into the same statement: after the
			// first, only the resource is new. Explanations count the ARNs rather than repeat a
			// reason per ARN and action, so that they grow with the policy, not with ARNs ×
			// actions.
			s.arns++
			if !s.granted {
				s.granted = true
				for _, a := range acts {
					w.grant(s, a, Reason{Kind: "arn", Location: it.Loc, ARN: arnStr, AccessLevel: level.String(), ResourceType: rt.Name, stmt: s})
					w.dependents(a, rt, s, arnStr, level)
				}
			}
		}
		if len(acts) == 0 {
			w.warnf(diag.NoActionsForLevel, withARN(it.Loc, arnStr), "%s is a %s %s, and %s has no %s action on that resource type; %s grants nothing for it",
				arnStr, svc.Prefix, rt.Name, svc.Prefix, level, level.Slug())
		}
	}
}

// unicodeNames are the resource types whose names AWS lets hold any Unicode text: S3 object
// keys. Elsewhere a name is ASCII, and a character beyond it is a paste gone wrong (a typographic
// dash or quote, an accented letter), so the ARN matches nothing.
var unicodeNames = map[string]bool{"s3/object": true, "s3/accesspointobject": true}

func (w *writer) nonASCII(arnStr string, m catalog.ARNMatch, it template.Item) {
	if acct := m.Parsed.Account; acct != "" && acct != "aws" && !strings.ContainsAny(acct, "*?$") && !arn.IsAccountID(acct) {
		w.warnf(diag.UnlikelyValue, withARN(it.Loc, arnStr), "%s names the account %q, which is no account ID (12 digits): the ARN matches no real resource", arnStr, acct)
	}
	if i := strings.IndexAny(arnStr, " \t"); i >= 0 && !allUnicodeNames(m) {
		w.warnf(diag.UnlikelyValue, withARN(it.Loc, arnStr), "%s holds a space at character %d, and %s %s names hold none: the ARN matches no real resource", arnStr, i+1, m.Service, strings.Join(m.ResourceTypes, " and "))
	}
	r, pos, ok := runes.NonASCII(arnStr)
	if !ok {
		return
	}
	var where []string
	for _, t := range m.Types {
		if !unicodeNames[m.Service+"/"+t.Name] {
			where = append(where, t.Name)
		}
	}
	if len(where) == 0 {
		return
	}
	w.warnf(diag.NonASCIIARN, withARN(it.Loc, arnStr), "%s holds %q (U+%04X) at character %d, and %s %s names are ASCII: the ARN matches no real resource; check it for a typographic dash, quote or accented letter",
		arnStr, r, r, pos, m.Service, strings.Join(where, " and "))
}

// allUnicodeNames reports whether every type the ARN matched names things with any text.
func allUnicodeNames(m catalog.ARNMatch) bool {
	for _, t := range m.Types {
		if !unicodeNames[m.Service+"/"+t.Name] {
			return false
		}
	}
	return len(m.Types) > 0
}

// coversMore warns that a wildcard ARN, granted as the types it is written as, also covers
// other resource types as an IAM pattern, and says how to write those.
func (w *writer) coversMore(m catalog.ARNMatch, it template.Item, level catalog.AccessLevel) {
	written := map[*catalog.ResourceType]bool{}
	for _, t := range m.Written {
		written[t] = true
	}
	var also, ways []string
	for _, t := range m.Types {
		if written[t] {
			continue
		}
		also = append(also, t.Name)
		if x := catalog.Extend(m.ARN, m.Formats[t]); x != "" && !contains(ways, x) {
			ways = append(ways, x)
		}
	}
	d := diag.Warnf(diag.WildcardCoversMore, withARN(it.Loc, m.ARN),
		"%s is written as a %s %s, and %s grants it as one; as a pattern it also covers %s %s ARNs, which are not granted",
		m.ARN, m.Service, strings.Join(m.WrittenAs, " or "), level.Slug(), m.Service, strings.Join(also, ", "))
	if len(ways) > 0 {
		d.Message += fmt.Sprintf("; to grant those too, add %s under %s", strings.Join(ways, " and "), level.Slug())
		d.Suggestions = ways
	}
	w.diags = append(w.diags, d)
}

// grantActionsOn grants exact actions on an exact ARN (actions-on): each in the statement of its
// service, level and the ARN's resource type it acts on, so that a row asking for Write and
// for dynamodb:GetItem shares statements with Write on the same table.
func (w *writer) grantActionsOn(aa template.ARNActions) {
	arnStr := w.fill(aa.ARN.Value)
	m := w.cat.MatchARN(arnStr)
	w.matchDiags(m, aa.ARN)
	if len(m.Types) == 0 {
		return
	}
	types := m.Types
	if m.Written != nil {
		types = m.Written
	}
	for _, it := range aa.Actions {
		a := w.lookup(it)
		if a == nil {
			continue
		}
		var on *catalog.ResourceType
		if a.Service == m.Service {
			for _, rt := range types {
				if a.Resource(rt.Name) != nil {
					on = rt
					break
				}
			}
		}
		if on == nil {
			var takes []string
			for _, r := range a.ResourceTypes {
				if r.ResourceType != "" {
					takes = append(takes, r.ResourceType)
				}
			}
			what := "no resource type, only \"*\" (list it under wildcard-only.single-actions)"
			if len(takes) > 0 {
				what = a.Service + " " + strings.Join(takes, ", ")
			}
			d := diag.Errorf(diag.ActionNotOnResource, withARN(it.Loc, arnStr), "%s does not act on %s, a %s %s: it takes %s",
				w.name(a), arnStr, m.Service, strings.Join(m.ResourceTypes, " or "), what)
			d.Location.Action = w.name(a)
			w.diags = append(w.diags, d)
			continue
		}
		svc, err := w.cat.Service(m.Service)
		if err != nil {
			w.errorf(diag.CatalogError, it.Loc, "%v", err)
			return
		}
		s := w.statement(sidPart(svc.Prefix)+levelSid(a.AccessLevel)+sidPart(on.Name), svc.Prefix, a.AccessLevel, on)
		s.addResource(arnStr)
		w.grant(s, a, Reason{Kind: "arn-action", Location: it.Loc, ARN: arnStr, AccessLevel: a.AccessLevel.String(), ResourceType: on.Name,
			Text: fmt.Sprintf("listed for %s under actions-on (%s), a %s %s", arnStr, keyOf(it.Loc, "actions-on"), m.Service, on.Name)})
		w.dependents(a, on, s, arnStr, a.AccessLevel)
	}
}

type levelKey struct {
	rt    *catalog.ResourceType
	level catalog.AccessLevel
}

// actionsOn returns the service's actions of a level that act on a resource type, sorted.
func (w *writer) actionsOn(svc *catalog.Service, level catalog.AccessLevel, rt *catalog.ResourceType) []*catalog.Action {
	k := levelKey{rt, level}
	if acts, ok := w.levelActions[k]; ok {
		return acts
	}
	var acts []*catalog.Action
	for _, a := range svc.SortedActions() {
		if a.AccessLevel == level && a.Resource(rt.Name) != nil {
			acts = append(acts, a)
		}
	}
	w.levelActions[k] = acts
	return acts
}

func withARN(l *diag.Location, a string) *diag.Location {
	if l == nil {
		return &diag.Location{ARN: a}
	}
	c := *l
	c.ARN = a
	return &c
}

// dependents grants the actions a depends on, as AWS's reference lists them on every row of
// the action (and as Policy Sentry reads them): in the same statement when they act on the same
// resource type, otherwise on "*" in MultMultNone — or all on "*", or none, as the template
// chooses. asked is the access level the user asked for, for the escalation warnings.
func (w *writer) dependents(a *catalog.Action, rt *catalog.ResourceType, s *stmt, arnStr string, asked catalog.AccessLevel) {
	mode := w.t.DependentActions
	if mode == "" {
		mode = DepsScoped
	}
	deps := a.DependentActions()
	if len(deps) == 0 {
		return
	}
	if w.t.Effect == "Deny" {
		// Dependent actions are what an allowed action needs to work; denying them too would
		// deny unrelated work (iam:PassRole on everything, say).
		if !w.denyNoted {
			w.denyNoted = true
			w.diags = append(w.diags, diag.Infof(diag.DependentActionsNotDenied, &diag.Location{File: w.t.File, Key: "effect"},
				"with effect Deny, dependent actions are not denied along with the actions that need them"))
		}
		return
	}
	if mode == DepsNone {
		w.diags = append(w.diags, diag.Infof(diag.DependentActionsLeftOut, &diag.Location{Action: a.FullName()},
			"%s usually needs %s too; left out (dependent-actions: none)", a.FullName(), strings.Join(deps, ", ")))
		return
	}
	for _, dn := range deps {
		d, err := w.cat.Action(dn)
		if err != nil {
			w.diags = append(w.diags, diag.Warnf(diag.UnknownDependentAction, &diag.Location{Action: a.FullName()},
				"%s names the dependent action %s, which the catalog does not have; it is left out", a.FullName(), dn))
			continue
		}
		why := Reason{Kind: "dependent", DependentOf: w.name(a), AccessLevel: d.AccessLevel.String()}
		info := w.deps[d]
		if info == nil {
			info = &depInfo{}
			w.deps[d] = info
		}
		info.by = appendNew(info.by, w.name(a))
		info.asked |= 1 << asked
		if mode == DepsScoped && rt != nil && s != nil && d.Service == a.Service && d.Resource(rt.Name) != nil {
			why.ResourceType, why.ARN = rt.Name, arnStr
			w.grant(s, d, why)
			continue
		}
		w.grant(w.wildcardStmt(), d, why)
		info.wildcard = true
	}
}

// unfilled warns when a written resource still holds a placeholder of an ARN format
// (${Partition}, ${KeyId}): IAM would read it as text, so the grant matches nothing. Policy
// variables (${aws:username}) have a colon and are IAM's own.
func (w *writer) unfilled(p *policy.Policy) {
	var names []string
	seen := map[string]bool{}
	example := ""
	for _, st := range p.Statement {
		for _, r := range st.Resource {
			for rest := r; ; {
				i := strings.Index(rest, "${")
				if i < 0 {
					break
				}
				j := strings.IndexByte(rest[i:], '}')
				if j < 0 {
					break
				}
				name := rest[i+2 : i+j]
				rest = rest[i+j+1:]
				if name == "" || strings.ContainsAny(name, ":*?$") {
					continue
				}
				if example == "" {
					example = r
				}
				if !seen[name] {
					seen[name] = true
					names = append(names, "${"+name+"}")
				}
			}
		}
	}
	if len(names) == 0 {
		return
	}
	how := "name the resources themselves (crud mode lists ARNs under an access level)"
	for _, n := range names {
		if n == "${Partition}" || n == "${Region}" || n == "${Account}" {
			how = "set partition, region and account (template keys, or the builder's options) and " + how
			break
		}
	}
	w.warnf(diag.UnfilledPlaceholder, &diag.Location{File: w.t.File},
		"the policy's resources still hold %s (as in %s), which IAM reads as text, so those grants match nothing; %s",
		strings.Join(names, ", "), example, how)
}

// joinAnd joins clauses as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// overlaps warns when an action the template grants on "*" itself (skip-resource-constraints)
// is also granted on specific resources: the "*" grant makes the other moot, and was probably
// not meant (a searched action added beside a resource that takes it).
func (w *writer) overlaps() {
	skip := w.stmts[SidSkipResourceConstraints]
	if skip == nil {
		return
	}
	for _, n := range sortedActions(skip.actions) {
		var on []string
		for _, s := range w.stmts {
			if s == skip || s.sid == SidMultMultNone {
				continue
			}
			if _, ok := s.actions[n]; ok {
				on = append(on, s.resources...)
			}
		}
		if len(on) == 0 {
			continue
		}
		sort.Strings(on)
		// Said in the words of the input: a template's key, or the builder's list.
		where := "skip-resource-constraints"
		for _, it := range w.t.SkipResourceConstraints {
			if strings.EqualFold(it.Value, n) && it.Loc != nil && it.Loc.Line == 0 && it.Loc.Index != nil {
				where = "the actions granted on \"*\" as they are"
			}
		}
		w.warnf(diag.GrantedTwice, &diag.Location{File: w.t.File, Action: n},
			"%s is granted on \"*\" (%s) and on %s: the \"*\" grant covers every resource, so the narrower one does nothing; remove %s from %s to keep it to those resources",
			n, where, summarize(on, 2), n, where)
	}
}

// depInfo is what brought a dependent action into the policy.
type depInfo struct {
	by       []string // the actions that depend on it
	asked    uint32   // the access levels asked for where it came in, as a bit set
	wildcard bool     // granted on "*"
}

// escalations warns about each dependent action that raises privilege beyond what was asked,
// by name, with the actions that pulled it in and how to leave it out: Permissions management;
// a level the user did not ask for (List aside, which reads no data); a grant on "*";
// iam:PassRole and iam:CreateServiceLinkedRole. An action the template also grants directly,
// or that exclude-actions removed, was asked for or refused, and gets no warning.
func (w *writer) escalations() {
	if w.t.Effect == "Deny" || len(w.deps) == 0 {
		return
	}
	granted := map[*catalog.Action]bool{}
	for _, s := range w.stmts {
		for _, a := range s.actions {
			granted[a] = true
		}
	}
	type finding struct {
		name string
		d    diag.Diagnostic
	}
	var out []finding
	for d, info := range w.deps {
		if !granted[d] || w.direct[d] {
			continue
		}
		name := w.name(d)
		var why []string
		switch name {
		case "iam:PassRole":
			why = append(why, "it lets the holder hand roles to services")
		case "iam:CreateServiceLinkedRole":
			why = append(why, "it creates roles that services act with")
		}
		if d.AccessLevel == catalog.PermissionsManagement {
			why = append(why, "it is Permissions management")
		} else if d.AccessLevel != catalog.List && info.asked&(1<<d.AccessLevel) == 0 {
			why = append(why, "it is "+d.AccessLevel.String()+", a level not asked for")
		}
		if info.wildcard && w.t.DependentActions != DepsWildcard {
			// dependent-actions: wildcard asks for "*"; scoped expects the resource.
			why = append(why, "it is granted on \"*\", not only on the resources asked for")
		}
		if len(why) == 0 {
			continue
		}
		by := append([]string(nil), info.by...)
		sort.Strings(by)
		dg := diag.Warnf(diag.DependentActionEscalates, &diag.Location{File: w.t.File, Action: name},
			"%s is granted as a dependent action of %s, and it raises privilege: %s; leave it out with exclude-actions: [%s], or every dependent action with dependent-actions: none",
			name, summarize(by, 3), joinAnd(why), name)
		out = append(out, finding{name, dg})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for _, f := range out {
		w.diags = append(w.diags, f.d)
	}
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// risky says when the policy grants on "*" what validate would call risky — iam:PassRole, or
// Permissions management — so that a grant the template did not name outright is not a
// surprise: dependent actions bring iam:PassRole along with lambda:CreateFunction.
func (w *writer) risky() {
	if w.t.Effect == "Deny" {
		return
	}
	var pm []string
	for _, sid := range []string{SidMultMultNone, SidSkipResourceConstraints} {
		s := w.stmts[sid]
		if s == nil {
			continue
		}
		for _, n := range sortedActions(s.actions) {
			a := s.actions[n]
			if w.deps[a] != nil && !w.direct[a] {
				continue // a dependent action: escalations speaks of it, with what brought it
			}
			why := ""
			switch {
			case n == "iam:PassRole":
				w.warnf(diag.RiskyPassrole, &diag.Location{File: w.t.File, Action: n},
					"iam:PassRole is granted on \"*\"%s: it lets the holder hand any role to a service; list the roles it should pass (arn:aws:iam::ACCOUNT:role/NAME under write) and exclude-actions: [iam:PassRole], or set dependent-actions: none", why)
			case a.AccessLevel == catalog.PermissionsManagement:
				pm = append(pm, n+why)
			}
		}
	}
	if len(pm) > 0 {
		w.warnf(diag.PermissionsManagementOnWildcard, &diag.Location{File: w.t.File},
			"Permissions management actions are granted on \"*\", which can grant access to anything: %s", strings.Join(pm, "; "))
	}
}

func (w *writer) actionsMode() {
	for _, it := range w.t.Actions {
		a := w.lookup(it)
		if a == nil {
			continue
		}
		if a.WildcardOnly() {
			w.grant(w.wildcardStmt(), a, Reason{Kind: "action", Location: it.Loc, AccessLevel: a.AccessLevel.String(),
				Text: fmt.Sprintf("listed under actions; it takes no resource type, so it is granted on \"*\"")})
			w.dependents(a, nil, nil, "", a.AccessLevel)
			continue
		}
		svc, err := w.cat.Service(a.Service)
		if err != nil {
			w.errorf(diag.CatalogError, it.Loc, "%v", err)
			continue
		}
		for _, r := range a.ResourceTypes {
			if r.ResourceType == "" {
				continue
			}
			rt := svc.ResourceType(r.ResourceType)
			if rt == nil {
				w.warnf(diag.UnknownResourceType, it.Loc, "%s names the resource type %q, which %s does not define; skipped", a.FullName(), r.ResourceType, svc.Prefix)
				continue
			}
			sid := sidPart(svc.Prefix) + levelSid(a.AccessLevel) + sidPart(rt.Name)
			s := w.statement(sid, svc.Prefix, a.AccessLevel, rt)
			for _, f := range rt.ARNFormats {
				s.addResource(w.fill(f))
			}
			w.grant(s, a, Reason{Kind: "action", Location: it.Loc, AccessLevel: a.AccessLevel.String(), ResourceType: rt.Name,
				Text: fmt.Sprintf("listed under actions; granted on the ARN format of its resource type %s", rt.Name)})
			w.dependents(a, rt, s, "", a.AccessLevel)
		}
	}
}

// exclude removes exclude-actions from every statement, last, as Policy Sentry does.
func (w *writer) exclude() {
	for _, it := range w.t.ExcludeActions {
		pat := strings.TrimSpace(it.Value)
		n := 0
		for _, s := range w.stmts {
			for name := range s.actions {
				if catalog.MatchGlob(pat, name) {
					delete(s.actions, name)
					n++
				}
			}
		}
		if n == 0 {
			w.warnf(diag.ExcludeUnused, it.Loc, "exclude-actions entry %q removed nothing from the policy", pat)
		}
	}
	if len(w.t.ExcludeActions) == 0 {
		return
	}
	// A dependent action is there for the actions that need it: when every one of them is
	// excluded, so is it (excluding ecr:CreateRepository leaves out the ecr:TagResource it
	// brought), unless the template grants it itself.
	excluded := func(name string) bool {
		for _, it := range w.t.ExcludeActions {
			if catalog.MatchGlob(strings.TrimSpace(it.Value), name) {
				return true
			}
		}
		return false
	}
	for d, info := range w.deps {
		if w.direct[d] {
			continue
		}
		needed := false
		for _, by := range info.by {
			if !excluded(by) {
				needed = true
				break
			}
		}
		if !needed {
			n := w.name(d)
			for _, s := range w.stmts {
				delete(s.actions, n)
			}
		}
	}
	for sid, s := range w.stmts {
		if len(s.actions) == 0 {
			w.warnf(diag.StatementEmptied, &diag.Location{File: w.t.File, Key: "exclude-actions"}, "exclude-actions removed every action of %s; the statement is left out", sid)
			delete(w.stmts, sid)
		}
	}
}

// build orders the statements (MultMultNone, SkipResourceConstraints, then creation order),
// sorts actions and applies the template's conditions.
func (w *writer) build() *policy.Policy {
	var list []*stmt
	for _, s := range w.stmts {
		list = append(list, s)
	}
	rank := func(s *stmt) int {
		switch s.sid {
		case SidMultMultNone:
			return 0
		case SidSkipResourceConstraints:
			return 1
		}
		return 2
	}
	sort.Slice(list, func(i, j int) bool {
		if ri, rj := rank(list[i]), rank(list[j]); ri != rj {
			return ri < rj
		}
		return list[i].order < list[j].order
	})
	effect := w.t.Effect
	if effect == "" {
		effect = "Allow"
	}
	p := &policy.Policy{Version: policy.Version}
	conds := w.conditions()
	for _, s := range list {
		p.Statement = append(p.Statement, w.applyConditions(s, effect, conds)...)
	}
	w.reportConditions(conds)
	return p
}

func sortedActions(m map[string]*catalog.Action) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (w *writer) explanations(parts []*policy.Policy) []Explanation {
	sids := map[string][]string{}
	for _, p := range parts {
		for _, st := range p.Statement {
			for _, a := range st.Action {
				for _, n := range w.expandGranted(a) {
					if !contains(sids[n], st.Sid) {
						sids[n] = append(sids[n], st.Sid)
					}
				}
			}
		}
	}
	var out []Explanation
	for _, name := range sortedActions(w.actions) {
		if len(sids[name]) == 0 {
			continue // excluded
		}
		a := w.actions[name]
		out = append(out, Explanation{Action: name, AccessLevel: a.AccessLevel.String(), Description: a.Description, Sids: sids[name], Reasons: w.texts(a, w.reasons[name])})
	}
	return out
}

// expandGranted maps an action entry of the written policy (possibly a minimized prefix*) back
// to the granted actions it stands for.
func (w *writer) expandGranted(entry string) []string {
	if !catalog.HasGlob(entry) {
		return []string{entry}
	}
	var out []string
	for n := range w.actions {
		if catalog.MatchGlob(entry, n) {
			out = append(out, n)
		}
	}
	return out
}

// texts fills in the reasons' sentences and drops repeats, once per write, for the actions that
// made it into the policy: most grants never need their sentence.
func (w *writer) texts(a *catalog.Action, rs []Reason) []Reason {
	out := make([]Reason, 0, len(rs))
	seen := map[Reason]bool{}
	for _, r := range rs {
		if r.Location != nil {
			// Location is a pointer: compare what it says, not where it lives.
			k := r
			k.Location = nil
			k.Text = keyOf(r.Location, "")
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		switch {
		case r.Text != "":
		case r.Kind == "arn" && r.stmt != nil && r.stmt.arns > 1:
			r.Count = r.stmt.arns
			r.Text = fmt.Sprintf("%s on %d %s %s ARNs, the first %s (%s)", r.AccessLevel, r.Count, a.Service, r.ResourceType, r.ARN, keyOf(r.Location, ""))
		case r.Kind == "arn":
			r.Text = r.AccessLevel + " on " + r.ARN + ", a " + a.Service + " " + r.ResourceType + " (" + keyOf(r.Location, "") + ")"
		case r.Kind == "dependent" && r.ResourceType != "":
			r.Text = r.DependentOf + " depends on it; it acts on the same " + r.ResourceType + ", so it shares the statement"
		case r.Kind == "dependent" && w.t.DependentActions == DepsWildcard:
			r.Text = r.DependentOf + " depends on it; granted on \"*\" (dependent-actions: wildcard)"
		case r.Kind == "dependent":
			r.Text = r.DependentOf + " depends on it; granted on \"*\" since it does not act on that resource"
		}
		out = append(out, r)
	}
	return out
}
