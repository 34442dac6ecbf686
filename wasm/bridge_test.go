//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"syscall/js"
	"testing"

	"github.com/iamforge/iamforge/catalog/api"
)

// These tests run the bridge as the page does, through globalThis.iamforge, under Node (the Go
// toolchain's go_js_wasm_exec): `make test-wasm`.

var installed bool

func forge(t *testing.T) js.Value {
	t.Helper()
	if !installed {
		install(&bridge{})
		installed = true
		core, desc, _ := api.BuiltinFiles()
		u := js.Global().Get("Uint8Array").New(len(core))
		js.CopyBytesToJS(u, []byte(core))
		d := js.Global().Get("Uint8Array").New(len(desc))
		js.CopyBytesToJS(d, []byte(desc))
		var info map[string]any
		if err := json.Unmarshal([]byte(js.Global().Get("iamforge").Call("load", u, d).String()), &info); err != nil || info["result"] == nil {
			t.Fatalf("load: %v %v", err, info)
		}
	}
	return js.Global().Get("iamforge")
}

type response struct {
	Result      json.RawMessage `json:"result"`
	Diagnostics []struct {
		Code, Severity, Message string
	} `json:"diagnostics"`
}

func call(t *testing.T, op string, req any) response {
	t.Helper()
	var arg any = req
	if s, ok := req.(string); !ok {
		b, _ := json.Marshal(req)
		arg = string(b)
	} else {
		arg = s
	}
	out := forge(t).Call(op, arg)
	if out.Type() != js.TypeString {
		t.Fatalf("%s returned %s, not a JSON string", op, out.Type())
	}
	var r response
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatalf("%s returned invalid JSON: %v\n%s", op, err, out.String())
	}
	return r
}

func TestOperationsAreFunctions(t *testing.T) {
	f := forge(t)
	for _, op := range []string{"info", "write", "query", "search", "matchArn", "expand", "validate", "format",
		"encodeState", "decodeState", "importTemplate", "arnFormats", "conditionKeys", "describe", "highlight", "warmSearch", "call", "load", "loadDescriptions"} {
		if f.Get(op).Type() != js.TypeFunction {
			t.Errorf("iamforge.%s is %s, not a function", op, f.Get(op).Type())
		}
	}
	if f.Get("ready").Get("then").Type() != js.TypeFunction {
		t.Error("iamforge.ready is not a promise")
	}
}

func TestWriteFromStateAndTemplate(t *testing.T) {
	r := call(t, "write", map[string]any{"state": map[string]any{
		"resources": []map[string]any{{"arn": "arn:aws:s3:::my-bucket", "levels": []string{"read"}}},
		"actions":   []string{"kms:Decrypt"},
	}, "explain": true})
	var res struct {
		Output       string
		Explanations []struct{ Action string }
	}
	json.Unmarshal(r.Result, &res)
	if !strings.Contains(res.Output, "s3:GetBucketLocation") || !strings.Contains(res.Output, "kms:Decrypt") || !strings.Contains(res.Output, "arn:aws:s3:::my-bucket") {
		t.Errorf("write from state: %s", res.Output)
	}
	if len(res.Explanations) == 0 {
		t.Error("no explanations")
	}
	r = call(t, "write", map[string]any{"template": "mode: crud\nread:\n- arn:aws:sqs:us-east-1:123456789012:q\n", "format": "yaml"})
	json.Unmarshal(r.Result, &res)
	if !strings.Contains(res.Output, "sqs:ReceiveMessage") {
		t.Errorf("write from template: %s", res.Output)
	}
}

