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
	Format   string `json:"format,omitempty"` // "json" (default), "yaml", "terraform", "cloudformation"
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
	return prefix + strconv.Itoa(Version) + "." + base64.RawURLEncoding.EncodeToString(compress(raw)), nil
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
// is a request like a template, and Template hands it to the one validator.
func (s *State) Check() error {
	if s.V > Version {
		return fmt.Errorf("%w: version %d is newer than this builder reads (%d)", ErrBadState, s.V, Version)
	}
	if err := s.checkSizes(); err != nil {
		return fmt.Errorf("%w: %v", ErrBadState, err)
	}
	return nil
}

func (s *State) checkSizes() error {
	n := len(s.Resources) + len(s.Actions) + len(s.Services) + len(s.Exclude) + len(s.Skip) + len(s.Conditions) + len(s.STS)
	for _, r := range s.Resources {
		n += len(r.Actions)
	}
	if n > MaxItems {
		return fmt.Errorf("%d items, over the limit of %d", n, MaxItems)
	}
	long := func(field, v string) error {
		if len(v) > MaxValueLen {
			return fmt.Errorf("%s is %d characters, over the limit of %d", field, len(v), MaxValueLen)
		}
		return nil
	}
	for _, f := range []struct{ name, v string }{{"mode", s.Mode}, {"name", s.Name}, {"effect", s.Effect}, {"partition", s.Partition},
		{"region", s.Region}, {"account", s.Account}, {"deps", s.Deps}, {"target", s.Target}, {"format", s.Format}} {
		if err := long(f.name, f.v); err != nil {
			return err
		}
	}
	for i, r := range s.Resources {
		if err := long(fmt.Sprintf("resources[%d]", i), r.ARN); err != nil {
			return err
		}
		if len(r.Levels) > 16 {
			return fmt.Errorf("resources[%d]: %d levels, over the limit of 16", i, len(r.Levels))
		}
		for j, a := range r.Actions {
			if err := long(fmt.Sprintf("resources[%d].actions[%d]", i, j), a); err != nil {
				return err
			}
		}
	}
	for _, l := range []struct {
		name string
		list []string
	}{{"actions", s.Actions}, {"exclude", s.Exclude}, {"skip", s.Skip}} {
		for i, a := range l.list {
			if err := long(fmt.Sprintf("%s[%d]", l.name, i), a); err != nil {
				return err
			}
		}
	}
	for i, sv := range s.Services {
		if err := long(fmt.Sprintf("services[%d]", i), sv.Service); err != nil {
			return err
		}
		if len(sv.Levels) > 16 {
			return fmt.Errorf("services[%d]: %d levels, over the limit of 16", i, len(sv.Levels))
		}
	}
	roles := 0
	for i, st := range s.STS {
		roles += len(st.Roles)
		if err := long(fmt.Sprintf("sts[%d].key", i), st.Key); err != nil {
			return err
		}
		for _, r := range st.Roles {
			if err := long(fmt.Sprintf("sts[%d]", i), r); err != nil {
				return err
			}
		}
	}
	values := 0
	for i, c := range s.Conditions {
		values += len(c.Values)
		for _, v := range append([]string{c.Level, c.Operator, c.Key}, c.Values...) {
			if err := long(fmt.Sprintf("conditions[%d]", i), v); err != nil {
				return err
			}
		}
	}
	if n+roles+values > 4*MaxItems {
		return fmt.Errorf("%d roles and condition values, over the limit of %d", roles+values, 4*MaxItems-n)
	}
	return nil
}
