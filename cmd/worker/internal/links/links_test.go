package links

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/api"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamforge/iamforge/catalog"
)

// memStore is an in-memory Store that can be told to fail.
type memStore struct {
	mu      sync.Mutex
	m       map[string][]byte
	puts    int
	failGet error
	failPut error
	lastTTL time.Duration
}

func newMem() *memStore { return &memStore{m: map[string][]byte{}} }

func (s *memStore) Get(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return nil, s.failGet
	}
	v, ok := s.m[key]
	if !ok {
		return nil, ErrNotFound
	}
	return append([]byte(nil), v...), nil
}

func (s *memStore) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failPut != nil {
		return s.failPut
	}
	s.puts++
	s.lastTTL = ttl
	s.m[key] = append([]byte(nil), value...)
	return nil
}

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// countLimiter allows n requests per key, then refuses; err makes it fail.
type countLimiter struct {
	mu   sync.Mutex
	n    int
	seen map[string]int
	err  error
}

func (l *countLimiter) Allow(_ context.Context, key string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return false, l.err
	}
	if l.seen == nil {
		l.seen = map[string]int{}
	}
	l.seen[key]++
	return l.seen[key] <= l.n, nil
}

func newHandler(t *testing.T) (*Handler, *memStore) {
	t.Helper()
	st := newMem()
	return &Handler{Store: st, Catalog: api.Builtin, Logf: t.Logf}, st
}

const (
	twoBuckets = `{"resources":[{"arn":"arn:aws:s3:::a","levels":["read"]},{"arn":"arn:aws:s3:::b","levels":["read"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/t","levels":["write"]}]}`
	// The same state as the builder might send it: other order of keys, white space, defaults.
	twoBucketsAgain = "{ \"v\": 1, \"effect\": \"\",\n \"resources\": [{\"levels\": [\"read\"], \"arn\": \"arn:aws:s3:::a\"}, {\"arn\":\"arn:aws:s3:::b\",\"levels\":[\"read\"]},{\"arn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t\",\"levels\":[\"write\"]}]}"
	oneQueue        = `{"resources":[{"arn":"arn:aws:sqs:us-east-1:123456789012:jobs","levels":["write"]}]}`
)

type answer struct {
	code int
	hdr  http.Header
	body string
}

func do(h http.Handler, method, path, ctype, body string, hdr ...string) answer {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, "https://links.example"+path, r)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	req.RemoteAddr = "192.0.2.7:4711"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return answer{w.Code, w.Header(), w.Body.String()}
}

func post(h http.Handler, body string) answer {
	return do(h, "POST", "/api/links", "application/json", body)
}

func created(t *testing.T, a answer) Created {
	t.Helper()
	if a.code != http.StatusCreated && a.code != http.StatusOK {
		t.Fatalf("POST = %d %s; want 201 or 200", a.code, a.body)
	}
	var c Created
	if err := json.Unmarshal([]byte(a.body), &c); err != nil {
		t.Fatalf("POST answer %q: %v", a.body, err)
	}
	return c
}

func errorCode(t *testing.T, a answer) string {
	t.Helper()
	var e ErrorBody
	if err := json.Unmarshal([]byte(a.body), &e); err != nil {
		t.Fatalf("error body %q: %v", a.body, err)
	}
	if e.Error.Message == "" {
		t.Errorf("error body %q has no message", a.body)
	}
	return e.Error.Code
}

