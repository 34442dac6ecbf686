// Package yamlite reads and writes the YAML iamforge uses, with the standard library only. It
// replaces go.yaml.in/yaml/v3, which with the regexp package it brought made up a large part
// of the WebAssembly build, and behaves as that library does wherever iamforge relies on it:
// its tests compare the two on every input a fuzzer finds.
//
// # Reading
//
// Parse turns a document into a Node tree with the 1-based line and column of every node,
// counted as yaml.v3 counts them: lines end at \n, \r\n, \r, NEL, LS and PS, and columns count
// characters. Scalars are tagged the way yaml.v3 resolves them (YAML 1.2's core schema plus
// yaml.v3's additions: !!timestamp, 0o and 0b integers, underscores in numbers, "<<" as
// !!merge). Aliases are left unexpanded: a node's Alias points to the anchored node, so a
// self-referencing or exponential alias costs nothing here, and expanding them is the caller's
// business (and budget).
//
// Read: block mappings and sequences, including a sequence at its parent key's indentation;
// flow sequences and mappings; plain, single-quoted and double-quoted scalars, over several
// lines too, with YAML 1.2's escapes (\/ included, which yaml.v3 lacks); literal and folded
// block scalars with indentation and chomping indicators; comments; "---" and "..."; anchors,
// aliases and merge keys; explicit "? key" entries; the tags !!name, !name, !<uri> and !; a
// UTF-8 byte-order mark.
//
// Refused, with an error that gives the line and column and says what was expected:
// directives (%YAML, %TAG), named tag handles (!e!x), %-escapes in tags, UTF-16 and UTF-32,
// control characters and invalid UTF-8, tabs used as indentation, nesting deeper than
// MaxDepth, a "? key" with no ": value" at the end of a block mapping (where yaml.v3 places
// the null by its comment bookkeeping), and everything YAML itself forbids. A second document
// is reported as ErrSecondDocument, with the first document still returned. Comments are
// skipped, not kept.
//
// Parse works in time linear in its input and never recurses: the collections being read are
// tracked on explicit stacks.
//
// # Writing
//
// Encode writes a Node tree, and FromJSON a JSON document, as block-style YAML: what yaml.v3's
// encoder writes for the same data, byte for byte, with strings quoted exactly when YAML would
// otherwise read them as something else.
package yamlite
