// Package testutil holds what iamforge's tests share: golden files with one -update flag
// (Golden), globs that must match (Glob), the pinned upstream data that some tests read
// (NodeModule), and allocation bounds that stand in for wall-clock limits (Measure, Bounded,
// Linear), so that a test passes or fails alike on a fast machine and on a busy one.
//
// Only tests import it.
package testutil

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// RequireUpstream names the environment variable that turns missing upstream data into a
// failure: `make test` sets it to 1, so that a test never skips there.
const RequireUpstream = "IAMFORGE_REQUIRE_UPSTREAM"

// NodeModule returns the directory of the npm package name in the repository's node_modules,
// relative to the test's directory, as `npm ci` installs it from package.json. When it is
// missing, the test fails if IAMFORGE_REQUIRE_UPSTREAM is set (to anything but 0), and is
// skipped otherwise; either way the message says what to install.
func NodeModule(t testing.TB, name string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := repoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Rel(wd, filepath.Join(root, "node_modules", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		msg := "needs the npm package " + name + ", pinned in package.json: run `npm ci --no-audit --no-fund` (or `make deps`) at the repository root (" + err.Error() + ")"
		if v := os.Getenv(RequireUpstream); v != "" && v != "0" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; " + RequireUpstream + "=1, as `make test` sets it, turns this skip into a failure")
	}
	return dir
}

// repoRoot is the nearest directory at or above dir that holds go.mod.
func repoRoot(dir string) (string, error) {
	start := dir
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testutil: no go.mod at or above " + start)
		}
		dir = parent
	}
}

// Glob returns the files that match pattern, in lexical order, and fails t if there are none:
// a pattern that silently matches nothing (say, after the files moved) turns a test driven by
// its matches into one that checks nothing.
func Glob(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("Glob(%q): %v", pattern, err)
	}
	if len(files) == 0 {
		t.Fatalf("Glob(%q) matches no file: the cases it should feed are gone", pattern)
	}
	return files
}
