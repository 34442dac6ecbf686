package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/jsonx/jsonxtest"
)

// The state's JSON is the permalink format: links made before must read the same, and the same
// state must give the same link. These tests hold the writer and the reader to what
// encoding/json did.

// fromJSONStd is FromJSON's reading as it was written with encoding/json.
func fromJSONStd(raw []byte) (*State, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var s State
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadState, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the state", ErrBadState)
	}
	if s.V == 0 {
		s.V = Version
	}
	if s.V > Version {
		return nil, fmt.Errorf("%w: version %d is newer than this builder reads (%d)", ErrBadState, s.V, Version)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadState, err)
	}
	return &s, nil
}

// TestJSON checks the state's JSON, HTML escaped as json.Marshal escaped it when Encode used
// it: the same state must still give the same link.
func TestJSON(t *testing.T) {
	jsonxtest.MarshalRandom(t, 1, 300, State{}, &State{}, Resource{}, ServiceLevels{}, STSRoles{}, Condition{})
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func checkFromJSON(t *testing.T, data []byte) {
	t.Helper()
	got, err := FromJSON(data)
	want, wantErr := fromJSONStd(data)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("FromJSON(%q) error = %v; with encoding/json %v", data, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("FromJSON(%q) = %#v; with encoding/json %#v", data, got, want)
	}
}

var fromJSONSeeds = []string{
	`{}`, `null`, ``, ` `, `{"v":1}`, `{"v":2}`, `{"v":"1"}`, `{"mode":"crud","resources":[{"arn":"arn:aws:s3:::b","levels":["read"]}]}`,
	`{"Mode":"actions"}`, `{"bogus":1}`, `{} x`, `{} }`, `{} ]`, `{}{}`, `{"resources":[{"arn":1}]}`, `{"minLen":1.5}`,
	`{"minLen":200}`, `{"conditions":[{"operator":"StringEquals","key":"aws:x","values":null}]}`, `{"sts":[{"key":"assume-role","roles":["r"]}]}`,
	`{"resources":[{"arn":"a","levels":["read"]}],"resources":[{"arn":"b"}]}`, `{"v":1`, `[]`, `"s"`, `{"effect":"deny"}`,
}

func FuzzFromJSON(f *testing.F) {
	for _, s := range fromJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFromJSON(t, data)
	})
}

func TestFromJSONAsBefore(t *testing.T) {
	for _, s := range fromJSONSeeds {
		checkFromJSON(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(6, 6))
	for range 1000 {
		s := jsonxtest.Random(r, reflect.TypeFor[State]()).Interface().(State)
		data := []byte(mustJSON(t, s))
		if r.IntN(4) != 0 {
			data = jsonxtest.Mutate(r, data)
		}
		if r.IntN(8) == 0 {
			data = append(data, " }]x{"[r.IntN(5):]...)
		}
		checkFromJSON(t, data)
	}
	jsonxtest.ProbeDecode(t, 7, 300, jsonxtest.Strict, State{})
}
