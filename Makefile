# iamforge — see README.md. Targets are small and phony; `make test` installs what the tests need.
SHELL := /bin/bash
GO    ?= go
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: all build run test deps npm chromium vet purity bench catalog fuzz clean web serve test-go test-wasm test-web \
	worker worker-dev test-worker bench-worker

all: build

## build: the CLI, as bin/iamforge
build:
	$(GO) build -trimpath -ldflags="-s -w" -o bin/iamforge ./cmd/iamforge

## deps: what the tests need: the pinned npm packages (upstream catalog data, playwright-core)
## and Debian's Chromium for the browser tests
deps: npm chromium

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	fi

npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## test: every test, after installing what they need: Go, the bridge under Node, the browser
test: deps vet test-go test-wasm test-web test-worker

test-go:
	IAMFORGE_REQUIRE_UPSTREAM=1 $(GO) test -count=1 ./...

## test-wasm: the bridge's unit tests, run under Node by the toolchain's wasm runner, and the
## parity test (the same input gives the same bytes through the CLI and through the bridge)
test-wasm: web build
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/
	node --test web/test/parity.test.mjs

## test-web: end-to-end tests in Debian's Chromium, driven by playwright-core: the builder, the
## embedded widget on its demo pages (held to bin/iamforge's output), the builder offline, a
## row's exact actions and a policy imported to tighten, and the page's words on small things
test-web: web bin/webserve build
	node --test --test-concurrency=1 web/test/e2e.test.mjs web/test/embed.test.mjs web/test/offline.test.mjs web/test/rows.test.mjs web/test/words.test.mjs

## web: the browser builder as static files in web/dist (any static host can serve them)
web:
	$(GO) run ./cmd/webbuild -out web/dist

bin/webserve: $(wildcard cmd/webserve/*.go)
	$(GO) build -o bin/webserve ./cmd/webserve

## serve: build the builder and serve it on http://127.0.0.1:8080
serve: web bin/webserve
	bin/webserve -dir web/dist -addr 127.0.0.1:8080

## vet: formatting, go vet (host and WebAssembly), and the rule that only wasm/ and the Worker's
## main touch syscall/js (Go's internal/ rule keeps everything under cmd/ and wasm/ to the public
## packages: catalog, catalog/api, catalog/diag, catalog/arn)
vet: purity
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/ ./catalog/... ./cmd/worker/...

purity:
	@bad=$$(grep -rlE '"(syscall/js|honnef.co/go/js/dom/v2)"' --include='*.go' catalog cmd 2>/dev/null | grep -vx cmd/worker/main.go || true); \
	  if [ -n "$$bad" ]; then echo "syscall/js or dom/v2 outside wasm/ and the Worker's main (cmd/worker/main.go):"; echo "$$bad"; exit 1; fi
	@if GOOS=js GOARCH=wasm $(GO) list -deps ./wasm/ | grep -qx regexp; then \
	  echo "regexp is in the page's WebAssembly build (78 KB brotli, measured): check by hand instead"; exit 1; fi

## bench: speed and size figures, as medians: Go benchmarks (benchstat over 6 runs), whole
## CLI processes, the builder in headless Chromium beside a bare Go wasm page loaded the same
## way (cold and warm load to usable, bytes until usable, search, write, memory), the embedded widget against a bare Go wasm page (bytes and time until interactive,
## one widget and ten), and the Worker's share links on the local workerd
bench: build deps web bin/webserve
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./catalog/... ./cmd/... | tee bench.txt
	$(GO) run $(BENCHSTAT) bench.txt
	node web/test/bench.mjs
	node web/test/bench-embed.mjs
	$(MAKE) bench-worker

## worker: the Cloudflare Worker in cmd/worker/build: syumai/workers' JavaScript shim, the Go
## Worker as app.wasm, and the builder as static assets (build/assets, with _headers). No
## inlining: 5% less to upload (2.87 → 2.72 MB gzip, measured) against the 3 MB limit.
WORKER_BUILD := cmd/worker/build
worker: web
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -gcflags=all=-l -ldflags="-s -w" -o $(WORKER_BUILD)/app.wasm ./cmd/worker
	$(GO) run ./cmd/worker/internal/mkassets -src web/dist -out $(WORKER_BUILD)/assets
	@raw=$$(cat $(WORKER_BUILD)/*.wasm $(WORKER_BUILD)/*.js $(WORKER_BUILD)/*.mjs | wc -c); \
	  gz=$$(cat $(WORKER_BUILD)/*.wasm $(WORKER_BUILD)/*.js $(WORKER_BUILD)/*.mjs | gzip -9 | wc -c); \
	  echo "worker bundle: $$raw bytes, $$gz gzip (Cloudflare's limits: 3 MB gzip free, 10 MB paid; the assets are not in it)"

## worker-dev: run the Worker on the local workerd (wrangler pinned in package-lock.json), links
## kept in .cache/worker-state across restarts; WORKER_PORT=8787
WORKER_PORT ?= 8787
worker-dev: npm worker
	cmd/worker/wrangler.sh dev -c cmd/worker/wrangler.jsonc --local --ip 127.0.0.1 --port $(WORKER_PORT) \
	  --persist-to .cache/worker-state

## test-worker: the Worker on the real local workerd: create, fetch, abuse, 429, unfurl, restart;
## and the builder's Share button in Chromium, on the Worker and on a static host
test-worker: npm worker bin/webserve
	node --test --test-concurrency=1 cmd/worker/test/worker.test.mjs cmd/worker/test/share.test.mjs

## bench-worker: create and fetch latency on the local workerd, beside a static file's
bench-worker: npm worker
	node cmd/worker/test/bench.mjs

## catalog: regenerate the embedded catalog from the pinned upstream releases (package.json)
catalog: npm
	$(GO) run ./cmd/catalog-gen

## fuzz: run every fuzz target for a while (FUZZTIME, default 20s each)
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin bench.txt web/dist cmd/worker/build cmd/worker/.wrangler
