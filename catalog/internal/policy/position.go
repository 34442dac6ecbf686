package policy

import (
	"strings"

	"github.com/iamforge/iamforge/catalog/diag"
)

// source keeps what Parse read, so that findings made later (by the catalog checks) can point at
// a line and column too.
type source struct {
	nodes []node
	loc   *locator
	text  string // the text read; WrittenSize counts it when asked, as few callers do
}

// Position returns the line and column (1-based) of the element at a JSON path such as
// "Statement[0].Action[2]", or of the deepest element on the way there; 0, 0 for a policy that
// was built, not read.
func (p *Policy) Position(path string) (line, col int) {
	n, _ := p.resolve(path)
	if n < 0 {
		return 0, 0
	}
	off := p.src.nodes[n].Off
	if n != 0 && p.src.nodes[n].Key != "" {
		// A key's value: point at the key, where the reader's eye goes.
		off = p.src.nodes[n].KeyOff
	}
	return p.src.loc.at(int(off))
}

// resolve finds the node at a JSON path, or the deepest on the way there, and its path; -1 for
// a policy that was built, not read.
func (p *Policy) resolve(path string) (int32, string) {
	if p == nil || p.src == nil || len(p.src.nodes) == 0 {
		return -1, ""
	}
	nodes := p.src.nodes
	cur, at := int32(0), "" // the deepest node whose path is a prefix of the target
	for at != path {
		n := &nodes[cur]
		if n.Kind != jObject && n.Kind != jArray {
			break
		}
		next := int32(-1)
		i := 0
		for c := n.First; c >= 0; c, i = nodes[c].Next, i+1 {
			var cp string
			if n.Kind == jObject {
				cp = joinKey(at, nodes[c].Key)
			} else {
				cp = joinIndex(at, i)
			}
			if cp == path || strings.HasPrefix(path, cp+".") || strings.HasPrefix(path, cp+"[") {
				next, at = c, cp
				break
			}
		}
		if next < 0 {
			break
		}
		cur = next
	}
	return cur, at
}

// Locate points findings made by path ("Statement[1].Action[0]") at the line and column of the
// policy text they concern, as the grammar's findings are. A finding on the first entry of an
// element written as one string rather than a list ("Action": "s3:GetObject") is keyed by the
// element ("Statement[1].Action") and points at the string, as the grammar's are, so that both
// name the same place.
func (p *Policy) Locate(ds diag.List, file string) {
	for i := range ds {
		l := ds[i].Location
		if l == nil {
			continue
		}
		if l.Line == 0 && l.Key != "" {
			if n, at := p.resolve(l.Key); n >= 0 && l.Key == at+"[0]" && p.src.nodes[n].Kind == jString {
				l.Key = at
				l.Line, l.Column = p.src.loc.at(int(p.src.nodes[n].Off))
			} else {
				l.Line, l.Column = p.Position(l.Key)
			}
		}
		if l.File == "" {
			l.File = file
		}
	}
}