func TestErrorsAreDiagnostics(t *testing.T) {
	tests := []struct {
		op, req, code string
	}{
		{"write", `{"template": "mode: crud\nreads: [x]\n"}`, "unknown-key"},
		{"write", `{not json`, "bad-request"},
		{"write", `{"templat": ""}`, "bad-request"},
		{"decodeState", `{"fragment": "s9.AAAA"}`, "bad-state"},
		{"matchArn", `{"arns": ["arn:aws:s3"]}`, "invalid-arn"},
		{"call", `nope`, "unknown-operation"},
	}
	for _, tt := range tests {
		var r response
		if tt.op == "call" {
			out := forge(t).Call("call", tt.req, "{}")
			json.Unmarshal([]byte(out.String()), &r)
		} else {
			r = call(t, tt.op, tt.req)
		}
		found := false
		for _, d := range r.Diagnostics {
			found = found || d.Code == tt.code
		}
		if !found {
			t.Errorf("%s(%s): diagnostics %+v; want %s", tt.op, tt.req, r.Diagnostics, tt.code)
		}
	}
}

// A panic inside a bridge function comes back as a diagnostic and the bridge keeps working:
// descriptions that are not bytes panic in syscall/js.
func TestPanicIsRecovered(t *testing.T) {
	out := forge(t).Call("loadDescriptions", js.Global().Get("Object").New())
	if !strings.Contains(out.String(), "internal-error") {
		t.Fatalf("loadDescriptions of an object: %s; want an internal-error diagnostic", out.String())
	}
	if r := call(t, "search", map[string]any{"text": "decrypt", "limit": 3}); !strings.Contains(string(r.Result), "kms:Decrypt") {
		t.Errorf("search after a recovered panic: %s", r.Result)
	}
}

// warmSearch readies search ahead of the next keystroke and says it is done; with a budget it
// works a step at a time (catalog.WarmSearchFor). Anything else in its request is a bad request,
// not ignored.
func TestWarmSearch(t *testing.T) {
	// Until done (at once if an earlier test's search built the index; TestSearchWarmsInSteps
	// holds the steps themselves).
	for calls := 0; ; calls++ {
		if calls == 1000 {
			t.Fatal("warmSearch({budgetMs: 0.5}) is not done after 1,000 calls")
		}
		r := call(t, "warmSearch", map[string]any{"budgetMs": 0.5})
		if len(r.Diagnostics) != 0 || string(r.Result) != `{"done":false}` && string(r.Result) != `{"done":true}` {
			t.Fatalf("warmSearch({budgetMs: 0.5}) = %s %v; want done true or false, no diagnostics", r.Result, r.Diagnostics)
		}
		if string(r.Result) == `{"done":true}` {
			break
		}
	}
	if r := call(t, "warmSearch", map[string]any{}); string(r.Result) != `{"done":true}` || len(r.Diagnostics) != 0 {
		t.Fatalf("warmSearch({}) = %s %v; want done, no diagnostics", r.Result, r.Diagnostics)
	}
	for _, req := range []map[string]any{{"text": "x"}, {"budgetMs": -1}, {"budgetMs": "10"}} {
		if r := call(t, "warmSearch", req); len(r.Diagnostics) == 0 || r.Diagnostics[0].Code != "bad-request" {
			t.Errorf("warmSearch(%v) = %s %v; want a bad-request diagnostic", req, r.Result, r.Diagnostics)
		}
	}
	if r := call(t, "search", map[string]any{"text": "decrypt", "limit": 3}); !strings.Contains(string(r.Result), "kms:Decrypt") {
		t.Errorf("search after warmSearch: %s", r.Result)
	}
}

func TestStateRoundTrip(t *testing.T) {
	state := map[string]any{"resources": []map[string]any{{"arn": "arn:aws:s3:::b", "levels": []string{"read", "write"}}}, "effect": "Deny", "minimize": true}
	r := call(t, "encodeState", state)
	var enc struct{ Fragment string }
	json.Unmarshal(r.Result, &enc)
	if !strings.HasPrefix(enc.Fragment, "s1.") {
		t.Fatalf("fragment %q", enc.Fragment)
	}
	r = call(t, "decodeState", map[string]string{"fragment": "#" + enc.Fragment})
	var got map[string]any
	json.Unmarshal(r.Result, &got)
	if got["effect"] != "Deny" || got["minimize"] != true {
		t.Errorf("decoded %v", got)
	}
}
