package yamlite

import (
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
)

// Kind is what a node is. The values are yaml.v3's.
type Kind uint32

const (
	DocumentNode Kind = 1 << iota
	SequenceNode
	MappingNode
	ScalarNode
	AliasNode
)

func (k Kind) String() string {
	switch k {
	case DocumentNode:
		return "document"
	case SequenceNode:
		return "sequence"
	case MappingNode:
		return "mapping"
	case ScalarNode:
		return "scalar"
	case AliasNode:
		return "alias"
	}
	return fmt.Sprintf("Kind(%d)", uint32(k))
}

// Style is how a node was written, or is to be written; the bits are yaml.v3's.
type Style uint32

const (
	TaggedStyle Style = 1 << iota // the node carried an explicit tag
	DoubleQuotedStyle
	SingleQuotedStyle
	LiteralStyle
	FoldedStyle
	FlowStyle
)

// Node is one node of a YAML document.
type Node struct {
	Kind  Kind
	Style Style
	// Tag is the short form of the node's tag: "!!str", "!!int", "!!float", "!!bool", "!!null",
	// "!!timestamp", "!!merge", "!!map", "!!seq", or an explicit tag as written ("!custom").
	// Alias and document nodes have none.
	Tag string
	// Value is a scalar's text, or an alias's anchor name.
	Value string
	// Anchor is the name of the anchor set on the node (&name), if any.
	Anchor string
	// Alias is the node an alias refers to.
	Alias *Node
	// Content holds a document's root, a sequence's items, or a mapping's keys and values in
	// turn.
	Content []*Node
	// Line and Column are 1-based; Column counts characters.
	Line, Column int
}

// MaxDepth bounds how deeply flow collections, and block indentation levels, may nest: the
// limits of yaml.v3.
const MaxDepth = 10_000

// ErrSecondDocument is wrapped by the error Parse returns when a second document follows the
// first.
var ErrSecondDocument = errors.New("a second YAML document starts here")

// Error is a syntax error at a line and column (1-based; columns count characters). Its cause
// is ErrSecondDocument for a second document, for errors.Is.
type Error = diag.ReadError

func newError(line, column int, err error) *Error {
	return &Error{Location: diag.Location{Line: line, Column: column}, Err: err}
}
