package arn

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Partitions lists every partition IAM knows.
var Partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// MaxLen is IAM's limit on the length of an ARN in bytes. Longer input is an error, which also
// bounds the time matching can take.
const MaxLen = 2048

// ARN is a parsed ARN. Any part but Service may hold the wildcards * and ?.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// String returns the ARN as text; Parse(a.String()) gives a back.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// HasWildcard reports whether the ARN holds a * or ? anywhere, that is whether it names a set of
// resources rather than one.
func (a ARN) HasWildcard() bool {
	return strings.ContainsAny(a.Partition, "*?") || strings.ContainsAny(a.Service, "*?") ||
		strings.ContainsAny(a.Region, "*?") || strings.ContainsAny(a.Account, "*?") ||
		strings.ContainsAny(a.Resource, "*?")
}

// ParseError describes why a string is not an ARN.
type ParseError struct {
	Input  string
	Column int // 1-based byte offset into Input of the problem
	Reason string
}

// maxQuoted bounds how much of the input an error message repeats: a 20 KB ARN should not turn
// into a 20 KB diagnostic.
const maxQuoted = 80

func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > maxQuoted {
		cut := maxQuoted
		for cut > 0 && !utf8.RuneStart(in[cut]) {
			cut--
		}
		in = in[:cut] + "…"
	}
	return fmt.Sprintf("invalid ARN %q: column %d: %s", in, e.Column, e.Reason)
}

const arnShape = "arn:partition:service:region:account-id:resource"

// Parse parses an ARN as written in a policy. Nothing is trimmed or case-folded: IAM compares ARNs
// byte for byte, so "ARN:aws:…" or a trailing space would never match anything. Errors are
// *ParseError.
func Parse(s string) (ARN, error) {
	fail := func(col int, format string, args ...any) (ARN, error) {
		return ARN{}, &ParseError{Input: s, Column: col, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case s == "":
		return fail(1, "empty; an ARN looks like %s", arnShape)
	case len(s) > MaxLen:
		return fail(MaxLen+1, "ARN is %d bytes long; IAM allows at most %d", len(s), MaxLen)
	case s == "*":
		return fail(1, `"*" means every resource; it is not an ARN`)
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return fail(1, "leading whitespace (ARNs are not trimmed)")
	}
	if r, n := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		end := len(s) - n
		for end > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= n
		}
		return fail(end+1, "trailing whitespace (ARNs are not trimmed)")
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fail(i+1, "invalid UTF-8")
		case r == 0:
			return fail(i+1, "NUL byte")
		case unicode.IsControl(r):
			return fail(i+1, "control character %U", r)
		}
	}
	if !strings.HasPrefix(s, "arn:") {
		if len(s) >= 4 && strings.EqualFold(s[:4], "arn:") {
			return fail(1, `an ARN starts with lower-case "arn:"`)
		}
		return fail(1, `an ARN starts with "arn:"; it looks like %s`, arnShape)
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 {
		return fail(len(s)+1, "found %d colon-separated parts, want 6: %s", len(parts), arnShape)
	}
	a := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}
	col := len("arn:") + 1

	if a.Partition == "" {
		return fail(col, "missing partition; known partitions are %s", strings.Join(Partitions, ", "))
	}
	if !knownPartition(a.Partition) {
		if strings.ContainsAny(a.Partition, "*?") {
			return fail(col, "partition pattern %q matches no known partition (%s)", a.Partition, strings.Join(Partitions, ", "))
		}
		return fail(col, "unknown partition %q; known partitions are %s", a.Partition, strings.Join(Partitions, ", "))
	}
	col += len(a.Partition) + 1

	if a.Service == "" {
		return fail(col, "missing service")
	}
	if i := strings.IndexAny(a.Service, "*?"); i >= 0 {
		return fail(col+i, "wildcards are not allowed in the service segment")
	}
	for i := 0; i < len(a.Service); i++ {
		if c := a.Service[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return fail(col+i, "invalid character %q in service %q: a service holds lower-case letters, digits and '-'", rune(c), a.Service)
		}
	}
	col += len(a.Service) + 1

	for _, seg := range []struct{ name, v string }{{"region", a.Region}, {"account", a.Account}} {
		for i := 0; i < len(seg.v); i++ {
			if c := seg.v[i]; !(isAlnum(c) || c == '-' || c == '*' || c == '?') {
				r, _ := utf8.DecodeRuneInString(seg.v[i:])
				return fail(col+i, "invalid character %q in %s: it holds letters, digits, '-', '*' and '?'", r, seg.name)
			}
		}
		col += len(seg.v) + 1
	}

	if a.Resource == "" {
		return fail(col, "missing resource after the fifth colon")
	}
	return a, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// knownPartition reports whether p, a partition or a glob, names at least one known partition.
func knownPartition(p string) bool {
	for _, k := range Partitions {
		if globMatch(p, k) {
			return true
		}
	}
	return false
}

// globMatch reports whether the glob g (with * and ?) matches the literal s in full. It is the
// classic two-pointer matcher that backtracks only to the last *, so it is O(len(g)·len(s)) at
// worst; it is used on the short first segments only.
func globMatch(g, s string) bool {
	gi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case gi < len(g) && (g[gi] == '?' || g[gi] == s[si]) && g[gi] != '*':
			gi++
			si++
		case gi < len(g) && g[gi] == '*':
			star, mark = gi, si
			gi++
		case star >= 0:
			mark++
			gi, si = star+1, mark
		default:
			return false
		}
	}
	for gi < len(g) && g[gi] == '*' {
		gi++
	}
	return gi == len(g)
}

// IsAccountID reports whether s is an AWS account ID as an ARN's account segment holds it:
// twelve digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
