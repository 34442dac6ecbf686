package compact

import (
	"testing"

	"github.com/iamforge/iamforge/catalog"
)

func sample() []*catalog.Service {
	return []*catalog.Service{{
		Prefix: "demo", Name: "Demo", Source: "test",
		ResourceTypes: []*catalog.ResourceType{{Service: "demo", Name: "thing", ARNFormats: []string{"arn:${Partition}:demo:${Region}:${Account}:thing/${Id}"}, ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}},
		ConditionKeys: []*catalog.ConditionKey{{Name: "aws:ResourceTag/${TagKey}", Type: "String", Description: "tags"}},
		Actions: []*catalog.Action{{Service: "demo", Name: "GetThing", Description: "Gets a thing", AccessLevel: catalog.Read,
			ResourceTypes:          []catalog.ActionResource{{ResourceType: "thing", Required: true, DependentActions: []string{"demo:ListThings"}}, {ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}},
			Scenarios:              []catalog.Scenario{{Name: "s", ResourceTypes: []catalog.ScenarioResource{{ResourceType: "thing", Required: true}}}},
			DependentActionsSource: "older"}},
	}}
}

func TestRoundTrip(t *testing.T) {
	core, desc, err := Encode(sample(), []byte(`{"sources":[{"package":"test","provides":"all"}],"services":1,"actions":1}`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(string(core), string(desc))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Action("demo:getthing")
	if err != nil {
		t.Fatal(err)
	}
	if a.Description != "Gets a thing" || a.AccessLevel != catalog.Read || a.DependentActionsSource != "older" ||
		len(a.ResourceTypes) != 2 || !a.ResourceTypes[0].Required || a.ResourceTypes[0].DependentActions[0] != "demo:ListThings" ||
		len(a.Scenarios) != 1 {
		t.Errorf("decoded %+v", a)
	}
	// Descriptions arriving later fill services already loaded.
	if in, _ := c.Info(); in.Services != 1 || len(in.Sources) != 1 {
		t.Errorf("provenance read back as %+v", in)
	}
	c2, err := Open(string(core), "")
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := c2.Action("demo:GetThing")
	if a2.Description != "" {
		t.Fatal("description before it was attached")
	}
	if err := AttachDescriptions(c2, string(desc)); err != nil {
		t.Fatal(err)
	}
	if a2.Description != "Gets a thing" {
		t.Errorf("description after attaching = %q", a2.Description)
	}
}

// Corrupt input is an error, never a panic or a huge allocation.
func FuzzOpen(f *testing.F) {
	core, desc, _ := Encode(sample(), nil)
	f.Add(core, desc)
	f.Add([]byte(coreMagic), []byte(descMagic))
	f.Fuzz(func(t *testing.T, core, desc []byte) {
		c, err := Open(string(core), "")
		if err != nil {
			return
		}
		_, _ = c.ActionNames()
		_ = AttachDescriptions(c, string(desc))
		_, _ = c.ActionList()
		_, _ = c.AllServices()
	})
}
