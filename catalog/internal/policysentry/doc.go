// Package policysentry reads the catalog database that Salesforce's Policy Sentry ships,
// iam-definition.json (schema v2), into catalog.Service values, so that users who already keep
// a Policy Sentry database, or a patched one, can bring it to iamforge.
//
// The file is large (about 19 MB for some 450 services), so it is walked with gjson rather than
// decoded into maps: gjson skips what it does not need and keeps the file's key order, which is
// the order the catalog keeps. Derived data the file repeats (privileges_lower_name,
// resources_lower_name, resource_types_lower_name) is not read; api_documentation_link becomes
// catalog.Action.APIReference.
//
// Every problem is an *Error naming the file and the JSON path of the offending value
// ("s3.privileges.GetObject.access_level"), or the line and column for invalid JSON.
package policysentry
