package arn

import (
	"fmt"
	"strings"
)

// maxFormatLen bounds a format's length. The longest in the catalog is under 200 bytes; the bound
// keeps the matcher's state sets small and fixed-size.
const maxFormatLen = 480

type tokKind uint8

const (
	tokLit  tokKind = iota // one literal byte
	tokPH                  // ${Name}
	tokStar                // a literal * in the format: a nameless, less specific placeholder
)

type token struct {
	kind tokKind
	c    byte   // the byte of a tokLit
	name string // the name of a tokPH
}

func (t token) isPH() bool { return t.kind != tokLit }

// Segment indices into Format.segs.
const (
	segPartition = iota
	segService
	segRegion
	segAccount
	segResource
	numSegs
)

var segNames = [numSegs]string{"partition", "service", "region", "account", "resource"}

// Format is a compiled ARN format such as "arn:${Partition}:s3:::${BucketName}/${ObjectName}".
type Format struct {
	text    string
	segs    [numSegs][]token
	names   []string
	service string
	// shape is the format's text with every placeholder and star replaced by a 0 byte: two formats
	// of one shape match exactly the same ARNs, and one shape extending another is what decides
	// the delimiters of a trailing placeholder (see NewMatcher).
	shape string
}

// CompileFormat compiles a catalog ARN format. A format is "arn:" and five colon-separated
// segments of printable ASCII with ${Name} placeholders; the service segment is a literal service
// or a single placeholder, and the resource segment may not be empty.
func CompileFormat(s string) (*Format, error) {
	fail := func(format string, args ...any) (*Format, error) {
		return nil, fmt.Errorf("compile ARN format %q: %s", s, fmt.Sprintf(format, args...))
	}
	if len(s) > maxFormatLen {
		return fail("%d bytes long, at most %d allowed", len(s), maxFormatLen)
	}
	if !strings.HasPrefix(s, "arn:") {
		return fail(`does not start with "arn:"`)
	}
	parts := strings.SplitN(s[len("arn:"):], ":", numSegs)
	if len(parts) < numSegs {
		return fail("found %d colon-separated parts, want 6", len(parts)+1)
	}
	f := &Format{text: s}
	var shape strings.Builder
	shape.WriteString("arn")
	for i, p := range parts {
		toks, err := tokenizeFormat(p)
		if err != nil {
			return fail("%s segment: %v", segNames[i], err)
		}
		f.segs[i] = toks
		shape.WriteByte(':')
		for _, t := range toks {
			switch t.kind {
			case tokLit:
				shape.WriteByte(t.c)
			case tokPH:
				f.names = append(f.names, t.name)
				shape.WriteByte(0)
			case tokStar:
				shape.WriteByte(0)
			}
		}
	}
	f.shape = shape.String()

	switch svc := f.segs[segService]; {
	case len(svc) == 0:
		return fail("empty service segment")
	case len(svc) == 1 && svc[0].kind == tokPH:
		// A placeholder service (backup's ${Vendor}): the format stands for ARNs of many services.
	default:
		for _, t := range svc {
			if t.kind != tokLit || !(t.c >= 'a' && t.c <= 'z' || t.c >= '0' && t.c <= '9' || t.c == '-') {
				return fail("service segment %q is neither a lower-case service name nor one placeholder", parts[segService])
			}
		}
		f.service = parts[segService]
	}
	if len(f.segs[segPartition]) == 0 {
		return fail("empty partition segment")
	}
	if len(f.segs[segResource]) == 0 {
		return fail("empty resource segment")
	}
	return f, nil
}

// tokenizeFormat splits one segment of a format into tokens.
func tokenizeFormat(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := strings.IndexByte(s[i+2:], '}')
			if end < 0 {
				return nil, fmt.Errorf("column %d: unterminated ${", i+1)
			}
			name := s[i+2 : i+2+end]
			if name == "" {
				return nil, fmt.Errorf("column %d: empty placeholder name", i+1)
			}
			for j := 0; j < len(name); j++ {
				if !isAlnum(name[j]) && name[j] != '_' {
					return nil, fmt.Errorf("column %d: invalid character %q in placeholder name %q", i+3+j, name[j], name)
				}
			}
			toks = append(toks, token{kind: tokPH, name: name})
			i += 2 + end
		case c == '*':
			toks = append(toks, token{kind: tokStar})
		case c == '?':
			// IAM would read a ? in a policy as a wildcard; a format has no way to mean a literal one.
			return nil, fmt.Errorf("column %d: '?' is not allowed in a format", i+1)
		case c < 0x21 || c > 0x7e:
			return nil, fmt.Errorf("column %d: invalid byte %q: formats are printable ASCII", i+1, c)
		default:
			toks = append(toks, token{kind: tokLit, c: c})
		}
	}
	return toks, nil
}

