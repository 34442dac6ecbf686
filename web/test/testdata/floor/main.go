// Command floor is the bench's physical floor: a bare Go WebAssembly program, loaded by a bare
// page served the same way as the builder (web/test/bench.mjs builds and serves it). It keeps
// the runtime alive with one function, as the builder's bridge does, and does nothing else.
//
// It lives under testdata so that ./... leaves it out.
package main

import "syscall/js"

func main() {
	js.Global().Set("floorEcho", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return ""
		}
		return args[0].String()
	}))
	select {}
}
