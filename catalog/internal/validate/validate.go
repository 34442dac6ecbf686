package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// Options say what a policy is checked against.
type Options struct {
	Target policy.Target // size limit; zero means a managed policy
	File   string
}

// Validate reports what the catalog says of a parsed policy. Grammar findings come from
// policy.Parse; pass them in to have one sorted list.
func Validate(cat *catalog.Catalog, p *policy.Policy, grammar diag.List, opt Options) diag.List {
	v := &validator{cat: cat, file: opt.File, ds: append(diag.List(nil), grammar...)}
	ex, eds := expand.Expand(cat, p)
	for _, d := range eds {
		v.add(d)
	}
	for i, st := range p.Statement {
		v.statement(st, ex[i])
	}
	v.redundant(p, ex)
	p.Locate(v.ds, opt.File)
	v.ds = expand.Dedupe(v.ds)
	if opt.Target.Limit == 0 {
		opt.Target = policy.Target{Name: "managed", Limit: policy.ManagedLimit}
	}
	// AWS counts the document as it is sent, not iamforge's rewrite of it.
	n, ok := p.WrittenSize()
	if !ok {
		n = p.Size()
	}
	if n > opt.Target.Limit {
		v.add(diag.Errorf(diag.SizeOverLimit, &diag.Location{}, "the policy is %d characters (white space excluded), over the %s limit of %d", n, opt.Target.Name, opt.Target.Limit))
	}
	return v.ds.Sort()
}

type validator struct {
	cat  *catalog.Catalog
	file string
	ds   diag.List
}

func (v *validator) add(d diag.Diagnostic) {
	if d.Location == nil {
		d.Location = &diag.Location{}
	}
	if d.Location.File == "" {
		d.Location.File = v.file
	}
	v.ds = append(v.ds, d)
}

func loc(path string) *diag.Location { return &diag.Location{Key: path} }

func (v *validator) statement(st policy.Statement, e expand.Expanded) {
	acts := e.Granted
	v.duplicates(st, e.Path)
	v.resources(st, e.Path, acts)
	v.conditions(st, e.Path, acts)
	v.risky(st, e, acts)
}

func (v *validator) duplicates(st policy.Statement, path string) {
	seen := map[string]int{}
	for j, a := range st.Action {
		k := strings.ToLower(a)
		if first, ok := seen[k]; ok {
			v.add(diag.Warnf(diag.DuplicateAction, loc(fmt.Sprintf("%s.Action[%d]", path, j)), "%s is listed twice (first at Action[%d])", a, first))
			continue
		}
		seen[k] = j
	}
}

// resources checks that every specific resource is something some action acts on, and that
// every action can act on some resource.
func (v *validator) resources(st policy.Statement, path string, acts []*catalog.Action) {
	if len(st.Resource) == 0 || len(acts) == 0 {
		return
	}
	type matched struct {
		res   string
		index int
		m     catalog.ARNMatch
	}
	var specific []matched
	wildcard := false
	for j, r := range st.Resource {
		if r == "*" {
			wildcard = true
			continue
		}
		m := v.cat.MatchARN(withoutVariables(r))
		specific = append(specific, matched{r, j, m})
	}
	if len(specific) == 0 {
		return
	}
	usedRes := make([]bool, len(specific))
	var noResource, wildcardOnly []string
	for _, a := range acts {
		if a.WildcardOnly() {
			if !wildcard {
				wildcardOnly = append(wildcardOnly, a.FullName())
			}
			for i := range specific {
				usedRes[i] = usedRes[i] || specific[i].m.Status == catalog.ARNAny
			}
			continue
		}
		ok := wildcard
		for i, s := range specific {
			if actsOn(a, s.m) {
				ok = true
				usedRes[i] = true
			}
		}
		if !ok {
			noResource = append(noResource, a.FullName())
		}
	}
	if len(wildcardOnly) > 0 {
		v.add(diag.Warnf(diag.WildcardOnlyActionWithARN, loc(path+".Resource"),
			"%s take only \"*\" as a resource, so with only specific ARNs here they never apply", list(wildcardOnly, 6)))
	}
	if len(noResource) > 0 {
		v.add(diag.Warnf(diag.ResourceTypeMismatch, loc(path+".Resource"),
			"none of the resources is a resource type that %s act on, so they never apply here", list(noResource, 6)))
	}
	for i, s := range specific {
		if usedRes[i] {
			continue
		}
		where := loc(fmt.Sprintf("%s.Resource[%d]", path, s.index))
		where.ARN = s.res
		switch {
		case policy.EmptyResourcePart(s.res):
			v.add(diag.Warnf(diag.ResourceMatchesNoAction, where, "%s has an empty resource part: IAM accepts it, but no resource's ARN ends in ':', so it matches nothing", s.res))
		case s.m.Status == catalog.ARNInvalid, s.m.Status == catalog.ARNUnknownService, s.m.Status == catalog.ARNUnmatched:
			for _, d := range s.m.Diagnostics {
				d.Location = where
				d.Severity = diag.Warning
				v.add(d)
			}
		default:
			v.add(diag.Warnf(diag.ResourceMatchesNoAction, where, "%s (%s %s) is a resource no action of this statement acts on",
				s.res, s.m.Service, strings.Join(s.m.ResourceTypes, "/")))
		}
	}
}

