//go:build js && wasm

package main

import (
	"runtime/debug"
	"unsafe"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
)

// bridge holds what the page has loaded.
type bridge struct {
	cat *catalog.Catalog
}

func main() {
	// WebAssembly memory only grows: a page that once held twice its live heap (Go's default
	// pacing) keeps that size for its life. A soft limit makes the collector work harder
	// instead; the live heap with the whole catalog and its search index is about 20 MB.
	debug.SetGCPercent(60)
	debug.SetMemoryLimit(30 << 20)
	b := &bridge{}
	install(b)
	select {} // serve calls from JavaScript for the life of the page
}

// load opens the catalog from the bytes of catalog.bin (and descriptions.bin, when given).
func (b *bridge) load(core, desc []byte) ([]byte, error) {
	// The bytes are the catalog's for good (nothing writes to them): use them as the string
	// compact decodes from, rather than copying 1.1 MB again.
	c, err := api.OpenCompact(unsafe.String(unsafe.SliceData(core), len(core)), "")
	if err != nil {
		return nil, err
	}
	if len(desc) > 0 {
		if err := api.AttachDescriptions(c, unsafe.String(unsafe.SliceData(desc), len(desc))); err != nil {
			return nil, err
		}
	}
	b.cat = c
	// The provenance and counts are asked for apart (the info operation): nothing the page needs
	// before it is usable.
	return []byte(`{"result":{},"diagnostics":[]}`), nil
}

func (b *bridge) loadDescriptions(desc []byte) error {
	return api.AttachDescriptions(b.cat, unsafe.String(unsafe.SliceData(desc), len(desc)))
}
