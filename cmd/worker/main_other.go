//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main says where the Worker runs: it has no host build of its own (internal/links is the
// handler, tested on the host).
func main() {
	fmt.Fprintln(os.Stderr, "cmd/worker runs on Cloudflare Workers: build it with `make worker`, run it locally with `make worker-dev`")
	os.Exit(2)
}
