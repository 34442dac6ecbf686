// Package validate reports what the catalog says of an existing policy — unknown actions,
// resources none of a statement's actions act on, condition keys that do not apply, operators
// graded against a key's type as IAM Access Analyzer grades them (policy.Operator.Check),
// multivalued keys without ForAnyValue:/ForAllValues:, data opened on "*", risky and redundant
// grants, size as written — on top of the grammar checks of package policy.
package validate
