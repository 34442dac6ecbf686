package links

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"github.com/iamforge/iamforge/catalog"
)

// stateView is the part of a canonical state that the link's page names. It only reads what
// the engine already accepted.
type stateView struct {
	Mode      string `json:"mode"`
	Effect    string `json:"effect"`
	Resources []struct {
		ARN    string   `json:"arn"`
		Levels []string `json:"levels"`
	} `json:"resources"`
	Actions  []string `json:"actions"`
	Services []struct {
		Service string   `json:"service"`
		Levels  []string `json:"levels"`
	} `json:"services"`
	Skip []string `json:"skip"`
	STS  []struct {
		Roles []string `json:"roles"`
	} `json:"sts"`
}

// arns lists the resources' ARNs when they count (in crud mode), each once.
func (s *stateView) arns() []string {
	if s.Mode == "actions" {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range s.Resources {
		if !seen[r.ARN] && len(r.Levels) > 0 {
			seen[r.ARN] = true
			out = append(out, r.ARN)
		}
	}
	return out
}

// levels in Policy Sentry's order, as the state spells them and as people read them.
var levels = []struct{ slug, name string }{
	{"read", "Read"}, {"write", "Write"}, {"list", "List"}, {"tagging", "Tagging"},
	{"permissions-management", "Permissions management"},
}

const (
	maxTitle = 160
	maxDesc  = 300
)

// summarize says what a policy grants, for the link's title and description: "Read on 2 S3
// buckets, Write on 1 DynamoDB table — 23 actions". Counts of actions are the write's; the
// kinds of resource are matchArn's.
func summarize(cat *catalog.Catalog, st *stateView, matches []arnMatch, wr *writeResult) (title, desc string) {
	byARN := map[string]arnMatch{}
	for _, m := range matches {
		byARN[m.ARN] = m
	}
	var parts []string
	if st.Mode != "actions" {
		for _, lv := range levels {
			type group struct {
				noun string
				n    int
			}
			var groups []*group
			index := map[string]*group{}
			for _, r := range st.Resources {
				if !has(r.Levels, lv.slug) {
					continue
				}
				noun := resourceNoun(cat, byARN[r.ARN])
				g := index[noun]
				if g == nil {
					g = &group{noun: noun}
					index[noun] = g
					groups = append(groups, g)
				}
				g.n++
			}
			if len(groups) == 0 {
				continue
			}
			var each []string
			for _, g := range groups {
				each = append(each, count(g.n, g.noun))
			}
			parts = append(parts, lv.name+" on "+andList(each))
		}
		for _, lv := range levels {
			var svcs []string
			for _, s := range st.Services {
				if has(s.Levels, lv.slug) {
					svcs = append(svcs, serviceName(cat, s.Service))
				}
			}
			if len(svcs) > 0 {
				parts = append(parts, lv.name+" on every "+andList(svcs)+" action that takes only *")
			}
		}
	}
	if n := len(st.Actions) + len(st.Skip); n > 0 {
		parts = append(parts, count(n, "single action"))
	}
	roles := 0
	for _, s := range st.STS {
		roles += len(s.Roles)
	}
	if roles > 0 {
		parts = append(parts, "assume "+count(roles, "role"))
	}
	actions := len(wr.Explanations)
	tail := " — " + count(actions, "action")
	title = fitList(parts, maxTitle-len(tail)) + tail
	if title == tail {
		title = "IAM policy" + tail
	}
	if st.Effect == "Deny" {
		title = "Deny: " + title
	}

	var svcs []string
	seen := map[string]bool{}
	for _, e := range wr.Explanations {
		p, _, _ := strings.Cut(e.Action, ":")
		if !seen[p] {
			seen[p] = true
			svcs = append(svcs, p)
		}
	}
	sort.Strings(svcs)
	names := make([]string, len(svcs))
	for i, p := range svcs {
		names[i] = serviceName(cat, p)
	}
	effect := "allows"
	if st.Effect == "Deny" {
		effect = "denies"
	}
	desc = fmt.Sprintf("A least-privilege AWS IAM policy that %s %s on %s, written by iamforge: %s of %s characters (%s).",
		effect, count(actions, "action"), fitAnd(names, 120), group(wr.Size), group(wr.Limit), targetName(wr.Target))
	if wr.Parts > 1 {
		desc += fmt.Sprintf(" Split into %d policies.", wr.Parts)
	}
	desc += " Open it to see every action and why it is there."
	if len(desc) > maxDesc {
		desc = desc[:maxDesc-len("…")] + "…"
		desc = strings.ToValidUTF8(desc, "")
	}
	return title, desc
}

// resourceNoun names what an ARN is: "S3 bucket", "Lambda function alias", "S3 bucket or
// object" for a wildcard that covers both, "resource" when nothing matched.
func resourceNoun(cat *catalog.Catalog, m arnMatch) string {
	if m.Service == "" || len(m.ResourceTypes) == 0 {
		return "resource"
	}
	types := m.ResourceTypes
	if len(types) > 3 {
		types = append(types[:3:3], "…")
	}
	return serviceName(cat, m.Service) + " " + strings.Join(types, " or ")
}

// serviceName is a service's name without "Amazon " or "AWS ": "S3", "DynamoDB".
func serviceName(cat *catalog.Catalog, prefix string) string {
	s, err := cat.Service(prefix)
	if err != nil || s.Name == "" {
		return prefix
	}
	n := s.Name
	for _, p := range []string{"Amazon ", "AWS "} {
		n = strings.TrimPrefix(n, p)
	}
	return n
}

var targetNames = map[string]string{
	"managed": "a managed policy", "role-inline": "a role's inline policy", "group-inline": "a group's inline policy",
	"user-inline": "a user's inline policy", "trust": "a trust policy",
}

func targetName(t string) string {
	if n, ok := targetNames[t]; ok {
		return n
	}
	return "the size limit"
}

// count is "1 bucket", "2 buckets", "3 policies".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return group(n) + " " + plural(noun)
}

