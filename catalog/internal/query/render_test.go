package query

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/embedded"
	"github.com/iamforge/iamforge/catalog/internal/yamlite"
)

// TestYAMLHoldsTheJSON checks that every kind of result reads back from YAML as the data its
// JSON holds, keys named alike.
func TestYAMLHoldsTheJSON(t *testing.T) {
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []Request{
		{Kind: Services},
		{Kind: Info},
		{Kind: Actions, Service: "s3"},
		{Kind: Actions, Service: "kms", Name: "Decrypt"},
		{Kind: ResourceTypes, Service: "ec2"},
		{Kind: ResourceTypes, Service: "s3", NamesOnly: true},
		{Kind: Conditions, Service: "iam"},
		{Kind: Expand, Args: []string{"s3:Get*"}},
		{Kind: Search, Args: []string{"decrypt"}},
		{Kind: MatchARN, Args: []string{"arn:aws:s3:::b/k", "arn:aws:kms:us-east-1:123456789012:key/x", "not-an-arn"}},
	} {
		t.Run(req.Kind, func(t *testing.T) {
			res, err := Run(cat, req)
			if err != nil {
				t.Fatal(err)
			}
			j, err := res.Render(FormatJSON)
			if err != nil {
				t.Fatal(err)
			}
			y, err := res.Render(FormatYAML)
			if err != nil {
				t.Fatal(err)
			}
			var want any
			if err := json.Unmarshal(j, &want); err != nil {
				t.Fatal(err)
			}
			doc, err := yamlite.Parse(y)
			if err != nil {
				t.Fatalf("Render(yaml) does not parse: %v\n%s", err, y)
			}
			got := plain(t, doc.Content[0])
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Render(yaml) reads back as\n%v\nwant the JSON's\n%v", got, want)
			}
			if !bytes.HasSuffix(y, []byte("\n")) {
				t.Errorf("Render(yaml) does not end in a newline")
			}
		})
	}
}

// plain turns a YAML tree into the values encoding/json decodes into any.
func plain(t *testing.T, n *yamlite.Node) any {
	t.Helper()
	switch n.Kind {
	case yamlite.MappingNode:
		m := map[string]any{}
		for i := 0; i < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(t, n.Content[i+1])
		}
		return m
	case yamlite.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, plain(t, c))
		}
		return l
	}
	switch n.Tag {
	case "!!str":
		return n.Value
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		var f float64
		if err := json.Unmarshal([]byte(n.Value), &f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	t.Fatalf("%q tagged %s", n.Value, n.Tag)
	return nil
}
