package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
	"github.com/iamforge/iamforge/catalog/internal/query"
	"github.com/iamforge/iamforge/catalog/internal/state"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// The bridge's JSON, in and out, is what encoding/json made of the same values: these tests
// hold the responses and the request reading to it.

// TestResponseJSON writes random results of every type an operation returns, as responses.
func TestResponseJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, v := range []any{InfoResult{}, &WriteResult{}, QueryResult{}, []SearchHit{}, []catalog.ARNMatch{}, &ExpandResult{},
		[]FormatInfo{}, []KeyInfo{}, query.ActionJSON{}, &state.State{}, KeyInfo{}, explainedJSON{}} {
		for range 100 {
			checkResponse(t, Response{Result: jsonxtest.Random(r, reflect.TypeOf(v)).Interface(), Diagnostics: randomDiags(r)})
		}
	}
	checkResponse(t, Response{Result: QueryResult{Output: "x", Data: rawJSON(`[{"a": "<b>"}]`)}})
	checkResponse(t, Response{})
}

// explainedJSON is what RenderWrite prints for --explain, there an anonymous struct.
type explainedJSON = struct {
	Policy       any                  `json:"policy"`
	Diagnostics  diag.List            `json:"diagnostics"`
	Explanations []writer.Explanation `json:"explanations"`
	Size         int                  `json:"size"`
	Limit        int                  `json:"limit"`
	Target       string               `json:"target"`
}

func randomDiags(r *rand.Rand) diag.List {
	return jsonxtest.Random(r, reflect.TypeFor[diag.List]()).Interface().(diag.List)
}

func checkResponse(t *testing.T, resp Response) {
	t.Helper()
	got := encode(resp)
	want, err := jsonxtest.StdCompact(resp)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encode(%#v) =\n%s\nencoding/json writes\n%s", resp, got, want)
	}
}

