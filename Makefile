# iamforge — see README.md. Targets are small and phony; `make test` installs what the tests need.
SHELL := /bin/bash
GO    ?= go
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: all build run test deps npm chromium vet purity bench catalog fuzz clean web serve test-go test-wasm test-web

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
test: deps vet test-go test-wasm test-web

test-go:
	IAMFORGE_REQUIRE_UPSTREAM=1 $(GO) test -count=1 ./...

## test-wasm: the bridge's unit tests, run under Node by the toolchain's wasm runner, and the
## parity test (the same input gives the same bytes through the CLI and through the bridge)
test-wasm: web build
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/
	node --test web/test/parity.test.mjs

## test-web: end-to-end tests in Debian's Chromium, driven by playwright-core
test-web: web bin/webserve
	node --test --test-concurrency=1 web/test/e2e.test.mjs

## web: the browser builder as static files in web/dist (any static host can serve them)
web:
	$(GO) run ./cmd/webbuild -out web/dist

bin/webserve: $(wildcard cmd/webserve/*.go)
	$(GO) build -o bin/webserve ./cmd/webserve

## serve: build the builder and serve it on http://127.0.0.1:8080
serve: web bin/webserve
	bin/webserve -dir web/dist -addr 127.0.0.1:8080

## vet: formatting, go vet (host and WebAssembly), and the rule that only wasm/ and the Worker
## touch syscall/js
vet: purity
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/ ./catalog/...

purity:
	@bad=$$(grep -rlE '"(syscall/js|honnef.co/go/js/dom/v2)"' --include='*.go' catalog cmd/iamforge cmd/catalog-gen cmd/webbuild cmd/webserve 2>/dev/null || true); \
	  if [ -n "$$bad" ]; then echo "syscall/js or dom/v2 outside wasm/ and the Worker's main:"; echo "$$bad"; exit 1; fi

## bench: speed and size figures, as medians: Go benchmarks (benchstat over 6 runs), whole
## CLI processes, and the builder in headless Chromium (bytes until usable, load, search, write,
## memory)
bench: build deps web bin/webserve
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./catalog/... ./cmd/... | tee bench.txt
	$(GO) run $(BENCHSTAT) bench.txt
	node web/test/bench.mjs

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
	rm -rf bin bench.txt web/dist
