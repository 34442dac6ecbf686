package writer_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// Hostile templates end with a result or an error, in bounded time, never a panic.
func TestHostile(t *testing.T) {
	c := cat(t)
	var many strings.Builder
	many.WriteString("mode: crud\nread:\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&many, "- arn:aws:s3:::bucket-%d/key-%d\n", i%500, i)
	}
	long := "mode: crud\nread:\n- arn:aws:s3:::" + strings.Repeat("a/*", 7000) + "\n"
	tests := map[string]string{
		"50,000 ARNs":         many.String(),
		"a 20 KB ARN":         long,
		"binary":              "mode: crud\nread:\n- \x00\x01\x02arn\xff\n",
		"every service star":  "mode: crud\nread:\n- 'arn:aws:*:*:*:*'\n",
		"deep resource stars": "mode: crud\nwrite:\n- 'arn:aws:s3:::" + strings.Repeat("*a", 900) + "'\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			tmpl, ds := template.Parse(name, []byte(src))
			if tmpl != nil && !ds.HasErrors() {
				res := writer.Write(c, tmpl, writer.Options{Minimize: true})
				if len(res.Policy.Statement) == 0 && !res.Diagnostics.HasErrors() {
					t.Error("an empty policy without an error")
				}
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
