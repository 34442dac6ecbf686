package policy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/testutil"
)

// hostileBytesPerByte bounds what Parse allocates for a byte of hostile input: linear work,
// whatever the input holds. Today the most is about 120, for "50,000 empty statements" (run
// TestHostileInput -v for each); quadratic work on any of these would take thousands.
const hostileBytesPerByte = 512

// hostileInputs are inputs built to cost time or memory, and the first error each must end with.
// hostileInput is an input built to cost time or memory, and the first error it must end with
// ("" for a policy without errors).
type hostileInput struct {
	name, input string
	wantCode    diag.Code
}

func hostileInputs() []hostileInput {
	r := rand.New(rand.NewPCG(7, 7))
	binary := make([]byte, 1<<20)
	for i := range binary {
		binary[i] = byte(r.IntN(256))
	}
	const stmt = `{"Effect":"Deny","Action":"*","Resource":"*"}`
	return []hostileInput{
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
		{"long operator names", numbered(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{` + strings.Repeat(`"`+strings.Repeat("StringEqualz", 20)+`%d":{"k:k":"v"},`, 2000) + `"x":{"k:k":"v"}}}]}`), "unknown-condition-operator"},
	}
}

// TestHostileInput feeds Parse input built to cost time or memory. Each must end with a policy
// or an error, in work linear in its size. It counts bytes allocated, not seconds, so that it
// passes or fails alike on a busy machine; BenchmarkHostileInput measures the time.
func TestHostileInput(t *testing.T) {
	for _, tt := range hostileInputs() {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.input)
			var p *Policy
			var diags diag.List
			c := testutil.Measure(func() { p, diags = Parse("hostile.json", in, Identity) })
			t.Logf("%d bytes: %v, %d diagnostics", len(in), c, len(diags))
			testutil.Bounded(t, c, len(in), hostileBytesPerByte)
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

// BenchmarkHostileInput parses every hostile input once per operation, for make bench; run
// TestHostileInput with -v for each input's time.
func BenchmarkHostileInput(b *testing.B) {
	var inputs [][]byte
	var size int64
	for _, tt := range hostileInputs() {
		inputs = append(inputs, []byte(tt.input))
		size += int64(len(tt.input))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Parse("hostile.json", in, Identity)
		}
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
