package policy

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/diag"
)

func utf16Pair(r rune) (rune, rune) { return utf16.EncodeRune(r) }

const actionShape = `an action is "service:ActionName" like "s3:GetObject", or "*"`

// checkAction checks an action's grammar. IAM matches actions ignoring case, so an upper-case
// service prefix works and is only a warning; anything else wrong is an error.
func checkAction(a string) (diag.Severity, string) {
	if a == "*" {
		return "", ""
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok {
		return diag.Error, fmt.Sprintf("action %.80q has no ':'; %s", a, actionShape)
	}
	if svc == "" {
		return diag.Error, fmt.Sprintf("action %.80q has no service prefix before ':'; %s", a, actionShape)
	}
	upper := false
	for i, r := range svc {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-':
		case r >= 'A' && r <= 'Z':
			upper = true
		case r == '*' || r == '?':
			return diag.Error, fmt.Sprintf("action %.80q: wildcards are not allowed in the service prefix; write \"*\" for every action of every service", a)
		default:
			return diag.Error, fmt.Sprintf("invalid character %q at position %d of action %.80q: a service prefix holds lower-case letters, digits and '-'", r, utf8.RuneCountInString(svc[:i])+1, a)
		}
	}
	if name == "" {
		return diag.Error, fmt.Sprintf("action %.80q has no name after ':'; write %q for every action of the service", a, svc+":*")
	}
	for i, r := range name {
		if r < utf8.RuneSelf && (isAlnum(byte(r)) || r == '*' || r == '?' || r == '-') {
			continue
		}
		return diag.Error, fmt.Sprintf("invalid character %q at position %d of action %.80q: an action name holds letters, digits, '-', '*' and '?'", r, len(svc)+1+utf8.RuneCountInString(name[:i])+1, a)
	}
	if upper {
		return diag.Warning, fmt.Sprintf("action %.80q: service prefixes are written in lower case (%q); IAM matches actions ignoring case, so this works, but tools and reviewers expect lower case", a, strings.ToLower(svc)+":"+name)
	}
	return "", ""
}

// ValidAction reports whether an Action or NotAction entry is one the grammar accepts (an
// upper-case service prefix is only a warning, so it is). An entry it rejects — "*:Describe*",
// " s3:GetObject", "GetObject" — matches no action, in Action and NotAction alike; Parse has
// reported it.
func ValidAction(a string) bool {
	sev, _ := checkAction(a)
	return sev != diag.Error
}

// checkResource checks a Resource value: "*" or an ARN. Policy variables are opaque text: a
// variable stands for whatever the segment it sits in accepts.
func checkResource(r string) string {
	if r == "*" {
		return ""
	}
	return checkARN(r)
}

func checkARN(s string) string {
	if emptyResourcePart(s) {
		// IAM takes an ARN whose resource part is empty: AWS's own
		// AmazonDevOpsGuruOrganizationsAccess grants on "arn:aws:organizations::*:". Check the
		// other parts as if it had one; an error there is reported on the ARN as written.
		if checkARN(s+"x") == "" {
			return ""
		}
	}
	if !strings.Contains(s, "${") {
		if _, err := arn.Parse(s); err != nil {
			return err.Error()
		}
		return ""
	}
	sub, orig := opaque(s)
	_, err := arn.Parse(sub)
	var pe *arn.ParseError
	if err == nil || !errors.As(err, &pe) {
		return ""
	}
	// Report the column in the text as written, not in the substituted one.
	at := len(s)
	if i := pe.Column - 1; i < len(orig) {
		at = orig[i]
	}
	return fmt.Sprintf("invalid ARN %.80q: column %d: %s", s, utf8.RuneCountInString(s[:at])+1, pe.Reason)
}

// emptyResourcePart reports whether an ARN ends at its fifth colon: "arn:aws:organizations::*:".
// Policy variables count as text without colons.
func emptyResourcePart(s string) bool {
	if strings.Contains(s, "${") {
		s, _ = opaque(s)
	}
	return strings.HasPrefix(s, "arn:") && strings.HasSuffix(s, ":") && strings.Count(s, ":") == 5
}

