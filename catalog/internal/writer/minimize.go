package writer

import (
	"github.com/iamforge/iamforge/catalog/diag"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/policy"
)

// minimize merges statements with the same effect, resources and conditions, then shortens
// each action list. Unlike Policy Sentry it handles several "*" statements (it crashes).
func (w *writer) minimize(p *policy.Policy) *policy.Policy {
	out := &policy.Policy{Version: p.Version, ID: p.ID}
	index := map[string]int{}
	for _, st := range p.Statement {
		k := mergeKey(st)
		if i, ok := index[k]; ok {
			out.Statement[i].Action = append(out.Statement[i].Action, st.Action...)
			continue
		}
		index[k] = len(out.Statement)
		st.Action = append([]string(nil), st.Action...)
		out.Statement = append(out.Statement, st)
	}
	for i := range out.Statement {
		min, err := Minimize(w.cat, out.Statement[i].Action, w.opt.MinLen)
		if err != nil {
			w.errorf(diag.MinimizeFailed, nil, "minimizing %s: %v; its actions are left as they are", out.Statement[i].Sid, err)
			continue
		}
		out.Statement[i].Action = min
	}
	return out
}

func mergeKey(st policy.Statement) string {
	res := append([]string(nil), st.Resource...)
	sort.Strings(res)
	var b strings.Builder
	b.WriteString(st.Effect)
	b.WriteByte(0)
	b.WriteString(strings.Join(res, "\x01"))
	for _, c := range st.Condition {
		b.WriteByte(0)
		b.WriteString(c.Operator + "\x01" + c.Key + "\x01" + strings.Join(c.Values, "\x02"))
	}
	return b.String()
}

// Minimize replaces a list of actions with the shortest "service:Prefix*" patterns (of at least
// minLen characters of the action name) that match no action of the catalog outside the list,
// keeping an action's full name where no shorter prefix is safe. The result is sorted and
// matches exactly the same catalog actions as the input.
func Minimize(cat *catalog.Catalog, actions []string, minLen int) ([]string, error) {
	byService := map[string]map[string]bool{} // service → lower-case names granted
	spelled := map[string]string{}
	var passthrough []string
	for _, a := range actions {
		svc, name, ok := strings.Cut(a, ":")
		if !ok || catalog.HasGlob(a) {
			passthrough = append(passthrough, a)
			continue
		}
		svc = strings.ToLower(svc)
		if byService[svc] == nil {
			byService[svc] = map[string]bool{}
		}
		byService[svc][strings.ToLower(name)] = true
		spelled[svc+":"+strings.ToLower(name)] = name
	}
	var out []string
	for svc, granted := range byService {
		s, err := cat.Service(svc)
		if err != nil {
			return nil, err
		}
		all := make([]string, len(s.Actions))
		for i, a := range s.Actions {
			all[i] = strings.ToLower(a.Name)
		}
		sort.Strings(all)
		covered := true
		for _, n := range all {
			covered = covered && granted[n]
		}
		if covered && minLen <= 0 && len(all) > 0 {
			out = append(out, s.Prefix+":*")
			continue
		}
		var pats []string
		for name := range granted {
			pats = append(pats, shortestPrefix(all, granted, name, minLen, s.Prefix, spelled[svc+":"+name]))
		}
		sort.Strings(pats)
		// Drop patterns another pattern already covers ("s3:GetBucketA*" under "s3:GetB*").
		var kept []string
		for _, p := range pats {
			redundant := false
			for _, q := range kept {
				if strings.HasSuffix(q, "*") && catalog.MatchGlob(q, p) {
					redundant = true
					break
				}
			}
			if !redundant {
				kept = append(kept, p)
			}
		}
		out = append(out, kept...)
	}
	out = append(out, passthrough...)
	sort.Strings(out)
	return out, nil
}

// shortestPrefix finds the shortest prefix of name, at least minLen long, that starts no
// catalog action outside granted; all is the service's sorted lower-case action names.
func shortestPrefix(all []string, granted map[string]bool, name string, minLen int, prefix, spelling string) string {
	for l := max(minLen, 1); l < len(name); l++ {
		p := name[:l]
		i := sort.SearchStrings(all, p)
		safe := true
		for ; i < len(all) && strings.HasPrefix(all[i], p); i++ {
			if !granted[all[i]] {
				safe = false
				break
			}
		}
		if safe {
			return prefix + ":" + spelling[:l] + "*"
		}
	}
	return prefix + ":" + spelling
}
