package validate

import (
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
)

// Every action of the data-store list is one the catalog has, of the Read or Write level: a
// renamed action must not silently drop out of the warning.
func TestDataStoresInCatalog(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range dataStores {
		for _, name := range s.actions {
			a, err := cat.Action(s.service + ":" + name)
			if err != nil {
				t.Errorf("%s:%s: %v", s.service, name, err)
				continue
			}
			if a.AccessLevel != catalog.Read && a.AccessLevel != catalog.Write {
				t.Errorf("%s is %s; the list holds reads and writes of data", a.FullName(), a.AccessLevel)
			}
		}
	}
}
