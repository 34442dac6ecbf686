package template

import (
	"fmt"
	"strings"
	"testing"
)

// twentyARNs is a typical template: twenty ARNs over the five levels, a few extras.
func twentyARNs() []byte {
	var b strings.Builder
	b.WriteString("mode: crud\nname: bench\n")
	for i, l := range levelKeys {
		b.WriteString(l.key + ":\n")
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, "- arn:aws:s3:::example-bucket-%d-%d/*\n", i, j)
		}
	}
	b.WriteString("wildcard-only:\n  single-actions:\n  - s3:ListAllMyBuckets\n  service-read:\n  - ''\nexclude-actions:\n- s3:Delete*\n")
	return []byte(b.String())
}

func BenchmarkParse20ARNs(b *testing.B) {
	data := twentyARNs()
	if _, ds := Parse("bench.yml", data); len(ds) != 0 {
		b.Fatal(ds)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("bench.yml", data)
	}
}

func BenchmarkParse50000ARNs(b *testing.B) {
	data := manyARNs(50_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("bench.yml", data)
	}
}

func BenchmarkParse50000ARNsJSON(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"mode": "crud", "read": [`)
	for i := 0; i < 50_000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"arn:aws:s3:::%x"`, i)
	}
	sb.WriteString("]}")
	data := []byte(sb.String())
	if _, ds := Parse("bench.json", data); len(ds) != 0 {
		b.Fatal(ds[:1])
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("bench.json", data)
	}
}
