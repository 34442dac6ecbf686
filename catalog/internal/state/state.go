// Package state is the builder's state — everything a user chose in the browser builder — and
// its encoding for permalinks and share links: versioned, compressed, URL-safe, and checked on
// the way in, since a link is input from anyone.
package state

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamforge/iamforge/catalog/diag"
)

// Version is the current state format. Decode reads every version up to it.
const Version = 1

// Limits on a decoded state: far above any real policy (AWS caps a role's policies at a few
// tens of kilobytes), so that a hostile link cannot make the page decompress gigabytes.
const (
	MaxEncoded  = 64 << 10  // characters of the encoded form
	MaxDecoded  = 512 << 10 // bytes of JSON after decompression
	MaxItems    = 5000      // resources, actions, conditions… each
	MaxValueLen = 2048      // characters of one ARN, action, key or value
)

// State is what the builder holds. Its JSON field names are stable: they are the permalink
// format (with Version), and changing one needs a new version and a migration in Decode.
type State struct {
	V      int    `json:"v"`
	Mode   string `json:"mode,omitempty"`   // "crud" (default) or "actions"
	Name   string `json:"name,omitempty"`   // the template's name, kept for the round trip
	Effect string `json:"effect,omitempty"` // "Allow" (default) or "Deny"

	Resources []Resource `json:"resources,omitempty"`
	// Actions are single actions added by name; in crud mode those that take only "*" are
	// wildcard-only single actions and the others are granted on "*" (skip-resource-constraints).
	Actions []string `json:"actions,omitempty"`
	// Services grants, per service, every action of the given levels that takes only "*".
	Services []ServiceLevels `json:"services,omitempty"`
	Exclude  []string        `json:"exclude,omitempty"`
	// Skip lists actions granted on "*" as they are (skip-resource-constraints).
	Skip []string `json:"skip,omitempty"`
	// STS lists roles to assume, per sts action key ("assume-role", …).
	STS []STSRoles `json:"sts,omitempty"`

	Conditions []Condition `json:"conditions,omitempty"`
	Partition  string      `json:"partition,omitempty"`
	Region     string      `json:"region,omitempty"`
	Account    string      `json:"account,omitempty"`
	Deps       string      `json:"deps,omitempty"` // "scoped" (default), "wildcard", "none"

	// Output options.
	Minimize bool   `json:"minimize,omitempty"`
	MinLen   int    `json:"minLen,omitempty"`
	Target   string `json:"target,omitempty"` // "managed" (default), "role-inline", …
	// Split writes a policy over the target's limit as several policies within it.
	Split  bool   `json:"split,omitempty"`
	Format string `json:"format,omitempty"` // "json" (default), "yaml", "terraform", "cloudformation"
}

// Resource is an ARN, the access levels granted on it ("read", "write", "list", "tagging",
// "permissions-management") and single actions granted on it (a template's actions-on).
type Resource struct {
	ARN     string   `json:"arn"`
	Levels  []string `json:"levels,omitempty"`
	Actions []string `json:"actions,omitempty"`
}

// ServiceLevels is a service prefix and the levels of its wildcard-only actions to grant.
type ServiceLevels struct {
	Service string   `json:"service"`
	Levels  []string `json:"levels"`
}

// STSRoles is one sts key of the template and its role ARNs.
type STSRoles struct {
	Key   string   `json:"key"`
	Roles []string `json:"roles"`
}

// Condition is one condition: for the whole policy (Level "") or one access level.
type Condition struct {
	Level    string   `json:"level,omitempty"`
	Operator string   `json:"operator"`
	Key      string   `json:"key"`
	Values   []string `json:"values"`
}

// ErrBadState is wrapped by every Decode error.
var ErrBadState = errors.New("bad builder state")

const prefix = "s"

// Encode returns the URL-fragment form of a state: "s1." + base64url(compressed JSON), with the
// small LZ77 codec of lz.go.
func Encode(s *State) (string, error) {
	c := *s
	c.V = Version
	raw, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	f := prefix + strconv.Itoa(Version) + "." + base64.RawURLEncoding.EncodeToString(compress(raw))
	if len(f) > MaxEncoded {
		// Decode would refuse it: a link that cannot be opened is no link.
		return "", fmt.Errorf("%w: the link would be %d characters, over the limit of %d", ErrBadState, len(f), MaxEncoded)
	}
	return f, nil
}

// Decode reads the fragment form (with or without a leading "#"), checking everything.
func Decode(fragment string) (*State, error) {
	f := strings.TrimPrefix(strings.TrimSpace(fragment), "#")
	if len(f) > MaxEncoded {
		return nil, fmt.Errorf("%w: %d characters, over the limit of %d", ErrBadState, len(f), MaxEncoded)
	}
	head, body, ok := strings.Cut(f, ".")
	if !ok || !strings.HasPrefix(head, prefix) {
		return nil, fmt.Errorf("%w: not a builder link (want s<version>.<data>)", ErrBadState)
	}
	v, err := strconv.Atoi(head[len(prefix):])
	if err != nil || strconv.Itoa(v) != head[len(prefix):] {
		return nil, fmt.Errorf("%w: bad version %q", ErrBadState, head)
	}
	if v < 1 || v > Version {
		return nil, fmt.Errorf("%w: version %d is newer than this builder reads (%d); reload the page", ErrBadState, v, Version)
	}
	comp, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: the data is not base64url: %v", ErrBadState, err)
	}
	raw, err := decompress(comp, MaxDecoded)
	if errors.Is(err, errTooBig) {
		return nil, fmt.Errorf("%w: over %d bytes once decompressed", ErrBadState, MaxDecoded)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the data does not decompress: %v", ErrBadState, err)
	}
	return FromJSON(raw)
}

