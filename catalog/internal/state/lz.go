package state

import (
	"errors"
	"fmt"
)

// A small LZ77 codec for permalinks. compress/flate would do better by a few percent on a
// state's JSON, but it is 31 KB of brotli'd WebAssembly — more than the whole page's budget
// can spare — and a permalink needs only "much shorter than the JSON".
//
// The stream is a sequence of tokens, each a uvarint head: head&1 == 0 is a run of head>>1
// literal bytes that follow; head&1 == 1 is a copy of head>>1 + minMatch bytes from uvarint
// offset bytes back (offset ≥ 1; a copy may overlap what it writes).

const (
	minMatch  = 4
	hashBits  = 12
	maxOffset = 1 << 16
)

func compress(src []byte) []byte {
	var table [1 << hashBits]int32 // position+1 of the last 4 bytes that hashed here
	out := make([]byte, 0, len(src)/2+16)
	lit := 0 // start of pending literals
	flushLiterals := func(end int) {
		if end > lit {
			out = appendUvarint(out, uint64(end-lit)<<1)
			out = append(out, src[lit:end]...)
		}
	}
	hash := func(i int) uint32 {
		v := uint32(src[i]) | uint32(src[i+1])<<8 | uint32(src[i+2])<<16 | uint32(src[i+3])<<24
		return (v * 2654435761) >> (32 - hashBits)
	}
	for i := 0; i+minMatch <= len(src); {
		h := hash(i)
		cand := int(table[h]) - 1
		table[h] = int32(i + 1)
		if cand < 0 || i-cand > maxOffset || src[cand] != src[i] || src[cand+1] != src[i+1] || src[cand+2] != src[i+2] || src[cand+3] != src[i+3] {
			i++
			continue
		}
		n := minMatch
		for i+n < len(src) && src[cand+n] == src[i+n] {
			n++
		}
		flushLiterals(i)
		out = appendUvarint(out, uint64(n-minMatch)<<1|1)
		out = appendUvarint(out, uint64(i-cand))
		// Remember the positions inside the match too, cheaply: every other one.
		for j := i + 1; j+minMatch <= len(src) && j < i+n; j += 2 {
			table[hash(j)] = int32(j + 1)
		}
		i += n
		lit = i
	}
	flushLiterals(len(src))
	return out
}

var errCorrupt = errors.New("corrupt compressed data")

// decompress inverts compress, refusing to produce more than limit bytes.
func decompress(src []byte, limit int) ([]byte, error) {
	out := make([]byte, 0, min(len(src)*3, limit))
	for i := 0; i < len(src); {
		head, n := uvarint(src[i:])
		if n <= 0 {
			return nil, fmt.Errorf("%w: bad token at byte %d", errCorrupt, i)
		}
		i += n
		size := head >> 1
		if head&1 == 0 {
			if size == 0 || size > uint64(len(src)-i) {
				return nil, fmt.Errorf("%w: literal run past the end at byte %d", errCorrupt, i)
			}
			if len(out)+int(size) > limit {
				return nil, errTooBig
			}
			out = append(out, src[i:i+int(size)]...)
			i += int(size)
			continue
		}
		off, n := uvarint(src[i:])
		if n <= 0 || off == 0 || off > uint64(len(out)) {
			return nil, fmt.Errorf("%w: bad copy at byte %d", errCorrupt, i)
		}
		i += n
		length := size + minMatch
		if length > uint64(limit-len(out)) {
			return nil, errTooBig
		}
		from := len(out) - int(off)
		for k := 0; k < int(length); k++ { // byte by byte: a copy may overlap its own output
			out = append(out, out[from+k])
		}
	}
	return out, nil
}

var errTooBig = errors.New("too large once decompressed")

func appendUvarint(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}
