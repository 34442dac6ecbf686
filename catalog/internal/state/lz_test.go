package state

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestLZRoundTrip(t *testing.T) {
	inputs := []string{"", "a", "abcd", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", strings.Repeat("abc", 1000),
		`{"v":1,"resources":[{"arn":"arn:aws:s3:::my-bucket","levels":["read"]},{"arn":"arn:aws:s3:::my-bucket/*","levels":["read","write"]}]}`}
	for _, in := range inputs {
		c := compress([]byte(in))
		got, err := decompress(c, 1<<20)
		if err != nil || string(got) != in {
			t.Errorf("round trip of %.40q: %v, %.40q", in, err, got)
		}
	}
	json := []byte(strings.Repeat(`{"arn":"arn:aws:s3:::bucket-name/prefix/*","levels":["read","write"]},`, 40))
	if c := compress(json); len(c)*4 > len(json) {
		t.Errorf("repetitive JSON compressed only to %d of %d bytes", len(c), len(json))
	}
}

func TestLZLimits(t *testing.T) {
	bomb := compress(bytes.Repeat([]byte("x"), 1<<20))
	if _, err := decompress(bomb, 1000); !errors.Is(err, errTooBig) {
		t.Errorf("a megabyte into a 1,000-byte limit: %v", err)
	}
	for _, bad := range [][]byte{{0x01, 0x05}, {0x03, 0x00}, {0x04}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		if _, err := decompress(bad, 1<<20); err == nil {
			t.Errorf("decompress(%x): no error", bad)
		}
	}
}

func FuzzLZ(f *testing.F) {
	f.Add([]byte(`{"v":1,"resources":[{"arn":"arn:aws:s3:::b","levels":["read"]}]}`))
	f.Add([]byte{0x01, 0x05, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decompress(compress(b), len(b)+1)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip failed: %v", err)
		}
		decompress(b, 1<<16) // arbitrary input: an error or bytes, never a panic
	})
}