func plural(noun string) string {
	// Only the last word takes the plural: "function alias" → "function aliases".
	head, last := "", noun
	if i := strings.LastIndexByte(noun, ' '); i >= 0 {
		head, last = noun[:i+1], noun[i+1:]
	}
	switch {
	case last == "…" || last == "*":
		return noun
	case strings.HasSuffix(last, "y") && len(last) > 1 && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		return head + last[:len(last)-1] + "ies"
	case strings.HasSuffix(last, "s"), strings.HasSuffix(last, "x"), strings.HasSuffix(last, "z"),
		strings.HasSuffix(last, "ch"), strings.HasSuffix(last, "sh"):
		return head + last + "es"
	}
	return head + last + "s"
}

// group writes 6144 as "6,144".
func group(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// andList is "a", "a and b", "a, b and c".
func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// fitList joins xs with ", " within max bytes, ending with "and N more" when some are left out.
func fitList(xs []string, max int) string {
	out := strings.Join(xs, ", ")
	if len(out) <= max {
		return out
	}
	for keep := len(xs) - 1; keep >= 1; keep-- {
		out = strings.Join(xs[:keep], ", ") + fmt.Sprintf(" and %d more", len(xs)-keep)
		if len(out) <= max {
			return out
		}
	}
	s := xs[0]
	if len(s) > max-len("…") && max > len("…") {
		s = strings.ToValidUTF8(s[:max-len("…")], "") + "…"
	}
	if len(xs) > 1 {
		s += fmt.Sprintf(" and %d more", len(xs)-1)
	}
	return s
}

// fitAnd is andList within max bytes, or fitList when that is too long.
func fitAnd(xs []string, max int) string {
	if s := andList(xs); len(s) <= max {
		return s
	}
	return fitList(xs, max)
}

func has(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// page is the link's HTML: what the policy grants, for people and for link previews, and a
// refresh that opens the builder on the state (the builder reads its state from the
// fragment). Everything from the record is escaped; the page has no script and no style.
func page(origin, id string, rec *record) []byte {
	e := html.EscapeString
	self := e(origin + "/s/" + id)
	open := e("/#" + rec.Fragment)
	var b strings.Builder
	b.Grow(2048 + 2*len(rec.Fragment))
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + e(rec.Title) + " · iamforge</title>\n")
	b.WriteString("<meta name=\"description\" content=\"" + e(rec.Description) + "\">\n")
	b.WriteString("<meta property=\"og:type\" content=\"website\">\n")
	b.WriteString("<meta property=\"og:site_name\" content=\"iamforge\">\n")
	b.WriteString("<meta property=\"og:title\" content=\"" + e(rec.Title) + "\">\n")
	b.WriteString("<meta property=\"og:description\" content=\"" + e(rec.Description) + "\">\n")
	b.WriteString("<meta property=\"og:url\" content=\"" + self + "\">\n")
	b.WriteString("<meta name=\"twitter:card\" content=\"summary\">\n")
	b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	b.WriteString("<link rel=\"canonical\" href=\"" + self + "\">\n")
	b.WriteString("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n")
	b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + open + "\">\n")
	b.WriteString("</head>\n<body>\n<main>\n<h1>" + e(rec.Title) + "</h1>\n<p>" + e(rec.Description) + "</p>\n")
	b.WriteString("<p><a href=\"" + open + "\">Open this policy in the iamforge builder</a></p>\n</main>\n</body>\n</html>\n")
	return []byte(b.String())
}
