// Package query answers questions about a catalog — services, actions, resource types,
// condition keys, action wildcards, free-text search, ARN matching — and renders the answers as a
// table, JSON or YAML. The CLI and the browser bridge both call it, so the same question gets
// byte-identical answers everywhere.
package query
