package jsonx

import "strconv"

// Check reads the first JSON value of src as encoding/json's Decoder does and reports the first
// syntax error in that package's words ("invalid character '}' looking for beginning of object
// key string"), for callers whose messages have always been encoding/json's. It returns the
// offset just past the value; like the Decoder, it does not look at what follows, except that
// a number ends at the first byte that cannot continue it. The state machine is
// encoding/json's (scanner.go), kept to the states the messages need.
func Check(src string) (end int, err *SyntaxError) {
	c := checker{step: stBeginValue}
	for i := 0; i < len(src); i++ {
		switch c.next(src[i]) {
		case opEnd:
			// The value ended before this byte.
			return i, nil
		case opEndContainer:
			if len(c.stack) == 0 {
				return i + 1, nil
			}
		case opError:
			c.err.Offset = i + 1
			return 0, c.err
		}
	}
	// At the end of the input a number or literal may end there; anything else is cut short.
	// encoding/json finds that by feeding a space, and Unmarshal reports what the space
	// broke ("invalid character ' ' in literal true (expecting 'e')") if anything.
	if c.next(' ') == opEnd {
		return len(src), nil
	}
	msg := "unexpected end of JSON input"
	if c.err != nil {
		msg = c.err.Msg
	}
	return 0, &SyntaxError{Msg: msg, Offset: len(src), EOF: true}
}

// SyntaxError is a syntax error as encoding/json reports it. Offset counts the bytes read up
// to and including the offending one.
type SyntaxError struct {
	Msg    string
	Offset int
	// EOF reports that the input ended inside the value: encoding/json's Decoder then says
	// "unexpected EOF", and Unmarshal says Msg.
	EOF bool
}

func (e *SyntaxError) Error() string { return e.Msg }

// maxNesting is encoding/json's limit on nesting.
const maxNesting = 10000

type state uint8

const (
	stBeginValue state = iota
	stBeginValueOrEmpty
	stBeginStringOrEmpty
	stBeginString
	stEndValue
	stEndTop
	stInString
	stInStringEsc
	stInStringEscU
	stInStringEscU1
	stInStringEscU12
	stInStringEscU123
	stNeg
	st1
	st0
	stDot
	stDot0
	stE
	stESign
	stE0
	stLiteral // inside true, false or null: lit holds the rest to read
	stError
)

type op uint8

const (
	opContinue op = iota
	opEndContainer
	opEnd
	opError
)

const (
	inObjectKey = iota
	inObjectValue
	inArray
)

type checker struct {
	step  state
	stack []uint8
	lit   string // the rest of the literal being read
	word  string // the literal being read, for messages
	err   *SyntaxError
}

func (c *checker) fail(b byte, context string) op {
	c.step = stError
	c.err = &SyntaxError{Msg: "invalid character " + quoteChar(b) + " " + context}
	return opError
}

func quoteChar(b byte) string {
	switch b {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(b)))
	return "'" + s[1:len(s)-1] + "'"
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

