// Package jsonx reads and writes iamforge's JSON with the standard library short of
// encoding/json, which made up 200 KB of the WebAssembly build. Where iamforge's output or
// messages came from encoding/json, jsonx gives the same bytes and the same words, and its
// tests hold it to encoding/json on every input a fuzzer finds.
//
// # Reading
//
// Parse turns JSON text into a flat slice of Nodes that keep the byte offsets of every key and
// value, so that callers can point at a line and column; its messages are written for people
// ("missing ',' between elements", "an object is still open since line 3, column 1"). The
// policy reader, the template reader and Decode share it.
//
// Check finds the first syntax error in the words and at the offset encoding/json gives, for
// callers whose messages have always been encoding/json's (a template's JSON errors, the
// bridge's "the request is not valid").
//
// Decode and Unmarshal fill Go values by their json tags as encoding/json's Decoder and
// Unmarshal do: keys match field names exactly or else ignoring case, null clears only
// pointers, slices and maps, a repeated key decodes into what the first one left, and the
// first error reads as encoding/json's ("json: unknown field", "json: cannot unmarshal string
// into Go struct field ...").
//
// # Writing
//
// Marshal writes values by their json tags as encoding/json does, with or without HTML
// escaping; Indent lays the result out as encoding/json's Encoder does with SetIndent.
//
// Both use reflection, which costs the WebAssembly build little: fmt links it in anyway. Hand
// written encoders for each type were tried, and made a build 10 KB (brotli) larger; they
// would also have to follow every change to the types, which the tags now do by themselves.
// The kinds iamforge's types use are supported: strings, bools, integers, pointers, structs,
// slices and maps with string keys, interfaces (written, not read) and Raw JSON text. Floats
// and []byte, which encoding/json writes in ways of its own, are an error.
package jsonx
