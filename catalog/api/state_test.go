package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/iamforge/iamforge/catalog/diag"
)

// TestEncodeStateSaysWhereItIsTooLarge: a state a link cannot hold is refused with a diagnostic
// per value over the limits, located in the state, so that the page can keep the rest in its
// link and say what it left out; a write of it says the same at the same places.
func TestEncodeStateSaysWhereItIsTooLarge(t *testing.T) {
	long := "arn:aws:s3:::" + strings.Repeat("b", 2049-len("arn:aws:s3:::"))
	st := map[string]any{
		"resources": []map[string]any{
			{"arn": "arn:aws:s3:::fine", "levels": []string{"read"}},
			{"arn": long, "levels": []string{"read"}},
			{"arn": "arn:aws:s3:::fine2"},
			{"arn": long + "c"},
		},
		"region": strings.Repeat("r", 2049),
	}
	req, _ := json.Marshal(st)
	type response struct {
		Result      json.RawMessage
		Diagnostics diag.List
	}
	var enc response
	if err := json.Unmarshal(Call(nil, "encodeState", req), &enc); err != nil {
		t.Fatal(err)
	}
	if len(enc.Result) > 0 {
		t.Fatalf("encodeState = %s; want no fragment", enc.Result)
	}
	var got []string
	for _, d := range enc.Diagnostics {
		where := "-"
		if d.Location != nil {
			where = d.Location.String()
		}
		got = append(got, where+" "+d.Message)
		if d.Code != diag.BadState {
			t.Errorf("code %s; want %s", d.Code, diag.BadState)
		}
	}
	want := []string{
		"region the value is 2049 characters, over the limit of 2048",
		"resources[1] the ARN is 2049 characters, over the limit of 2048",
		"resources[3] the ARN is 2050 characters, over the limit of 2048",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("encodeState diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	wreq, _ := json.Marshal(map[string]any{"state": st})
	var wr response
	if err := json.Unmarshal(Call(builtin(t), "write", wreq), &wr); err != nil {
		t.Fatal(err)
	}
	if len(wr.Diagnostics) != len(want) || wr.Diagnostics[1].Location == nil || wr.Diagnostics[1].Location.Key != "resources" {
		t.Errorf("write diagnostics %v; want the same %d, located", wr.Diagnostics, len(want))
	}
}

// TestWriteSplitsWhenTheStateSays: the builder's split is in its state (so that a link gives
// the same policies); the request's split does the same for a template.
func TestWriteSplitsWhenTheStateSays(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	big := `{"v":1,"resources":[{"arn":"arn:aws:s3:::logs","levels":["read","write"]},{"arn":"arn:aws:s3:::logs/*","levels":["read","write"]}],"target":"user-inline"%s}`
	for _, tc := range []struct {
		name      string
		req       string
		wantParts int
		wantCode  diag.Code
	}{
		{"not split", `{"state":` + fmt.Sprintf(big, "") + `}`, 1, diag.SizeOverLimit},
		{"split in the state", `{"state":` + fmt.Sprintf(big, `,"split":true`) + `}`, 2, diag.PolicySplit},
		{"split in the request", `{"split":true,"state":` + fmt.Sprintf(big, "") + `}`, 2, diag.PolicySplit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res struct {
				Result      WriteResult
				Diagnostics diag.List
			}
			if err := json.Unmarshal(Call(cat, "write", []byte(tc.req)), &res); err != nil {
				t.Fatal(err)
			}
			if tc.wantParts == 1 && res.Result.Parts != 1 || tc.wantParts > 1 && res.Result.Parts < tc.wantParts {
				t.Errorf("write(%s).parts = %d; want %d", tc.name, res.Result.Parts, tc.wantParts)
			}
			// Each policy alone is the same as in the list Output holds.
			if res.Result.Parts > 1 {
				var list []json.RawMessage
				if err := json.Unmarshal([]byte(res.Result.Output), &list); err != nil {
					t.Fatalf("write(%s).output is no list: %v", tc.name, err)
				}
				if len(res.Result.Outputs) != len(list) {
					t.Fatalf("write(%s): %d outputs for %d policies", tc.name, len(res.Result.Outputs), len(list))
				}
				for i, one := range res.Result.Outputs {
					var a, b any
					json.Unmarshal(list[i], &a)
					if err := json.Unmarshal([]byte(one), &b); err != nil || !reflect.DeepEqual(a, b) {
						t.Errorf("write(%s).outputs[%d] = %s; want %s (%v)", tc.name, i, one, list[i], err)
					}
				}
			} else if res.Result.Outputs != nil {
				t.Errorf("write(%s).outputs = %q; want none for one policy", tc.name, res.Result.Outputs)
			}
			found := false
			for _, d := range res.Diagnostics {
				found = found || d.Code == tc.wantCode
			}
			if !found {
				t.Errorf("write(%s): no %s in %v", tc.name, tc.wantCode, res.Diagnostics)
			}
		})
	}
}

// A finding about the builder's state speaks the page's words, not a template key's.
func TestGrantedTwiceInTheInputsWords(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	key := "arn:aws:kms:us-east-1:123456789012:key/k1"
	for _, tc := range []struct{ name, req, want, not string }{
		{"state", `{"state":{"v":1,"resources":[{"arn":"` + key + `","actions":["kms:Decrypt"]}],"skip":["kms:Decrypt"]}}`,
			`on "*" (the actions granted on "*" as they are)`, "skip-resource-constraints"},
		{"template", `{"template":"mode: crud\nskip-resource-constraints: [kms:Decrypt]\nactions-on:\n  ` + key + `: [kms:Decrypt]\n"}`,
			`on "*" (skip-resource-constraints)`, "as they are"},
	} {
		var res struct{ Diagnostics diag.List }
		if err := json.Unmarshal(Call(cat, "write", []byte(tc.req)), &res); err != nil {
			t.Fatal(err)
		}
		var msg string
		for _, d := range res.Diagnostics {
			if d.Code == diag.GrantedTwice {
				msg = d.Message
			}
		}
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.not) {
			t.Errorf("%s: granted-twice says %q; want it to hold %q and not %q (all: %v)", tc.name, msg, tc.want, tc.not, res.Diagnostics)
		}
	}
}
