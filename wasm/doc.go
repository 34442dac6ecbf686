// Command wasm is iamforge's WebAssembly bridge: built with GOOS=js GOARCH=wasm it installs
// globalThis.iamforge, whose functions take and return JSON strings (see catalog/api) and render
// policies into the page (with honnef.co/go/js/dom/v2).
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
