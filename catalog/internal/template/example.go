package template

import "fmt"

// Example returns a commented starting template for mode "crud" or "actions": Policy Sentry's
// create-template output (every key, each list holding one empty string), so that the file
// still works with Policy Sentry, with a comment on each key and iamforge's extensions
// commented out.
//
// As written it asks for nothing, so Parse reports empty-template. Commented-out settings are
// "#" followed directly by the YAML line ("#effect: Deny", "#  Bool:"); explanations are "# "
// and text. The example item sits on the line after its list's empty item: swapping the two
// and uncommenting the settings gives a template that parses cleanly (a test checks it).
func Example(mode string) ([]byte, error) {
	switch mode {
	case ModeCRUD:
		return []byte(crudExample + extensionsExample), nil
	case ModeActions:
		return []byte(actionsExample + extensionsExample), nil
	}
	return nil, fmt.Errorf("template: unknown mode %q: want crud or actions", mode)
}

const crudExample = `# A least-privilege IAM policy template, crud mode: Policy Sentry's format, so the same file
# works with Policy Sentry and with iamforge. Write the policy with: iamforge write FILE
#
# Fill in the lists below. A list holding only '' is ignored; keep or delete those as you like.
mode: crud
# name is accepted and not used.
name: ''
# effect: Allow (the default) or Deny.
#effect: Allow

# ARNs, per access level. For each ARN, every action of that level that acts on the ARN's
# resource type is granted on it, with the actions those depend on. Wildcards cover every
# resource type whose ARNs they fit: arn:aws:s3:::acme-* is buckets and objects.
read:
- ''
#- arn:aws:s3:::example-bucket/*
write:
- ''
list:
- ''
tagging:
- ''
permissions-management:
- ''

# Actions that take no resource type, so only "Resource": "*".
wildcard-only:
  # single-actions: actions like ec2:DescribeInstances; one that does take a resource type is
  # dropped with a warning (list its ARNs under its access level instead).
  single-actions:
  - ''
  # service-<level>: service prefixes like s3 or ec2; grants every action of that level in
  # that service that takes only "*".
  service-read:
  - ''
  service-write:
  - ''
  service-list:
  - ''
  service-tagging:
  - ''
  service-permissions-management:
  - ''

# skip-resource-constraints: actions to grant on "*" as they are, in the statement Sid
# SkipResourceConstraints.
skip-resource-constraints:
- ''

# exclude-actions: actions to remove from the policy at the end; wildcards work (kms:Delete*),
# case does not matter.
exclude-actions:
- ''

# sts: role ARNs to grant sts:AssumeRole, sts:AssumeRoleWithSAML or
# sts:AssumeRoleWithWebIdentity on, each in a statement of its own.
sts:
  assume-role:
  - ''
  assume-role-with-saml:
  - ''
  assume-role-with-web-identity:
  - ''
`

const actionsExample = `# A least-privilege IAM policy template, actions mode: Policy Sentry's format, so the same file
# works with Policy Sentry and with iamforge. Write the policy with: iamforge write FILE
mode: actions
# name is accepted and not used.
name: ''
# effect: Allow (the default) or Deny.
#effect: Allow

# actions: SERVICE:ACTION names, like s3:GetObject. Each is granted on the ARN formats of its
# resource types (with ${Partition}-style placeholders, unless partition, region and account
# are set below), plus the actions it depends on; an action that takes no resource type is
# granted on "*".
actions:
- ''
#- s3:GetObject
`

const extensionsExample = `
# iamforge extensions. Policy Sentry does not read these: uncomment them only for iamforge.
#
# conditions: added to the statements. Operators at the top apply to the whole policy; under
# read, write, list, tagging or permissions-management, only to the statements of that level.
# Each operator (StringEquals, ForAnyValue:StringLike, BoolIfExists, ...) maps condition keys
# to a value or a list of values.
#conditions:
#  Bool:
#    aws:SecureTransport: true
#  write:
#    StringEquals:
#      aws:ResourceTag/team: [platform, security]
#
# partition, region, account: fill ${Partition}, ${Region} and ${Account} in ARN formats.
#partition: aws
#region: us-east-1
#account: '123456789012'
#
# dependent-actions: what to do with the actions a granted action depends on. scoped (the
# default, Policy Sentry's way) puts them in the same statement when they act on the same
# resource type and on "*" otherwise; wildcard puts them all on "*"; none leaves them out.
#dependent-actions: scoped
`
