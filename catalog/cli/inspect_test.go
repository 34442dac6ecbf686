package cli

import (
	"strings"
	"testing"
)

// --help prints a command's usage once: flag.FlagSet prints it itself on -help, so parse must
// not print it again.
func TestHelpOnce(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "--help"}, {"expand", "--help"}, {"validate", "-h"}, {"expand", "x.json", "--help"},
		{"write", "--help"}, {"query", "actions", "--help"}, {"catalog", "info", "--help"}, {"template", "--help"},
	} {
		out, errs, code := runCLI(t, "", args...)
		if n := strings.Count(out, "Usage:"); code != 0 || n != 1 || strings.Count(out, "Flags:") != 1 {
			t.Errorf("iamforge %s: exit %d, %d usages on stdout, stderr %q; want the usage once and exit 0\n%s", strings.Join(args, " "), code, n, errs, out)
		}
	}
}
