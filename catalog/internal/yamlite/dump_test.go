package yamlite

import (
	"fmt"
	"strings"
)

// dump renders a tree one node a line, indented by depth, for tests to compare:
// "scalar !!str "x" style=1 @2:4".
func dump(n *Node) string {
	var b strings.Builder
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		b.WriteString(strings.Repeat("  ", depth))
		switch n.Kind {
		case DocumentNode:
			b.WriteString("document")
		case AliasNode:
			fmt.Fprintf(&b, "alias %q", n.Value)
		default:
			b.WriteString(n.Kind.String() + " " + n.Tag)
			if n.Anchor != "" {
				b.WriteString(" &" + n.Anchor)
			}
			if n.Kind == ScalarNode {
				fmt.Fprintf(&b, " %q", n.Value)
			}
			if n.Style != 0 {
				fmt.Fprintf(&b, " style=%d", n.Style)
			}
		}
		fmt.Fprintf(&b, " @%d:%d\n", n.Line, n.Column)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
