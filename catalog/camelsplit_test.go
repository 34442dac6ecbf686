package catalog

import (
	"slices"
	"strings"
	"testing"
)

// camelSplitSpec is camelSplit as first written, with helper closures and strings.Trim: the
// definition that camelSplit, written on camelCut (which the scan of names shares), keeps to.
func camelSplitSpec(name, lower string, f func(string)) {
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	start := 0
	emit := func(end int) {
		w := strings.Trim(lower[start:end], "-_. ")
		if w != "" {
			f(w)
		}
		start = end
	}
	for i := 1; i < len(name); i++ {
		prev, c := name[i-1], name[i]
		if (isLower(prev) && isUpper(c)) || (isUpper(prev) && isUpper(c) && i+1 < len(name) && isLower(name[i+1])) || !isAlnum(c) || !isAlnum(prev) {
			emit(i)
		}
	}
	emit(len(name))
}

func TestCamelSplitKeepsItsDefinition(t *testing.T) {
	names := []string{"", "A", "a", "GetBucketLocation", "ListDBInstances", "S3Object", "get-thing", "Get_Thing.Now",
		"--X--", "AB", "ABc", "aB", "a1B2", "IPv6Address", "Put Item", "X.509", "__", "Get..Thing", "DBClusterARN"}
	for i := 0; i < 2000; i++ { // random names of letters, digits and separators
		b := make([]byte, i%13)
		for j := range b {
			b[j] = "aZbY09-_. qQ"[(i*7+j*13+i*j)%12]
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		lower := strings.ToLower(n)
		var got, want []string
		camelSplit(n, func(a, b int) { got = append(got, lower[a:b]) })
		camelSplitSpec(n, lower, func(w string) { want = append(want, w) })
		if !slices.Equal(got, want) {
			t.Errorf("camelSplit(%q) = %q; want %q", n, got, want)
		}
	}
}
