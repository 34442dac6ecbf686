package policy

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AWS's size limits, in characters of policy JSON without white space outside strings.
const (
	ManagedLimit     = 6144  // a customer managed policy
	RoleInlineLimit  = 10240 // all inline policies of a role together
	GroupInlineLimit = 5120  // all inline policies of a group together
	UserInlineLimit  = 2048  // all inline policies of a user together
	TrustLimit       = 2048  // a role trust policy (the default quota; it can be raised to 4096)
)

// MaxManagedPerRole is how many managed policies AWS attaches to a role by default, the usual
// maxParts for Split.
const MaxManagedPerRole = 10

// Target is where a policy goes, with the size AWS allows there.
type Target struct {
	Name  string // "managed", "role-inline", "group-inline", "user-inline" or "trust"
	Limit int
}

// Targets lists every target ParseTarget knows, in that order.
var Targets = []Target{
	{"managed", ManagedLimit},
	{"role-inline", RoleInlineLimit},
	{"group-inline", GroupInlineLimit},
	{"user-inline", UserInlineLimit},
	{"trust", TrustLimit},
}

// ParseTarget reads a target as the CLI spells it: "managed", "role-inline" (or "role"),
// "group-inline" ("group"), "user-inline" ("user") or "trust", in any case.
func ParseTarget(s string) (Target, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	switch name {
	case "role", "group", "user":
		name += "-inline"
	}
	for _, t := range Targets {
		if t.Name == name {
			return t, nil
		}
	}
	return Target{}, fmt.Errorf("size target %q: want managed, role-inline, group-inline, user-inline or trust", s)
}

// Size returns the size AWS counts against its limits: the characters (not bytes) of the
// policy's JSON, without white space outside strings. It is the length of JSON("") in
// characters, with characters above U+00FF counted as their \u escapes.
func (p *Policy) Size() int {
	return utf8.RuneCount(p.JSON(""))
}

// WrittenSize returns the size AWS counts for the document as it was read: its characters
// without white space outside strings, as written — a single string stays a string, an escape
// counts as the characters it is written with. It is false for a policy that was built, not
// read; Size measures what JSON writes. (A read policy's Size is that of its canonical
// rewrite, which wraps single strings in lists: more than AWS counts for the text.)
func (p *Policy) WrittenSize() (int, bool) {
	if p == nil || p.src == nil {
		return 0, false
	}
	return writtenSize(p.src.text), true
}

// writtenSize counts the characters of a JSON text without white space outside strings, and
// without a leading byte order mark.
func writtenSize(src string) int {
	src = strings.TrimPrefix(src, "\uFEFF")
	n := 0
	inString := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString:
			switch c {
			case '\\':
				if i+1 < len(src) {
					i++
					n++
				}
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		if c < utf8.RuneSelf || utf8.RuneStart(c) {
			n++
		}
	}
	return n
}

// Split adds sizes instead of rendering every candidate policy: a compact policy is its frame
// (the policy without statements), its statements, and a comma between each two.
func frameSize(p *Policy) int {
	empty := Policy{Version: p.Version, ID: p.ID}
	return empty.Size()
}

func statementSize(s *Statement) int {
	w := jsonWriter{empty: []bool{true}}
	w.statement(s)
	return utf8.RuneCount(w.buf)
}

func jsonStringSize(s string) int { return utf8.RuneCount(appendJSONString(nil, s)) }

// SplitError says why Split could not keep a policy within the limit.
type SplitError struct {
	// Needed is how many policies the split would take, or 0 when no number of policies would
	// do because one grant alone is over the limit.
	Needed int
	Limit  int
	Max    int
	Reason string
}

func (e *SplitError) Error() string { return "split: " + e.Reason }

