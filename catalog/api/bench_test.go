package api

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

// bench20State is the 20-ARN, 8-service benchmark template as builder state.
func bench20State(b *testing.B) []byte {
	data, err := os.ReadFile("../../testdata/bench/write20.yml")
	if err != nil {
		b.Fatal(err)
	}
	type res struct {
		ARN    string   `json:"arn"`
		Levels []string `json:"levels"`
	}
	var rs []res
	level := ""
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasSuffix(l, ":") && !strings.HasPrefix(l, "-") {
			level = strings.TrimSuffix(l, ":")
		}
		if a, ok := strings.CutPrefix(l, "- "); ok {
			rs = append(rs, res{a, []string{level}})
		}
	}
	req, _ := json.Marshal(map[string]any{"state": map[string]any{"resources": rs}})
	return req
}

// BenchmarkCallWrite20 is the bridge's write of a 20-ARN state, JSON in and out, explanations
// included: what the page calls on every edit.
func BenchmarkCallWrite20(b *testing.B) {
	cat, err := embedded.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	req := bench20State(b)
	out := Call(cat, "write", req)
	if !strings.Contains(string(out), "dynamodb:Query") {
		b.Fatalf("%.300s", out)
	}
	b.ReportMetric(float64(len(out)), "response-bytes")
	for b.Loop() {
		Call(cat, "write", req)
	}
}
