package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// Every folder's index.html is served at the folder's path, with the CSP; http.ServeFile sends
// …/index.html there.
func TestIndexes(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "root", "demo/index.html": "demo", "demo/page.html": "page"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for _, tt := range []struct{ path, want string }{
		{"/", "root"}, {"/index.html", "root"}, {"/demo/", "demo"}, {"/demo/index.html", "demo"}, {"/demo/page.html", "page"},
	} {
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(b) != tt.want {
			t.Errorf("GET %s = %d %q; want 200 %q", tt.path, res.StatusCode, b, tt.want)
		}
		if res.Header.Get("Content-Security-Policy") != CSP {
			t.Errorf("GET %s: no CSP", tt.path)
		}
	}
	if res, err := http.Get(srv.URL + "/demo"); err == nil {
		res.Body.Close()
		if res.StatusCode != 404 {
			t.Errorf("GET /demo = %d; want 404 (a folder is not a file)", res.StatusCode)
		}
	}
}

// The page and the service worker are revalidated on every load (a new build must reach the
// browser); the files named with the build's version may be kept.
func TestCacheControl(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.html", "sw.js", "app.js", "iamforge.wasm"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for _, tt := range []struct{ path, want string }{
		{"/", "no-cache"}, {"/sw.js", "no-cache"}, {"/app.js", "public, max-age=300"}, {"/iamforge.wasm", "public, max-age=300"},
	} {
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Cache-Control"); got != tt.want {
			t.Errorf("GET %s: Cache-Control %q; want %q", tt.path, got, tt.want)
		}
	}
}
