package query

import (
	"bytes"
	"unicode/utf8"
)

// columns lays text out in columns exactly as text/tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
// does, the one way iamforge uses it: in its place the WebAssembly build, where only the query
// tables used tabwriter, is 1,808 bytes of brotli smaller (measured). It is tabwriter's algorithm
// (Go's text/tabwriter, BSD licence), cut down to
// that configuration: a cell ends at a tab or a vertical tab; a line at a newline or a form
// feed; a line of one cell, or a form feed, ends the column blocks; a cell is as wide as its
// runes, and a column as its widest cell plus two spaces; the last cell of a line is no
// column's; text between 0xff bytes is a cell's text whatever it holds. TestColumnsIsTabwriter
// holds it to text/tabwriter over generated input.
type columns struct {
	out    *bytes.Buffer
	buf    []byte // the text of the cells not yet written
	pos    int    // the start of buf's text not yet measured
	cell   cell   // the cell being read
	lines  [][]cell
	widths []int // the widths of the columns being written
	esc    bool  // inside 0xff … 0xff
}

type cell struct {
	size  int // bytes
	width int // runes
}

const escape = '\xff'

func newColumns(out *bytes.Buffer) *columns {
	return &columns{out: out, lines: [][]cell{nil}}
}

func (t *columns) add(text []byte) {
	t.buf = append(t.buf, text...)
	t.cell.size += len(text)
}

func (t *columns) measure() {
	t.cell.width += utf8.RuneCount(t.buf[t.pos:])
	t.pos = len(t.buf)
}

// endCell ends the cell being read and returns how many cells its line has.
func (t *columns) endCell() int {
	line := &t.lines[len(t.lines)-1]
	*line = append(*line, t.cell)
	t.cell = cell{}
	return len(*line)
}

func (t *columns) endEscape() {
	t.measure()
	t.cell.width -= 2 // the 0xff bytes are no part of the width
	t.esc = false
}

func (t *columns) Write(p []byte) (int, error) {
	n := 0
	for i, ch := range p {
		if t.esc {
			if ch == escape {
				t.add(p[n : i+1])
				n = i + 1
				t.endEscape()
			}
			continue
		}
		switch ch {
		case '\t', '\v', '\n', '\f':
			t.add(p[n:i])
			t.measure()
			n = i + 1
			cells := t.endCell()
			if ch == '\n' || ch == '\f' {
				t.lines = append(t.lines, nil)
				if ch == '\f' || cells == 1 {
					t.Flush()
				}
			}
		case escape:
			t.add(p[n:i])
			t.measure()
			n = i
			t.esc = true
		}
	}
	t.add(p[n:])
	return len(p), nil
}

// Flush writes out what has been written, as if it ended there.
func (t *columns) Flush() {
	if t.cell.size > 0 {
		if t.esc {
			t.endEscape()
		}
		t.endCell()
	}
	t.format(0, 0, len(t.lines))
	t.buf, t.pos, t.cell, t.esc = t.buf[:0], 0, cell{}, false
	t.lines, t.widths = append(t.lines[:0], nil), t.widths[:0]
}

// format writes lines [line0, line1) from buf[pos0:], column by column, and returns where in
// buf it stopped.
func (t *columns) format(pos0, line0, line1 int) (pos int) {
	pos = pos0
	column := len(t.widths)
	for this := line0; this < line1; this++ {
		if column >= len(t.lines[this])-1 {
			continue
		}
		// A block of lines with a cell in this column: write the lines before it, then find
		// the column's width and write the block with it.
		pos = t.writeLines(pos, line0, this)
		line0 = this
		width := 0
		for ; this < line1; this++ {
			line := t.lines[this]
			if column >= len(line)-1 {
				break
			}
			width = max(width, line[column].width+2)
		}
		t.widths = append(t.widths, width)
		pos = t.format(pos, line0, this)
		t.widths = t.widths[:len(t.widths)-1]
		line0 = this
	}
	return t.writeLines(pos, line0, line1)
}

func (t *columns) writeLines(pos0, line0, line1 int) (pos int) {
	pos = pos0
	for i := line0; i < line1; i++ {
		for j, c := range t.lines[i] {
			t.out.Write(t.buf[pos : pos+c.size])
			pos += c.size
			if j < len(t.widths) {
				for range t.widths[j] - c.width {
					t.out.WriteByte(' ')
				}
			}
		}
		if i+1 == len(t.lines) {
			t.out.Write(t.buf[pos : pos+t.cell.size])
			pos += t.cell.size
		} else {
			t.out.WriteByte('\n')
		}
	}
	return pos
}