// EmptyResourcePart reports whether a Resource ARN ends at its fifth colon, which IAM accepts
// ("arn:aws:organizations::*:") and which names no resource: no resource's ARN ends in ':'.
func EmptyResourcePart(s string) bool { return emptyResourcePart(s) }

// opaque replaces every policy variable ${...} with text its ARN segment accepts ("*", or "x"
// in the service segment, which takes no wildcards), and returns, for each byte of the result,
// its offset in s. An unclosed "${" stays literal text.
func opaque(s string) (string, []int) {
	var b strings.Builder
	orig := make([]int, 0, len(s))
	colons := 0
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "${") {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				stand := byte('*')
				if colons == 2 {
					stand = 'x'
				}
				b.WriteByte(stand)
				orig = append(orig, i)
				i += j + 1
				continue
			}
		}
		if s[i] == ':' {
			colons++
		}
		b.WriteByte(s[i])
		orig = append(orig, i)
		i++
	}
	return b.String(), orig
}

// isUniqueID reports whether s looks like an IAM unique ID ("AROA..." or "AIDA..."), which IAM
// writes in place of the ARN of a principal that was deleted.
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// checkPrincipal checks one principal value of a known type.
func checkPrincipal(lk listKind, v string) string {
	switch lk {
	case listAWS:
		switch {
		case v == "*", arn.IsAccountID(v), isUniqueID(v):
			return ""
		case strings.HasPrefix(v, "arn:"):
			if msg := checkARN(v); msg != "" {
				return "AWS principal: " + msg
			}
			return ""
		}
		return fmt.Sprintf(`AWS principal %.80q: want an account ID (12 digits), an ARN such as "arn:aws:iam::123456789012:role/name", or "*"`, v)
	case listService:
		if v == "" || strings.ContainsAny(v, " \t\r\n") || !strings.Contains(v, ".") {
			return fmt.Sprintf(`service principal %.80q: want a service host name such as "lambda.amazonaws.com"`, v)
		}
	case listFederated:
		if strings.HasPrefix(v, "arn:") {
			if msg := checkARN(v); msg != "" {
				return "federated principal: " + msg
			}
			return ""
		}
		if v == "" || strings.ContainsAny(v, " \t\r\n") || !strings.Contains(v, ".") {
			return fmt.Sprintf(`federated principal %.80q: want an identity provider ARN ("arn:aws:iam::123456789012:saml-provider/name") or a provider host such as "cognito-identity.amazonaws.com"`, v)
		}
	case listCanonicalUser:
		if len(v) != 64 || strings.Trim(v, "0123456789abcdefABCDEF") != "" {
			return fmt.Sprintf("canonical user ID %.80q: want 64 hexadecimal digits", v)
		}
	}
	return ""
}

// checkConditionValue returns what an operator family wants when v does not fit it, else "".
// Values holding a policy variable are known only at evaluation and always fit.
func checkConditionValue(family, v string) string {
	if strings.Contains(v, "${") {
		return ""
	}
	switch family {
	case "Bool", "Null":
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return "true or false"
		}
	case "Numeric":
		if !isDecimal(v) {
			return "a number"
		}
	case "Date":
		if !isDate(v) {
			return `an ISO 8601 date or date-time ("2026-01-31", "2026-01-31T23:59:59Z") or epoch seconds`
		}
	case "IpAddress":
		if !isIPOrCIDR(v) {
			return `an IPv4 or IPv6 address or CIDR range ("203.0.113.0/24", "2001:db8::/32")`
		}
	case "Binary":
		if _, err := base64.StdEncoding.DecodeString(v); err != nil || v == "" {
			return "base64-encoded bytes"
		}
	case "Arn":
		// Arn operators take patterns whose every segment may hold wildcards (even the service,
		// which a Resource may not), so only the shape is checked.
		if v != "*" && (!strings.HasPrefix(v, "arn:") || strings.Count(v, ":") < 5) {
			return "an ARN such as arn:aws:sns:us-east-1:123456789012:topic (six ':'-separated parts)"
		}
	}
	return ""
}

