package links

import (
	"encoding/json"
	"fmt"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/api"
	"github.com/iamforge/iamforge/catalog/diag"
)

// record is what a link stores: the canonical state, its permalink fragment, and what its
// page says. It is written once and never changed.
type record struct {
	V           int             `json:"v"`
	State       json.RawMessage `json:"state"`
	Fragment    string          `json:"fragment"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
}

// checked is a state the engine accepted, with what the link's page says about it.
type checked struct {
	canonical []byte
	fragment  string
	title     string
	desc      string
}

// response is every api operation's answer.
type response struct {
	Result      json.RawMessage `json:"result"`
	Diagnostics diag.List       `json:"diagnostics"`
}

func call(cat *catalog.Catalog, op string, req any) (json.RawMessage, diag.List, error) {
	var in []byte
	switch r := req.(type) {
	case []byte:
		in = r
	default:
		b, err := json.Marshal(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", op, err)
		}
		in = b
	}
	var res response
	if err := json.Unmarshal(api.Call(cat, op, in), &res); err != nil {
		return nil, nil, fmt.Errorf("%s: reading the answer: %w", op, err)
	}
	return res.Result, res.Diagnostics, nil
}

// writeResult is the part of the write operation's result the page needs.
type writeResult struct {
	Parts        int    `json:"parts"`
	Size         int    `json:"size"`
	Limit        int    `json:"limit"`
	Target       string `json:"target"`
	Explanations []struct {
		Action string `json:"action"`
	} `json:"explanations"`
}

// arnMatch is the part of a matchArn answer the page needs.
type arnMatch struct {
	ARN           string   `json:"arn"`
	Service       string   `json:"service"`
	ResourceTypes []string `json:"resource_types"`
}

// check runs a state through the builder's own pipeline: encodeState reads and checks it (as
// it does for every permalink), decodeState of that fragment gives the canonical state, and a
// write of the canonical state must have no error. Diagnostics come back as the engine gave
// them; err is for the engine failing, never for bad input.
func check(cat *catalog.Catalog, body []byte) (*checked, diag.List, error) {
	res, ds, err := call(cat, "encodeState", body)
	if err != nil || ds.HasErrors() {
		return nil, ds, err
	}
	var enc struct {
		Fragment string `json:"fragment"`
	}
	if err := json.Unmarshal(res, &enc); err != nil {
		return nil, nil, fmt.Errorf("encodeState: %w", err)
	}
	canonical, ds, err := call(cat, "decodeState", map[string]string{"fragment": enc.Fragment})
	if err != nil || ds.HasErrors() {
		return nil, ds, err
	}
	res, ds, err = call(cat, "write", struct {
		State        json.RawMessage `json:"state"`
		Explanations bool            `json:"explanations"`
	}{canonical, true})
	if err != nil || ds.HasErrors() {
		return nil, ds, err
	}
	var wr writeResult
	if err := json.Unmarshal(res, &wr); err != nil {
		return nil, nil, fmt.Errorf("write: %w", err)
	}
	var st stateView
	if err := json.Unmarshal(canonical, &st); err != nil {
		return nil, nil, fmt.Errorf("decodeState: %w", err)
	}
	var matches []arnMatch
	if arns := st.arns(); len(arns) > 0 {
		res, _, err := call(cat, "matchArn", map[string][]string{"arns": arns})
		if err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal(res, &matches); err != nil {
			return nil, nil, fmt.Errorf("matchArn: %w", err)
		}
	}
	title, desc := summarize(cat, &st, matches, &wr)
	return &checked{canonical: canonical, fragment: enc.Fragment, title: title, desc: desc}, ds, nil
}
