package state

import (
	"strings"
	"testing"
)

// TestFromJSON covers what a state must be before anything reads it: its shape (strict JSON:
// an unknown field or trailing data is a mistake), its version and its size. Values are not
// judged here: a state with an unknown mode still reads, and the validator every request
// passes says what is wrong with it.
func TestFromJSON(t *testing.T) {
	long := strings.Repeat("a", MaxValueLen+1)
	tests := []struct {
		name, in string
		wantErr  string // a substring; "" for none
	}{
		{"empty object", `{}`, ""},
		{"full", `{"v":1,"mode":"crud","resources":[{"arn":"arn:aws:s3:::b","levels":["read"]}],"conditions":[{"operator":"Bool","key":"aws:SecureTransport","values":["true"]}]}`, ""},
		{"values are not judged here", `{"mode":"CRUD","effect":"deny","deps":"sometimes","resources":[{"arn":"not-an-arn","levels":["reed"]}],"target":"huge","minLen":500}`, ""},
		{"unknown field", `{"bogus":1}`, `unknown field "bogus"`},
		{"a miscased field is the field (encoding/json's rule)", `{"Mode":"actions"}`, ""},
		{"trailing data", `{} x`, "trailing data"},
		{"two objects", `{}{}`, "trailing data"},
		{"wrong type", `{"resources":[{"arn":1}]}`, "cannot unmarshal number"},
		{"cut short", `{"v":1`, "unexpected EOF"},
		{"not an object", `[]`, "cannot unmarshal array"},
		{"newer version", `{"v":2}`, "version 2 is newer"},
		{"a value too long", `{"resources":[{"arn":"` + long + `"}]}`, "over the limit"},
		{"too many items", `{"exclude":[` + strings.Repeat(`"a:b",`, MaxItems) + `"a:b"]}`, "over the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := FromJSON([]byte(tt.in))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("FromJSON(%.80q) = %v; want no error", tt.in, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("FromJSON(%.80q) error = %v; want one saying %q", tt.in, err, tt.wantErr)
			case err == nil && s.V != Version:
				t.Fatalf("FromJSON(%.80q).V = %d; want %d", tt.in, s.V, Version)
			}
		})
	}
}

// TestEncodeDecode checks that a state survives its link form, HTML-sensitive characters and
// non-ASCII text included.
func TestEncodeDecode(t *testing.T) {
	in := &State{Mode: "crud", Resources: []Resource{{ARN: "arn:aws:s3:::b/<k>&'é", Levels: []string{"read", "write"}}},
		Conditions: []Condition{{Operator: "StringEquals", Key: "aws:ResourceTag/team", Values: []string{"a", "b"}}}, Minimize: true}
	f, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(f, "s1.") {
		t.Fatalf("Encode = %q; want an s1. fragment", f)
	}
	out, err := Decode("#" + f)
	if err != nil {
		t.Fatal(err)
	}
	if out.Resources[0].ARN != in.Resources[0].ARN || len(out.Resources[0].Levels) != 2 || !out.Minimize || out.Conditions[0].Values[1] != "b" {
		t.Fatalf("Decode(Encode(%+v)) = %+v", in, out)
	}
}

func FuzzFromJSON(f *testing.F) {
	for _, s := range []string{`{}`, `null`, ``, `{"v":1}`, `{"mode":"actions","actions":["s3:GetObject"]}`, `{"bogus":1}`, `{} x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := FromJSON(data)
		if (s == nil) == (err == nil) {
			t.Fatalf("FromJSON(%q) = %v, %v; want a state or an error", data, s, err)
		}
	})
}

// TestEncodeRefusesWhatDecodeRefuses: a link Decode would not open is no link; Encode says so
// rather than hand it out.
func TestEncodeRefusesWhatDecodeRefuses(t *testing.T) {
	s := &State{}
	x := uint32(1)
	for i := 0; i < 3000; i++ { // incompressible ARNs, each well within MaxValueLen
		var b strings.Builder
		for j := 0; j < 24; j++ {
			x = x*1664525 + 1013904223
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[x>>24%36])
		}
		s.Resources = append(s.Resources, Resource{ARN: "arn:aws:s3:::" + b.String()})
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v; want a state within the limits", err)
	}
	f, err := Encode(s)
	if err == nil || !strings.Contains(err.Error(), "the link would be") {
		t.Fatalf("Encode of a state past MaxEncoded = %d characters, %v; want an error", len(f), err)
	}
}