// isDecimal reports whether s is an optionally signed decimal number: "10", "-1.5".
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	return allDigits(intPart) && (!hasFrac || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDate reports whether s is epoch seconds or an ISO 8601 date, with an optional time of day
// (minutes, seconds and fractions optional) and zone (Z, ±hh:mm or ±hhmm).
func isDate(s string) bool {
	if allDigits(s) {
		return true
	}
	if len(s) < 10 {
		return false
	}
	if !isCalendarDate(s[:10]) {
		return false
	}
	rest := s[10:]
	if rest == "" {
		return true
	}
	if rest[0] != 'T' {
		return false
	}
	rest = rest[1:]
	// Zone
	switch {
	case strings.HasSuffix(rest, "Z"):
		rest = rest[:len(rest)-1]
	case len(rest) > 6 && (rest[len(rest)-6] == '+' || rest[len(rest)-6] == '-') && rest[len(rest)-3] == ':':
		if !isClock(rest[len(rest)-5:len(rest)-3], 23) || !isClock(rest[len(rest)-2:], 59) {
			return false
		}
		rest = rest[:len(rest)-6]
	case len(rest) > 5 && (rest[len(rest)-5] == '+' || rest[len(rest)-5] == '-'):
		if !isClock(rest[len(rest)-4:len(rest)-2], 23) || !isClock(rest[len(rest)-2:], 59) {
			return false
		}
		rest = rest[:len(rest)-5]
	}
	clock, frac, hasFrac := strings.Cut(rest, ".")
	if hasFrac && !allDigits(frac) {
		return false
	}
	parts := strings.Split(clock, ":")
	limits := []int{23, 59, 60}
	if len(parts) > 3 || hasFrac && len(parts) != 3 {
		return false
	}
	for i, part := range parts {
		if !isClock(part, limits[i]) {
			return false
		}
	}
	return true
}

// isCalendarDate reports whether s is a real date written YYYY-MM-DD (2026-02-30 is not).
func isCalendarDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return false
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	d := int(s[8]-'0')*10 + int(s[9]-'0')
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m]
}

// isIPOrCIDR reports whether s is an IPv4 or IPv6 address, with an optional /prefix length.
// (net/netip would do, at 40 KB of WebAssembly; this is what IpAddress values need.)
func isIPOrCIDR(s string) bool {
	addr, bits, hasBits := strings.Cut(s, "/")
	max := 32
	if strings.Contains(addr, ":") {
		max = 128
		if !isIPv6(addr) {
			return false
		}
	} else if !isIPv4(addr) {
		return false
	}
	if !hasBits {
		return true
	}
	if !allDigits(bits) || len(bits) > 3 || len(bits) > 1 && bits[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(bits); i++ {
		n = n*10 + int(bits[i]-'0')
	}
	return n <= max
}

func isIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if !allDigits(p) || len(p) > 3 || len(p) > 1 && p[0] == '0' {
			return false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			n = n*10 + int(p[i]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}

func isIPv6(s string) bool {
	if strings.Count(s, "::") > 1 {
		return false
	}
	groups, want := 0, 8
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.Contains(s[i+1:], ".") {
		if !isIPv4(s[i+1:]) { // an embedded IPv4 tail counts as two groups
			return false
		}
		s, want = s[:i+1], 6
		if strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "::") {
			s = s[:len(s)-1]
		}
	}
	compressed := strings.Contains(s, "::")
	for _, half := range strings.SplitN(s, "::", 2) {
		if half == "" {
			continue
		}
		for _, g := range strings.Split(half, ":") {
			if len(g) == 0 || len(g) > 4 {
				return false
			}
			for i := 0; i < len(g); i++ {
				c := g[i]
				if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
					return false
				}
			}
			groups++
		}
	}
	if compressed {
		return groups < want
	}
	return groups == want
}

func isClock(s string, limit int) bool {
	if len(s) != 2 || !allDigits(s) {
		return false
	}
	return int(s[0]-'0')*10+int(s[1]-'0') <= limit
}
