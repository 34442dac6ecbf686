// Package api is iamforge's one boundary to JavaScript: each operation takes a JSON request and
// returns a JSON response, {"result": …, "diagnostics": […]}. The WebAssembly bridge is a thin
// shell around Call, and the CLI renders through the same functions, so that one input gives
// byte-identical output in the terminal and in the browser.
package api

import (
	"bytes"
	"encoding/json"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
)

// Response is what every operation returns. Result is absent when the request could not be
// answered at all; Diagnostics then say why.
type Response struct {
	Result      any       `json:"result,omitempty"`
	Diagnostics diag.List `json:"diagnostics"`
}

// Handler answers one operation.
type handler func(cat *catalog.Catalog, req []byte) (any, diag.List)

var ops = map[string]handler{
	"info":           opInfo,
	"write":          opWrite,
	"query":          opQuery,
	"search":         opSearch,
	"warmSearch":     opWarmSearch,
	"matchArn":       opMatchARN,
	"expand":         opExpand,
	"validate":       opValidate,
	"format":         opFormat,
	"encodeState":    opEncodeState,
	"decodeState":    opDecodeState,
	"importTemplate": opImportTemplate,
	"arnFormats":     opARNFormats,
	"conditionKeys":  opConditionKeys,
	"describe":       opDescribe,
	"importPolicy":   opImportPolicy,
	"highlight":      opHighlight,
	"arnActions":     opARNActions,
}

// needsNoCatalog are the operations that answer before a catalog is loaded.
var needsNoCatalog = map[string]bool{"encodeState": true, "decodeState": true, "vocabulary": true, "highlight": true}

// vocabulary lists the operations, so it joins the table once the table exists.
func init() { ops["vocabulary"] = opVocabulary }

// Operations lists the operation names, sorted.
func Operations() []string {
	out := make([]string, 0, len(ops))
	for k := range ops {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Call runs an operation on a JSON request and returns the JSON response. It never panics: a
// bug comes back as an "internal-error" diagnostic, never as a dead page.
func Call(cat *catalog.Catalog, op string, req []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = encode(Response{Diagnostics: diag.List{diag.Errorf(diag.InternalError, nil,
				"iamforge failed on %s: %v; please report this with the input (%s)", op, r, firstLine(string(debug.Stack())))}})
		}
	}()
	h, ok := ops[op]
	if !ok {
		return encode(Response{Diagnostics: diag.List{diag.Errorf(diag.UnknownOperation, nil, "unknown operation %q (want one of %s)", op, strings.Join(Operations(), ", "))}})
	}
	if cat == nil && !needsNoCatalog[op] {
		return encode(Response{Diagnostics: diag.List{diag.Errorf(diag.NotReady, nil, "the catalog is not loaded yet")}})
	}
	res, ds := h(cat, req)
	if ds == nil {
		ds = diag.List{}
	}
	return encode(Response{Result: res, Diagnostics: ds})
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "iamforge/") && !strings.Contains(l, "catalog/api.Call") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func encode(r Response) []byte {
	b, err := marshal(r)
	if err != nil {
		b, _ = marshal(Response{Diagnostics: diag.List{diag.Errorf(diag.InternalError, nil, "encoding the response: %v", err)}})
	}
	return b
}

// marshal is compact JSON without HTML escaping: encoding/json's, so that every type's own
// marshalling (catalog.AccessLevel writes "Write") is honoured.
func marshal(v any) ([]byte, error) {
	// A write's response is mostly its output text: room for it up front spares the copies of
	// a growing buffer.
	hint := 1024
	if r, ok := v.(Response); ok {
		if wr, ok := r.Result.(*WriteResult); ok && wr != nil {
			hint += len(wr.Output) * 11 / 10
		}
	}
	b := bytes.NewBuffer(make([]byte, 0, hint))
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// indent is JSON for people, as every iamforge output prints it: two-space indent, no HTML
// escaping, a final newline.
func indent(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only a type that cannot be JSON fails, and every type here can: a bug, said plainly.
		return []byte(`{"error": "internal error encoding JSON"}` + "\n")
	}
	return b.Bytes()
}

// decode reads a request strictly: an unknown field is a mistake worth saying.
func decode(req []byte, v any) diag.List {
	if len(bytes.TrimSpace(req)) == 0 {
		req = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(req))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return diag.List{diag.Errorf(diag.BadRequest, nil, "the request is not valid: %v", err)}
	}
	return nil
}

func errorf(code diag.Code, format string, args ...any) diag.List {
	return diag.List{diag.Errorf(code, nil, format, args...)}
}
