package links

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// MaxBody is the largest state a POST may carry: 64 KiB, the permalink codec's own limit on an
// encoded state.
const MaxBody = 64 << 10

// RetryAfter is what a 429 tells the client to wait: the rate limiter's longest period.
const RetryAfter = 60 * time.Second

// Handler serves the share-link API and pages. The zero value is not usable: Store and
// Catalog are required; the limiters are optional (nil: no limit).
type Handler struct {
	Store Store
	// Catalog returns the catalog states are checked against (only POST needs it).
	Catalog func() (*catalog.Catalog, error)
	// CreateLimit is asked once per POST and ReadLimit once per GET, keyed by the client's
	// address (an IPv6 client by its /64).
	CreateLimit, ReadLimit Limiter
	// TTL > 0 makes new links expire; 0 keeps them for good.
	TTL time.Duration
	// AllowOrigins lists the origins allowed to call the API from another site (CORS);
	// empty, CORS is off. "*" allows every origin.
	AllowOrigins []string
	// Logf reports failures of the store, the limiters and the engine; nil: no log.
	Logf func(format string, args ...any)
}

// Error codes of the API's error bodies, {"error": {"code", "message"}}.
const (
	CodeMethod      = "method-not-allowed"
	CodeContentType = "unsupported-media-type"
	CodeTooLarge    = "too-large"
	CodeBadJSON     = "bad-json"
	CodeInvalid     = "invalid-state"
	CodeNotFound    = "not-found"
	CodeConflict    = "id-conflict"
	CodeRateLimited = "rate-limited"
	CodeStorage     = "storage-unavailable"
	CodeInternal    = "internal-error"
)

// Created is the answer to a POST: the id and the link to share.
type Created struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// ErrorBody is every error answer.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Diagnostics diag.List `json:"diagnostics,omitempty"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			h.logf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
			writeError(w, http.StatusInternalServerError, CodeInternal, "the link service failed; please try again", nil)
		}
	}()
	p := r.URL.Path
	switch {
	case p == "/api/links":
		if h.cors(w, r, "POST") {
			return
		}
		if r.Method != http.MethodPost {
			methodNotAllowed(w, "POST", "create a link with POST")
			return
		}
		h.create(w, r)
	case strings.HasPrefix(p, "/api/links/"):
		if h.cors(w, r, "GET, HEAD") {
			return
		}
		if !readMethod(r) {
			methodNotAllowed(w, "GET, HEAD", "links are immutable: they can only be read")
			return
		}
		h.read(w, r, strings.TrimPrefix(p, "/api/links/"), false)
	case strings.HasPrefix(p, "/s/"):
		if !readMethod(r) {
			methodNotAllowed(w, "GET, HEAD", "links are immutable: they can only be read")
			return
		}
		h.read(w, r, strings.TrimPrefix(p, "/s/"), true)
	default:
		writeError(w, http.StatusNotFound, CodeNotFound, "no such page", nil)
	}
}

func readMethod(r *http.Request) bool {
	return r.Method == http.MethodGet || r.Method == http.MethodHead
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, h.CreateLimit) {
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, CodeContentType, "send the builder state as application/json", nil)
		return
	}
	if r.ContentLength > MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, tooLarge(), nil)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, tooLarge(), nil)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, CodeBadJSON, "reading the request: "+err.Error(), nil)
		return
	}
	if !json.Valid(body) {
		writeError(w, http.StatusBadRequest, CodeBadJSON, "the request body is not JSON", nil)
		return
	}
	cat, err := h.Catalog()
	if err != nil {
		h.logf("catalog: %v", err)
		writeError(w, http.StatusInternalServerError, CodeInternal, "the catalog is not available", nil)
		return
	}
	c, ds, err := check(cat, body)
	if err != nil {
		h.logf("checking a state: %v", err)
		writeError(w, http.StatusInternalServerError, CodeInternal, "the engine failed on this state", nil)
		return
	}
	if c == nil {
		writeError(w, http.StatusUnprocessableEntity, CodeInvalid, invalidMessage(ds), ds)
		return
	}
	id := ID(c.canonical)
	out := Created{ID: id, URL: origin(r) + "/s/" + id}
	old, err := h.Store.Get(r.Context(), id)
	switch {
	case err == nil:
		var rec record
		if json.Unmarshal(old, &rec) != nil || !bytes.Equal(rec.State, c.canonical) {
			// Another state with the same 60 bits of hash: keep the first, always.
			h.logf("id %s: a different state is stored under it; not overwritten", id)
			writeError(w, http.StatusConflict, CodeConflict, "another link already has this id; it is never overwritten", nil)
			return
		}
		w.Header().Set("Location", "/s/"+id)
		writeJSON(w, http.StatusOK, "no-store", out)
		return
	case !errors.Is(err, ErrNotFound):
		h.logf("store get %s: %v", id, err)
		writeError(w, http.StatusServiceUnavailable, CodeStorage, "the link store is not available; nothing was stored, please try again", nil)
		return
	}
	rec, _ := json.Marshal(record{V: 1, State: c.canonical, Fragment: c.fragment, Title: c.title, Description: c.desc})
	if err := h.Store.Put(r.Context(), id, rec, h.TTL); err != nil {
		h.logf("store put %s: %v", id, err)
		writeError(w, http.StatusServiceUnavailable, CodeStorage, "the link store is not available; nothing was stored, please try again", nil)
		return
	}
	w.Header().Set("Location", "/s/"+id)
	writeJSON(w, http.StatusCreated, "no-store", out)
}