// Split splits a policy that is over limit characters into at most maxParts policies within
// the limit (maxParts <= 0: as many as needed; AWS attaches MaxManagedPerRole managed policies to a
// role). Statements are packed in order, each into the first policy it fits (first fit). A
// statement too big on its own is split by its Action list into statements whose Sids get the
// suffixes 2, 3, ... ("S3ReadBucket", "S3ReadBucket2"); each keeps the statement's effect,
// principals, resources and conditions, so that every (action, resource, condition) grant is
// in exactly one part. A policy within the limit comes back as one copy.
//
// Errors are *SplitError: a statement over the limit that has no Action list (NotAction cannot
// be split), one action whose resources and conditions alone are over the limit, or more than
// maxParts policies needed.
func Split(p *Policy, limit, maxParts int) ([]*Policy, error) {
	frame := frameSize(p)
	fail := func(needed int, format string, args ...any) ([]*Policy, error) {
		return nil, &SplitError{Needed: needed, Limit: limit, Max: maxParts, Reason: fmt.Sprintf(format, args...)}
	}
	if limit <= frame {
		return fail(0, "limit %d is not above the %d characters of a policy without statements", limit, frame)
	}
	if p.Size() <= limit {
		c := *p
		c.Statement = append([]Statement(nil), p.Statement...)
		return []*Policy{&c}, nil
	}
	room := limit - frame // for the statements and the commas between them

	sids := make(map[string]bool, len(p.Statement))
	for i := range p.Statement {
		sids[p.Statement[i].Sid] = true
	}
	type item struct {
		s    Statement
		size int
	}
	var items []item
	for i := range p.Statement {
		s := p.Statement[i]
		size := statementSize(&s)
		if size <= room {
			items = append(items, item{s, size})
			continue
		}
		name := statementName(&s, i)
		if len(s.Action) < 2 {
			why := "it has no Action list to split"
			if len(s.NotAction) > 0 {
				why = "it uses NotAction, which cannot be split by action"
			} else if len(s.Action) == 1 {
				why = fmt.Sprintf("its one action %q with its resources and conditions is all there is", s.Action[0])
			}
			return fail(0, "%s is %d characters on its own, over the limit of %d with the policy's %d; %s", name, size, limit, frame, why)
		}
		parts, err := splitStatement(s, room, sids)
		if err != "" {
			return fail(0, "%s is %d characters on its own, over the limit of %d: %s", name, size, limit, err)
		}
		for _, ps := range parts {
			items = append(items, item{ps, statementSize(&ps)})
		}
	}

	type bin struct {
		stmts []Statement
		used  int // statement characters plus commas
	}
	var bins []bin
	for _, it := range items {
		placed := false
		for b := range bins {
			if bins[b].used+1+it.size <= room {
				bins[b].stmts = append(bins[b].stmts, it.s)
				bins[b].used += 1 + it.size
				placed = true
				break
			}
		}
		if !placed {
			bins = append(bins, bin{[]Statement{it.s}, it.size})
		}
	}
	if maxParts > 0 && len(bins) > maxParts {
		return fail(len(bins), "the policy of %d characters needs %d policies of at most %d characters; at most %d allowed", p.Size(), len(bins), limit, maxParts)
	}
	out := make([]*Policy, len(bins))
	for i, b := range bins {
		out[i] = &Policy{Version: p.Version, ID: p.ID, Statement: b.stmts}
	}
	return out, nil
}

func statementName(s *Statement, i int) string {
	where := s.Path
	if where == "" {
		where = "Statement[" + strconv.Itoa(i) + "]"
	}
	if s.Sid != "" {
		return fmt.Sprintf("statement %q (%s)", s.Sid, where)
	}
	return "statement " + where
}

// splitStatement cuts s into statements of consecutive actions, each at most room characters.
// The first keeps the Sid; the others get the first free suffix from 2 up, so that Sids stay
// unique (sids holds those taken, and is updated).
func splitStatement(s Statement, room int, sids map[string]bool) ([]Statement, string) {
	var out []Statement
	actions := s.Action
	suffix := 1
	for len(actions) > 0 {
		part := s
		if len(out) > 0 && s.Sid != "" {
			for {
				suffix++
				if sid := s.Sid + strconv.Itoa(suffix); !sids[sid] {
					part.Sid = sid
					sids[sid] = true
					break
				}
			}
		}
		part.Action = actions[:1]
		size := statementSize(&part)
		if size > room {
			return nil, fmt.Sprintf("the action %q with its resources and conditions alone takes %d characters, more than the %d a statement can have", actions[0], size, room)
		}
		n := 1
		for n < len(actions) {
			add := 1 + jsonStringSize(actions[n])
			if size+add > room {
				break
			}
			size += add
			n++
		}
		part.Action = append([]string(nil), actions[:n]...)
		out = append(out, part)
		actions = actions[n:]
	}
	return out, ""
}
