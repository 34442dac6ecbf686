package template

import (
	"unicode/utf8"

	"errors"
	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/internal/runes"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// partitions are AWS's partitions, as they appear in ARNs.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// isWordChar is a character of a service prefix or an action name; action names are letters
// and digits, and one (vpc-lattice:AssociateViaAWSService-EventsAndStates) has a hyphen.
func isWordChar(c byte, glob bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || glob && (c == '*' || c == '?')
}

// isActionLike reports whether s looks like SERVICE:ACTION, with * and ? allowed when glob.
// IAM reads actions case-insensitively, so case is the writer's to judge.
func isActionLike(s string, glob bool) bool {
	svc, name, ok := strings.Cut(s, ":")
	if !ok || svc == "" || name == "" {
		return false
	}
	for i := 0; i < len(svc); i++ {
		if !isWordChar(svc[i], glob) {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		if !isWordChar(name[i], glob) {
			return false
		}
	}
	return true
}

// isServiceLike reports whether s is made of lower-case letters, digits and hyphens: a service
// prefix or a region.
func isServiceLike(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// checkOperator reports whether op is an IAM condition operator, spelt exactly; the knowledge
// is package policy's, shared with the policy reader and the writer.
func checkOperator(op string) (family string, ok bool) {
	o, ok := policy.IsOperator(op)
	return o.Family, ok
}

func hasUpper(s string) bool { return strings.ToLower(s) != s }

// closest returns the candidates nearest to word, as near as the best.
func closest(word string, candidates []string) []string { return suggest.Best(word, candidates, 3) }

// Check is the one validator every way in passes: template text after Read, the builder's state,
// the CLI. It judges the values — mode, effect, dependent-actions, partition, region, account,
// the syntax of every ARN, action and service prefix, duplicates, condition operators, keys
// that the mode ignores, a template that asks for nothing — reports each problem once with
// where it was written, and leaves in the template only what passed, with its mode, effect and
// dependent-action choice settled. Whether ARNs and actions exist is the writer's to say, with
// the catalog. Check needs no catalog.
func Check(t *Template) diag.List {
	c := &collector{file: t.File}
	check(t, c)
	return c.finish()
}

type checker struct {
	t *Template
	*collector
}

func check(t *Template, c *collector) {
	if t.Keys == nil {
		t.Keys = map[string]*diag.Location{}
	}
	k := checker{t, c}
	// Blank items ask for nothing: drop them first, so that what is asked is what is left.
	for i := range t.Levels {
		t.Levels[i].ARNs = k.blanks(t.Levels[i].ARNs)
	}
	for i := range t.ServiceWildcards {
		t.ServiceWildcards[i].Services = k.blanks(t.ServiceWildcards[i].Services)
	}
	for i := range t.STS {
		t.STS[i].Roles = k.blanks(t.STS[i].Roles)
	}
	for i := range t.ActionsOn {
		t.ActionsOn[i].Actions = k.blanks(t.ActionsOn[i].Actions)
	}
	t.SingleActions = k.blanks(t.SingleActions)
	t.SkipResourceConstraints = k.blanks(t.SkipResourceConstraints)
	t.ExcludeActions = k.blanks(t.ExcludeActions)
	t.Actions = k.blanks(t.Actions)

	asked := k.crudKeys()
	k.mode(len(asked) > 0)
	k.effect()
	k.deps()
	k.partition()
	k.region()
	k.account()

	t.Levels = filterLevels(t.Levels, func(la *LevelARNs) bool {
		if la.Level == catalog.LevelUnknown {
			k.unknownLevel(la.Key, la.ARNs)
			return false
		}
		la.ARNs = k.items(la.ARNs, kindARN)
		return len(la.ARNs) > 0
	})
	t.ActionsOn = filterActionsOn(t.ActionsOn, func(aa *ARNActions) bool {
		arn := strings.TrimSpace(aa.ARN.Value)
		if !k.visible(kindARN.noun(), arn, aa.ARN.Loc) || !k.checkItem(kindARN, arn, aa.ARN.Loc) {
			return false
		}
		if arn == "*" {
			k.errorf(diag.WildcardResource, aa.ARN.Loc, "actions-on grants actions on ARNs; for actions on \"*\" use skip-resource-constraints")
			return false
		}
		aa.ARN.Value = arn
		aa.Actions = k.items(aa.Actions, kindAction)
		return len(aa.Actions) > 0
	})
	t.SingleActions = k.items(t.SingleActions, kindAction)
	t.ServiceWildcards = filterServices(t.ServiceWildcards, func(ls *LevelServices) bool {
		if ls.Level == catalog.LevelUnknown {
			k.unknownLevel(ls.Key, ls.Services)
			return false
		}
		ls.Services = k.items(ls.Services, kindService)
		return len(ls.Services) > 0
	})
	t.SkipResourceConstraints = k.items(t.SkipResourceConstraints, kindAction)
	t.ExcludeActions = k.items(t.ExcludeActions, kindActionGlob)
	t.STS = filterSTS(t.STS, func(st *STSRoles) bool {
		if st.Action == "" {
			st.Action = stsAction(st.Key)
		}
		if st.Action == "" {
			k.unknownSTSKey(st)
			return false
		}
		st.Roles = k.items(st.Roles, kindARN)
		return len(st.Roles) > 0
	})
	t.Actions = k.items(t.Actions, kindAction)
	k.conditions()
	k.modeRules(asked)
}

// blanks drops empty items; among real ones each is worth a warning, as in a template.
func (k checker) blanks(items []Item) []Item {
	n := 0
	for _, it := range items {
		if strings.TrimSpace(it.Value) != "" {
			n++
		}
	}
	if n == len(items) {
		return items
	}
	out := make([]Item, 0, n)
	for _, it := range items {
		if strings.TrimSpace(it.Value) != "" {
			out = append(out, it)
		} else if n > 0 {
			k.warnf(diag.EmptyItem, it.Loc, "empty item skipped")
		}
	}
	return out
}

// crudKeys lists the crud-mode keys that hold something, in template order.
func (k checker) crudKeys() []string {
	t := k.t
	var out []string
	for _, l := range levelKeys {
		for _, la := range t.Levels {
			if la.Key == l.key && len(la.ARNs) > 0 {
				out = append(out, l.key)
				break
			}
		}
	}
	for _, la := range t.Levels {
		if la.Level == catalog.LevelUnknown && len(la.ARNs) > 0 {
			out = append(out, la.Key)
		}
	}
	for _, aa := range t.ActionsOn {
		if len(aa.Actions) > 0 {
			out = append(out, "actions-on")
			break
		}
	}
	wildcard := len(t.SingleActions) > 0
	for _, ls := range t.ServiceWildcards {
		wildcard = wildcard || len(ls.Services) > 0
	}
	if wildcard {
		out = append(out, "wildcard-only")
	}
	if len(t.SkipResourceConstraints) > 0 {
		out = append(out, "skip-resource-constraints")
	}
	sts := false
	for _, st := range t.STS {
		sts = sts || len(st.Roles) > 0
	}
	if sts {
		out = append(out, "sts")
	}
	return out
}

// keyLoc is where a key was written, or the key alone when the way in did not say.
func (k checker) keyLoc(key string) *diag.Location {
	if l := k.t.Keys[key]; l != nil {
		return l
	}
	return &diag.Location{File: k.t.File, Key: key}
}

// mode settles the mode: exactly "crud" or "actions", as Policy Sentry wants. A miscased one
// is still an error, but the rest is read in the mode meant; an unknown one in the mode the
// keys suggest, so that one run reports every problem.
func (k checker) mode(asked bool) {
	t := k.t
	m := strings.TrimSpace(t.Mode)
	switch {
	case m == "", m == ModeCRUD, m == ModeActions:
	case strings.EqualFold(m, ModeCRUD) || strings.EqualFold(m, ModeActions):
		d := k.errorf(diag.InvalidValue, k.keyLoc("mode"), "mode %q: modes are lower-case, as Policy Sentry wants them", m)
		k.suggest(d, []string{strings.ToLower(m)})
	default:
		d := k.errorf(diag.InvalidValue, k.keyLoc("mode"), "unknown mode %q: want crud or actions", clip(m))
		d.Suggestions = []string{ModeCRUD, ModeActions}
	}
	t.Mode = MeantMode(m, len(t.Actions) > 0, asked)
}

// MeantMode is the mode a request is read in, given its mode as written, whether it lists
// actions-mode actions, and whether it asks for anything by crud key: the mode itself when
// valid, a miscased one as meant, none as the default (crud), and an unknown one as the keys
// suggest, so that one run reports every problem.
func MeantMode(mode string, hasActions, asked bool) string {
	m := strings.TrimSpace(mode)
	switch {
	case m == "":
		return ModeCRUD
	case strings.EqualFold(m, ModeCRUD):
		return ModeCRUD
	case strings.EqualFold(m, ModeActions):
		return ModeActions
	}
	return inferMode(hasActions, asked)
}

// ModeMeant is the mode Check will read the template in.
func (t *Template) ModeMeant() string {
	k := checker{t: t}
	return MeantMode(t.Mode, len(t.Actions) > 0, len(k.crudKeys()) > 0)
}

// effect settles the effect: exactly "Allow" or "Deny". A miscased one is an error, but the
// effect meant is kept so that later checks see it.
func (k checker) effect() {
	t := k.t
	s := strings.TrimSpace(t.Effect)
	t.Effect = "Allow"
	if s == "" {
		return
	}
	for _, want := range []string{"Allow", "Deny"} {
		switch {
		case s == want:
			t.Effect = want
			return
		case strings.EqualFold(s, want):
			t.Effect = want
			d := k.errorf(diag.InvalidValue, k.keyLoc("effect"), "effect %q: IAM spells it %q", s, want)
			d.Suggestions = []string{want}
			return
		}
	}
	d := k.errorf(diag.InvalidValue, k.keyLoc("effect"), "unknown effect %q: want Allow or Deny", clip(s))
	d.Suggestions = []string{"Allow", "Deny"}
}

func (k checker) deps() {
	t := k.t
	s := strings.TrimSpace(t.DependentActions)
	t.DependentActions = DepsScoped
	choices := []string{DepsScoped, DepsWildcard, DepsNone}
	if s == "" {
		return
	}
	for _, c := range choices {
		if s == c {
			t.DependentActions = c
			return
		}
	}
	d := k.errorf(diag.InvalidValue, k.keyLoc("dependent-actions"), "unknown dependent-actions %q: want %s", clip(s), orList(choices))
	k.suggest(d, closest(s, choices))
}

func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func (k checker) partition() {
	it := &k.t.Partition
	if it.Value = strings.TrimSpace(it.Value); it.Value == "" {
		return
	}
	for _, c := range partitions {
		if it.Value == c {
			return
		}
	}
	d := k.errorf(diag.InvalidValue, itemLoc(it, k.keyLoc("partition")), "unknown partition %q: want %s", clip(it.Value), orList(partitions))
	k.suggest(d, closest(it.Value, partitions))
	*it = Item{}
}

func (k checker) region() {
	it := &k.t.Region
	if it.Value = strings.TrimSpace(it.Value); it.Value == "" {
		return
	}
	if isRegion(it.Value) {
		if !regionShaped(it.Value) {
			k.warnf(diag.UnlikelyValue, itemLoc(it, k.keyLoc("region")), "region %q is not a name AWS gives regions (like us-east-1, eu-central-2, us-gov-west-1: a place and one digit); check it", clip(it.Value))
		}
		return
	}
	d := k.errorf(diag.InvalidValue, itemLoc(it, k.keyLoc("region")), "region %q: want a region name of lower-case letters, digits and hyphens, like us-east-1", clip(it.Value))
	if low := strings.ToLower(it.Value); low != it.Value && isRegion(low) {
		d.Suggestions = []string{low}
	}
	*it = Item{}
}

func (k checker) account() {
	it := &k.t.Account
	if it.Value = strings.TrimSpace(it.Value); it.Value == "" {
		return
	}
	if !arn.IsAccountID(it.Value) {
		loc := itemLoc(it, k.keyLoc("account"))
		quote := ""
		if loc != nil && loc.Line > 0 { // YAML reads an unquoted 0123… as a number; the builder's field has no such trap
			quote = " (quote it if it starts with 0)"
		}
		k.errorf(diag.InvalidValue, loc, "account %q: want a 12-digit account ID, like 123456789012%s", clip(it.Value), quote)
		*it = Item{}
	}
}

func itemLoc(it *Item, def *diag.Location) *diag.Location {
	if it.Loc != nil {
		return it.Loc
	}
	return def
}

// regionShaped reports whether s is named as AWS names regions: lower-case words joined by
// hyphens, the first of two to four letters, at least two of them, then one digit from 1 to 9
// (us-east-1, ap-southeast-4, us-gov-west-1, us-iso-east-1, eusc-de-east-1). (A hand-written
// check: regexp would add about 40 KB brotli to the page for this one rule.)
func regionShaped(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	last := parts[len(parts)-1]
	if len(last) != 1 || last[0] < '1' || last[0] > '9' {
		return false
	}
	for i, p := range parts[:len(parts)-1] {
		if p == "" || i == 0 && (len(p) < 2 || len(p) > 4) {
			return false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < 'a' || p[j] > 'z' {
				return false
			}
		}
	}
	return true
}

// isRegion reports whether s can be a region name: lower-case letters, digits and hyphens,
// with a letter (us-east-1, eu-central-2, us-gov-west-1).
func isRegion(s string) bool {
	return isServiceLike(s) && strings.IndexFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' }) >= 0
}

// itemKind is what a list holds.
type itemKind int

const (
	kindARN itemKind = iota
	kindAction
	kindActionGlob
	kindService
)

func (k itemKind) noun() string {
	switch k {
	case kindARN:
		return "ARN"
	case kindService:
		return "service prefix"
	}
	return "action"
}

// nounOf names what the list under a template key holds.
func nounOf(key string) string {
	switch {
	case strings.HasPrefix(key, "wildcard-only.service-"):
		return kindService.noun()
	case key == "skip-resource-constraints", key == "exclude-actions", key == "actions", key == "wildcard-only.single-actions", strings.HasPrefix(key, "actions-on."):
		return kindAction.noun()
	}
	return kindARN.noun()
}

// items checks each item's syntax and drops what fails and what repeats an earlier item.
func (k checker) items(items []Item, kind itemKind) []Item {
	if len(items) == 0 {
		return items
	}
	out := items[:0]
	var seen map[string]*diag.Location
	for _, it := range items {
		s := strings.TrimSpace(it.Value)
		if !k.visible(kind.noun(), s, it.Loc) || !k.checkItem(kind, s, it.Loc) {
			continue
		}
		id := s
		if kind != kindARN {
			// Actions and service prefixes are case-insensitive in IAM.
			id = strings.ToLower(s)
		}
		if seen == nil {
			seen = make(map[string]*diag.Location, len(items))
		}
		if first, dup := seen[id]; dup {
			if !k.full(diag.DuplicateItem, diag.Warning) {
				k.diags = append(k.diags, duplicateItem(kind.noun(), s, it.Loc, first))
			}
			continue
		}
		seen[id] = it.Loc
		it.Value = s
		out = append(out, it)
	}
	return out
}

// duplicateItem is the warning for an item that repeats an earlier one in its list.
func duplicateItem(noun, value string, loc, first *diag.Location) diag.Diagnostic {
	return diag.Warnf(diag.DuplicateItem, loc, "%s %q is already listed at %s; skipped", noun, clip(value), where(first))
}

// DuplicateAction is duplicateItem for an action, for a way in that drops a repeat before
// Check sees it (an import that cannot hold the action).
func DuplicateAction(value string, loc, first *diag.Location) diag.Diagnostic {
	return duplicateItem(kindAction.noun(), value, loc, first)
}

// visible reports an invisible character in a value — a control, a zero-width or
// bidirectional character, a soft hyphen: what a paste from a chat or a document brings along.
// Such a value looks right and matches nothing, or something else.
func (k checker) visible(noun, s string, l *diag.Location) bool {
	r, pos, ok := runes.Invisible(s)
	if !ok {
		return true
	}
	clean := strings.Map(func(r rune) rune {
		if runes.IsInvisible(r) {
			return -1
		}
		return r
	}, s)
	d := k.errorf(diag.InvisibleCharacter, l, "%s %q holds %s at character %d, which cannot be seen; retype it", noun, clip(s), runes.Name(r), pos)
	if clean != "" && utf8.ValidString(clean) {
		d.Suggestions = []string{clean}
	}
	return false
}

// where says where a value was written, for "already listed at …": a line of a template, a
// field of a state.
func where(l *diag.Location) string {
	if d := l.Describe(); d != "" {
		return d
	}
	return "an earlier entry"
}

// checkItem is the syntax check that needs no catalog; the writer does the rest.
func (k checker) checkItem(kind itemKind, s string, l *diag.Location) bool {
	switch kind {
	case kindARN:
		if s == "*" || strings.HasPrefix(s, "arn:") {
			return true
		}
		d := k.errorf(diag.InvalidARN, l, "%q is not an ARN: want arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, or \"*\"", clip(s))
		if low := strings.ToLower(s); strings.HasPrefix(low, "arn:") {
			d.Suggestions = []string{"arn:" + s[4:]}
		} else if strings.Contains(s, ":") && !strings.Contains(s, "/") && !strings.Contains(s, "::") && isActionLike(s, false) {
			d.Message += "; it looks like an action: actions go under wildcard-only.single-actions, skip-resource-constraints or (in actions mode) actions"
		}
		return false
	case kindAction, kindActionGlob:
		glob := kind == kindActionGlob
		if isActionLike(s, glob) {
			return true
		}
		if !glob && isActionLike(s, true) {
			k.errorf(diag.InvalidAction, l, "%q: wildcards are allowed only in exclude-actions; list the actions themselves", clip(s))
			return false
		}
		d := k.errorf(diag.InvalidAction, l, "%q is not an action: want SERVICE:ACTION, like s3:GetObject", clip(s))
		if strings.HasPrefix(s, "arn:") {
			d.Message += "; ARNs go under read, write, list, tagging or permissions-management"
		}
		return false
	case kindService:
		if isServiceLike(s) {
			return true
		}
		d := k.errorf(diag.InvalidService, l, "%q is not a service prefix: want lower-case letters, digits and hyphens, like s3 or ec2", clip(s))
		if low := strings.ToLower(s); isServiceLike(low) {
			d.Suggestions = []string{low}
		} else if svc, _, ok := strings.Cut(s, ":"); ok && isServiceLike(strings.ToLower(svc)) {
			d.Message += "; single actions go under wildcard-only.single-actions"
		}
		return false
	}
	return false
}

// unknownLevel reports a level a front door named by value that is none of the five.
func (k checker) unknownLevel(name string, items []Item) {
	var l *diag.Location
	if len(items) > 0 {
		l = items[0].Loc
	}
	d := k.errorf(diag.InvalidValue, l, "unknown access level %q: want read, write, list, tagging or permissions-management", clip(name))
	k.suggest(d, closest(name, levelNames()))
}

func stsAction(key string) string {
	for _, s := range stsKeys {
		if "sts."+s.key == key || s.key == key {
			return s.action
		}
	}
	return ""
}

func (k checker) unknownSTSKey(st *STSRoles) {
	var l *diag.Location
	if len(st.Roles) > 0 {
		l = st.Roles[0].Loc
	}
	name := strings.TrimPrefix(st.Key, "sts.")
	d := k.errorf(diag.InvalidValue, l, "unknown sts key %q: want %s", clip(name), orList(stsKeyNames))
	k.suggest(d, closest(name, stsKeyNames))
}

// conditions checks operators and values: a condition narrows a grant, so one that is wrong
// is an error, never dropped in silence.
func (k checker) conditions() {
	t := k.t
	out := t.Conditions[:0]
	for _, b := range t.Conditions {
		if b.Level == catalog.LevelUnknown && b.LevelName != "" {
			d := k.errorf(diag.InvalidValue, b.Loc, "unknown access level %q for a condition: want read, write, list, tagging or permissions-management, or none for the whole policy", clip(b.LevelName))
			k.suggest(d, closest(b.LevelName, levelNames()))
			continue
		}
		cs := b.Conditions[:0]
		for _, c := range b.Conditions {
			if k.condition(&c, b.Level) {
				cs = append(cs, c)
			}
		}
		b.Conditions = cs
		if len(cs) > 0 {
			out = append(out, b)
		}
	}
	t.Conditions = out
}

func (k checker) condition(c *Condition, level catalog.AccessLevel) bool {
	if strings.TrimSpace(c.Key) == "" {
		k.errorf(diag.EmptyCondition, c.Loc, "a condition under %s has no condition key", clipKey(c.Operator))
		return false
	}
	if !k.visible("condition key", c.Key, c.Loc) {
		return false
	}
	if _, ok := checkOperator(c.Operator); !ok {
		k.unknownOperator(c.Operator, level, c.Loc)
		return false
	}
	if len(c.Values) == 0 {
		k.errorf(diag.EmptyCondition, c.Loc, "condition key %q has no value; give a value or a list of values", clipKey(c.Key))
		return false
	}
	var seen map[string]bool
	vals := c.Values[:0]
	for _, v := range c.Values {
		if seen[v] {
			k.warnf(diag.DuplicateItem, c.Loc, "value %q of %s is listed twice; skipped", clip(v), clipKey(c.Key))
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[v] = true
		vals = append(vals, v)
	}
	c.Values = vals
	return true
}

// unknownOperator reports an operator IAM does not have, with the one meant where it can tell.
// Read reports it at the operator's key, and skips the block beneath; Check at the condition.
func (c *collector) unknownOperator(op string, level catalog.AccessLevel, l *diag.Location) {
	msg := "unknown condition operator %q"
	var suggestion string
	var oerr *policy.OperatorError
	if _, err := policy.ParseOperator(op); errors.As(err, &oerr) {
		if oerr.Reason != "" {
			msg += ": " + strings.ReplaceAll(oerr.Reason, "%", "%%")
		}
		suggestion = oerr.Suggestion
	}
	if _, isLevel := levelOf(op); isLevel && level != catalog.LevelUnknown {
		msg += ": access levels hold operators, not each other; put this block directly under conditions"
	}
	d := c.errorf(diag.UnknownConditionOperator, l, msg, clipKey(op))
	if suggestion != "" {
		c.suggest(d, []string{suggestion})
	}
}

// modeRules reports and drops what the mode ignores, and a template that asks for nothing.
func (k checker) modeRules(asked []string) {
	t := k.t
	if t.Mode == ModeActions {
		for _, key := range asked {
			k.errorf(diag.KeyIgnoredInMode, k.keyLoc(key), "%q is a crud-mode key, and actions mode ignores it (Policy Sentry drops it silently); use mode: crud, or list the actions under \"actions\"", key)
		}
		if len(t.ExcludeActions) > 0 {
			k.errorf(diag.KeyIgnoredInMode, k.keyLoc("exclude-actions"), "%q is a crud-mode key, and actions mode ignores it (Policy Sentry drops it silently); use mode: crud, or list the actions under \"actions\"", "exclude-actions")
		}
		t.Levels, t.ActionsOn, t.SingleActions, t.ServiceWildcards, t.SkipResourceConstraints, t.ExcludeActions, t.STS = nil, nil, nil, nil, nil, nil, nil
		if len(t.Actions) == 0 {
			if t.Keys["actions"] != nil {
				k.errorf(diag.EmptyTemplate, k.keyLoc("actions"), "the actions list is empty, so the policy would grant nothing; list actions like s3:GetObject")
			} else {
				k.errorf(diag.EmptyTemplate, k.keyLoc("mode"), "actions mode needs an \"actions\" list (like [s3:GetObject]); this template asks for nothing")
			}
		}
		return
	}
	if len(t.Actions) > 0 {
		k.errorf(diag.KeyIgnoredInMode, k.keyLoc("actions"), "\"actions\" is an actions-mode key, and crud mode ignores it (Policy Sentry drops it silently); use mode: actions, or list ARNs under read, write, ...")
	}
	t.Actions = nil
	if len(asked) == 0 {
		k.errorf(diag.EmptyTemplate, k.keyLoc("mode"), "the template asks for nothing: every list is empty, so the policy would grant nothing; add ARNs under read, write, list, tagging or permissions-management")
	}
}

func filterLevels(s []LevelARNs, keep func(*LevelARNs) bool) []LevelARNs {
	out := s[:0]
	for i := range s {
		if keep(&s[i]) {
			out = append(out, s[i])
		}
	}
	return out
}

func filterActionsOn(s []ARNActions, keep func(*ARNActions) bool) []ARNActions {
	out := s[:0]
	for i := range s {
		if keep(&s[i]) {
			out = append(out, s[i])
		}
	}
	return out
}

func filterServices(s []LevelServices, keep func(*LevelServices) bool) []LevelServices {
	out := s[:0]
	for i := range s {
		if keep(&s[i]) {
			out = append(out, s[i])
		}
	}
	return out
}

func filterSTS(s []STSRoles, keep func(*STSRoles) bool) []STSRoles {
	out := s[:0]
	for i := range s {
		if keep(&s[i]) {
			out = append(out, s[i])
		}
	}
	return out
}