// TestOperationsJSON runs every operation on the embedded catalog and checks each response
// against encoding/json's writing of the same result.
func TestOperationsJSON(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Skip(err)
	}
	fragment, _ := state.Encode(&state.State{Resources: []state.Resource{{ARN: "arn:aws:s3:::b/<k>", Levels: []string{"read"}}}})
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","ec2:Describe\u2028"],"Resource":"*"}]}`
	for _, c := range []struct{ op, req string }{
		{"info", ``},
		{"write", `{"template": "mode: crud\nread: [arn:aws:s3:::b]\nwrite: [arn:aws:sqs:us-east-1:1:q]\n", "explain": true}`},
		{"write", `{"template": "mode: crud\nread: [arn:aws:s3:::b]\n", "format": "json", "explain": true, "explanations": true}`},
		{"write", `{"state": {"resources": [{"arn": "arn:aws:s3:::b/*", "levels": ["read", "write"]}]}, "split": true, "minimize": true, "minLen": 3}`},
		{"write", `{"templat": ""}`},
		{"query", `{"kind": "actions", "service": "s3", "format": "json"}`},
		{"query", `{"kind": "info", "format": "yaml"}`},
		{"query", `{"kind": "match-arn", "args": ["arn:aws:s3:::b", "arn:aws:kms:us-east-1:1:key/k"]}`},
		{"search", `{"text": "get object", "limit": 5}`},
		{"matchArn", `{"arns": ["arn:aws:s3:::b", "nope"]}`},
		{"expand", `{"policy": ` + quote(pol) + `, "format": "json"}`},
		{"expand", `{"policy": ` + quote(pol) + `}`},
		{"validate", `{"policy": ` + quote(pol) + `, "format": "json"}`},
		{"format", `{"policy": ` + quote(pol) + `, "format": "yaml"}`},
		{"encodeState", `{"resources": [{"arn": "arn:aws:s3:::b", "levels": ["read"]}]}`},
		{"decodeState", `{"fragment": "` + fragment + `"}`},
		{"importTemplate", `{"template": "mode: actions\nactions: [s3:GetObject]\n"}`},
		{"arnFormats", `{"service": "s3"}`},
		{"conditionKeys", `{"state": {"resources": [{"arn": "arn:aws:s3:::b", "levels": ["read"]}]}}`},
		{"describe", `{"action": "ec2:RunInstances"}`},
		{"describe", `{"action": 1}`},
	} {
		res, ds := ops[c.op](cat, []byte(c.req))
		if ds == nil {
			ds = diag.List{}
		}
		checkResponse(t, Response{Result: res, Diagnostics: ds})
		if got := Call(cat, c.op, []byte(c.req)); !bytes.Equal(got, encode(Response{Result: res, Diagnostics: ds})) {
			t.Errorf("%s(%s): Call differs from its parts", c.op, c.req)
		}
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// requests are the request types of the operations, the anonymous ones spelled as they are.
var requests = map[string]func() any{
	"write":  func() any { return new(WriteRequest) },
	"query":  func() any { return new(QueryRequest) },
	"policy": func() any { return new(PolicyRequest) },
	"search": func() any {
		return new(struct {
			Text  string `json:"text"`
			Limit int    `json:"limit"`
		})
	},
	"matchArn": func() any {
		return new(struct {
			ARNs []string `json:"arns"`
		})
	},
	"format": func() any {
		return new(struct {
			Policy  string `json:"policy"`
			Format  string `json:"format"`
			Compact bool   `json:"compact"`
			Name    string `json:"name"`
		})
	},
	"decodeState": func() any {
		return new(struct {
			Fragment string `json:"fragment"`
		})
	},
	"importTemplate": func() any {
		return new(struct {
			Template string `json:"template"`
			File     string `json:"file"`
		})
	},
	"arnFormats": func() any {
		return new(struct {
			Service string `json:"service"`
		})
	},
	"conditionKeys": func() any {
		return new(struct {
			State *state.State `json:"state"`
		})
	},
	"describe": func() any {
		return new(struct {
			Action string `json:"action"`
		})
	},
}

// decodeStd is decode as it was written with encoding/json.
func decodeStd(req []byte, v any) diag.List {
	if len(strings.TrimSpace(string(req))) == 0 {
		req = []byte("{}")
	}
	dec := json.NewDecoder(strings.NewReader(string(req)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return diag.List{diag.Errorf("bad-request", nil, "the request is not valid: %v", err)}
	}
	return nil
}

func checkDecode(t *testing.T, name string, req []byte) {
	t.Helper()
	got, want := requests[name](), requests[name]()
	gds, wds := decode(req, got), decodeStd(req, want)
	if fmt.Sprint(gds) != fmt.Sprint(wds) {
		t.Fatalf("%s: decode(%q) = %v; with encoding/json %v", name, req, gds, wds)
	}
	if wds == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: decode(%q) = %#v; with encoding/json %#v", name, req, got, want)
	}
}

var requestSeeds = []string{
	``, " \u00a0", `{}`, `null`, `[]`, `{"templat": ""}`, `{not json`, `{"Template": "x", "FILE": "y"}`, `{"text": 1}`,
	`{"limit": "5"}`, `{"limit": 1.5}`, `{"arns": "x"}`, `{"arns": [1]}`, `{"state": {"mode": 1}}`, `{"state": {"resources": [{"arn": 1}]}}`,
	`{"state": null}`, `{"state": {"mode":"crud"}, "state": {"name":"x"}}`, `{"minimize": null, "minLen": "3"}`, `{"kind": 1}`,
	`{"args": [null, "a"]}`, `{"format": []}`, `{"fragment": "s1.x"} trailing`, `{"fragment": "s1.x"`, `{"policySentry": true, "explanations": true}`,
}

func FuzzDecodeRequest(f *testing.F) {
	for _, s := range requestSeeds {
		f.Add([]byte(s), uint8(0))
	}
	names := sortedKeys(requests)
	f.Fuzz(func(t *testing.T, req []byte, which uint8) {
		checkDecode(t, names[int(which)%len(names)], req)
	})
}

func TestDecodeRequests(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, name := range sortedKeys(requests) {
		for _, s := range requestSeeds {
			checkDecode(t, name, []byte(s))
		}
		typ := reflect.TypeOf(requests[name]()).Elem()
		for range 500 {
			data, err := json.Marshal(jsonxtest.Random(r, typ).Interface())
			if err != nil {
				t.Fatal(err)
			}
			if r.IntN(4) != 0 {
				data = jsonxtest.Mutate(r, data)
			}
			checkDecode(t, name, data)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
