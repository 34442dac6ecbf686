// Command webserve serves the built builder (web/dist) on 127.0.0.1 for development and tests:
// static files only, precompressed .br/.gz when the browser accepts them (with their length),
// application/wasm, and on documents and workers a Content-Security-Policy that allows nothing
// from other origins.
//
//	go run ./cmd/webserve [-dir web/dist] [-addr 127.0.0.1:8080]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webserve:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("webserve", flag.ContinueOnError)
	dir := fs.String("dir", "web/dist", "the built `DIR` to serve")
	addr := fs.String("addr", "127.0.0.1:8080", "the `ADDRESS` to listen on (keep it on 127.0.0.1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		return fmt.Errorf("%s has no index.html: build it first (make web)", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "iamforge builder: http://%s/\n", ln.Addr())
	srv := &http.Server{Handler: Handler(*dir)}
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// CSP allows the page's own files and WebAssembly compilation, nothing else: no CDN, no fonts,
// no beacons, so the builder provably works offline and sends nothing anywhere.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// Handler serves dir, preferring precompressed siblings.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		// Clean drops a trailing slash, and http.ServeFile redirects …/index.html to …/: a
		// folder's index.html is served at the folder's path (/demo/), as at the root's.
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		file := filepath.Join(dir, filepath.FromSlash(p))
		st, err := os.Stat(file)
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		// The policy binds documents and workers, whose responses carry it; on anything else a
		// browser ignores it, and it was 226 of the ~550 bytes of headers of each response.
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "worker.js") || path.Base(p) == "sw.js" {
			h.Set("Content-Security-Policy", CSP)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Vary", "Accept-Encoding")
		ctype := mime.TypeByExtension(filepath.Ext(file))
		switch filepath.Ext(file) {
		case ".wasm":
			ctype = "application/wasm"
		case ".bin":
			ctype = "application/octet-stream"
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		}
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		// The page, and the service worker that names the build whose files the browser keeps,
		// are checked on every load; the rest is named with the build's version.
		if strings.HasSuffix(p, ".html") || path.Base(p) == "sw.js" {
			h.Set("Cache-Control", "no-cache")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !acceptsEncoding(accept, enc.name) {
				continue
			}
			if est, err := os.Stat(file + enc.ext); err == nil {
				h.Set("Content-Encoding", enc.name)
				// net/http leaves out Content-Length when Content-Encoding is set (a range is of
				// the encoded bytes); without it the body goes chunked, 7 bytes of framing every
				// 4 KB (1.7 KB for the wasm), and the browser does not know the size ahead.
				if r.Header.Get("Range") == "" {
					h.Set("Content-Length", strconv.FormatInt(est.Size(), 10))
				}
				http.ServeFile(w, r, file+enc.ext)
				return
			}
		}
		http.ServeFile(w, r, file)
	})
}

// acceptsEncoding reads Accept-Encoding: the encoding is listed, without q=0.
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f <= 0 {
				return false
			}
		}
		return true
	}
	return false
}
