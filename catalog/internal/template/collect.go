package template

import (
	"fmt"
	"strings"

	"github.com/iamforge/iamforge/catalog/diag"
)

// collector gathers the diagnostics of one read and check, up to a limit.
type collector struct {
	file  string
	diags diag.List
	// dropped and droppedErrors count the diagnostics past maxDiagnostics.
	dropped, droppedErrors int
	scratch                diag.Diagnostic
}

// maxDiagnostics bounds the diagnostics kept: a megabyte of bad items would otherwise give
// hundreds of thousands, too many to read or for the browser to show.
const maxDiagnostics = 1000

// full reports whether the diagnostics are at the limit, counting one more that is dropped.
// Only the count is kept, so the message is never formatted: a flood stays cheap.
func (c *collector) full(code diag.Code, sev diag.Severity) bool {
	if len(c.diags) < maxDiagnostics || code == diag.TooComplex {
		return false
	}
	c.dropped++
	if sev == diag.Error {
		c.droppedErrors++
	}
	return true
}

// errorf adds an error and returns it, for suggestions to be added; past the limit, a scratch
// diagnostic that goes nowhere.
func (c *collector) errorf(code diag.Code, loc *diag.Location, format string, args ...any) *diag.Diagnostic {
	if c.full(code, diag.Error) {
		c.scratch = diag.Diagnostic{}
		return &c.scratch
	}
	c.diags = append(c.diags, diag.Errorf(code, loc, format, args...))
	return &c.diags[len(c.diags)-1]
}

func (c *collector) warnf(code diag.Code, loc *diag.Location, format string, args ...any) {
	if !c.full(code, diag.Warning) {
		c.diags = append(c.diags, diag.Warnf(code, loc, format, args...))
	}
}

// finish sorts the diagnostics and says how many were left out.
func (c *collector) finish() diag.List {
	ds := c.diags.Sort()
	if c.dropped > 0 {
		d := diag.Warnf(diag.TooManyDiagnostics, &diag.Location{File: c.file}, "%d more problems not listed", c.dropped)
		if c.droppedErrors > 0 {
			d = diag.Errorf(diag.TooManyDiagnostics, &diag.Location{File: c.file}, "%d more problems not listed, %d of them errors", c.dropped, c.droppedErrors)
		}
		d.Message += "; fix the ones above first"
		ds = append(ds, d)
	}
	return ds
}

// suggest adds "did you mean" candidates to a diagnostic.
func (c *collector) suggest(d *diag.Diagnostic, candidates []string) {
	if len(candidates) == 0 || d == &c.scratch {
		return
	}
	d.Suggestions = candidates
	q := make([]string, len(candidates))
	for i, s := range candidates {
		q[i] = fmt.Sprintf("%q", s)
	}
	d.Message += fmt.Sprintf(" (did you mean %s?)", strings.Join(q, " or "))
}
