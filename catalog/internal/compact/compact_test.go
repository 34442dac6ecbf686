package compact

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
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

// inOrder puts names in order, each level with its name, from any number of runs, and names
// read from a text come out whole, those of 255 bytes and more too.
func TestInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		n := r.IntN(40)
		names := make([]string, n)
		levels := make([]catalog.AccessLevel, n)
		want := map[string]catalog.AccessLevel{}
		for j := range names {
			names[j] = fmt.Sprintf("%c%d", 'A'+r.IntN(26), j) // distinct, as a service's names are
			if r.IntN(20) == 0 {
				names[j] += strings.Repeat("x", 250+r.IntN(10))
			}
			levels[j] = catalog.AccessLevel(r.IntN(6))
			want[names[j]] = levels[j]
		}
		if i%2 == 0 { // a few sorted runs, as other encoders may give
			for from := 0; from < n; {
				to := min(n, from+1+r.IntN(12))
				sort.Sort(byName{names[from:to], levels[from:to]})
				from = to
			}
		}
		if i%5 == 0 {
			sort.Sort(byName{names, levels}) // in order, as catalog-gen writes them
		}
		var text strings.Builder
		offs, lens := make([]uint32, n), make([]uint8, n)
		for j, name := range names {
			offs[j], lens[j] = uint32(text.Len()), uint8(min(len(name), 255))
			text.WriteString(name + "\n")
		}
		sa := catalog.ServiceActionsInText("x", text.String(), offs, lens, levels)
		in := fmt.Sprint(names)
		inOrder(&sa)
		got := sa.Names()
		if len(got) != n || !sort.StringsAreSorted(got) {
			t.Fatalf("inOrder(%s) = %v", in, got)
		}
		for j, name := range got {
			if sa.Levels[j] != want[name] {
				t.Fatalf("inOrder(%s): %s has level %v; want %v", in, name, sa.Levels[j], want[name])
			}
		}
	}
}

type byName struct {
	names  []string
	levels []catalog.AccessLevel
}

func (b byName) Len() int           { return len(b.names) }
func (b byName) Less(i, j int) bool { return b.names[i] < b.names[j] }
func (b byName) Swap(i, j int) {
	b.names[i], b.names[j] = b.names[j], b.names[i]
	b.levels[i], b.levels[j] = b.levels[j], b.levels[i]
}
