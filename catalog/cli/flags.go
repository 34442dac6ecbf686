package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// newFlags returns a flag set whose --help prints usage to stdout.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(e.stdout, strings.TrimLeft(usage, "\n"))
		var b strings.Builder
		fs.SetOutput(&b)
		fmt.Fprintln(&b, "\nFlags:")
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprint(e.stdout, b.String())
	}
	return fs
}

// parse parses flags anywhere among the arguments ("expand s3:Get* --format json"), returning the
// positional arguments. "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // fs.Parse has printed the usage
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag.Parse stops at "--" and drops it: everything after is positional.
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
