package policy

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"strings"
	"unicode/utf8"

	"github.com/iamforge/iamforge/catalog/internal/jsonscan"
)

// The policy is read with jsonscan's scanner: a flat tree of nodes that remember where each key
// and value starts, so that every diagnostic can point at a line and column. encoding/json
// cannot do that for values inside arrays, keeps no duplicate keys, and its messages do not name
// the open object a truncated document left behind.

// MaxInput is the largest input Parse reads, in bytes. AWS's largest policy is 10,240
// characters; the cap only keeps hostile input from costing unbounded time and memory.
const MaxInput = 1 << 20

// MaxDepth is how deeply Parse lets JSON nest. A policy needs six levels
// (policy, Statement, statement, Condition, operator, values); recursion is bounded by it.
const MaxDepth = 64

type node = jsonscan.Node

const (
	jNull   = jsonscan.Null
	jBool   = jsonscan.Bool
	jNumber = jsonscan.Number
	jString = jsonscan.String
	jArray  = jsonscan.Array
	jObject = jsonscan.Object
)

type scanError struct {
	code diag.Code
	off  int
	path string
	msg  string
}

// scan parses src as one JSON value. On failure it returns the first error.
func scan(src string) ([]node, *scanError) {
	start := 0
	if strings.HasPrefix(src, "\uFEFF") {
		// A byte order mark is no JSON, but editors on Windows write one; invalid-character
		// reports it, and the policy is still read.
		start = len("\uFEFF")
	}
	if jsonscan.SkipSpace(src, start) == len(src) {
		return nil, &scanError{code: diag.InvalidJSON, off: 0, msg: "empty input; a policy is a JSON object: {\"Version\": \"2012-10-17\", \"Statement\": [...]}"}
	}
	nodes, end, err := jsonscan.Parse(src, start, jsonscan.Options{MaxDepth: MaxDepth, Runs: true})
	if err != nil {
		if err.Deep {
			return nil, &scanError{code: diag.NestingTooDeep, off: err.Off, path: err.Path, msg: err.Msg + "; a policy needs six"}
		}
		return nil, &scanError{code: diag.InvalidJSON, off: err.Off, path: err.Path, msg: err.Msg}
	}
	if end = jsonscan.SkipSpace(src, end); end < len(src) {
		return nil, &scanError{code: diag.InvalidJSON, off: end,
			msg: fmt.Sprintf("unexpected %s after the end of the policy; a file holds one JSON object", jsonscan.Describe(src, end))}
	}
	return nodes, nil
}

func joinKey(path, key string) string { return jsonscan.JoinKey(path, key) }

func joinIndex(path string, i int) string { return jsonscan.JoinIndex(path, i) }

// lineCol returns the 1-based line and column of a byte offset, as the scanner's messages
// count them; the locator counts the same way.
func lineCol(src string, off int) (line, col int) { return jsonscan.LineCol(src, off) }

// locator turns byte offsets into lines and columns. Lines end at LF, CR LF or a lone CR;
// columns count characters, not bytes. A first query records the position every locStride
// bytes, so that any later one costs at most locStride steps: 1,000 diagnostics on a 1 MiB
// one-line policy must not cost a pass over it each.
type locator struct {
	src string
	cps []locState // the position at every multiple of locStride
	cur locState
}

const locStride = 4096

type locState struct{ off, line, col int }

// advance moves s forward to offset to.
func (s *locState) advance(src string, to int) {
	for i := s.off; i < to; i++ {
		switch c := src[i]; {
		case c == '\n' || c == '\r' && (i+1 >= len(src) || src[i+1] != '\n'):
			s.line++
			s.col = 1
		case c < utf8.RuneSelf || utf8.RuneStart(c):
			s.col++
		}
	}
	s.off = to
}

func (l *locator) at(off int) (line, col int) {
	off = max(min(off, len(l.src)), 0)
	if l.cps == nil {
		s := locState{line: 1, col: 1}
		l.cps = make([]locState, 0, len(l.src)/locStride+1)
		for k := 0; k <= len(l.src); k += locStride {
			s.advance(l.src, k)
			l.cps = append(l.cps, s)
		}
		l.cur = l.cps[0]
	}
	if off < l.cur.off || off-l.cur.off > locStride {
		l.cur = l.cps[off/locStride]
	}
	l.cur.advance(l.src, off)
	return l.cur.line, l.cur.col
}
