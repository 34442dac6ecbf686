package state

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The permalink codec is a small LZ77 of iamforge's own: not DEFLATE, not compress/flate's
// format, nor any other standard one. A link is "s1." + base64url of its output.
//
// Why not compress/flate: measured 2026-12-02 (GOOS=js GOARCH=wasm go build -trimpath
// -gcflags=all=-l -ldflags='-s -w' ./wasm, brotli quality 11 as cmd/webbuild, three builds
// each, since brotli moves by a few KB when only line numbers change), flate for new links with
// this decoder kept for the links already made adds 190,473 bytes to the WebAssembly and about
// 40 KB brotli (37 to 42 KB), while the page is at 1.19 MB brotli until usable against a 1.2 MB
// target. What flate would buy is shorter links, since this format has no entropy coding: 23%
// shorter for a typical state (4 ARNs and a condition: 454 → 350 characters) and 45% for a
// large one (150 ARNs and 150 actions: 3,183 → 1,766); nothing for one ARN (95 → 99).
//
// The format, frozen for version 1 (every "s1." link ever made must decode; see links_test.go):
//
//	stream  = token*
//	token   = literal | copy
//	literal = uvarint(n<<1), then n bytes (n ≥ 1)
//	copy    = uvarint((n-4)<<1 | 1), uvarint(d): repeat the n bytes that start d bytes back
//	          (1 ≤ d ≤ bytes written so far; d < n overlaps, repeating the last d bytes)
//
// where uvarint is encoding/binary's. decompress refuses what does not follow it, and output
// past its limit (MaxDecoded). compress is greedy, with a 4,096-entry hash of 4-byte sequences
// and copies at most 65,536 bytes back; it may change, provided it writes this format.

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

func appendUvarint(b []byte, x uint64) []byte { return binary.AppendUvarint(b, x) }

// uvarint is binary.Uvarint: n == 0 when b ends early, n < 0 on overflow.
func uvarint(b []byte) (uint64, int) { return binary.Uvarint(b) }
