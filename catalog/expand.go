package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Expand returns the actions a pattern names, sorted by full name: an action ("s3:GetObject"),
// a wildcard inside a service ("s3:Get*", "iam:*AccessKey*"), across services ("*:Describe*"),
// or everything ("*", "*:*"). Matching ignores case, as IAM does. A pattern that is well formed
// but matches nothing returns no actions and no error; the caller says so.
func (c *Catalog) Expand(pattern string) ([]*Action, error) {
	p := strings.TrimSpace(pattern)
	if p == "*" {
		p = "*:*"
	}
	svcPat, namePat, ok := strings.Cut(p, ":")
	if !ok || svcPat == "" || namePat == "" {
		return nil, &LookupError{Msg: fmt.Sprintf("%q is not an action pattern (want service:Action, with * and ? allowed, such as s3:Get*)", pattern), Err: ErrUnknownAction}
	}
	if strings.ContainsAny(namePat, ": ") {
		return nil, &LookupError{Msg: fmt.Sprintf("%q is not an action pattern: an action name holds no ':' or spaces", pattern), Err: ErrUnknownAction}
	}
	var services []*Service
	if HasGlob(svcPat) {
		for _, e := range c.entries {
			if MatchGlob(svcPat, e.Prefix) {
				s, err := c.load(e)
				if err != nil {
					return nil, err
				}
				services = append(services, s)
			}
		}
	} else {
		s, err := c.Service(svcPat)
		if err != nil {
			return nil, err
		}
		services = append(services, s)
	}
	// Services come in prefix order; each service's actions are put in name order (most
	// sources keep them so already), so the whole list is sorted without sorting 22,000
	// actions as one (a third of expanding "*:*").
	var out []*Action
	for _, s := range services {
		if !HasGlob(namePat) {
			if a := s.Action(namePat); a != nil {
				out = append(out, a)
			}
			continue
		}
		from := len(out)
		for _, a := range s.Actions {
			if MatchGlob(namePat, a.Name) {
				out = append(out, a)
			}
		}
		if mine := out[from:]; !sort.SliceIsSorted(mine, func(i, j int) bool { return mine[i].Name < mine[j].Name }) {
			sort.SliceStable(mine, func(i, j int) bool { return mine[i].Name < mine[j].Name })
		}
	}
	if !sort.SliceIsSorted(out, func(i, j int) bool { return actionLess(out[i], out[j]) }) {
		sortActions(out)
	}
	return out, nil
}

func sortActions(a []*Action) {
	sort.Slice(a, func(i, j int) bool { return actionLess(a[i], a[j]) })
}

func actionLess(a, b *Action) bool {
	if a.Service != b.Service {
		return a.Service < b.Service
	}
	return a.Name < b.Name
}