// withoutVariables replaces policy variables (${aws:username}) with a plain value so that the
// ARN can be matched.
func withoutVariables(r string) string {
	for {
		i := strings.Index(r, "${")
		if i < 0 {
			return r
		}
		j := strings.IndexByte(r[i:], '}')
		if j < 0 {
			return r
		}
		r = r[:i] + "variable" + r[i+j+1:]
	}
}

func actsOn(a *catalog.Action, m catalog.ARNMatch) bool {
	if m.Status == catalog.ARNAny {
		return true
	}
	if m.Service == a.Service {
		for _, t := range m.ResourceTypes {
			if a.Resource(t) != nil {
				return true
			}
		}
	}
	for _, t := range m.Also {
		if t.Service == a.Service && a.Resource(t.ResourceType) != nil {
			return true
		}
	}
	return false
}

func list(names []string, n int) string {
	sort.Strings(names)
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func (v *validator) conditions(st policy.Statement, path string, acts []*catalog.Action) {
	// An operator block whose keys are all single-valued gets set-operator-single-valued for
	// ForAllValues:, which says what the grammar's forallvalues-with-allow says; the grammar's
	// advice there (use ForAnyValue:) would be wrong for such a key.
	singleOnly := map[string]bool{}
	for _, c := range st.Condition {
		where := loc(jsonscan.JoinKey(jsonscan.JoinKey(path+".Condition", c.Operator), c.Key))
		op, err := policy.ParseOperator(c.Operator)
		if err != nil {
			continue // the grammar check reported it
		}
		def := v.cat.ConditionKey(c.Key)
		block := jsonscan.JoinKey(path+".Condition", c.Operator)
		if def == nil {
			singleOnly[block] = false
			v.add(diag.Warnf(diag.UnknownConditionKey, where, "condition key %q is not a global key nor one of %s's keys", c.Key, strings.SplitN(c.Key, ":", 2)[0]))
			continue
		}
		if single, seen := singleOnly[block]; !seen || single {
			singleOnly[block] = !strings.HasPrefix(def.Type, "ArrayOf")
		}
		for _, m := range op.Check(def.Type, c.Values) {
			v.add(diag.Diagnostic{Code: m.Code, Severity: m.Severity, Location: where, Message: fmt.Sprintf("%s on %s: %s", c.Operator, c.Key, m.Message)})
		}
		var not []string
		for _, a := range acts {
			if !catalog.KeyApplies(c.Key, a, nil) {
				not = append(not, a.FullName())
			}
		}
		if len(not) > 0 && len(not) == len(acts) {
			v.add(diag.Warnf(diag.ConditionNotApplicable, where, "%s applies to none of the statement's actions (%s): with %s the statement never allows them",
				c.Key, list(not, 6), c.Operator))
		} else if len(not) > 0 {
			v.add(diag.Warnf(diag.ConditionNotApplicable, where, "%s does not apply to %s", c.Key, list(not, 6)))
		}
	}
	v.ds = slices.DeleteFunc(v.ds, func(d diag.Diagnostic) bool {
		return d.Code == diag.ForallvaluesWithAllow && d.Location != nil && singleOnly[d.Location.Key]
	})
}

func (v *validator) risky(st policy.Statement, e expand.Expanded, acts []*catalog.Action) {
	if st.Effect != "Allow" {
		return
	}
	onWildcard := false
	for _, r := range st.Resource {
		if r == "*" {
			onWildcard = true
		}
	}
	if len(st.NotResource) > 0 {
		onWildcard = true
		v.add(diag.Warnf(diag.AllowNotresource, loc(e.Path+".NotResource"), "Allow with NotResource grants on every resource but those listed, including resources created later"))
	}
	if onWildcard {
		v.dataOnWildcard(st, e.Path)
	}
	for j, a := range st.Action {
		if a == "*" || a == "*:*" {
			v.add(diag.Warnf(diag.FullWildcardAction, loc(fmt.Sprintf("%s.Action[%d]", e.Path, j)), "\"%s\" grants every action of every service", a))
		}
	}
	hasCondition := func(key string) bool {
		for _, c := range st.Condition {
			if strings.EqualFold(c.Key, key) {
				return true
			}
		}
		return false
	}
	var pm []string
	for _, a := range acts {
		if a.FullName() == "iam:PassRole" && onWildcard {
			d := diag.Warnf(diag.RiskyPassrole, loc(e.Path), "iam:PassRole on \"*\" lets the holder hand any role (an admin role too) to a service")
			if !hasCondition("iam:PassedToService") {
				d.Message += "; name the roles, or at least add an iam:PassedToService condition"
			}
			v.add(d)
		}
		if a.AccessLevel == catalog.PermissionsManagement && onWildcard {
			pm = append(pm, a.FullName())
		}
	}
	switch {
	case len(pm) == 1:
		v.add(diag.Warnf(diag.PermissionsManagementOnWildcard, loc(e.Path), "%s, a Permissions management action, on \"*\" can grant access to anything", pm[0]))
	case len(pm) > 1:
		v.add(diag.Warnf(diag.PermissionsManagementOnWildcard, loc(e.Path), "%d Permissions management actions on \"*\" (%s) can grant access to anything",
			len(pm), list(pm, 5)))
	}
}

// redundant reports statements another statement already covers.
func (v *validator) redundant(p *policy.Policy, ex []expand.Expanded) {
	// The cheap tests first, then the sets: a policy of a hundred statements is ten thousand
	// pairs.
	conds := make([]string, len(p.Statement))
	sets := make([]map[string]bool, len(p.Statement))
	for i, st := range p.Statement {
		conds[i] = conditionKey(st.Condition)
	}
	set := func(i int) map[string]bool {
		if sets[i] == nil {
			sets[i] = make(map[string]bool, len(ex[i].Names))
			for _, n := range ex[i].Names {
				sets[i][n] = true
			}
		}
		return sets[i]
	}
	subset := func(i, j int) bool { // every action of i is in j
		if len(ex[i].Names) == 0 || len(ex[i].Names) > len(ex[j].Names) {
			return false
		}
		sj := set(j)
		for _, n := range ex[i].Names {
			if !sj[n] {
				return false
			}
		}
		return true
	}
	for i, a := range p.Statement {
		for j, b := range p.Statement {
			if i == j || a.Effect != b.Effect || len(a.NotResource)+len(b.NotResource)+len(a.NotAction)+len(b.NotAction) > 0 {
				continue
			}
			if conds[i] != conds[j] || !resourcesCovered(a.Resource, b.Resource) || !subset(i, j) {
				continue
			}
			// Of two identical statements, report the later one only.
			if j > i && resourcesCovered(b.Resource, a.Resource) && subset(j, i) {
				continue
			}
			v.add(diag.Warnf(diag.RedundantStatement, loc(ex[i].Path), "everything %s grants, %s grants already", a.Name(i), b.Name(j)))
			break
		}
	}
}

// conditionKey is a condition block as one comparable string, independent of order.
func conditionKey(c policy.Conditions) string {
	if len(c) == 0 {
		return ""
	}
	var parts []string
	for _, x := range c {
		vals := append([]string(nil), x.Values...)
		sort.Strings(vals)
		parts = append(parts, x.Operator+"\x00"+strings.ToLower(x.Key)+"\x00"+strings.Join(vals, "\x01"))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x02")
}

// resourcesCovered reports whether every resource in a is matched by some resource in b.
func resourcesCovered(a, b []string) bool {
	for _, r := range a {
		ok := false
		for _, q := range b {
			if q == r || (strings.ContainsAny(q, "*?") && catalog.MatchGlob(q, r)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(a) > 0
}
