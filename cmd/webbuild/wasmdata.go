package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Go's linker writes the WebAssembly data section as one segment per run of non-zero bytes,
// splitting wherever 8 or more zero bytes follow each other (a segment's header costs about
// 8 bytes): the smallest raw file. For iamforge.wasm that is 77,734 segments, and their headers
// (each a different address and length) are what brotli compresses worst: rewritten as a
// segment per stretch with no gap of over 64 zero bytes, the same memory image takes 23 segments
// and the file is 84 KB smaller in brotli (1,044,208 → 960,375 bytes), though 0.77 MB larger
// raw. A fresh WebAssembly memory is all zeros, so writing the zeros in the gaps changes
// nothing the program can see; mergeDataSegments checks that the image is the same.

// mergeGap is the longest run of zero bytes written out rather than split at (measured on
// iamforge.wasm, brotli quality 11: gap 32 → 962,100 bytes, 64 → 960,375, 128 → 963,546).
const mergeGap = 64

// dataSegment is an active segment of memory 0: bytes written at addr when the module starts.
type dataSegment struct {
	addr uint32
	data []byte
}

// mergeDataSegments returns the module with its data segments merged across gaps of at most gap
// zero bytes, every other section as it was. It handles what Go's linker writes (active segments
// of memory 0 at an i32.const address) and fails on anything else, rather than guess.
func mergeDataSegments(module []byte, gap int) ([]byte, error) {
	if len(module) < 8 || !bytes.Equal(module[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly module")
	}
	out := append([]byte(nil), module[:8]...)
	found := false
	for off := 8; off < len(module); {
		start := off
		id := module[off]
		off++
		size, n := binary.Uvarint(module[off:])
		if n <= 0 || size > uint64(len(module)-off-n) {
			return nil, fmt.Errorf("section at byte %d: bad size", start)
		}
		off += n
		body := module[off : off+int(size)]
		off += int(size)
		if id != 11 { // not the data section
			out = append(out, module[start:off]...)
			continue
		}
		if found {
			return nil, errors.New("two data sections")
		}
		found = true
		segs, err := readDataSegments(body)
		if err != nil {
			return nil, err
		}
		if overlapping(segs) {
			return nil, errors.New("data segments overlap")
		}
		merged := mergeSegments(segs, gap)
		if !bytes.Equal(memoryImage(segs), memoryImage(merged)) {
			return nil, errors.New("merging the data segments changed the memory image") // a bug here
		}
		nb := writeDataSegments(merged)
		out = append(out, 11)
		out = binary.AppendUvarint(out, uint64(len(nb)))
		out = append(out, nb...)
	}
	return out, nil
}

func readDataSegments(body []byte) ([]dataSegment, error) {
	off := 0
	uvarint := func() (uint64, error) {
		v, n := binary.Uvarint(body[off:])
		if n <= 0 {
			return 0, fmt.Errorf("data section: bad number at byte %d", off)
		}
		off += n
		return v, nil
	}
	count, err := uvarint()
	if err != nil {
		return nil, err
	}
	var segs []dataSegment
	for i := uint64(0); i < count; i++ {
		flags, err := uvarint()
		if err != nil {
			return nil, err
		}
		if flags != 0 || off >= len(body) || body[off] != 0x41 { // active, memory 0, i32.const
			return nil, fmt.Errorf("data segment %d: not an active segment at a constant address", i)
		}
		off++
		addr, err := sleb32(body, &off)
		if err != nil {
			return nil, fmt.Errorf("data segment %d: %w", i, err)
		}
		if off >= len(body) || body[off] != 0x0b || addr < 0 { // end
			return nil, fmt.Errorf("data segment %d: not an active segment at a constant address", i)
		}
		off++
		size, err := uvarint()
		if err != nil {
			return nil, err
		}
		if size > uint64(len(body)-off) {
			return nil, fmt.Errorf("data segment %d: beyond the section", i)
		}
		segs = append(segs, dataSegment{uint32(addr), body[off : off+int(size)]})
		off += int(size)
	}
	if off != len(body) {
		return nil, errors.New("data section: bytes after the last segment")
	}
	return segs, nil
}

// mergeSegments joins segments whose gap is at most gap bytes, filling the gap with zeros. The
// segments must not overlap (Go's linker never writes overlapping ones; readDataSegments' caller
// checks), so their order does not matter.
func mergeSegments(segs []dataSegment, gap int) []dataSegment {
	sorted := append([]dataSegment(nil), segs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].addr < sorted[j].addr })
	var out []dataSegment
	for _, s := range sorted {
		if n := len(out); n > 0 {
			last := &out[n-1]
			end := uint64(last.addr) + uint64(len(last.data))
			if uint64(s.addr) <= end+uint64(gap) {
				last.data = append(last.data, make([]byte, uint64(s.addr)-end)...)
				last.data = append(last.data, s.data...)
				continue
			}
		}
		out = append(out, dataSegment{s.addr, append([]byte(nil), s.data...)})
	}
	return out
}

// overlapping is whether two segments write the same byte: then the order they are written in
// matters, which merging (by address) does not keep.
func overlapping(segs []dataSegment) bool {
	sorted := append([]dataSegment(nil), segs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].addr < sorted[j].addr })
	for i := 1; i < len(sorted); i++ {
		if uint64(sorted[i].addr) < uint64(sorted[i-1].addr)+uint64(len(sorted[i-1].data)) {
			return true
		}
	}
	return false
}

func writeDataSegments(segs []dataSegment) []byte {
	b := binary.AppendUvarint(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSleb(b, int64(int32(s.addr)))
		b = append(b, 0x0b)
		b = binary.AppendUvarint(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

// memoryImage is the memory the segments leave, written in order, up to its last non-zero byte.
func memoryImage(segs []dataSegment) []byte {
	var mem []byte
	for _, s := range segs {
		end := int(s.addr) + len(s.data)
		if end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.addr:], s.data)
	}
	return bytes.TrimRight(mem, "\x00")
}

// sleb32 reads a signed LEB128 i32, as an i32.const holds it.
func sleb32(b []byte, off *int) (int64, error) {
	var v int64
	var shift uint
	for {
		if *off >= len(b) || shift > 35 {
			return 0, errors.New("bad address")
		}
		c := b[*off]
		*off++
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return int64(int32(v)), nil
		}
	}
}

func appendSleb(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