func TestCreateFetchAndPage(t *testing.T) {
	h, st := newHandler(t)
	a := post(h, twoBuckets)
	if a.code != http.StatusCreated {
		t.Fatalf("POST = %d %s; want 201", a.code, a.body)
	}
	c := created(t, a)
	if !validID(c.ID) {
		t.Errorf("id %q is not 12 base32 characters", c.ID)
	}
	if want := "https://links.example/s/" + c.ID; c.URL != want {
		t.Errorf("url = %q; want %q", c.URL, want)
	}
	if loc := a.hdr.Get("Location"); loc != "/s/"+c.ID {
		t.Errorf("Location = %q", loc)
	}
	if st.puts != 1 {
		t.Errorf("%d puts; want 1", st.puts)
	}

	g := do(h, "GET", "/api/links/"+c.ID, "", "")
	if g.code != 200 || g.hdr.Get("Content-Type") != "application/json" {
		t.Fatalf("GET = %d %s %q", g.code, g.hdr.Get("Content-Type"), g.body)
	}
	want := `{"v":1,"resources":[{"arn":"arn:aws:s3:::a","levels":["read"]},{"arn":"arn:aws:s3:::b","levels":["read"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/t","levels":["write"]}]}`
	if g.body != want {
		t.Errorf("GET state = %s\nwant %s", g.body, want)
	}
	if g.hdr.Get("Cache-Control") != Immutable || g.hdr.Get("ETag") != `"`+c.ID+`"` {
		t.Errorf("GET cache headers: %v", g.hdr)
	}
	if nm := do(h, "GET", "/api/links/"+c.ID, "", "", "If-None-Match", `"`+c.ID+`"`); nm.code != http.StatusNotModified || nm.body != "" {
		t.Errorf("conditional GET = %d %q; want 304", nm.code, nm.body)
	}
	if hd := do(h, "HEAD", "/api/links/"+c.ID, "", ""); hd.code != 200 || hd.body != "" {
		t.Errorf("HEAD = %d %q", hd.code, hd.body)
	}

	p := do(h, "GET", "/s/"+c.ID, "", "")
	if p.code != 200 || p.hdr.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /s = %d %s", p.code, p.hdr.Get("Content-Type"))
	}
	for _, s := range []string{
		`<meta property="og:title" content="Read on 2 S3 buckets, Write on 1 DynamoDB table — 63 actions">`,
		`<title>Read on 2 S3 buckets, Write on 1 DynamoDB table — 63 actions · iamforge</title>`,
		`<meta property="og:description" content="A least-privilege AWS IAM policy that allows 63 actions on DynamoDB and S3, written by iamforge: 2,113 of 6,144 characters (a managed policy).`,
		`<meta property="og:url" content="https://links.example/s/` + c.ID + `">`,
		`<meta http-equiv="refresh" content="0; url=/#s1.`,
	} {
		if !strings.Contains(p.body, s) {
			t.Errorf("page lacks %s\n%s", s, p.body)
		}
	}
	if csp := p.hdr.Get("Content-Security-Policy"); csp != LinkCSP {
		t.Errorf("page CSP = %q", csp)
	}

	// The page's fragment is the engine's encoding of the stored state.
	var rec record
	json.Unmarshal(st.m[c.ID], &rec)
	res, ds, err := call(nil, "decodeState", map[string]string{"fragment": rec.Fragment})
	if err != nil || len(ds) > 0 || string(res) != want {
		t.Errorf("the fragment decodes to %s %v %v; want %s", res, ds, err, want)
	}
}

func TestSameStateSameID(t *testing.T) {
	h, st := newHandler(t)
	first := post(h, twoBuckets)
	if first.code != http.StatusCreated {
		t.Fatalf("first POST = %d %s", first.code, first.body)
	}
	again := post(h, twoBuckets)
	if again.code != http.StatusOK {
		t.Errorf("repeat POST = %d %s; want 200", again.code, again.body)
	}
	other := post(h, twoBucketsAgain)
	a, b, c := created(t, first), created(t, again), created(t, other)
	if a != b || a != c {
		t.Errorf("ids %v, %v, %v; want one id for one state", a, b, c)
	}
	if st.puts != 1 {
		t.Errorf("%d puts; a repeat must not write", st.puts)
	}
	d := created(t, post(h, oneQueue))
	if d.ID == a.ID {
		t.Errorf("two states got the same id %s", d.ID)
	}
}

func TestNothingIsOverwritten(t *testing.T) {
	h, st := newHandler(t)
	c := created(t, post(h, twoBuckets))
	stored := string(st.m[c.ID])
	for _, m := range []string{"PUT", "PATCH", "DELETE", "POST"} {
		a := do(h, m, "/api/links/"+c.ID, "application/json", oneQueue)
		if a.code != http.StatusMethodNotAllowed || errorCode(t, a) != CodeMethod || a.hdr.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /api/links/{id} = %d %v %s; want 405", m, a.code, a.hdr, a.body)
		}
		if a := do(h, m, "/s/"+c.ID, "application/json", oneQueue); a.code != http.StatusMethodNotAllowed {
			t.Errorf("%s /s/{id} = %d; want 405", m, a.code)
		}
	}
	// An id already taken by another state (60 bits of hash do collide, in theory): 409, and
	// the first stays.
	otherID := idOf(t, oneQueue)
	st.m[otherID] = []byte(stored) // a different state stored under the queue's id
	a := post(h, oneQueue)
	if a.code != http.StatusConflict || errorCode(t, a) != CodeConflict {
		t.Errorf("POST onto a taken id = %d %s; want 409", a.code, a.body)
	}
	if string(st.m[otherID]) != stored || string(st.m[c.ID]) != stored || st.puts != 1 {
		t.Errorf("a stored link changed")
	}
}

