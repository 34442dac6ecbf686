//go:build js && wasm

// Command bare is the smallest Go WebAssembly program that draws something: the baseline
// web/test/bench-embed.mjs sets the widget against (the Go runtime and syscall/js, fetched,
// compiled and started the way the widget's engine is, with nothing of iamforge in it).
package main

import "syscall/js"

func main() {
	doc := js.Global().Get("document")
	p := doc.Call("createElement", "p")
	p.Set("textContent", "Hello from Go")
	doc.Get("body").Call("append", p)
	js.Global().Get("performance").Call("mark", "bare-ready")
}