// String returns the format's original text.
func (f *Format) String() string { return f.text }

// Service returns the format's literal service segment, or "" when that segment is a placeholder
// (backup's "arn:${Partition}:${Vendor}:…" stands for the ARNs of many services).
func (f *Format) Service() string { return f.service }

// Placeholders returns the names of the format's placeholders in order. Stars have no name and
// are left out.
func (f *Format) Placeholders() []string { return append([]string(nil), f.names...) }

// hasStar reports whether the format holds a literal *.
func (f *Format) hasStar() bool {
	for _, seg := range f.segs {
		for _, t := range seg {
			if t.kind == tokStar {
				return true
			}
		}
	}
	return false
}

// Example values. They hold no delimiter, so that an example never strays into a longer format,
// and the version and alias values fit the shapes the tie-breaks expect.
const (
	examplePartition = "aws"
	exampleService   = "backup"
	exampleRegion    = "us-east-1"
	exampleAccount   = "123456789012"
	exampleVersion   = "1"
	exampleAlias     = "prod"
	exampleStar      = "example"
)

// Example returns a concrete ARN that the format matches and that, where it can, wins the
// tie-breaks for this format. It cannot for a star format beside a same-shape format without a
// star: a concrete ARN is never the star's.
func (f *Format) Example() string {
	var b strings.Builder
	b.WriteString("arn")
	for i, seg := range f.segs {
		b.WriteByte(':')
		for _, t := range seg {
			switch {
			case t.kind == tokLit:
				b.WriteByte(t.c)
			case i == segPartition:
				b.WriteString(examplePartition)
			case i == segService:
				b.WriteString(exampleService)
			case i == segRegion:
				b.WriteString(exampleRegion)
			case i == segAccount:
				b.WriteString(exampleAccount)
			case t.kind == tokStar:
				b.WriteString(exampleStar)
			default:
				switch shapeOf(t.name) {
				case shapeVersion:
					b.WriteString(exampleVersion)
				case shapeNotVersion:
					b.WriteString(exampleAlias)
				default:
					b.WriteString(strings.ToLower(t.name) + "1")
				}
			}
		}
	}
	return b.String()
}

// valueShape is what a placeholder's name says about the values it holds, used to break ties
// between formats of one shape such as Lambda's function alias and function version.
type valueShape uint8

const (
	shapeAny        valueShape = iota
	shapeVersion               // "7", "1.2.3" or "$LATEST"
	shapeNotVersion            // an alias or qualifier: anything but a version
)

func shapeOf(name string) valueShape {
	// "PlatformNameWithVersion" (Elastic Beanstalk) is a name that carries a version, not a version.
	if strings.HasSuffix(name, "WithVersion") {
		return shapeAny
	}
	for _, s := range []string{"Version", "VersionId", "VersionNumber"} {
		if strings.HasSuffix(name, s) {
			return shapeVersion
		}
	}
	for _, s := range []string{"Alias", "AliasName", "AliasId", "Qualifier"} {
		if strings.HasSuffix(name, s) {
			return shapeNotVersion
		}
	}
	return shapeAny
}

// isVersion reports whether v looks like a version: dotted decimal numbers, or Lambda's $LATEST.
func isVersion(v string) bool {
	if v == "$LATEST" {
		return true
	}
	digits := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && digits > 0 && i+1 < len(v):
			digits = 0
		default:
			return false
		}
	}
	return digits > 0
}

// fits reports whether a captured value has the shape its placeholder expects.
func (s valueShape) fits(v string) bool {
	switch s {
	case shapeVersion:
		return isVersion(v)
	case shapeNotVersion:
		return !isVersion(v)
	}
	return true
}