// idOf is the id the engine's canonical form of body hashes to.
func idOf(t *testing.T, body string) string {
	t.Helper()
	cat, err := api.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	c, ds, err := check(cat, []byte(body))
	if c == nil {
		t.Fatalf("check(%s): %v %v", body, ds, err)
	}
	return ID(c.canonical)
}

func TestBadRequests(t *testing.T) {
	big := `{"name":"` + strings.Repeat("x", MaxBody) + `"}`
	tests := []struct {
		name, method, path, ctype, body string
		code                            int
		errCode                         string
		diags                           bool
	}{
		{"get on the collection", "GET", "/api/links", "", "", 405, CodeMethod, false},
		{"no content type", "POST", "/api/links", "", twoBuckets, 415, CodeContentType, false},
		{"text", "POST", "/api/links", "text/plain", twoBuckets, 415, CodeContentType, false},
		{"form", "POST", "/api/links", "application/x-www-form-urlencoded", "a=b", 415, CodeContentType, false},
		{"json with charset", "POST", "/api/links", "application/json; charset=utf-8", twoBuckets, 201, "", false},
		{"not json", "POST", "/api/links", "application/json", "{resources:", 400, CodeBadJSON, false},
		{"empty body", "POST", "/api/links", "application/json", "", 400, CodeBadJSON, false},
		{"oversized", "POST", "/api/links", "application/json", big, 413, CodeTooLarge, false},
		{"not an object", "POST", "/api/links", "application/json", "[1]", 422, CodeInvalid, true},
		{"unknown field", "POST", "/api/links", "application/json", `{"resources":[],"id":"aaaaaaaaaaaa"}`, 422, CodeInvalid, true},
		{"unknown level", "POST", "/api/links", "application/json", `{"resources":[{"arn":"arn:aws:s3:::a","levels":["reed"]}]}`, 422, CodeInvalid, true},
		{"empty state", "POST", "/api/links", "application/json", `{}`, 422, CodeInvalid, true},
		{"unknown service", "POST", "/api/links", "application/json", `{"resources":[{"arn":"arn:aws:nope:::x","levels":["read"]}]}`, 422, CodeInvalid, true},
		{"unknown id", "GET", "/api/links/aaaaaaaaaaaa", "", "", 404, CodeNotFound, false},
		{"malformed id", "GET", "/api/links/..%2f..%2fetc", "", "", 404, CodeNotFound, false},
		{"upper-case id", "GET", "/api/links/AAAAAAAAAAAA", "", "", 404, CodeNotFound, false},
		{"other path", "GET", "/api/other", "", "", 404, CodeNotFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, st := newHandler(t)
			a := do(h, tt.method, tt.path, tt.ctype, tt.body)
			if a.code != tt.code {
				t.Fatalf("%s %s = %d %s; want %d", tt.method, tt.path, a.code, a.body, tt.code)
			}
			if tt.errCode == "" {
				return
			}
			if got := errorCode(t, a); got != tt.errCode {
				t.Errorf("error code %q; want %q", got, tt.errCode)
			}
			var e ErrorBody
			json.Unmarshal([]byte(a.body), &e)
			if tt.diags != (len(e.Diagnostics) > 0) || (tt.diags && !e.Diagnostics.HasErrors()) {
				t.Errorf("diagnostics %v; want some errors: %v", e.Diagnostics, tt.diags)
			}
			for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				if a.hdr.Get(k) == "" {
					t.Errorf("no %s", k)
				}
			}
			if a.hdr.Get("Cache-Control") != "no-store" || a.hdr.Get("Content-Type") != "application/json" {
				t.Errorf("error headers %v", a.hdr)
			}
			if st.len() != 0 {
				t.Errorf("a bad request stored something")
			}
		})
	}
}

