package state

import (
	"fmt"
	"reflect"
	"testing"
)

// linksMadeBefore are permalinks the builder made (Encode) on 2026-12-02, with the LZ77 codec of
// lz.go: a link is a bookmark or a message somewhere, so each must keep opening, to the same
// state, for as long as version 1 is read. The encoder may change (better matching, another
// codec under a new version); these may not. Never regenerate them: add new ones beside them.
var linksMadeBefore = []struct {
	name     string
	fragment string
	json     string        // the state it opens to, as FromJSON reads it
	want     func() *State // instead of json, for the large one
}{
	{
		name: "one bucket",
		fragment: "s1.NnsidiI6MSwicmVzb3VyY2VzIjpbeyJhcm4iOgEGNjphd3M6czM6OjpteS1idWNrZXQiLCJsZXZlbAEqFCJyZWFkIl19X" +
			"X0",
		json: `{"v":1,"resources":[{"arn":"arn:aws:s3:::my-bucket","levels":["read"]}]}`,
	},
	{
		name: "every field",
		fragment: "s1.MnsidiI6MSwibW9kZSI6ImNydWQiLCJuYW0BDmZkYXRhLXBpcGVsaW5lIiwiZWZmZWN0IjoiRGVueSIsInJlc291cmNlc" +
			"yI6W3siYXJuIjoBBjo6YXdzOnMzOjo6YWNtZS1jb25maWciLCJsZXZlbAEsCCJyZWEBZxBsaXN0Il19LBk8WGR5bmFtb2RiO" +
			"nVzLWVhc3QtMToxMjM0NTY3ODkwMTI6dGFibGUvb3JkZXJzAUcLWAh3cml0AakBDHRhZ2dpbgF0KnBlcm1pc3Npb25zLW1hb" +
			"mFnZW1lbgF1DF0sImFjdAEYATlYa21zOkRlY3J5cHQiLCJzdHM6R2V0Q2FsbGVySWRlbnRpdHkiXSwic2VydmkJ8AEHDQwiO" +
			"iJlYzIThwEV3wEQXSwiZXhjbHUB4QIEWyIL3AEORGVsZXRlKgNXBmtpcAE4JnMzOkxpc3RBbGxNeUJ1Y2tldHMDHwJ0AaQBC" +
			"nsia2V5AaUCEnNzdW1lLXJvbAHqAQEHAR4CIgn4AghpYW06Fa4CASMKL2Jhc2UF6wIbRhQtd2l0aC1zYW1sT1ADLwJdAdwBC" +
			"mNvbmRpCckCIHsib3BlcmF0b3IiOiJCb28BUwdxIndzOlNlY3VyZVRyYW5zcG9yAeoCCHZhbHUFwAEGdHJ1B6EBA8gCBiI6I" +
			"gnNAw9SFlN0cmluZ0VxdWFsAfkDDVoCUgeKBRBUYWcvdGVhbRNbDnBsYXRmb3IBFQJzAYIBA80DAbsBCHBhcnQDuwEFRg4td" +
			"XMtZ292AYYCBmVnaQMWBRIGLXdlAYUFAiIBswQQY291bnQiOiIRkwIOIiwiZGVwcwG0AQxpbGRjYXIB_gMUbWluaW1pemUiO" +
			"gHbAQIsARAaTGVuIjo2LCJ0YXJnZQFFAe4CBi1pbgffBgGkAQJhARcKdGVycmEBDgQifQ",
		json: `{"v":1,"mode":"crud","name":"data-pipeline","effect":"Deny","resources":[{"arn":"arn:aws:s3:::acme-config",` +
			`"levels":["read","list"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders",` +
			`"levels":["write","tagging","permissions-management"]}],"actions":["kms:Decrypt","sts:GetCallerIdentity"],` +
			`"services":[{"service":"ec2","levels":["read","list"]}],"exclude":["dynamodb:Delete*"],"skip":["s3:ListAllMyBuckets"],` +
			`"sts":[{"key":"assume-role","roles":["arn:aws:iam::123456789012:role/base"]},{"key":"assume-role-with-saml",` +
			`"roles":["arn:aws:iam::123456789012:role/saml"]}],"conditions":[{"operator":"Bool","key":"aws:SecureTransport",` +
			`"values":["true"]},{"level":"write","operator":"StringEquals","key":"aws:ResourceTag/team",` +
			`"values":["platform","security"]}],"partition":"aws-us-gov","region":"us-gov-west-1","account":"123456789012",` +
			`"deps":"wildcard","minimize":true,"minLen":6,"target":"role-inline","format":"terraform"}`,
	},
	{
		// Made 2026-12-02, when rows could hold single actions (actions-on).
		name:     "a row with levels and single actions",
		fragment: "s1.NnsidiI6MSwicmVzb3VyY2VzIjpbeyJhcm4iOgEGcjphd3M6ZHluYW1vZGI6dXMtZWFzdC0xOjEyMzQ1Njc4OTAxMjp0YWJsZS9vcmRlcnMiLCJsZXZlbAFIHiJyZWFkIl0sImFjdGlvbgMTC0wUUHV0SXRlbSIsIgsTDFVwZGF0ZQMWCF19XX0",
		json:     `{"v":1,"resources":[{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders","levels":["read"],"actions":["dynamodb:PutItem","dynamodb:UpdateItem"]}]}`,
	},
	{
		// Made 2026-12-02, when the builder could split a policy over its limit.
		name:     "split",
		fragment: "s1.NnsidiI6MSwicmVzb3VyY2VzIjpbeyJhcm4iOgEGLDphd3M6czM6Ojpsb2dzIiwibGV2ZWwBJVwicmVhZCJdfV0sInRhcmdldCI6InVzZXItaW5saW5lIiwic3BsaXQiOnRydWV9",
		json:     `{"v":1,"resources":[{"arn":"arn:aws:s3:::logs","levels":["read"]}],"target":"user-inline","split":true}`,
	},
	{
		name: "actions mode",
		fragment: "s1.MHsidiI6MSwibW9kZSI6ImFjdGlvbnMiLAsKIjpbInMzOkdldE9iamVjdCIsAQ8EUHUJDzxdLCJkZXBzIjoibm9uZSIsI" +
			"nRhcmdldCI6InRydXMBLwpmb3JtYQERDHlhbWwifQ",
		json: `{"v":1,"mode":"actions","actions":["s3:GetObject","s3:PutObject"],"deps":"none","target":"trust",` +
			`"format":"yaml"}`,
	},
	{
		name: "unicode and HTML",
		fragment: "s1.aHsidiI6MSwibmFtZSI6IsOpcXVpcGUg4oCcZG9ubsOpZXPigJ0g8J-agCBcdTAwM2NvcHMDCQJlAxA2MjYgY28iLCJyZ" +
			"XNvdXJjZXMiOlt7ImFybiI6AQZqOmF3czpzMzo6OmJ1Y2tldC9kb3NzaWVyL8OpdMOpL-aXpeacrOiqni_wn5iAIiwibGV2Z" +
			"WwBRCgicmVhZCJdfV0sImNvbmRpdGlvbgEYOnsib3BlcmF0b3IiOiJTdHJpbmdMaWtlIiwia2V5AXQgd3M6UHJpbmNpcGFsV" +
			"GFnLwfRAQ4iLCJ2YWx1A6ABAiIBuQEQM2NzY3JpcHQDDAJlAQYOMjZhbXA7IgGLAhrDr3ZlXHUyMDI4bGluAV0kXCJxdW90Z" +
			"WRcIiBcXCBiYWNrAZwBAn0",
		json: `{"v":1,"name":"équipe “données” 🚀 <ops> & co","resources":[{"arn":"arn:aws:s3:::bucket/dossier/été/日本語/😀",` +
			`"levels":["read"]}],"conditions":[{"operator":"StringLike","key":"aws:PrincipalTag/équipe",` +
			`"values":["<script>&amp;","naïve\u2028line","\"quoted\" \\ back"]}]}`,
	},
	{
		name: "large",
		fragment: "s1.NnsidiI6MSwicmVzb3VyY2VzIjpbeyJhcm4iOgEGSDphd3M6czM6Ojp0ZWFtLTAwLWRhdGEvcmF3LyoiLCJsZXZlbAEzE" +
			"iJyZWFkIl19LC88AjEFPA5jdXJhdGVkIUAOLCJ3cml0ZTdIAjIFSA5leHBvcnRzMUgMLCJsaXN0N08CMwVPY9MBAjQFPHvTA" +
			"QI1BUiJAdMBAjYFT2PTAQI3BTx70wECOAVIiQHTAQI5BU9h0wECMQe1BXnTAQIxB8EFhwHTAQIxB8gFY9MBB7UFe9MBB8EFi" +
			"QHTAQfIBWPTAQe1BXvTAQfBBYkB0wEHyAVj0wEHtQV50wECMgfBBYcB0wECMgfIBWHTAQIyB7UFe9MBB8EFiQHTAQfIBWPTA" +
			"Qe1BXvTAQfBBYkB0wEHyAVj0wEHtQV70wEHwQWHAdMBAjMHyAVh0wECMwe1BXnTAQIzB8EFiQHTAQfIBWPTAQe1BXvTAQfBB" +
			"YkB0wEHyAVj0wEHtQV70wEHwQWJAdMBB8gFYdMBAjQHtQV50wECNAfBBYcB0wECNAfIBWPTAQe1BXvTAQfBBYkB0wEHyAVj0" +
			"wEHtQV70wEHwQWJAdMBB8gFY9MBB7UFedMBAjUHwQWHAdMBAjUHyAVh0wECNQe1BXvTAQfBBYkB0wEHyAVj0wEHtQV70wEHw" +
			"QWJAdMBB8gFY9MBB7UFe9MBB8EFUdMBEl0sImFjdGlvbgMkMmVjMjpEZXNjcmliZUluc3RhbmNlczAiLCIRGRBWb2x1bWVzM" +
			"RcXFFNuYXBzaG90czIXGQ5JbWFnZXMzFxYKVnBjczQXFAtzAjUXGQdzAjYXFwtzAjcXGQVzAjgXFgFzAjkXFAtzAjEp5wEr6" +
			"AECMSXpAQIxIeoBBDE0FxUNeCfsAQIxK-0BAjEl7gECMSHvAQIxK_ABAjIn8AECMivwAQIyJfABAjIh8AECMivwAQIyJ_ABA" +
			"jIr8AECMiXwAQIyIfABAjIr8AECMyfwAQIzK_ABAjMl8AECMyHwAQIzK_ABAjMn8AECMyvwAQIzJfABAjMh8AFIMzkiXSwib" +
			"WluaW1pemUiOnRydWUsImZvcm1hdCI6ImNsb3VkBQ4KaW9uIn0",
		want: largeLinkState,
	},
}

