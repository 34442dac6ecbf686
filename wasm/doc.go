// Command wasm is iamforge's WebAssembly bridge: built with GOOS=js GOARCH=wasm it installs
// globalThis.iamforge, whose functions take and return JSON strings (see catalog/api). It runs in
// a Web Worker (web/engine-worker.js) or on a page's thread; it touches no DOM: the page colours
// a policy from the tokens of the highlight operation.
//
// On any other platform this file is all there is, so that `go build ./...` and `go vet ./...`
// work everywhere.
//
//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "this is iamforge's WebAssembly bridge: build it with GOOS=js GOARCH=wasm (make web)")
	os.Exit(2)
}
