package policy

import (
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileInput feeds Parse input built to cost time or memory. Each must end, quickly, with
// a policy or an error; the budget is generous because CI machines are slow and -race slower.
func TestHostileInput(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	binary := make([]byte, 1<<20)
	for i := range binary {
		binary[i] = byte(r.IntN(256))
	}
	const stmt = `{"Effect":"Deny","Action":"*","Resource":"*"}`
	tests := []struct {
		name     string
		input    string
		wantCode diag.Code // the first error, or "" for a policy without errors
	}{
		{"50,000 statements, over the size cap", `{"Version":"2012-10-17","Statement":[` + strings.Repeat(stmt+",", 49999) + stmt + `]}`, "input-too-large"},
		{"20,000 statements", `{"Version":"2012-10-17","Statement":[` + strings.Repeat(stmt+",", 19999) + stmt + `]}`, ""},
		{"50,000 empty statements", `{"Version":"2012-10-17","Statement":[` + strings.Repeat("{},", 49999) + `{}]}`, "missing-effect"},
		{"2 MiB", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("k", 2<<20) + `"}]}`, "input-too-large"},
		{"1 MiB resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("k", 1<<20-200) + `"}]}`, "invalid-resource"},
		{"10,000-deep arrays", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), "nesting-too-deep"},
		{"10,000-deep objects", strings.Repeat(`{"a":`, 10000), "nesting-too-deep"},
		{"random binary", string(binary), "invalid-json"},
		{"50,000 duplicate keys", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + strings.Repeat(`"aws:SourceVpc":"v",`, 50000) + `"aws:SourceVpc":"v"}}}]}`, "duplicate-key"},
		{"50,000 duplicate Sids", `{"Version":"2012-10-17","Statement":[` + strings.Repeat(`{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"},`, 15000) + stmt + `]}`, "duplicate-sid"},
		{"one line of 200,000 values", `[` + strings.Repeat(`0,`, 200000) + `0]`, "invalid-policy"},
		{"long operator names", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{` + strings.Repeat(`"`+strings.Repeat("StringEqualz", 20)+`%d":{"k:k":"v"},`, 2000) + `"x":{"k:k":"v"}}}]}`, "unknown-condition-operator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input
			if strings.Contains(in, "%d") {
				in = numbered(in)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			p, diags := Parse("hostile.json", []byte(in), Identity)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			t.Logf("%d bytes: %v, %.1f MB allocated, %d diagnostics", len(in), elapsed.Round(time.Millisecond), float64(after.TotalAlloc-before.TotalAlloc)/1e6, len(diags))
			if elapsed > 3*time.Second {
				t.Errorf("Parse took %v", elapsed)
			}
			if len(diags) > maxDiagnostics+1 {
				t.Errorf("%d diagnostics; the cap is %d", len(diags), maxDiagnostics)
			}
			first := diag.Code("")
			for _, d := range diags {
				if d.Severity == "error" {
					first = d.Code
					break
				}
			}
			if first != tt.wantCode {
				t.Errorf("first error %q; want %q", first, tt.wantCode)
			}
			if p == nil && first == "" {
				t.Errorf("no policy and no error")
			}
		})
	}
}

// numbered replaces every %d with a running number, so that keys differ.
func numbered(s string) string {
	var b strings.Builder
	n := 0
	for {
		i := strings.Index(s, "%d")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		fmt.Fprintf(&b, "%s%d", s[:i], n)
		n++
		s = s[i+2:]
	}
}
