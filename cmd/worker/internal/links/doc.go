// Package links is the share-link service of the iamforge Worker, as a plain net/http handler:
// POST /api/links stores a builder state under a content-addressed id, GET /api/links/{id}
// returns it, and GET /s/{id} is a small page that names what the policy grants (for link
// previews) and opens the builder on that state.
//
// Everything here runs on the host as well as in the Worker: storage and rate limiting are
// interfaces (Store, Limiter) that cmd/worker fills with Workers KV and the rate-limiting
// binding, and that tests fill with maps. A state is decoded, checked and written with the
// builder's own operations (catalog/api); this package has no validation of its own.
package links
