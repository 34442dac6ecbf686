// Command worker is iamforge on Cloudflare Workers: the builder as static assets, and short
// share links (POST /api/links, GET /api/links/{id}, GET /s/{id}) stored in Workers KV. It is
// Go compiled to WebAssembly with github.com/syumai/workers; `make worker` builds it into
// cmd/worker/build and `make worker-dev` runs it on the local workerd.
//
// main.go is the only file that touches JavaScript: it connects the bindings named in
// wrangler.jsonc (the KV namespace LINKS, the rate limiters CREATE_LIMIT and READ_LIMIT) to
// the plain net/http handler of internal/links, which the host tests exercise.
package main