// FromJSON reads a state from its JSON form (the bridge's), checking its shape and size as
// Decode does. What its values ask for is checked where every request is: package template's
// Check, once the state is a template (Template).
func FromJSON(raw []byte) (*State, error) {
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
	if err := s.Check(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Check checks what a state must be before anything reads it: a version this builder reads,
// and sizes within the limits, since a link is input from anyone. It judges no value: a state
// is a request like a template, and Template hands it to the one validator. A state over the
// limits gets a *TooLarge, which says where.
func (s *State) Check() error {
	if s.V > Version {
		return fmt.Errorf("%w: version %d is newer than this builder reads (%d)", ErrBadState, s.V, Version)
	}
	if errs := s.checkSizes(); len(errs) > 0 {
		return &TooLarge{Errs: errs}
	}
	return nil
}

// TooLarge is a state over the limits: every value or list that is, where it is in the state
// (Key "resources", Index 2; a field's name alone for a field; no key for the whole state), so
// that a page can say what a link leaves out. It is an ErrBadState.
type TooLarge struct {
	Errs []*diag.ReadError
}

func (e *TooLarge) Error() string {
	msg := ErrBadState.Error() + ": " + e.Errs[0].Error()
	if n := len(e.Errs) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

func (e *TooLarge) Unwrap() error { return ErrBadState }

func (s *State) checkSizes() []*diag.ReadError {
	var errs []*diag.ReadError
	at := func(key string, index int) diag.Location {
		if index < 0 {
			return diag.Location{Key: key}
		}
		return diag.Location{Key: key, Index: &index}
	}
	n := len(s.Resources) + len(s.Actions) + len(s.Services) + len(s.Exclude) + len(s.Skip) + len(s.Conditions) + len(s.STS)
	for _, r := range s.Resources {
		n += len(r.Actions)
	}
	if n > MaxItems {
		errs = append(errs, diag.ReadErrorf(diag.Location{}, "%d items, over the limit of %d", n, MaxItems))
	}
	// long says a value over MaxValueLen, as "what is N characters": "the ARN is 2049 characters".
	long := func(loc diag.Location, what, v string) {
		if len(v) > MaxValueLen {
			errs = append(errs, diag.ReadErrorf(loc, "%s is %d characters, over the limit of %d", what, len(v), MaxValueLen))
		}
	}
	for _, f := range []struct{ name, v string }{{"mode", s.Mode}, {"name", s.Name}, {"effect", s.Effect}, {"partition", s.Partition},
		{"region", s.Region}, {"account", s.Account}, {"deps", s.Deps}, {"target", s.Target}, {"format", s.Format}} {
		long(at(f.name, -1), "the value", f.v)
	}
	for i, r := range s.Resources {
		long(at("resources", i), "the ARN", r.ARN)
		if len(r.Levels) > 16 {
			errs = append(errs, diag.ReadErrorf(at("resources", i), "%d levels, over the limit of 16", len(r.Levels)))
		}
		for _, a := range r.Actions {
			loc := at("resources", i)
			loc.Action = a
			long(loc, "an action", a)
		}
	}
	for _, l := range []struct {
		name string
		list []string
	}{{"actions", s.Actions}, {"exclude", s.Exclude}, {"skip", s.Skip}} {
		for i, a := range l.list {
			long(at(l.name, i), "the action", a)
		}
	}
	for i, sv := range s.Services {
		long(at("services", i), "the service", sv.Service)
		if len(sv.Levels) > 16 {
			errs = append(errs, diag.ReadErrorf(at("services", i), "%d levels, over the limit of 16", len(sv.Levels)))
		}
	}
	roles := 0
	for i, st := range s.STS {
		roles += len(st.Roles)
		long(at("sts", i), "the key", st.Key)
		for _, r := range st.Roles {
			long(at("sts", i), "a role ARN", r)
		}
	}
	values := 0
	for i, c := range s.Conditions {
		values += len(c.Values)
		for _, v := range []struct{ what, v string }{{"the level", c.Level}, {"the operator", c.Operator}, {"the key", c.Key}} {
			long(at("conditions", i), v.what, v.v)
		}
		for _, v := range c.Values {
			long(at("conditions", i), "a value", v)
		}
	}
	if n+roles+values > 4*MaxItems {
		errs = append(errs, diag.ReadErrorf(diag.Location{}, "%d roles and condition values, over the limit of %d", roles+values, 4*MaxItems-n))
	}
	return errs
}
