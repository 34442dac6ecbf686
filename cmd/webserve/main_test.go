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

// The CSP goes with what it binds, documents and workers, and not with the bytes they load.
func TestCSPWhereItBinds(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.html", "sw.js", "engine-worker.js", "app.js", "iamforge.wasm", "catalog.bin", "style.css"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for path, want := range map[string]bool{"/": true, "/index.html": true, "/sw.js": true, "/engine-worker.js": true,
		"/app.js": false, "/iamforge.wasm": false, "/catalog.bin": false, "/style.css": false} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Security-Policy") == CSP; got != want {
			t.Errorf("GET %s: CSP %v; want %v", path, got, want)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
}

// A precompressed file is sent with its length, not chunked; a range of it, with the range's.
func TestPrecompressedLength(t *testing.T) {
	dir := t.TempDir()
	body := make([]byte, 50_000) // several of the server's 4 KB chunks, were it chunked
	for i := range body {
		body[i] = byte(i * 7)
	}
	for name, b := range map[string][]byte{"iamforge.wasm": []byte("raw"), "iamforge.wasm.br": body} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	get := func(rng string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+"/iamforge.wasm", nil)
		req.Header.Set("Accept-Encoding", "br")
		if rng != "" {
			req.Header.Set("Range", rng)
		}
		// A transport of its own: the default one would ask for gzip and decode it.
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, b
	}
	res, b := get("")
	if res.ContentLength != int64(len(body)) || len(res.TransferEncoding) != 0 || len(b) != len(body) || res.Header.Get("Content-Encoding") != "br" {
		t.Errorf("GET br: length %d, transfer encoding %v, %d bytes, encoding %q; want %d, none, %d, br",
			res.ContentLength, res.TransferEncoding, len(b), res.Header.Get("Content-Encoding"), len(body), len(body))
	}
	res, b = get("bytes=10-19")
	if res.StatusCode != http.StatusPartialContent || res.ContentLength != 10 || string(b) != string(body[10:20]) {
		t.Errorf("GET br, bytes 10-19: %d, length %d, %d bytes; want 206, 10, the ten bytes", res.StatusCode, res.ContentLength, len(b))
	}
}
