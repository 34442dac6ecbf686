package catalog

import (
	"errors"
	"testing"
)

func svc(prefix, name string, actions ...*Action) *Service {
	s := &Service{Prefix: prefix, Name: name, Actions: actions}
	for _, a := range actions {
		a.Service = prefix
	}
	return s
}

func act(name string, level AccessLevel, rts ...string) *Action {
	a := &Action{Name: name, AccessLevel: level}
	for _, r := range rts {
		a.ResourceTypes = append(a.ResourceTypes, ActionResource{ResourceType: r})
	}
	return a
}

// A later catalog overrides an earlier one per service, then per action.
func TestMerge(t *testing.T) {
	base := New([]*Service{
		svc("s3", "Amazon S3", act("GetObject", Read, "object"), act("PutObject", Write, "object")),
		svc("kms", "AWS KMS", act("Decrypt", Write, "key")),
	}, Info{Sources: []Source{{Package: "base"}}})
	over := New([]*Service{
		svc("s3", "", act("getobject", Tagging, "bucket"), act("NewAction", List)),
		svc("sqs", "Amazon SQS", act("SendMessage", Write, "queue")),
	}, Info{Sources: []Source{{Package: "over"}}})
	m := Merge(base, over)

	if got := len(m.Services()); got != 3 {
		t.Fatalf("merged services = %d; want 3", got)
	}
	s3, err := m.Service("S3")
	if err != nil {
		t.Fatal(err)
	}
	if s3.Name != "Amazon S3" {
		t.Errorf("merged name = %q; want the base's when the overlay has none", s3.Name)
	}
	if len(s3.Actions) != 3 {
		t.Errorf("merged s3 actions = %d; want 3", len(s3.Actions))
	}
	if a := s3.Action("GetObject"); a == nil || a.AccessLevel != Tagging || a.Resource("bucket") == nil {
		t.Errorf("GetObject = %+v; want the overlay's", a)
	}
	if a := s3.Action("PutObject"); a == nil || a.AccessLevel != Write {
		t.Errorf("PutObject = %+v; want the base's", a)
	}
	if _, err := m.Action("sqs:SendMessage"); err != nil {
		t.Error(err)
	}
	info, err := m.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Services != 3 || info.Actions != 5 || len(info.Sources) != 2 {
		t.Errorf("merged info = %+v", info)
	}
}

func TestLookupErrors(t *testing.T) {
	c := New([]*Service{svc("s3", "Amazon S3", act("GetObject", Read, "object"))}, Info{})
	_, err := c.Action("s3:GetObjekt")
	var le *LookupError
	if !errors.As(err, &le) || !errors.Is(err, ErrUnknownAction) || len(le.Suggestions) != 1 || le.Suggestions[0] != "s3:GetObject" {
		t.Errorf("Action(s3:GetObjekt) = %v; want unknown action suggesting s3:GetObject", err)
	}
	if _, err := c.Service("s4"); !errors.Is(err, ErrUnknownService) {
		t.Errorf("Service(s4) = %v; want unknown service", err)
	}
	if _, err := c.Action("GetObject"); err == nil {
		t.Error("Action(GetObject) without a prefix: no error")
	}
}

func TestMapLeavesTheOriginal(t *testing.T) {
	c := New([]*Service{svc("s3", "Amazon S3", act("GetObject", Read, "object"))}, Info{})
	m := c.Map(func(s *Service) *Service {
		out := &Service{Prefix: s.Prefix, Name: s.Name}
		for _, a := range s.Actions {
			cp := *a
			cp.AccessLevel = PermissionsManagement
			out.Actions = append(out.Actions, &cp)
		}
		return out
	})
	a, _ := m.Action("s3:GetObject")
	b, _ := c.Action("s3:GetObject")
	if a.AccessLevel != PermissionsManagement || b.AccessLevel != Read {
		t.Errorf("mapped %v, original %v", a.AccessLevel, b.AccessLevel)
	}
}

func TestKeyMatches(t *testing.T) {
	tests := []struct {
		catalogKey, key string
		want            bool
	}{
		{"aws:PrincipalTag/${TagKey}", "aws:PrincipalTag/team", true},
		{"aws:PrincipalTag/${TagKey}", "AWS:principaltag/team", true},
		{"aws:PrincipalTag/${TagKey}", "aws:PrincipalTag/", false},
		{"s3:prefix", "S3:Prefix", true},
		{"s3:prefix", "s3:prefixes", false},
	}
	for _, tt := range tests {
		if got := KeyMatches(tt.catalogKey, tt.key); got != tt.want {
			t.Errorf("KeyMatches(%q, %q) = %v; want %v", tt.catalogKey, tt.key, got, tt.want)
		}
	}
	if GlobalConditionKey("aws:SourceIp") == nil || GlobalConditionKey("aws:NoSuchKey") != nil {
		t.Error("global condition key lookup is wrong")
	}
}

func TestParseAccessLevel(t *testing.T) {
	for in, want := range map[string]AccessLevel{
		"Read": Read, "read": Read, "LIST": List, "Write": Write, "tagging": Tagging,
		"Permissions management": PermissionsManagement, "permissions-management": PermissionsManagement,
		"Tagging, Write": Tagging, "Permissions management, Write": PermissionsManagement,
	} {
		if got, err := ParseAccessLevel(in); err != nil || got != want {
			t.Errorf("ParseAccessLevel(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseAccessLevel("reed"); err == nil {
		t.Error(`ParseAccessLevel("reed"): no error`)
	}
}
