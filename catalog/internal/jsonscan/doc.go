// Package jsonscan reads JSON text into a flat slice of Nodes that keep the byte offsets of
// every key and value, so that a finding can point at a line and column: the policy reader,
// the template reader and the YAML emitter's JSON input share it. Its messages are written for
// people ("missing ',' between elements", "an object is still open since line 3, column 1").
//
// It is the one piece of JSON handling iamforge writes itself, because encoding/json keeps no
// positions; everything else — requests, responses, the builder state, provenance — is
// encoding/json's, and the grammar is held to encoding/json's by a fuzz test (json.Valid is
// the oracle).
package jsonscan