func isHex(b byte) bool { return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F' }

func (c *checker) push(b byte, s uint8) op {
	c.stack = append(c.stack, s)
	if len(c.stack) > maxNesting {
		return c.fail(b, "exceeded max depth")
	}
	return opContinue
}

func (c *checker) pop() op {
	c.stack = c.stack[:len(c.stack)-1]
	c.step = stEndValue
	return opEndContainer
}

// next feeds one byte.
func (c *checker) next(b byte) op {
	switch c.step {
	case stBeginValueOrEmpty:
		if isSpace(b) {
			return opContinue
		}
		if b == ']' {
			return c.endValue(b)
		}
		return c.beginValue(b)
	case stBeginValue:
		return c.beginValue(b)
	case stBeginStringOrEmpty:
		if isSpace(b) {
			return opContinue
		}
		if b == '}' {
			c.stack[len(c.stack)-1] = inObjectValue
			return c.endValue(b)
		}
		return c.beginString(b)
	case stBeginString:
		return c.beginString(b)
	case stEndValue:
		return c.endValue(b)
	case stEndTop:
		return opEnd
	case stInString:
		switch {
		case b == '"':
			c.step = stEndValue
		case b == '\\':
			c.step = stInStringEsc
		case b < 0x20:
			return c.fail(b, "in string literal")
		}
		return opContinue
	case stInStringEsc:
		switch b {
		case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
			c.step = stInString
		case 'u':
			c.step = stInStringEscU
		default:
			return c.fail(b, "in string escape code")
		}
		return opContinue
	case stInStringEscU, stInStringEscU1, stInStringEscU12, stInStringEscU123:
		if !isHex(b) {
			return c.fail(b, "in \\u hexadecimal character escape")
		}
		if c.step == stInStringEscU123 {
			c.step = stInString
		} else {
			c.step++
		}
		return opContinue
	case stNeg:
		switch {
		case b == '0':
			c.step = st0
		case '1' <= b && b <= '9':
			c.step = st1
		default:
			return c.fail(b, "in numeric literal")
		}
		return opContinue
	case st1:
		if '0' <= b && b <= '9' {
			return opContinue
		}
		return c.state0(b)
	case st0:
		return c.state0(b)
	case stDot:
		if '0' <= b && b <= '9' {
			c.step = stDot0
			return opContinue
		}
		return c.fail(b, "after decimal point in numeric literal")
	case stDot0:
		if '0' <= b && b <= '9' {
			return opContinue
		}
		if b == 'e' || b == 'E' {
			c.step = stE
			return opContinue
		}
		return c.endValue(b)
	case stE:
		if b == '+' || b == '-' {
			c.step = stESign
			return opContinue
		}
		fallthrough
	case stESign:
		if '0' <= b && b <= '9' {
			c.step = stE0
			return opContinue
		}
		return c.fail(b, "in exponent of numeric literal")
	case stE0:
		if '0' <= b && b <= '9' {
			return opContinue
		}
		return c.endValue(b)
	case stLiteral:
		if b != c.lit[0] {
			return c.fail(b, "in literal "+c.word+" (expecting "+quoteChar(c.lit[0])+")")
		}
		c.lit = c.lit[1:]
		if c.lit == "" {
			c.step = stEndValue
		}
		return opContinue
	}
	return opError
}

func (c *checker) beginValue(b byte) op {
	if isSpace(b) {
		return opContinue
	}
	switch b {
	case '{':
		c.step = stBeginStringOrEmpty
		return c.push(b, inObjectKey)
	case '[':
		c.step = stBeginValueOrEmpty
		return c.push(b, inArray)
	case '"':
		c.step = stInString
		return opContinue
	case '-':
		c.step = stNeg
		return opContinue
	case '0':
		c.step = st0
		return opContinue
	case 't', 'f', 'n':
		c.word = map[byte]string{'t': "true", 'f': "false", 'n': "null"}[b]
		c.lit, c.step = c.word[1:], stLiteral
		return opContinue
	}
	if '1' <= b && b <= '9' {
		c.step = st1
		return opContinue
	}
	return c.fail(b, "looking for beginning of value")
}

func (c *checker) beginString(b byte) op {
	if isSpace(b) {
		return opContinue
	}
	if b == '"' {
		c.step = stInString
		return opContinue
	}
	return c.fail(b, "looking for beginning of object key string")
}

func (c *checker) state0(b byte) op {
	switch b {
	case '.':
		c.step = stDot
		return opContinue
	case 'e', 'E':
		c.step = stE
		return opContinue
	}
	return c.endValue(b)
}

func (c *checker) endValue(b byte) op {
	n := len(c.stack)
	if n == 0 {
		// A top-level value ends before the byte that cannot continue it.
		c.step = stEndTop
		return opEnd
	}
	if isSpace(b) {
		c.step = stEndValue
		return opContinue
	}
	switch c.stack[n-1] {
	case inObjectKey:
		if b == ':' {
			c.stack[n-1] = inObjectValue
			c.step = stBeginValue
			return opContinue
		}
		return c.fail(b, "after object key")
	case inObjectValue:
		if b == ',' {
			c.stack[n-1] = inObjectKey
			c.step = stBeginString
			return opContinue
		}
		if b == '}' {
			return c.pop()
		}
		return c.fail(b, "after object key:value pair")
	default:
		if b == ',' {
			c.step = stBeginValue
			return opContinue
		}
		if b == ']' {
			return c.pop()
		}
		return c.fail(b, "after array element")
	}
}
