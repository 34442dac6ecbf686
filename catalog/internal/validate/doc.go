// Package validate reports what the catalog says of an existing policy — unknown actions,
// resources none of a statement's actions act on, condition keys that do not apply, operators
// that do not fit a key's type, risky and redundant grants, size — on top of the grammar checks
// of package policy.
package validate