func tooLarge() string {
	return fmt.Sprintf("the state is over %d KiB", MaxBody>>10)
}

func invalidMessage(ds diag.List) string {
	first, n := "", 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			if n == 0 {
				first = d.Message
			}
			n++
		}
	}
	switch n {
	case 0:
		return "the state cannot be shared"
	case 1:
		return "the state cannot be shared: " + first
	}
	return fmt.Sprintf("the state cannot be shared: %s (and %d more errors)", first, n-1)
}

// read answers GET /api/links/{id} (the state) and GET /s/{id} (the link's page).
func (h *Handler) read(w http.ResponseWriter, r *http.Request, id string, asPage bool) {
	if !h.allow(w, r, h.ReadLimit) {
		return
	}
	if !validID(id) {
		notFound(w, asPage)
		return
	}
	raw, err := h.Store.Get(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		notFound(w, asPage)
		return
	}
	if err != nil {
		h.logf("store get %s: %v", id, err)
		writeError(w, http.StatusServiceUnavailable, CodeStorage, "the link store is not available; please try again", nil)
		return
	}
	var rec record
	if err := json.Unmarshal(raw, &rec); err != nil || len(rec.State) == 0 {
		h.logf("store get %s: a damaged record: %v", id, err)
		writeError(w, http.StatusInternalServerError, CodeInternal, "this link is damaged", nil)
		return
	}
	hd := w.Header()
	etag := `"` + id + `"`
	hd.Set("ETag", etag)
	hd.Set("Cache-Control", h.linkCache())
	if asPage {
		secure(hd, LinkCSP)
		hd.Set("Content-Type", "text/html; charset=utf-8")
	} else {
		secure(hd, APICSP)
		hd.Set("Content-Type", "application/json")
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := []byte(rec.State)
	if asPage {
		body = page(origin(r), id, &rec)
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notFound answers an unknown id: a JSON error for the API, a page that says so (and leads
// to the builder) for a link someone followed.
func notFound(w http.ResponseWriter, asPage bool) {
	if !asPage {
		writeError(w, http.StatusNotFound, CodeNotFound, "no link has this id", nil)
		return
	}
	h := w.Header()
	secure(h, LinkCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(notFoundPage)))
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, notFoundPage)
}

const notFoundPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>No such link · iamforge</title>
<meta name="robots" content="noindex">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
<h1>No such link</h1>
<p>This share link does not exist, or it has expired.</p>
<p><a href="/">Open the iamforge builder</a></p>
</main>
</body>
</html>
`

// linkCache is how long a stored link may be cached: for good, unless links expire.
func (h *Handler) linkCache() string {
	if h.TTL <= 0 {
		return Immutable
	}
	s := int64(h.TTL / time.Second)
	if s > 86400 {
		s = 86400
	}
	return "public, max-age=" + strconv.FormatInt(s, 10)
}

// allow asks the limiter; a limiter that fails lets the request through (and says so in the
// log), so that the limiter is never the reason links cannot be read.
func (h *Handler) allow(w http.ResponseWriter, r *http.Request, l Limiter) bool {
	if l == nil {
		return true
	}
	ok, err := l.Allow(r.Context(), ClientKey(r.RemoteAddr))
	if err != nil {
		h.logf("rate limiter: %v", err)
		return true
	}
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(RetryAfter/time.Second)))
		writeError(w, http.StatusTooManyRequests, CodeRateLimited, "too many requests; try again in a minute", nil)
	}
	return ok
}

// ClientKey is the rate-limit key of a client address ("ip" or "ip:port"): the address, or an
// IPv6 address's /64, which one client usually holds whole.
func ClientKey(remote string) string {
	host := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return "unknown"
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// cors answers a preflight and marks answers for allowed origins; it reports whether the
// request was a preflight (answered). With no AllowOrigins, CORS is off: no header is added
// and OPTIONS is a method like any other.
func (h *Handler) cors(w http.ResponseWriter, r *http.Request, methods string) bool {
	if len(h.AllowOrigins) == 0 {
		return false
	}
	o := r.Header.Get("Origin")
	allowed := false
	for _, a := range h.AllowOrigins {
		if a == "*" || (o != "" && a == o) {
			allowed = true
		}
	}
	w.Header().Add("Vary", "Origin")
	if !allowed || o == "" {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", o)
	if r.Method != http.MethodOptions {
		return false
	}
	w.Header().Set("Access-Control-Allow-Methods", methods)
	w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	w.Header().Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// origin is the scheme and host the request came to, for the links it hands out.
func origin(r *http.Request) string {
	scheme, host := r.URL.Scheme, r.URL.Host
	if scheme == "" {
		scheme = "http"
		if r.TLS != nil {
			scheme = "https"
		}
	}
	if host == "" {
		host = r.Host
	}
	return scheme + "://" + host
}

func methodNotAllowed(w http.ResponseWriter, allow, msg string) {
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, CodeMethod, msg, nil)
}

func writeError(w http.ResponseWriter, status int, code, msg string, ds diag.List) {
	var b ErrorBody
	b.Error.Code, b.Error.Message, b.Diagnostics = code, msg, ds
	writeJSON(w, status, "no-store", b)
}

func writeJSON(w http.ResponseWriter, status int, cache string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"internal-error","message":"encoding the answer"}}`)
	}
	body = append(body, '\n')
	h := w.Header()
	secure(h, APICSP)
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", cache)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

func (h *Handler) logf(format string, args ...any) {
	if h.Logf != nil {
		h.Logf(format, args...)
	}
}