// largeLinkState is the state behind the "large" link: 60 resources and 40 actions, 5245 bytes
// of JSON.
func largeLinkState() *State {
	s := &State{Minimize: true, Format: "cloudformation"}
	for i := 0; i < 60; i++ {
		s.Resources = append(s.Resources, Resource{
			ARN:    fmt.Sprintf("arn:aws:s3:::team-%02d-data/%s/*", i, []string{"raw", "curated", "exports"}[i%3]),
			Levels: []string{"read", "write", "list"}[:1+i%3],
		})
	}
	for i := 0; i < 40; i++ {
		s.Actions = append(s.Actions, fmt.Sprintf("ec2:Describe%s%d", []string{"Instances", "Volumes", "Snapshots", "Images", "Vpcs"}[i%5], i))
	}
	return s
}

func TestLinksMadeBefore(t *testing.T) {
	for _, l := range linksMadeBefore {
		t.Run(l.name, func(t *testing.T) {
			var want *State
			if l.want != nil {
				want = l.want()
				want.V = Version
			} else {
				var err error
				if want, err = FromJSON([]byte(l.json)); err != nil {
					t.Fatalf("FromJSON(%s): %v", l.json, err)
				}
			}
			for _, f := range []string{l.fragment, "#" + l.fragment} {
				got, err := Decode(f)
				if err != nil {
					t.Fatalf("Decode(%.40s…): %v", f, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Decode(%.40s…) = %+v; want %+v", f, got, want)
				}
			}
			// Today's links for the same state open to it too, whatever the encoder becomes.
			f, err := Encode(want)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Decode(f); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Decode(Encode(state)) = %+v, %v; want %+v", got, err, want)
			}
		})
	}
}

// TestLinksCoverEveryField checks that the links above set every field of State and of the
// types it holds, somewhere: a field added later needs a link made with it, added beside them.
func TestLinksCoverEveryField(t *testing.T) {
	set := map[string]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := path + "." + v.Type().Field(i).Name
				if !v.Field(i).IsZero() {
					set[f] = true
				}
				walk(v.Field(i), f)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]")
			}
		}
	}
	var all func(typ reflect.Type, path string) []string
	all = func(typ reflect.Type, path string) (fields []string) {
		switch typ.Kind() {
		case reflect.Struct:
			for i := 0; i < typ.NumField(); i++ {
				f := path + "." + typ.Field(i).Name
				fields = append(append(fields, f), all(typ.Field(i).Type, f)...)
			}
		case reflect.Slice:
			fields = all(typ.Elem(), path+"[]")
		}
		return fields
	}
	for _, l := range linksMadeBefore {
		s, err := Decode(l.fragment)
		if err != nil {
			t.Fatal(err)
		}
		walk(reflect.ValueOf(s), "State")
	}
	for _, f := range all(reflect.TypeOf(State{}), "State") {
		if !set[f] {
			t.Errorf("%s is set in no link made before; add a link made with it", f)
		}
	}
}
