package catalog

import (
	"reflect"
	"testing"
)

// scanEntries are names that cut into words in every way camelSplit knows: acronyms, digits,
// separators, bytes that are neither, hyphenated services, and a level the catalog does not know.
var scanEntries = []SearchEntry{
	{Service: "cognito-idp", Name: "AdminGetUser", Level: Read},
	{Service: "cognito-idp", Name: "ListDBInstances", Level: List},
	{Service: "ec2", Name: "CreateFlowLogs", Level: Write},
	{Service: "ec2", Name: "Get..Thing_now", Level: Tagging},
	{Service: "ec2", Name: "IPv6Address", Level: PermissionsManagement},
	{Service: "logs", Name: "X.509", Level: LevelUnknown},
	{Service: "logs", Name: "a1B2", Level: Read},
	{Service: "logs", Name: "Put Item", Level: Write},
	{Service: "s3", Name: "GetObject", Level: Read},
	{Service: "s3", Name: "GetObjectAcl", Level: Read},
	{Service: "s3", Name: "Résumé/Ünïcode*", Level: Write},
	{Service: "x-y-z", Name: "DBClusterARN", Level: List},
}

// FuzzSearchScanMatchesIndex holds the scan of the names to the index's answers, query by query:
// the same hits, scores and order. TestSearchScanMatchesIndex in package embedded does the same
// over the whole catalog.
func FuzzSearchScanMatchesIndex(f *testing.F) {
	for _, q := range []string{"", "get", "g", "get object", "s3:get", "s3:", "db", "dbc", "instances", "ipv", "v6", "6",
		"x.509", "509", "cognito idp", "idp:", "x-y-z:arn", "y", "read", "re", "management", "unknown", "put item",
		"thing", "now", "résumé", "ünïcode", "é", "a1b2", "b2", "a1", "1", "to", "for the", "z", "get get get"} {
		f.Add(q, uint8(20))
	}
	text := buildNameText(scanEntries)
	desc := append([]SearchEntry(nil), scanEntries...)
	for i := range desc {
		desc[i].Description = "—" // a description without a word: the index indexes what the scan sees
	}
	idx := buildSearchIndex(buildNameText(desc))
	f.Fuzz(func(t *testing.T, query string, limit uint8) {
		n := int(limit%25) + 1
		got, want := text.search(query, n, nil), idx.text.search(query, n, idx)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("search(%q, %d): scanning = %v; the index = %v", query, n, got, want)
		}
	})
}

// A text takes the descriptions of the same actions and keeps what it built from their names;
// other actions, or the same in another order, get nil (and a text of their own).
func TestNameTextWith(t *testing.T) {
	text := buildNameText(scanEntries)
	described := append([]SearchEntry(nil), scanEntries...)
	described[3].Description = "Grants permission to get a thing"
	u := text.with(described)
	if u == nil || !u.hasDesc || u.names != text.names || &u.entries[0] != &described[0] {
		t.Fatalf("with(the same actions, described) = %+v; want the same names with the new entries", u)
	}
	if text.hasDesc {
		t.Error("with changed the text it was called on")
	}
	swapped := append([]SearchEntry(nil), scanEntries...)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	for name, other := range map[string][]SearchEntry{"fewer": scanEntries[1:], "reordered": swapped} {
		if u := text.with(other); u != nil {
			t.Errorf("with(%s actions) = %+v; want nil", name, u)
		}
	}
}
