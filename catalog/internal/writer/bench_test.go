package writer_test

import (
	"os"
	"testing"

	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// bench20 is a 20-ARN, 8-service template, the size of a typical service role.
func bench20(b *testing.B) string {
	data, err := os.ReadFile("../../../testdata/bench/write20.yml")
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
	writer.Write(c, tmpl, writer.Options{}) // load the services once, as a long-lived process has
	for b.Loop() {
		tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
		res := writer.Write(c, tmpl, writer.Options{})
		_ = res.Policy.JSON("    ")
	}
}

func BenchmarkWrite20Minimized(b *testing.B) {
	c := cat(b)
	Bench20 := bench20(b)
	tmpl, _ := template.Parse("bench.yml", []byte(Bench20))
	writer.Write(c, tmpl, writer.Options{Minimize: true})
	for b.Loop() {
		_ = writer.Write(c, tmpl, writer.Options{Minimize: true}).Policy.JSON("    ")
	}
}
