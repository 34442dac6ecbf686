// Package diag holds the diagnostics every iamforge operation returns: a stable code, a
// severity, a message and where the problem is.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity orders how much a diagnostic matters.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Diagnostic is one finding. Code is stable and machine-readable ("unmatched-arn"); Message is
// for people.
type Diagnostic struct {
	Code     Code      `json:"code"`
	Severity Severity  `json:"severity"`
	Message  string    `json:"message"`
	Location *Location `json:"location,omitempty"`
	// Suggestions are candidates the user probably meant: actions, ARN formats, keys.
	Suggestions []string `json:"suggestions,omitempty"`
}

// Location says where a diagnostic comes from. Only the fields that apply are set.
type Location struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Key is the template key ("read", "wildcard-only.single-actions") or the policy's JSON path
	// ("Statement[0].Action[1]").
	Key string `json:"key,omitempty"`
	// Index is the position in the list under Key, when there is one.
	Index *int   `json:"index,omitempty"`
	ARN   string `json:"arn,omitempty"`
	// Action is the action the finding concerns, "s3:GetObject".
	Action string `json:"action,omitempty"`
}

// At returns a Location for a key and a list index.
func At(key string, index int) *Location { return &Location{Key: key, Index: &index} }

// String renders "file:line:col: key[index]" with the parts that are set ("line L, column C"
// without a file).
func (l *Location) String() string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	if l.File != "" {
		b.WriteString(l.File)
	}
	if l.Line > 0 {
		if b.Len() > 0 {
			// file:line:column, as compilers print it
			b.WriteString(":" + strconv.Itoa(l.Line))
			if l.Column > 0 {
				b.WriteString(":" + strconv.Itoa(l.Column))
			}
		} else {
			b.WriteString("line " + strconv.Itoa(l.Line))
			if l.Column > 0 {
				b.WriteString(", column " + strconv.Itoa(l.Column))
			}
		}
	}
	if l.Key != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(l.Key)
		if l.Index != nil {
			fmt.Fprintf(&b, "[%d]", *l.Index)
		}
	}
	return b.String()
}

// stateFields names the builder state's lists as the page shows them.
var stateFields = map[string]string{
	"resources": "ARN", "actions": "action", "services": "service", "exclude": "exclusion",
	"skip": "action on *", "sts": "role", "conditions": "condition",
}

// Describe says where a finding is for people: "line 3" of a template, "ARN 4,
// arn:aws:s3:::b" of a builder state (1-based, as a page counts), or the key.
func (l *Location) Describe() string {
	switch {
	case l == nil:
		return ""
	case l.Line > 0:
		return "line " + strconv.Itoa(l.Line)
	case l.Index != nil && stateFields[l.Key] != "":
		s := stateFields[l.Key] + " " + strconv.Itoa(*l.Index+1)
		if l.ARN != "" {
			s += ", " + l.ARN
		}
		return s
	case l.Index != nil:
		return fmt.Sprintf("%s[%d]", l.Key, *l.Index)
	}
	return l.Key
}

// Error renders the diagnostic as one line: "where: message [code]".
func (d Diagnostic) Error() string {
	where := d.Location.String()
	if where != "" {
		where += ": "
	}
	return fmt.Sprintf("%s%s: %s [%s]", where, d.Severity, d.Message, d.Code)
}

// List is a set of diagnostics.
type List []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Has reports whether any diagnostic has the code.
func (l List) Has(code Code) bool {
	for _, d := range l {
		if d.Code == code {
			return true
		}
	}
	return false
}

// Sort orders by file, line and column (diagnostics without a location last), keeping the
// original order otherwise, and drops exact duplicates.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Location, l[j].Location
		if a == nil || b == nil {
			return a != nil && b == nil
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return false
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d.Error() == l[i-1].Error() {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Errorf builds an error diagnostic.
func Errorf(code Code, loc *Location, format string, args ...any) Diagnostic {
	return Diagnostic{Code: code, Severity: Error, Message: fmt.Sprintf(format, args...), Location: loc}
}

// Warnf builds a warning diagnostic.
func Warnf(code Code, loc *Location, format string, args ...any) Diagnostic {
	return Diagnostic{Code: code, Severity: Warning, Message: fmt.Sprintf(format, args...), Location: loc}
}

// Infof builds an info diagnostic.
func Infof(code Code, loc *Location, format string, args ...any) Diagnostic {
	return Diagnostic{Code: code, Severity: Info, Message: fmt.Sprintf(format, args...), Location: loc}
}

// ReadError is a failure to read an input, at a place in it: what a reader returns when it cannot
// go on. Every reader of iamforge (YAML, templates, overrides, service docs, Policy Sentry
// databases) locates its errors this way, as diagnostics are located. Err is the cause, for
// errors.Is and errors.As.
type ReadError struct {
	Location
	Err error
}

// ReadErrorf returns a ReadError at loc.
func ReadErrorf(loc Location, format string, args ...any) *ReadError {
	return &ReadError{Location: loc, Err: fmt.Errorf(format, args...)}
}

// Error renders "file:line:col: key: cause" with the parts that are known.
func (e *ReadError) Error() string {
	where := e.Location.String()
	if where == "" {
		return e.Err.Error()
	}
	return where + ": " + e.Err.Error()
}

func (e *ReadError) Unwrap() error { return e.Err }

// Diagnostic is the error as a diagnostic with the code given.
func (e *ReadError) Diagnostic(code Code) Diagnostic {
	loc := e.Location
	return Diagnostic{Code: code, Severity: Error, Message: e.Err.Error(), Location: &loc}
}
