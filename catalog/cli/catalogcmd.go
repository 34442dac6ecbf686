package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/internal/query"
	"github.com/iamforge/iamforge/catalog/internal/servicedoc"
)

const catalogUsage = `Usage:
  iamforge catalog info [--format table|json|yaml]
  iamforge catalog export --service S [--format service-doc|json|yaml] [-o FILE]
  iamforge catalog export --service all --format service-doc -o DIR

info prints where the catalog came from (packages, versions, dates) and its counts.
export writes services in the service-doc markdown format (one file per service) or as JSON/YAML
action lists; it works for any service of any catalog (see --catalog).
`

func (e *env) catalogCmd(args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		fmt.Fprint(e.stdout, catalogUsage)
		if len(args) == 0 {
			return usagef("catalog: name a subcommand (info or export)")
		}
		return nil
	}
	fs := newFlags(e, "catalog "+args[0], catalogUsage)
	var cf catalogFlags
	cf.register(fs)
	switch args[0] {
	case "info":
		format := fs.String("format", "table", "output `FORMAT`: table, json or yaml")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef("catalog info: unexpected argument %q", pos[0])
		}
		if _, err := query.ParseFormat(*format); err != nil {
			return usagef("catalog info: unknown format %q (want table, json or yaml)", *format)
		}
		cat, err := cf.open(e)
		if err != nil {
			return err
		}
		res, err := query.Run(cat, query.Request{Kind: query.Info})
		if err != nil {
			return err
		}
		out, err := res.Render(*format)
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(out)
		return err
	case "export":
		format := fs.String("format", "service-doc", "output `FORMAT`: service-doc, json or yaml")
		svc := fs.String("service", "", "service `PREFIX`, or all")
		fs.StringVar(svc, "s", "", "short for --service")
		out := fs.String("o", "", "write to `PATH` (a file; a folder with --service all) instead of stdout")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef("catalog export: unexpected argument %q", pos[0])
		}
		if *svc == "" {
			return usagef("catalog export: needs --service (a prefix, or all)")
		}
		switch *format {
		case "service-doc", "json", "yaml":
		default:
			return usagef("catalog export: unknown format %q (want service-doc, json or yaml)", *format)
		}
		cat, err := cf.open(e)
		if err != nil {
			return err
		}
		return e.export(cat, *svc, *format, *out)
	}
	return usagef("catalog: unknown subcommand %q (want info or export)", args[0])
}

func (e *env) export(cat *catalog.Catalog, svc, format, out string) error {
	var services []*catalog.Service
	if strings.EqualFold(svc, "all") {
		all, err := cat.AllServices()
		if err != nil {
			return err
		}
		services = all
	} else {
		s, err := cat.Service(svc)
		if err != nil {
			return err
		}
		services = []*catalog.Service{s}
	}
	if format != "service-doc" {
		res, err := query.Run(cat, query.Request{Kind: query.Actions, Service: svc})
		if err != nil {
			return err
		}
		b, err := res.Render(format)
		if err != nil {
			return err
		}
		return e.writeOut(out, b)
	}
	if len(services) > 1 {
		if out == "" {
			return usagef("catalog export: --service all writes one file per service: give a folder with -o")
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		for _, s := range services {
			var b bytes.Buffer
			if err := servicedoc.Write(&b, s); err != nil {
				return fmt.Errorf("%s: %w", s.Prefix, err)
			}
			if err := os.WriteFile(filepath.Join(out, s.Prefix+".md"), b.Bytes(), 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(e.stderr, "iamforge: wrote %d service docs to %s\n", len(services), out)
		return nil
	}
	var b bytes.Buffer
	if err := servicedoc.Write(&b, services[0]); err != nil {
		return err
	}
	return e.writeOut(out, b.Bytes())
}

func (e *env) writeOut(path string, b []byte) error {
	if path == "" || path == "-" {
		_, err := e.stdout.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
