// Package policy is an IAM policy document: its model, reading it from JSON (with the position
// of every element, for diagnostics), checking its grammar, writing it as canonical JSON, YAML,
// Terraform or CloudFormation, and measuring it against AWS's size limits.
package policy

import "strconv"

// Version is the current policy language version.
const Version = "2012-10-17"

// Policy is an IAM policy document.
type Policy struct {
	Version   string
	ID        string
	Statement []Statement

	src *source // what Parse read, for Position; nil when built
}

// Statement is one statement. Exactly one of Action/NotAction and of Resource/NotResource is
// set in a valid statement; Principal/NotPrincipal only in resource-based and trust policies.
type Statement struct {
	Sid          string
	Effect       string // "Allow" or "Deny"
	Principal    *Principal
	NotPrincipal *Principal
	Action       []string
	NotAction    []string
	Resource     []string
	NotResource  []string
	Condition    Conditions

	// Path is where the statement came from when read ("Statement[2]"); empty when built.
	Path string
}

// Name is how a message names the policy's statement i (counted from 0) that st is: "statement
// 3", with its Sid beside it when it has one (`statement 3 ("Reads")`). As people count, not by
// its JSON path ("Statement[2]"): the builder's page shows messages as they are, and each
// message's location says the path already.
func (st Statement) Name(i int) string {
	name := "statement " + strconv.Itoa(i+1)
	if st.Sid != "" {
		name += " (" + strconv.Quote(st.Sid) + ")"
	}
	return name
}

// Principal is a policy principal: "*" (Wildcard) or a map of type ("AWS", "Service",
// "Federated", "CanonicalUser") to values, in source order.
type Principal struct {
	Wildcard bool
	Entries  []PrincipalEntry
}

// PrincipalEntry is one principal type and its values.
type PrincipalEntry struct {
	Type   string
	Values []string
}

// Condition is one key test of a condition block: operator (with its ForAllValues:/ForAnyValue:
// prefix and IfExists suffix, as written), key and values.
type Condition struct {
	Operator string
	Key      string
	Values   []string
}

// Conditions is a statement's condition block, one entry per (operator, key).
type Conditions []Condition
