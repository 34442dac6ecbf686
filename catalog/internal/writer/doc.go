// Package resolve is the policy writer: it turns a template of intent ("read access to these
// ARNs, write to those", Policy Sentry's format plus iamforge's extensions) into a
// least-privilege IAM policy, with diagnostics wherever the template asks for something the
// catalog cannot give, and an explanation of why each action is granted.
//
// Grants follow Policy Sentry's shape — one statement per service, access level and resource
// type, Sids such as S3ReadBucket, MultMultNone for actions that take only "*" — but ARNs are
// matched exactly, so no action is granted on a resource type the ARN is not.
package writer
