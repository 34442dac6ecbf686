package diag_test

import (
	"bufio"
	"bytes"
	"flag"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
)

var update = flag.Bool("update", false, "rewrite the list of codes in README.md")

// TestRegistry holds the source to the registry: every Code constant has one meaning and one
// group; every code a diagnostic is given is a constant (a literal would be a code nobody
// registered); and every registered code is given somewhere. It type-checks every package of
// the module from the compiler's export data, so it sees a code however it is passed.
func TestRegistry(t *testing.T) {
	declared := map[diag.Code]bool{}
	for _, g := range diag.Codes() {
		if g.Name == "" || len(g.Codes) == 0 {
			t.Errorf("group %q is empty", g.Name)
		}
		for _, c := range g.Codes {
			if declared[c] {
				t.Errorf("%q is registered twice", c)
			}
			declared[c] = true
			if c.Meaning() == "" || strings.Contains(c.Meaning(), "\n") {
				t.Errorf("%q has no one-line meaning", c)
			}
			if !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(string(c)) {
				t.Errorf("%q is not a code's spelling (lower-case words and hyphens)", c)
			}
		}
	}

	pkgs, exports := modulePackages(t)
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})
	used := map[diag.Code][]string{}
	constants := map[diag.Code]bool{}
	for _, p := range pkgs {
		var files []*ast.File
		for _, f := range p.files {
			af, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, af)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
		conf := types.Config{Importer: imp, Error: func(error) {}}
		if _, err := conf.Check(p.path, fset, files, info); err != nil {
			t.Fatalf("type-checking %s: %v", p.path, err)
		}
		isCode := func(typ types.Type) bool {
			n, ok := typ.(*types.Named)
			return ok && n.Obj().Name() == "Code" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "github.com/iamforge/iamforge/catalog/diag"
		}
		for e, tv := range info.Types {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING && isCode(tv.Type) && p.path != "github.com/iamforge/iamforge/catalog/diag" {
				t.Errorf("%s: the code %s is written as a literal; use its diag constant (and register it in codes.go if it is new)", fset.Position(lit.Pos()), lit.Value)
			}
		}
		for id, obj := range info.Defs {
			if c, ok := obj.(*types.Const); ok && isCode(c.Type()) && p.path == "github.com/iamforge/iamforge/catalog/diag" {
				code := diag.Code(strings.Trim(c.Val().ExactString(), `"`))
				constants[code] = true
				if !declared[code] {
					t.Errorf("%s: the constant %s (%q) is not in the registry", fset.Position(id.Pos()), id.Name, code)
				}
			}
		}
		if p.path == "github.com/iamforge/iamforge/catalog/diag" {
			continue
		}
		for id, obj := range info.Uses {
			if c, ok := obj.(*types.Const); ok && isCode(c.Type()) {
				code := diag.Code(strings.Trim(c.Val().ExactString(), `"`))
				used[code] = append(used[code], fset.Position(id.Pos()).String())
			}
		}
	}
	for c := range declared {
		if !constants[c] {
			t.Errorf("%q is registered but has no constant", c)
		}
		if len(used[c]) == 0 {
			t.Errorf("%q is registered but nothing gives it", c)
		}
	}
}

type goPackage struct {
	path  string
	files []string
}

// modulePackages lists the module's packages with their non-test files, and the export data of
// everything they import, built by the go command (cached after the first build).
func modulePackages(t *testing.T) ([]goPackage, map[string]string) {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{.Module}}\t{{.Dir}}\t{{join .GoFiles \",\"}}", "../../...")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	exports := map[string]string{}
	var pkgs []goPackage
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 {
			continue
		}
		exports[f[0]] = f[1]
		if strings.HasPrefix(f[0], "github.com/iamforge/iamforge/") && f[4] != "" {
			p := goPackage{path: f[0]}
			for _, name := range strings.Split(f[4], ",") {
				p.files = append(p.files, filepath.Join(f[3], name))
			}
			pkgs = append(pkgs, p)
		}
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d of the module's packages", len(pkgs))
	}
	return pkgs, exports
}

// TestREADME checks that the README lists every code with its meaning, as Codes gives them;
// -update rewrites the list.
func TestREADME(t *testing.T) {
	const path = "../../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- codes:begin (go test ./catalog/diag -update) -->\n", "<!-- codes:end -->"
	i, j := bytes.Index(readme, []byte(begin)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(begin), end)
	}
	var b strings.Builder
	for _, g := range diag.Codes() {
		b.WriteString("\n**" + g.Name + "**\n\n| code | meaning |\n|---|---|\n")
		for _, c := range g.Codes {
			b.WriteString("| `" + string(c) + "` | " + strings.ReplaceAll(c.Meaning(), "|", `\|`) + " |\n")
		}
	}
	b.WriteString("\n")
	want := b.String()
	got := string(readme[i+len(begin) : j])
	if got == want {
		return
	}
	if *update {
		out := append(append(append([]byte(nil), readme[:i+len(begin)]...), want...), readme[j:]...)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's list of codes is not the registry's: run go test ./catalog/diag -update")
}
