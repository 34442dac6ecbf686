package links

import (
	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/embedded"
)

// BuiltinCatalog returns the catalog compiled into the binary. It is the only use of
// catalog/embedded here, and becomes api.Builtin() once the catalog packages move under
// catalog/internal.
func BuiltinCatalog() (*catalog.Catalog, error) { return embedded.Catalog() }
