// Package inspect examines existing policies against the catalog: Expand turns every action
// wildcard and NotAction into the concrete actions it grants, and Validate reports what the
// catalog says of a policy — unknown actions, resources no action can use, condition keys that
// do not apply, risky grants — on top of the grammar checks of package policy.
package inspect
