// Package yamlite reads the YAML that iamforge's input files are written in, and writes the
// YAML iamforge prints, with the standard library only. It is not a general YAML library: it
// exists because go.yaml.in/yaml/v3, with the regexp package it brought, cost the WebAssembly
// build about 175 KB brotli (15% of the page), and it promises what its callers need, which is
// written down here. Within that promise its tests hold it to yaml.v3 on every input a fuzzer
// finds; beyond it they hold it only to being safe.
//
// # Reading
//
// Parse reads one document into a Node tree with the 1-based line and column of every node.
// Its callers are Policy Sentry templates (catalog/internal/template, YAML ones; JSON ones are
// read by jsonscan into the same tree), access-level overrides files (catalog/internal/overrides)
// and the front matter of service docs (catalog/internal/servicedoc). Those files are written
// by hand or by Policy Sentry, and read by PyYAML too, so the promise is the YAML they use:
//
//   - UTF-8 text, with a byte-order mark at the start or not, lines ending in \n or \r\n, and
//     comments;
//   - one document, with or without "---" and "..."; a second one is reported (below);
//   - block mappings whose keys are scalars, and block sequences, also at their parent key's
//     indentation ("read:\n- arn:…");
//   - flow sequences and mappings ([ec2], {Bool: {aws:SecureTransport: true}}), also over
//     several lines;
//   - plain, single-quoted and double-quoted scalars, also over several lines, with YAML's
//     escapes; literal and folded block scalars with indentation and chomping indicators;
//   - anchors, aliases and merge keys (<<), which templates may use to share lists;
//   - tags as yaml.v3 resolves plain scalars (YAML 1.2's core schema plus !!timestamp, 0o and
//     0b integers, underscores in numbers, "<<" as !!merge), and explicit tags written !!name.
//
// On that YAML, Parse gives the tree yaml.v3 gives, node for node: kinds, styles, tags, values,
// anchors, lines and columns, with lines and columns counted as yaml.v3 counts them (columns in
// characters); and it refuses what yaml.v3 refuses. Aliases are left unexpanded: a node's Alias
// points to the anchored node, so a self-referencing or exponential alias costs nothing here,
// and expanding them is the caller's business and budget (the template reader counts every
// arrival).
//
// Beyond the promise, Parse reads more of YAML, mostly as yaml.v3 does, but agreeing with it is
// not promised there: explicit "? key" entries, collections and aliases as keys, local and
// verbatim tags (!x, !<uri>, !), NEL, LS and PS as line breaks, a byte-order mark after the
// start, and the \/ escape (YAML 1.2 has it, yaml.v3 lacks it). What holds for every input is
// that Parse never panics, works in time linear in its input without recursion (the
// collections being read are tracked on explicit stacks), and answers with a well-formed tree
// or an *Error with a line and a column.
//
// # Refusals and messages
//
// Errors are *Error values: a line, a column and a message of yamlite's own, written for
// someone fixing a template by hand rather than in yaml.v3's words, for example
//
//	line 4, column 2: expected a mapping key, found '-'; check the indentation (this mapping's keys are at column 1)
//	line 2, column 7: this quoted string has no closing '
//	line 3, column 9: unknown escape \q in a double-quoted string (write \\ for a backslash)
//	line 1, column 11: found ':', but a mapping value cannot start here (quote the value if it holds ": ")
//	line 5, column 7: unknown anchor "base": *base refers to no &base before it
//
// Besides what YAML forbids, it refuses on purpose, where yaml.v3 reads:
//
//   - directives: "directives (%YAML, %TAG) are not supported", and so named tag handles:
//     "the tag handle !e! is not defined (%TAG directives are not supported)";
//   - %-escapes in tags: "%-escapes in tags are not supported";
//   - UTF-16 and UTF-32 (by their byte-order marks): "the input is UTF-16; YAML is read here as
//     UTF-8 only";
//   - a "? key" with no ": value" at the end of a block mapping, where yaml.v3 places the null
//     by its comment bookkeeping: "a \"? key\" needs a \": value\" line after it (leave the
//     value empty for null)".
//
// It refuses as yaml.v3 does, with its own words: control characters ("the control character
// U+0001 is not allowed") and invalid UTF-8 ("the byte 0xFF is not UTF-8"), tabs used as
// indentation ("found a tab where indentation or a value was expected; YAML indents with
// spaces"), a mapping key whose ':' is more than 1024 characters away ("expected ':' after this
// mapping key, on the same line"), and nesting deeper than MaxDepth ("exceeded max depth of
// 10000: flow collections ([ ] and { }) nest too deeply"); these limits bound the work hostile
// input can cause. A second document is reported as an *Error wrapping ErrSecondDocument,
// placed at its "---", with the first document still returned; templates and overrides files
// refuse it. Comments are skipped, not kept.
//
// # Writing
//
// Encode writes a Node tree, and FromJSON a JSON document, as block-style YAML: byte for byte
// what yaml.v3's encoder writes for the same data, strings quoted exactly when YAML would
// otherwise read them as something else. Encode writes policies as YAML (`iamforge write
// --format yaml` and the bridge's write, catalog/internal/policy); FromJSON writes every query
// result asked for as YAML (catalog/internal/query). Service docs' front matter is not written
// here: servicedoc quotes as the seed does (PyYAML's single quotes), and its tests check that
// this package reads back whatever it writes.
package yamlite
