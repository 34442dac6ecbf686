// Package template is the one request type every way into iamforge becomes — template text
// (Policy Sentry's YAML format, accepted unchanged, plus a few iamforge extensions, or the same
// in JSON), the builder's state, the CLI — and its one validator. Read reads text into a
// Template as written; Check judges what any Template asks for, the same way whichever door it
// came through; Parse is both. The writer (package writer) then matches what it asks for
// against the catalog.
//
// # Policy Sentry's format
//
// mode is "crud" or "actions", case-sensitive. name is accepted and unused; effect is Allow (the
// default) or Deny. In crud mode, read, write, list, tagging and permissions-management list
// ARNs; wildcard-only holds single-actions (actions) and service-read, service-write,
// service-list, service-tagging and service-permissions-management (service prefixes);
// skip-resource-constraints lists actions; exclude-actions lists actions or globs (kms:Delete*);
// sts holds assume-role, assume-role-with-saml and assume-role-with-web-identity (role ARNs).
// In actions mode, actions lists actions. JSON with the same keys is read too.
//
// A list that is empty, null or holds nothing but empty strings asks for nothing and counts as
// absent, as in Policy Sentry, whose generated templates are full of such lists.
//
// # Extensions
//
//	conditions:            # operators for the whole policy, or under an access level for it
//	  Bool:
//	    aws:SecureTransport: true
//	  write:
//	    StringEquals:
//	      aws:ResourceTag/team: [platform, security]
//	partition: aws         # fills ${Partition} in ARN formats; also region and account
//	region: us-east-1
//	account: '123456789012'
//	dependent-actions: scoped   # or wildcard, or none
//	actions-on:            # exact actions on exact ARNs, beside or instead of access levels
//	  arn:aws:dynamodb:us-east-1:123456789012:table/orders: [dynamodb:PutItem, dynamodb:UpdateItem]
//
// Operators are IAM's (StringEquals, NumericLessThan, Bool, IpAddress, ArnLike, Null, ...)
// with an optional ForAllValues: or ForAnyValue: prefix and IfExists suffix; whether a key
// exists and fits its operator is for the writer to say.
//
// # Where iamforge is stricter than Policy Sentry
//
// Policy Sentry ignores what it does not expect in several places; every such case here is
// an error, because a template that silently asks for less than its author wrote gives a
// policy that fails at run time, or one that grants more than meant: crud keys in actions
// mode and actions in crud mode (key-ignored-in-mode), a crud template that asks for nothing
// (empty-template), a string where a list belongs, duplicate keys, several YAML documents.
// Unknown and misspelt keys are errors with a suggestion at every level.
//
// # Diagnostics
//
// Read and Check report problems as diag.Diagnostic values with a stable code (diag's
// registry), a message, and where: for text, the file, line, column (1-based, in characters),
// template key and list index (JSON input is located the same way); for a builder state, the
// state's field and index (resources[2]), which Template.Keys and the items' locations carry.
// Check leaves out of the Template what fails it; callers must not hand out what is written
// from a template whose diagnostics hold an error.
//
// # Hostile input
//
// Input over MaxSize, binary input, and YAML whose aliases expand past MaxNodes are refused
// with an error in bounded time and memory: the walk follows the schema over the parsed node
// tree and charges every node it reaches, through aliases too, to a budget.
package template
