package resolve_test

import (
	"os"
	"testing"

	"github.com/iamforge/iamforge/catalog/resolve"
	"github.com/iamforge/iamforge/catalog/template"
)

// bench20 is a 20-ARN, 8-service template, the size of a typical service role.
func bench20(b *testing.B) string {
	data, err := os.ReadFile("../../testdata/bench/write20.yml")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkWrite20 writes a 20-ARN, 8-service template in-process (parse, resolve, render).
func BenchmarkWrite20(b *testing.B) {
	c := cat(b)
	Bench20 := bench20(b)
	tmpl, ds := template.Parse("bench.yml", []byte(Bench20))
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	resolve.Write(c, tmpl, resolve.Options{}) // load the services once, as a long-lived process has
	for b.Loop() {
		tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
		res := resolve.Write(c, tmpl, resolve.Options{})
		_ = res.Policy.JSON("    ")
	}
}

func BenchmarkWrite20Minimized(b *testing.B) {
	c := cat(b)
	Bench20 := bench20(b)
	tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
	resolve.Write(c, tmpl, resolve.Options{Minimize: true})
	for b.Loop() {
		_ = resolve.Write(c, tmpl, resolve.Options{Minimize: true}).Policy.JSON("    ")
	}
}
