//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/cmd/worker/internal/links"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

// Every JavaScript value the Worker uses comes through here: the bindings of wrangler.jsonc,
// looked up per request (each request runs main in a fresh instance).
func main() {
	ttl := time.Duration(0)
	if days, err := strconv.Atoi(cloudflare.Getenv("LINK_TTL_DAYS")); err == nil && days > 0 {
		ttl = time.Duration(days) * 24 * time.Hour
	}
	h := &links.Handler{
		Store:        kvStore{binding("LINKS")},
		Catalog:      api.Builtin,
		CreateLimit:  limiter("CREATE_LIMIT"),
		ReadLimit:    limiter("READ_LIMIT"),
		TTL:          ttl,
		AllowOrigins: fields(cloudflare.Getenv("CORS_ORIGINS")),
		Logf: func(format string, args ...any) {
			js.Global().Get("console").Call("error", "iamforge: "+fmt.Sprintf(format, args...))
		},
	}
	workers.Serve(h)
}

func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// binding is a binding of the environment, or undefined.
func binding(name string) js.Value { return cloudflare.GetBinding(name) }

// kvStore is links.Store on a Workers KV namespace. (syumai/workers' kv.Namespace reads a
// missing key as the string "<null>", so get and put are called here directly.)
type kvStore struct{ ns js.Value }

func (s kvStore) Get(_ context.Context, key string) ([]byte, error) {
	if s.ns.IsUndefined() {
		return nil, errors.New("the KV namespace LINKS is not bound (wrangler.jsonc)")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("type", "text")
	v, err := await(s.ns.Call("get", key, opts))
	if err != nil {
		return nil, fmt.Errorf("kv get: %w", err)
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, links.ErrNotFound
	}
	return []byte(v.String()), nil
}

func (s kvStore) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	if s.ns.IsUndefined() {
		return errors.New("the KV namespace LINKS is not bound (wrangler.jsonc)")
	}
	opts := js.Global().Get("Object").New()
	if ttl > 0 {
		opts.Set("expirationTtl", int(ttl/time.Second))
	}
	if _, err := await(s.ns.Call("put", key, string(value), opts)); err != nil {
		return fmt.Errorf("kv put: %w", err)
	}
	return nil
}

// rateLimiter is links.Limiter on a Workers rate-limiting binding.
type rateLimiter struct{ b js.Value }

// limiter is the named rate-limiting binding, or nil (no limit) when it is not bound.
func limiter(name string) links.Limiter {
	b := binding(name)
	if b.IsUndefined() || b.IsNull() {
		return nil
	}
	return rateLimiter{b}
}

func (l rateLimiter) Allow(_ context.Context, key string) (bool, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("key", key)
	v, err := await(l.b.Call("limit", opts))
	if err != nil {
		return false, fmt.Errorf("rate limit: %w", err)
	}
	return v.Get("success").Truthy(), nil
}

// await waits for a promise (the handler runs in its own goroutine, so the event loop goes on)
// and turns a rejection into an error.
func await(p js.Value) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil { // a synchronous throw from Call
			err = fmt.Errorf("%v", r)
		}
	}()
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
