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
// The front matter is YAML, read by catalog/internal/yamlite, the reader templates and
// overrides files use; its syntax errors keep yamlite's words, line and column. The model is
// id, title, desc, updated and created as one-line strings (null is ""), stub as a bool, and
// sources as a list of name/url/license maps; any other key is kept as its raw lines and
// written back verbatim. Since Write writes the modelled keys in its own layout, what it would
// drop is refused rather than lost: comments and values over several lines in a modelled key,
// tags and anchors on its values, quoted keys (the raw lines of another key are found by its
// plain name), and NEL, LS and PS, at which YAML ends a line where the file does not.
//
// JSON blocks are read by catalog/internal/jsonscan, in place, so that errors point at the file's
// line and column; members keep their source order and a repeated key is an error, not merged.
// They are written exactly as Python's json.dumps(obj, indent=4) prints them, because that is
// what Policy Sentry's database and the seed use; Read accepts any valid JSON layout. A lone
// surrogate escape (\ud800), which a JSON reader turns into U+FFFD, is an error: Write would
// write another character.
package servicedoc