func TestUnknownLinkPage(t *testing.T) {
	h, _ := newHandler(t)
	for _, p := range []string{"/s/aaaaaaaaaaaa", "/s/not-an-id"} {
		a := do(h, "GET", p, "", "")
		if a.code != http.StatusNotFound || a.hdr.Get("Content-Type") != "text/html; charset=utf-8" ||
			a.hdr.Get("Content-Security-Policy") != LinkCSP || !strings.Contains(a.body, "<h1>No such link</h1>") {
			t.Errorf("GET %s = %d %v %s; want a 404 page", p, a.code, a.hdr, a.body)
		}
	}
}

func TestOversizedStream(t *testing.T) {
	// No Content-Length: the cap holds while reading.
	h, st := newHandler(t)
	body := `{"name":"` + strings.Repeat("x", MaxBody) + `"}`
	req := httptest.NewRequest("POST", "/api/links", io.NopCloser(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusRequestEntityTooLarge || st.len() != 0 {
		t.Errorf("streamed oversized POST = %d %s; want 413", w.Code, w.Body)
	}
}

func TestStoreFailures(t *testing.T) {
	boom := errors.New("kv: 503 from upstream")
	h, st := newHandler(t)
	st.failPut = boom
	a := post(h, twoBuckets)
	if a.code != http.StatusServiceUnavailable || errorCode(t, a) != CodeStorage || st.len() != 0 {
		t.Errorf("POST with a failing put = %d %s, %d stored; want 503 and nothing", a.code, a.body, st.len())
	}
	st.failPut = nil
	st.failGet = boom
	a = post(h, twoBuckets)
	if a.code != http.StatusServiceUnavailable || st.len() != 0 {
		t.Errorf("POST with a failing get = %d %s; want 503 and nothing stored", a.code, a.body)
	}
	if a := do(h, "GET", "/api/links/aaaaaaaaaaaa", "", ""); a.code != http.StatusServiceUnavailable {
		t.Errorf("GET with a failing store = %d; want 503", a.code)
	}
	st.failGet = nil
	c := created(t, post(h, twoBuckets))
	st.m[c.ID] = []byte("{damaged")
	if a := do(h, "GET", "/s/"+c.ID, "", ""); a.code != http.StatusInternalServerError || errorCode(t, a) != CodeInternal {
		t.Errorf("GET of a damaged record = %d %s; want 500", a.code, a.body)
	}
}

func TestRateLimit(t *testing.T) {
	h, st := newHandler(t)
	h.CreateLimit = &countLimiter{n: 2}
	h.ReadLimit = &countLimiter{n: 3}
	for i := 0; i < 2; i++ {
		created(t, post(h, twoBuckets))
	}
	a := post(h, twoBuckets)
	if a.code != http.StatusTooManyRequests || errorCode(t, a) != CodeRateLimited || a.hdr.Get("Retry-After") != "60" {
		t.Errorf("third POST = %d %v %s; want 429 with Retry-After", a.code, a.hdr, a.body)
	}
	if st.puts != 1 {
		t.Errorf("%d puts", st.puts)
	}
	var last answer
	for i := 0; i < 4; i++ {
		last = do(h, "GET", "/api/links/aaaaaaaaaaaa", "", "")
	}
	if last.code != http.StatusTooManyRequests {
		t.Errorf("fourth GET = %d; want 429", last.code)
	}
	// Another client is not limited.
	req := httptest.NewRequest("GET", "/api/links/aaaaaaaaaaaa", nil)
	req.RemoteAddr = "198.51.100.1:1"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusNotFound {
		t.Errorf("another client's GET = %d; want 404", w.Code)
	}
	// A failing limiter lets requests through.
	h.CreateLimit = &countLimiter{err: errors.New("binding down")}
	if a := post(h, oneQueue); a.code != http.StatusCreated {
		t.Errorf("POST with a failing limiter = %d %s; want 201", a.code, a.body)
	}
}

func TestClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":                  "192.0.2.7",
		"192.0.2.7:4711":             "192.0.2.7",
		"::ffff:192.0.2.7":           "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":       "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff::1]:443": "2001:db8:1:2::/64",
		"":                           "unknown",
		"not an address":             "unknown",
	} {
		if got := ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestTTL(t *testing.T) {
	h, st := newHandler(t)
	h.TTL = 30 * 24 * time.Hour
	c := created(t, post(h, twoBuckets))
	if st.lastTTL != h.TTL {
		t.Errorf("put with ttl %v; want %v", st.lastTTL, h.TTL)
	}
	if a := do(h, "GET", "/api/links/"+c.ID, "", ""); a.hdr.Get("Cache-Control") != "public, max-age=86400" {
		t.Errorf("Cache-Control of an expiring link = %q", a.hdr.Get("Cache-Control"))
	}
}

func TestCORS(t *testing.T) {
	h, _ := newHandler(t)
	a := do(h, "POST", "/api/links", "application/json", twoBuckets, "Origin", "https://evil.example")
	if a.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS is off by default, yet: %v", a.hdr)
	}
	if a := do(h, "OPTIONS", "/api/links", "", "", "Origin", "https://evil.example"); a.code != http.StatusMethodNotAllowed {
		t.Errorf("preflight with CORS off = %d; want 405", a.code)
	}
	h.AllowOrigins = []string{"https://tools.example"}
	a = do(h, "OPTIONS", "/api/links", "", "", "Origin", "https://tools.example", "Access-Control-Request-Method", "POST")
	if a.code != http.StatusNoContent || a.hdr.Get("Access-Control-Allow-Origin") != "https://tools.example" || a.hdr.Get("Access-Control-Allow-Methods") != "POST" {
		t.Errorf("preflight = %d %v", a.code, a.hdr)
	}
	if a := do(h, "OPTIONS", "/api/links", "", "", "Origin", "https://evil.example"); a.code != http.StatusMethodNotAllowed || a.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin = %d %v", a.code, a.hdr)
	}
}

