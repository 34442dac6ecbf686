// Package arn parses Amazon Resource Names as users write them in IAM policies (with the * and ?
// wildcards) and decides, exactly, which ARN formats of the service authorization catalog an ARN
// matches. The policy writer grants an action only on the resource types an ARN matched, so a
// match that is too loose yields an over-broad policy and one that is too strict a broken one.
//
// # Wildcards
//
// In a user ARN, * matches any run of characters and ? exactly one character, inside one
// colon-separated segment. A * that ends a segment of the resource part (it is followed by ':' or
// ends the ARN) may also match across colons, as IAM's own matcher does for
// "log-group:name:*". The first five segments are matched one by one, so a * in the region never
// spills into the account. The service segment may not hold wildcards at all (IAM's rule).
// Matching is case-sensitive.
//
// # Formats
//
// A format is literal text with ${Name} placeholders, as AWS's service authorization reference
// prints it ("arn:${Partition}:s3:::${BucketName}/${ObjectName}"). A literal * in a format is a
// "star": it matches like a placeholder but loses ties to formats without one. Each placeholder
// matches one or more characters; which delimiters it may hold is decided per format inside the
// Matcher's group of formats (see NewMatcher), which is what lets "table/backup" be a DynamoDB
// table while "table/t/backup/b" is a backup, and lets "role/service-role/deployer" be an IAM role.
// Two readings go beyond the format text: a star that is a whole region or account segment
// (braket's "arn:${Partition}:braket:*:*:device/…") matches an empty segment too, as simulator
// ARNs have one; and a CloudWatch Logs log group also matches with a trailing ":*", the form IAM
// evaluates most log-group actions against.
//
// Matching a user ARN against a format asks whether some ARN exists that both match; for an ARN
// without wildcards that is plain "does the format match it". It runs as a bit-parallel walk over
// the product of the two patterns, in time linear in the ARN's length for each format, with no
// backtracking and no recursion, so an adversarial 2 KB ARN stays cheap.
//
// # Tie-breaks
//
// When an ARN without wildcards matches several formats, formats needing a star lose to formats
// without one, and then formats whose version-like placeholders (…Version, …VersionId,
// …VersionNumber) or alias-like placeholders (…Alias, …AliasName, …AliasId, …Qualifier) hold a
// value of the wrong shape lose to those that fit. An ARN with wildcards gets every format it can
// match: it grants on all of them.
package arn
