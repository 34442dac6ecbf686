package api

import (
	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/compact"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/state"
)

// Builtin returns the catalog compiled into this program: every AWS service, action, resource
// type and condition key, generated from the pinned upstream releases (see BuiltinFiles'
// provenance). It is shared: callers must not modify its services.
func Builtin() (*catalog.Catalog, error) { return embedded.Catalog() }

// BuiltinFiles returns the built-in catalog as compiled in: its core (catalog.bin), its
// descriptions (descriptions.bin) and its provenance record (provenance.json), for a web build
// to serve and for a browser to open with OpenCompact.
func BuiltinFiles() (core, descriptions string, provenance []byte) { return embedded.Files() }

// OpenCompact opens a catalog in the compact format of BuiltinFiles; descriptions may be ""
// and attached later with AttachDescriptions. The catalog reads from the strings as it needs
// them, lazily, so they must stay unchanged for its life.
func OpenCompact(core, descriptions string) (*catalog.Catalog, error) {
	return compact.Open(core, descriptions)
}

// AttachDescriptions adds the descriptions file to a catalog opened without it.
func AttachDescriptions(cat *catalog.Catalog, descriptions string) error {
	return compact.AttachDescriptions(cat, descriptions)
}

// State is the builder's state: a template's second spelling, as the page holds it and as
// permalinks and share links encode it. Write takes one as WriteRequest.State.
type State = state.State

// The parts of a State.
type (
	Resource      = state.Resource
	ServiceLevels = state.ServiceLevels
	STSRoles      = state.STSRoles
	Condition     = state.Condition
)