func TestPanicIsAnError(t *testing.T) {
	h, _ := newHandler(t)
	h.Catalog = func() (*catalog.Catalog, error) { panic("catalog exploded") }
	a := post(h, twoBuckets)
	if a.code != http.StatusInternalServerError || errorCode(t, a) != CodeInternal {
		t.Errorf("POST when the catalog panics = %d %s; want 500", a.code, a.body)
	}
}

func TestNothingEchoedUnescaped(t *testing.T) {
	h, st := newHandler(t)
	hostile := `"><script>alert(1)</script><b x='`
	// Everything a state can hold that the engine lets through: a name, an object key, a
	// condition value (a region or an account with such text is refused by the engine).
	body := fmt.Sprintf(`{"name":%s,"resources":[{"arn":"arn:aws:s3:::a","levels":["read"]},{"arn":%s,"levels":["read"]}],"actions":[%s],"conditions":[{"operator":"StringEquals","key":"aws:PrincipalTag/team","values":[%s]}]}`,
		strconv.Quote(hostile), strconv.Quote("arn:aws:s3:::b/"+hostile), strconv.Quote("s3:ListAllMyBuckets"), strconv.Quote(hostile))
	c := created(t, post(h, body))
	p := do(h, "GET", "/s/"+c.ID, "", "")
	if p.code != 200 {
		t.Fatalf("GET /s = %d", p.code)
	}
	for _, bad := range []string{"<script", "<b ", "alert(1)"} {
		if strings.Contains(p.body, bad) {
			t.Errorf("the page echoes %q:\n%s", bad, p.body)
		}
	}
	// Even a record whose text is hostile (it never is: the text is the Worker's own) is escaped.
	var rec record
	json.Unmarshal(st.m[c.ID], &rec)
	rec.Title, rec.Description, rec.Fragment = hostile, hostile+"&", `s1."><script>`
	out := string(page("https://links.example", c.ID, &rec))
	if strings.Contains(out, "<script") || strings.Contains(out, "<b ") || !strings.Contains(out, "&#34;&gt;&lt;script&gt;") {
		t.Errorf("page() does not escape:\n%s", out)
	}
	// The API answers JSON only, under a CSP that allows nothing.
	g := do(h, "GET", "/api/links/"+c.ID, "", "")
	if g.hdr.Get("Content-Security-Policy") != APICSP || g.hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("API headers %v", g.hdr)
	}
}

