//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"github.com/iamforge/iamforge/catalog/api"
)

// This file is the only one that converts between Go and JavaScript values: every operation is
// a JSON string in, a JSON string out; bytes arrive as Uint8Array; panics end as diagnostics.

var funcs []js.Func // released by iamforge.close()

func install(b *bridge) {
	obj := js.Global().Get("Object").New()
	var resolveReady, rejectReady js.Value
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolveReady, rejectReady = args[0], args[1]
		return nil
	})
	ready := js.Global().Get("Promise").New(executor)
	executor.Release()
	obj.Set("ready", ready)
	obj.Set("operations", toJSArray(api.Operations()))

	def := func(name string, f func(args []js.Value) any) {
		fn := js.FuncOf(func(this js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					out = fmt.Sprintf(`{"diagnostics":[{"code":"internal-error","severity":"error","message":%q}]}`,
						fmt.Sprintf("iamforge failed in %s: %v; please report this with the input", name, r))
				}
			}()
			return f(args)
		})
		funcs = append(funcs, fn)
		obj.Set(name, fn)
	}

	// load(core: Uint8Array, descriptions?: Uint8Array) → info response (JSON); resolves ready.
	def("load", func(args []js.Value) any {
		if len(args) < 1 {
			return errJSON("load needs the bytes of catalog.bin")
		}
		var desc []byte
		if len(args) > 1 && args[1].Truthy() {
			desc = bytesOf(args[1])
		}
		info, err := b.load(bytesOf(args[0]), desc)
		if err != nil {
			rejectReady.Invoke(err.Error())
			return errJSON(err.Error())
		}
		resolveReady.Invoke(string(info))
		return string(info)
	})
	// loadDescriptions(descriptions: Uint8Array): descriptions arrive after the catalog.
	def("loadDescriptions", func(args []js.Value) any {
		if b.cat == nil || len(args) < 1 {
			return errJSON("load the catalog first")
		}
		if err := b.loadDescriptions(bytesOf(args[0])); err != nil {
			return errJSON(err.Error())
		}
		return `{"diagnostics":[]}`
	})
	// call(operation, requestJSON) → responseJSON, and one function per operation.
	def("call", func(args []js.Value) any {
		if len(args) < 1 {
			return errJSON("call needs an operation name")
		}
		return string(api.Call(b.cat, args[0].String(), reqOf(args, 1)))
	})
	for _, op := range api.Operations() {
		op := op
		def(op, func(args []js.Value) any { return string(api.Call(b.cat, op, reqOf(args, 0))) })
	}
	def("close", func(args []js.Value) any {
		for _, f := range funcs {
			defer f.Release()
		}
		js.Global().Delete("iamforge")
		return nil
	})
	js.Global().Set("iamforge", obj)
}

// reqOf reads the request at args[i]: a JSON string, or an object that is stringified.
func reqOf(args []js.Value, i int) []byte {
	if len(args) <= i || args[i].IsUndefined() || args[i].IsNull() {
		return nil
	}
	if args[i].Type() == js.TypeString {
		return []byte(args[i].String())
	}
	return []byte(js.Global().Get("JSON").Call("stringify", args[i]).String())
}

func bytesOf(v js.Value) []byte {
	if v.InstanceOf(js.Global().Get("ArrayBuffer")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	b := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(b, v)
	return b
}

func toJSArray(s []string) js.Value {
	a := js.Global().Get("Array").New(len(s))
	for i, x := range s {
		a.SetIndex(i, x)
	}
	return a
}

func errJSON(msg string) string {
	return fmt.Sprintf(`{"diagnostics":[{"code":"bad-request","severity":"error","message":%q}]}`, msg)
}
