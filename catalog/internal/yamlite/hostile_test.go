package yamlite

import (
	"strings"
	"testing"
	"time"
)

// TestHostile feeds inputs built to exhaust time, memory or the stack, and wants each to end
// quickly with the answer given.
func TestHostile(t *testing.T) {
	const mb = 4 << 20
	tests := []struct {
		name    string
		input   string
		wantErr string // a substring of the error; "" for none
	}{
		{"deep flow nesting", strings.Repeat("[", mb), "exceeded max depth"},
		{"flow nesting at the limit", strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), ""},
		{"deep block nesting", strings.Repeat("- ", MaxDepth+1) + "x\n", "exceeded max depth"},
		{"block nesting at the limit", strings.Repeat("- ", MaxDepth) + "x\n", ""},
		{"deep indentation", func() string {
			var b strings.Builder
			for i := 0; i < 2000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "k:\n")
			}
			return b.String()
		}(), ""},
		{"many list items", "read:\n" + strings.Repeat("- arn:aws:s3:::bucket/key\n", mb/26), ""},
		{"long plain scalar", "k: " + strings.Repeat("word ", mb/5), ""},
		{"long key", strings.Repeat("k", mb) + ": v", "mapping value cannot start here"},
		{"long quoted scalar", "k: '" + strings.Repeat("it''s ", mb/6) + "'", ""},
		{"many flow items", "[" + strings.Repeat("a,", mb/2) + "]", ""},
		{"many open keys in flow", strings.Repeat("[a: ", mb/4), "exceeded max depth"},
		{"unterminated flow on one line", strings.Repeat("{a: [b, ", mb/8), "exceeded max depth"},
		{"billion laughs", func() string {
			var b strings.Builder
			b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
			for i := 1; i < 30; i++ {
				b.WriteString("l" + itoa(i) + ": &l" + itoa(i) + " [" + strings.TrimSuffix(strings.Repeat("*l"+itoa(i-1)+",", 9), ",") + "]\n")
			}
			return b.String()
		}(), ""},
		{"many comments", strings.Repeat("# comment\n\t\n", mb/12) + "# end\na: b", ""},
		{"many blank lines in a block scalar", "k: |\n" + strings.Repeat("\n", mb) + "  x\n", ""},
		{"many documents", strings.Repeat("---\na: b\n", mb/9), "second YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse([]byte(tt.input))
			took := time.Since(start)
			t.Logf("%d bytes: %v", len(tt.input), took)
			// Generous: the point is linear, not quadratic, time; -race slows things down.
			if took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v; want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v; want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
