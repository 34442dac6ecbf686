# iamforge — see README.md. Targets are small and phony; `make test` installs what the tests need.
SHELL := /bin/bash
GO    ?= go
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: all build run test deps npm vet purity bench catalog fuzz clean

all: build

## build: the CLI, as bin/iamforge
build:
	$(GO) build -trimpath -ldflags="-s -w" -o bin/iamforge ./cmd/iamforge

## deps: what the tests need: the pinned npm packages (upstream catalog data, browser tooling)
deps: npm

npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## test: every test, after installing what they need
test: deps vet
	IAMFORGE_REQUIRE_UPSTREAM=1 $(GO) test -count=1 ./...

## vet: formatting, go vet, and the rule that only wasm/ and the Worker touch syscall/js
vet: purity
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

purity:
	@bad=$$(grep -rlE '"(syscall/js|honnef.co/go/js/dom/v2)"' --include='*.go' catalog cmd/iamforge cmd/catalog-gen 2>/dev/null || true); \
	  if [ -n "$$bad" ]; then echo "syscall/js or dom/v2 outside wasm/ and the Worker's main:"; echo "$$bad"; exit 1; fi

## bench: speed and size figures, as medians (benchstat) over several runs
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./catalog/... ./cmd/... | tee bench.txt
	$(GO) run $(BENCHSTAT) bench.txt

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
	rm -rf bin bench.txt
