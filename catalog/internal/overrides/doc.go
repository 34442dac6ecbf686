// Package overrides reads an access-level overrides file (--access-level-overrides FILE): the
// actions whose AWS access level a user wants treated as another one, say s3:PutObjectAcl as
// Permissions management, and applies it to catalog services.
//
// The file is YAML, one mapping whose keys each take one of two shapes, chosen per key:
//
//	# An action, or a glob of actions, to a level. Levels are spelled as AWS does
//	# ("Permissions management") or as Policy Sentry does ("permissions-management"), in any case.
//	s3:PutObjectAcl: Permissions management
//	"iam:PassRole": permissions-management
//	ec2:Describe*: list
//
//	# Policy Sentry's own override file: a service, its levels, and the actions at each.
//	s3:
//	  Tagging:
//	    - PutObjectTagging
//	    - putobjectversiontagging
//
// A key holding ':' is an action pattern and takes a level; any other key is a service prefix
// and takes a mapping of levels to lists of action names (which may be globs, or carry the same
// "service:" prefix). Service prefixes are letters, digits and hyphens; action names are
// letters, digits, '-', '_', '.' and the wildcards '*' and '?'. Matching ignores case, as IAM
// does.
//
// When several rules match an action, an exact name beats a glob; among globs, the one with more
// literal (non-wildcard) characters wins; still tied, the later line wins. Giving the same
// pattern twice is an error, since one of the two would silently lose.
//
// The file is the user's, not AWS's, so it is read defensively: it may be at most MaxSize bytes
// and expand to at most MaxRules rules, so that a hostile file (an alias bomb, deep nesting,
// megabytes of junk) fails in bounded time and memory instead of exhausting them.
package overrides