func TestSummaries(t *testing.T) {
	cat, err := api.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ state, title string }{
		{twoBuckets, "Read on 2 S3 buckets, Write on 1 DynamoDB table — 63 actions"},
		{`{"effect":"Deny","resources":[{"arn":"arn:aws:s3:::acme-*","levels":["write"]}]}`, "Deny: Write on 1 S3 bucket or object — "},
		{`{"resources":[{"arn":"arn:aws:lambda:us-east-1:111122223333:function:fn:prod","levels":["read","write"]}]}`, "Read on 1 Lambda function alias, Write on 1 Lambda function alias — "},
		{`{"mode":"actions","actions":["s3:GetObject","kms:Decrypt"]}`, "2 single actions — 2 actions"},
		{`{"services":[{"service":"ec2","levels":["list"]}]}`, "List on every EC2 action that takes only * — "},
		{`{"sts":[{"key":"assume-role","roles":["arn:aws:iam::111122223333:role/a","arn:aws:iam::111122223333:role/b"]}]}`, "assume 2 roles — "},
	}
	for _, tt := range tests {
		c, ds, err := check(cat, []byte(tt.state))
		if c == nil {
			t.Errorf("check(%s): %v %v", tt.state, ds, err)
			continue
		}
		if !strings.HasPrefix(c.title, tt.title) {
			t.Errorf("title of %s = %q; want %q…", tt.state, c.title, tt.title)
		}
		if len(c.title) > maxTitle || len(c.desc) > maxDesc {
			t.Errorf("title or description too long: %q %q", c.title, c.desc)
		}
	}
	var many strings.Builder
	many.WriteString(`{"resources":[`)
	for i := 0; i < 40; i++ {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"arn":"arn:aws:sqs:us-east-1:123456789012:q%d","levels":["%s"]}`, i, levels[i%5].slug)
	}
	many.WriteString("]}")
	c, ds, err := check(cat, []byte(many.String()))
	if c == nil {
		t.Fatalf("check: %v %v", ds, err)
	}
	if len(c.title) > maxTitle {
		t.Errorf("title %q is over %d bytes", c.title, maxTitle)
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{"bucket": "buckets", "policy": "policies", "key": "keys", "function alias": "function aliases",
		"address": "addresses", "box": "boxes", "branch": "branches", "S3 bucket or object": "S3 bucket or objects"} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q; want %q", in, got, want)
		}
	}
	if got := group(6144); got != "6,144" {
		t.Errorf("group(6144) = %q", got)
	}
	if got := group(1234567); got != "1,234,567" {
		t.Errorf("group(1234567) = %q", got)
	}
}

// The builder's CSP is cmd/webserve's, word for word.
func TestPageCSPIsWebserve(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../../../webserve/main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "CSP" {
			return true
		}
		lit := vs.Values[0].(*ast.BasicLit)
		v, _ := strconv.Unquote(lit.Value)
		found = true
		if v != PageCSP {
			t.Errorf("PageCSP = %q\nwebserve's CSP = %q", PageCSP, v)
		}
		return false
	})
	if !found {
		t.Fatal("no const CSP in cmd/webserve/main.go")
	}
}

func TestAssetHeaders(t *testing.T) {
	got := AssetHeaders([]string{"iamforge.wasm", "index.html", "app.js", "provenance.json", "sw.js", "engine-worker.js"})
	for _, want := range []string{
		"/\n  Content-Security-Policy: " + PageCSP + "\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: no-cache\n",
		"/index.html\n  Content-Security-Policy: " + PageCSP + "\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: no-cache\n",
		"/app.js\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: " + Immutable + "\n",
		"/iamforge.wasm\n  X-Content-Type-Options: ",
		"/engine-worker.js\n  Content-Security-Policy: " + PageCSP + "\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: " + Immutable + "\n",
		"/sw.js\n  Content-Security-Policy: " + PageCSP + "\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: no-cache\n",
		"/provenance.json\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Cache-Control: public, max-age=300\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("AssetHeaders lacks\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "*") {
		t.Errorf("a wildcard rule would join its values with another rule's:\n%s", got)
	}
}

func TestID(t *testing.T) {
	id := ID([]byte(`{"v":1}`))
	if !validID(id) || id != ID([]byte(`{"v":1}`)) || id == ID([]byte(`{"v":1} `)) {
		t.Errorf("ID is not a stable 12-character base32 hash: %q", id)
	}
	for _, bad := range []string{"", "abc", "aaaaaaaaaaa1", "aaaaaaaaaaaaa", "AAAAAAAAAAAA", "aaaaaaaaaaa/"} {
		if validID(bad) {
			t.Errorf("validID(%q) = true", bad)
		}
	}
}
