package suggest

import (
	"fmt"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"s3", "s3", 0}, {"abc", "abd", 1}, {"ab", "ba", 2},
		{"dynamodb", "dynamdb", 1}, {"kitten", "sitting", 3}, {"lamda", "lambda", 1}, {"ec2", "ecs", 1},
		{"ü", "u", 2}, // bytes, not runes
		{"putobjectac", "putobjectacl", 1}, {"a", "abcdef", 5},
	}
	for _, tt := range tests {
		for _, limit := range []int{-1, 0, 1, 2, 3, 10} {
			want := tt.want
			if limit >= 0 {
				want = min(want, limit+1)
			}
			if got := Distance(tt.a, tt.b, limit); got != want {
				t.Errorf("Distance(%q, %q, %d) = %d; want %d", tt.a, tt.b, limit, got, want)
			}
			if got := Distance(tt.b, tt.a, limit); got != want {
				t.Errorf("Distance(%q, %q, %d) = %d; want %d (symmetry)", tt.b, tt.a, limit, got, want)
			}
		}
	}
	long := strings.Repeat("a", 100_000)
	if got := Distance(long, long+"b", 2); got != 3 {
		t.Errorf("Distance of two 100 kB words, limit 2 = %d; want 3 (they are not compared in full)", got)
	}
}

func TestSuggestions(t *testing.T) {
	levels := []string{"read", "write", "list", "tagging", "permissions-management"}
	keys := []string{"service-read", "service-write", "service-list", "single-actions"}
	tests := []struct {
		name string
		got  []string
		want string
	}{
		{"Closest ranks by distance, then name", Closest("wirte", levels, 3), "[write]"},
		{"Closest takes words that contain the word", Closest("permissions", levels, 3), "[permissions-management]"},
		{"Closest keeps nothing far", Closest("zzzzzz", levels, 3), "[]"},
		{"Best keeps only the nearest", Best("service_read", keys, 3), "[service-read]"},
		{"Within keeps one spelling per name", Within("getobject", []string{"GetObject", "getObject", "GetObjects"}, 2, 3), "[GetObject GetObjects]"},
		{"Nearest", []string{Nearest("Statment", []string{"Version", "Statement", "Id"})}, "[Statement]"},
		{"Nearest of nothing close", []string{Nearest("xyz", []string{"Version", "Statement"})}, "[]"},
	}
	for _, tt := range tests {
		got := fmt.Sprint(tt.got)
		if tt.want == "[]" && len(tt.got) == 1 && tt.got[0] == "" {
			got = "[]"
		}
		if got != tt.want {
			t.Errorf("%s: %s; want %s", tt.name, got, tt.want)
		}
	}
}
