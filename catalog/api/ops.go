package api

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamforge/iamforge/catalog"
	"github.com/iamforge/iamforge/catalog/arn"
	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/expand"
	"github.com/iamforge/iamforge/catalog/internal/policy"
	"github.com/iamforge/iamforge/catalog/internal/query"
	"github.com/iamforge/iamforge/catalog/internal/state"
	"github.com/iamforge/iamforge/catalog/internal/template"
	"github.com/iamforge/iamforge/catalog/internal/validate"
	"github.com/iamforge/iamforge/catalog/internal/writer"
)

// InfoResult is the catalog's provenance and its services.
type InfoResult struct {
	Info     catalog.Info          `json:"info"`
	Services []catalog.ServiceInfo `json:"services"`
}

func opInfo(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		// Services, when false, leaves the service list out: the page asks for it only when
		// someone builds an ARN, and its 456 entries are a tenth of the page's start-up.
		Services *bool `json:"services"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	in, err := cat.Info()
	if err != nil {
		return nil, errorf(diag.CatalogError, "%v", err)
	}
	res := InfoResult{Info: in, Services: []catalog.ServiceInfo{}}
	if r.Services == nil || *r.Services {
		res.Services = cat.Services()
	}
	return res, nil
}

// WriteRequest writes a policy from a template text or from builder state. Options left out
// come from the state (for state) or take the CLI's defaults.
type WriteRequest struct {
	Template string       `json:"template,omitempty"`
	File     string       `json:"file,omitempty"` // the template's name in diagnostics
	State    *state.State `json:"state,omitempty"`

	Format  string `json:"format,omitempty"`
	Compact bool   `json:"compact,omitempty"`
	// Explain wraps JSON output as `iamforge write --format json --explain` does.
	Explain bool `json:"explain,omitempty"`
	// Explanations fills the result's explanations (implied by Explain). The builder asks for
	// them apart from the writes it makes on every keystroke, which then stay cheap.
	Explanations bool   `json:"explanations,omitempty"`
	Minimize     *bool  `json:"minimize,omitempty"`
	MinLen       *int   `json:"minLen,omitempty"`
	Target       string `json:"target,omitempty"`
	// Split writes a policy over the limit as several within it (for state: or the state's split).
	Split        bool   `json:"split,omitempty"`
	PolicySentry bool   `json:"policySentry,omitempty"`
	Name         string `json:"name,omitempty"`
	// DependentActions, for a template, stands for its dependent-actions key: the policy is the
	// one the template would give with that key written in it (the embedded widget's attribute
	// of that name). Checked as the key is.
	DependentActions string `json:"dependentActions,omitempty"`
}

// WriteResult is a written policy: Output is exactly what `iamforge write` prints for the same
// template and options.
type WriteResult struct {
	Output string `json:"output"`
	Parts  int    `json:"parts"` // policies in Output: more than 1 when split
	// Outputs holds each policy of a split one alone, as Output prints a policy that needs no
	// split (Terraform's named policy_1, policy_2…): for a page that copies them one by one.
	Outputs      []string      `json:"outputs,omitempty"`
	Size         int           `json:"size"`
	Limit        int           `json:"limit"`
	Target       string        `json:"target"`
	Explanations []Explanation `json:"explanations"`
}

// Explanation says why an action is granted, and what it does; Reason is one thing of the
// request that grants it.
type (
	Explanation = writer.Explanation
	Reason      = writer.Reason
)

// Write writes a policy from a template text (YAML or JSON) or from builder state, with the
// CLI's options; the CLI, the bridge and every other front door call it. Both ways in become a
// template.Template and pass template.Check, the one validator, before the writer sees them.
// A request with an error gets every error and, when anything could be written, that policy:
// callers must not hand it out as the answer (the CLI prints nothing; the builder shows it
// beside the errors).
func Write(cat *catalog.Catalog, r WriteRequest) (*WriteResult, diag.List) {
	wr, _, ds := write(cat, r)
	return wr, ds
}

func write(cat *catalog.Catalog, r WriteRequest) (*WriteResult, *writer.Result, diag.List) {
	var t *template.Template
	var ds diag.List
	o := writeOptions{target: "managed", format: r.Format}
	switch {
	case r.State != nil:
		if err := r.State.Check(); err != nil {
			return nil, nil, stateError(err)
		}
		t = r.State.Template(cat)
		ds = template.Check(t)
		o.minimize, o.minLen = r.State.Minimize, r.State.MinLen
		o.fromState(r.State)
	default:
		file := r.File
		if file == "" {
			file = "template"
		}
		t, ds = parseTemplate(file, r.Template, r.DependentActions)
	}
	ods := o.fromRequest(r)
	ds = append(ds, ods...)
	if t == nil || ods.HasErrors() {
		return nil, nil, ds.Sort()
	}
	// A request with errors is still written as far as it can be: the writer then reports what
	// only it can see (an ARN of no resource type, an unknown action) beside the template's own
	// errors, so that every error is reported at once, and the builder keeps showing what could
	// be written. Whoever prints a policy must not print this one: its diagnostics hold an
	// error (the CLI writes nothing to stdout then).
	res := writer.Write(cat, t, writer.Options{Minimize: o.minimize, MinLen: o.minLen, Target: o.tg, Split: r.Split || (r.State != nil && r.State.Split), Explain: r.Explain || r.Explanations})
	res.Diagnostics = append(ds, res.Diagnostics...).Sort()
	out, err := renderWrite(res, renderOptions{Format: o.format, PolicySentry: r.PolicySentry, Compact: r.Compact, Explain: r.Explain, TerraformName: r.Name})
	if err != nil {
		return nil, res, append(res.Diagnostics, diag.Errorf(diag.InternalError, nil, "%v", err))
	}
	wr := &WriteResult{Output: string(out), Size: res.Size, Limit: res.Limit, Target: res.Target, Explanations: res.Explanations}
	if len(res.Policy.Statement) > 0 {
		wr.Parts = len(res.Policies)
	}
	if wr.Parts > 1 {
		name := r.Name
		if name == "" {
			name = "policy"
		}
		for i, p := range res.Policies {
			one := *res
			one.Policy, one.Policies = p, []*policy.Policy{p}
			b, err := renderWrite(&one, renderOptions{Format: o.format, PolicySentry: r.PolicySentry, Compact: r.Compact, TerraformName: fmt.Sprintf("%s_%d", name, i+1)})
			if err != nil {
				return nil, res, append(res.Diagnostics, diag.Errorf(diag.InternalError, nil, "%v", err))
			}
			wr.Outputs = append(wr.Outputs, string(b))
		}
	}
	if wr.Explanations == nil {
		wr.Explanations = []Explanation{}
	}
	return wr, res, res.Diagnostics
}

// writeOptions are a write's output options, from the state and then the request, checked the
// same way whichever gave them.
type writeOptions struct {
	minimize bool
	minLen   int
	target   string
	format   string
	tg       policy.Target
}

// fromState takes the state's output options; a wrong one is a finding on its field.
func (o *writeOptions) fromState(s *state.State) {
	if s.Target != "" {
		o.target = s.Target
	}
	if o.format == "" {
		o.format = s.Format
	}
}

// fromRequest takes the request's options over the state's and checks them all.
func (o *writeOptions) fromRequest(r WriteRequest) diag.List {
	var ds diag.List
	loc := func(field string) *diag.Location {
		if r.State == nil {
			return nil
		}
		return &diag.Location{File: state.File, Key: field}
	}
	if r.Minimize != nil {
		o.minimize = *r.Minimize
	}
	if r.MinLen != nil {
		o.minLen = *r.MinLen
	}
	if o.minLen < 0 || o.minLen > 128 {
		ds = append(ds, diag.Errorf(diag.InvalidValue, loc("minLen"), "minimum length %d is out of range 0–128", o.minLen))
		o.minLen = 0
	}
	if r.Target != "" {
		o.target = r.Target
	}
	tg, err := policy.ParseTarget(o.target)
	if err != nil {
		if r.Target != "" || r.State == nil {
			return append(ds, diag.Errorf(diag.BadRequest, nil, "%v", err))
		}
		ds = append(ds, diag.Errorf(diag.InvalidValue, loc("target"), "%v", err))
	}
	o.tg = tg
	if err := checkFormat(o.format); err != nil {
		if r.Format != "" || r.State == nil {
			return append(ds, diag.Errorf(diag.BadRequest, nil, "%v", err))
		}
		ds = append(ds, diag.Errorf(diag.InvalidValue, loc("format"), "%v", err))
	}
	return ds
}

func opWrite(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r WriteRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	wr, _, ds := write(cat, r)
	if wr == nil {
		return nil, ds
	}
	return wr, ds
}

// QueryRequest is a query plus the format to render it in.
type QueryRequest struct {
	query.Request
	Format string `json:"format,omitempty"`
}

// QueryResult holds the rendered answer and its data.
type QueryResult struct {
	Output string `json:"output"`
	Data   any    `json:"data"`
}

func opQuery(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r QueryRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	res, err := query.Run(cat, r.Request)
	if err != nil {
		return nil, errorf(diag.BadRequest, "%s", strings.TrimPrefix(err.Error(), query.ErrBadRequest.Error()+": "))
	}
	out, err := res.Render(r.Format)
	if err != nil {
		return nil, errorf(diag.BadRequest, "%s", strings.TrimPrefix(err.Error(), query.ErrBadRequest.Error()+": "))
	}
	return QueryResult{Output: string(out), Data: res.Payload()}, res.Diagnostics
}

// SearchHit is one search result, with what the builder shows of it.
type SearchHit struct {
	Action        string   `json:"action"`
	AccessLevel   string   `json:"access_level"`
	Description   string   `json:"description"`
	ResourceTypes []string `json:"resource_types"`
	WildcardOnly  bool     `json:"wildcard_only"`
	Score         int      `json:"score"`
}

// WarmSearchRequest asks for search to be readied (catalog.WarmSearch), or for about BudgetMs
// of that work when it is over 0 (catalog.WarmSearchFor): the builder's worker asks when idle,
// once the page is usable and again once descriptions are in, a step at a time, so that no
// keystroke waits for the index.
type WarmSearchRequest struct {
	BudgetMs float64 `json:"budgetMs,omitempty"`
}

// WarmSearchResult says whether search is ready; if not, ask again.
type WarmSearchResult struct {
	Done bool `json:"done"`
}

func opWarmSearch(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r WarmSearchRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	if r.BudgetMs < 0 {
		return nil, errorf(diag.BadRequest, "budgetMs is %v; want milliseconds over 0, or none to finish at once", r.BudgetMs)
	}
	budget := time.Duration(1<<63 - 1)
	if r.BudgetMs > 0 && r.BudgetMs < 1e9 { // under 11 days: more is no budget at all
		budget = time.Duration(r.BudgetMs * float64(time.Millisecond))
	}
	done, err := cat.WarmSearchFor(budget)
	if err != nil {
		return nil, errorf(diag.CatalogError, "%v", err)
	}
	return WarmSearchResult{Done: done}, nil
}

func opSearch(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Text  string `json:"text"`
		Limit int    `json:"limit"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	hits, err := cat.Search(r.Text, r.Limit)
	if err != nil {
		return nil, errorf(diag.CatalogError, "%v", err)
	}
	out := make([]SearchHit, 0, len(hits))
	for _, h := range hits {
		a := h.Action
		sh := SearchHit{Action: a.FullName(), AccessLevel: a.AccessLevel.String(), Description: a.Description, WildcardOnly: a.WildcardOnly(), Score: h.Score, ResourceTypes: []string{}}
		for _, rt := range a.ResourceTypes {
			if rt.ResourceType != "" {
				sh.ResourceTypes = append(sh.ResourceTypes, rt.ResourceType)
			}
		}
		out = append(out, sh)
	}
	return out, nil
}

func opMatchARN(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		ARNs []string `json:"arns"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	out := make([]catalog.ARNMatch, 0, len(r.ARNs))
	var ds diag.List
	for _, a := range r.ARNs {
		m := cat.MatchARN(a)
		out = append(out, m)
		ds = append(ds, m.Diagnostics...)
	}
	return out, ds
}

// PolicyRequest names a policy text and how to read and print it.
type PolicyRequest struct {
	Policy string `json:"policy"`
	File   string `json:"file,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Target string `json:"target,omitempty"`
	Format string `json:"format,omitempty"`
}

func (r PolicyRequest) parse() (*policy.Policy, diag.List, string) {
	file := r.File
	if file == "" {
		file = "policy"
	}
	kind := policy.Identity
	if r.Kind != "" {
		k, err := policy.ParseKind(r.Kind)
		if err != nil {
			return nil, errorf(diag.BadRequest, "%v", err), file
		}
		kind = k
	}
	p, ds := policy.Parse(file, []byte(r.Policy), kind)
	return p, ds, file
}

// ExpandResult is a policy's statements with concrete actions, and how the CLI prints them.
type ExpandResult struct {
	Output     string            `json:"output"`
	Statements []expand.Expanded `json:"statements"`
}

// Expand reads a policy and expands it, printing as `iamforge expand` does.
func Expand(cat *catalog.Catalog, r PolicyRequest) (*ExpandResult, diag.List) {
	p, ls, ds := expandPolicy(cat, r)
	if p == nil {
		return nil, ds
	}
	ex := expand.Expandeds(ls)
	var out string
	switch r.Format {
	case "json":
		out = string(indent(ex))
	case "policy":
		out = string(expand.Policy(p, ex).JSON("    "))
	default:
		out = expand.Table(ls)
	}
	if ex == nil {
		ex = []expand.Expanded{}
	}
	return &ExpandResult{Output: out, Statements: ex}, ds
}

// ExpandTo writes what Expand returns as Output to w, for the command line: a large NotAction's
// table is most of a megabyte, and a table needs none of the lists of full names the result
// holds (expand.List rather than expand.Names). ok is false, and nothing is written, when
// Expand returns no result; w's errors are not reported.
func ExpandTo(w io.Writer, cat *catalog.Catalog, r PolicyRequest) (ok bool, ds diag.List) {
	p, ls, ds := expandPolicy(cat, r)
	if p == nil {
		return false, ds
	}
	switch r.Format {
	case "json":
		w.Write(indent(expand.Expandeds(ls)))
	case "policy":
		w.Write(expand.Policy(p, expand.Expandeds(ls)).JSON("    "))
	default:
		expand.WriteTable(w, ls)
	}
	return true, ds
}

// expandPolicy parses and lists the policy for Expand and ExpandTo; p is nil when there is
// nothing to print: the policy cannot be read, or the format is unknown.
func expandPolicy(cat *catalog.Catalog, r PolicyRequest) (*policy.Policy, []expand.Listed, diag.List) {
	p, ds, file := r.parse()
	if p == nil || ds.Has(diag.InvalidJSON) {
		return nil, nil, ds
	}
	ls, eds := expand.List(cat, p)
	p.Locate(eds, file)
	ds = expand.Dedupe(append(ds, eds...))
	switch r.Format {
	case "", "table", "json", "policy":
		return p, ls, ds
	}
	return nil, nil, append(ds, diag.Errorf(diag.BadRequest, nil, "unknown format %q (want table, json or policy)", r.Format))
}

func opExpand(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r PolicyRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	res, ds := Expand(cat, r)
	if res == nil {
		return nil, ds
	}
	return res, ds
}

// Validate reads and checks a policy as `iamforge validate` does: grammar, then catalog.
func Validate(cat *catalog.Catalog, r PolicyRequest) (diag.List, error) {
	target := "managed"
	if r.Target != "" {
		target = r.Target
	}
	tg, err := policy.ParseTarget(target)
	if err != nil {
		return nil, err
	}
	p, ds, file := r.parse()
	if p != nil && !ds.Has(diag.InvalidJSON) {
		ds = validate.Validate(cat, p, ds, validate.Options{Target: tg, File: file})
	}
	if ds == nil {
		ds = diag.List{}
	}
	return ds, nil
}

// ValidateText prints findings for people, as `iamforge validate` does.
func ValidateText(file string, ds diag.List) string {
	var b strings.Builder
	if len(ds) == 0 {
		b.WriteString(file + ": no findings\n")
	}
	for _, d := range ds {
		b.WriteString(d.Error() + "\n")
		for _, s := range d.Suggestions {
			if !strings.Contains(d.Message, s) {
				b.WriteString("     " + s + "\n")
			}
		}
	}
	return b.String()
}

func opValidate(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r PolicyRequest
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	ds, err := Validate(cat, r)
	if err != nil {
		return nil, errorf(diag.BadRequest, "%v", err)
	}
	file := r.File
	if file == "" {
		file = "policy"
	}
	out := ValidateText(file, ds)
	if r.Format == "json" {
		out = string(indent(ds))
	}
	return struct {
		Output   string    `json:"output"`
		Findings diag.List `json:"findings"`
	}{out, ds}, ds
}

func opFormat(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Policy  string `json:"policy"`
		Format  string `json:"format"`
		Compact bool   `json:"compact"`
		Name    string `json:"name"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	p, ds := policy.Parse("policy", []byte(r.Policy), policy.Identity)
	if p == nil || ds.HasErrors() {
		return nil, ds
	}
	res := &writer.Result{Policy: p, Policies: []*policy.Policy{p}}
	out, err := renderWrite(res, renderOptions{Format: r.Format, Compact: r.Compact, TerraformName: r.Name})
	if err != nil {
		return nil, append(ds, diag.Errorf(diag.BadRequest, nil, "%v", err))
	}
	return struct {
		Output string `json:"output"`
		Size   int    `json:"size"`
	}{string(out), p.Size()}, ds
}

func opEncodeState(_ *catalog.Catalog, req []byte) (any, diag.List) {
	s, err := state.FromJSON(req)
	if err != nil {
		return nil, stateError(err)
	}
	f, err := state.Encode(s)
	if err != nil {
		return nil, stateError(err)
	}
	return struct {
		Fragment string `json:"fragment"`
	}{f}, nil
}

func opDecodeState(_ *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Fragment string `json:"fragment"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	s, err := state.Decode(r.Fragment)
	if err != nil {
		return nil, stateError(err)
	}
	return s, nil
}

// stateError is a state that cannot be read or encoded, as diagnostics: one per value over the
// limits, where it is in the state (a page says what its link leaves out), else the error.
func stateError(err error) diag.List {
	var tl *state.TooLarge
	if !errors.As(err, &tl) {
		return errorf(diag.BadState, "%v", err)
	}
	ds := make(diag.List, 0, len(tl.Errs))
	for _, e := range tl.Errs {
		d := e.Diagnostic(diag.BadState)
		if d.Location.Key == "" {
			d.Location = nil
		}
		ds = append(ds, d)
	}
	return ds
}

// ImportTemplate turns a template text into builder state that asks for exactly what the
// template asks for: its values as written, so that writing the state reports what writing the
// template reports, at the state's fields. The diagnostics are what reading the text found
// (empty items, say) and what the state could not hold; a template with an error the state
// cannot carry (its syntax, an unknown key, a type) gets no state, and the diagnostics writing
// it would give.
func ImportTemplate(cat *catalog.Catalog, text, file string) (*state.State, diag.List) {
	if file == "" {
		file = "template"
	}
	t, ds := template.Read(file, []byte(text))
	if t != nil && !ds.HasErrors() {
		s, sds, ok := state.FromTemplate(t, cat)
		if ok {
			return s, append(ds, sds...).Sort()
		}
	}
	_, _, ds = write(cat, WriteRequest{Template: text, File: file})
	return nil, ds
}

func opImportTemplate(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Template string `json:"template"`
		File     string `json:"file"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	s, ds := ImportTemplate(cat, r.Template, r.File)
	if s == nil {
		return nil, ds
	}
	return s, ds
}

// FormatInfo is one ARN format of a resource type, with the placeholders to fill in.
type FormatInfo struct {
	ResourceType string   `json:"resource_type"`
	Format       string   `json:"format"`
	Placeholders []string `json:"placeholders"`
}

func opARNFormats(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Service string `json:"service"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	s, err := cat.Service(r.Service)
	if err != nil {
		return nil, errorf(diag.UnknownService, "%v", err)
	}
	out := []FormatInfo{}
	for _, rt := range s.ResourceTypes {
		for _, f := range rt.ARNFormats {
			fi := FormatInfo{ResourceType: rt.Name, Format: f, Placeholders: []string{}}
			if cf, err := arn.CompileFormat(f); err == nil {
				fi.Placeholders = append(fi.Placeholders, cf.Placeholders()...)
			}
			out = append(out, fi)
		}
	}
	return out, nil
}

// KeyInfo is a condition key the builder can offer, with how many of the policy's actions it
// applies to.
type KeyInfo struct {
	Key         string `json:"key"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Global      bool   `json:"global"`
	Actions     int    `json:"actions"`
}

// opConditionKeys lists the condition keys that apply to at least one action the state grants,
// then the global keys, so the builder offers only conditions that can take effect. With a key,
// it answers only the catalog's definition of that key as a policy writes it
// ("aws:ResourceTag/team" is aws:ResourceTag/${TagKey}), or nothing.
func opConditionKeys(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		State *state.State `json:"state"`
		Key   string       `json:"key"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	if r.Key != "" {
		out := []KeyInfo{}
		if def := cat.ConditionKey(r.Key); def != nil {
			out = append(out, KeyInfo{Key: def.Name, Type: def.Type, Description: def.Description, Global: catalog.GlobalConditionKey(r.Key) != nil})
		}
		return out, nil
	}
	count := map[string]*KeyInfo{}
	var order []string
	if r.State != nil {
		plain := *r.State
		plain.Conditions, plain.Minimize = nil, false
		t := plain.Template(cat)
		template.Check(t)
		res := writer.Write(cat, t, writer.Options{Explain: true})
		for _, ex := range res.Explanations {
			a, err := cat.Action(ex.Action)
			if err != nil {
				continue
			}
			s, _ := cat.Service(a.Service)
			for _, k := range a.ConditionKeys() {
				lk := strings.ToLower(k)
				ki := count[lk]
				if ki == nil {
					ki = &KeyInfo{Key: k}
					if def := s.LookupConditionKey(k); def != nil {
						ki.Type, ki.Description = def.Type, def.Description
					}
					count[lk] = ki
					order = append(order, lk)
				}
				ki.Actions++
			}
		}
	}
	out := []KeyInfo{}
	for _, k := range order {
		out = append(out, *count[k])
	}
	for _, g := range catalog.GlobalConditionKeys() {
		if _, ok := count[strings.ToLower(g.Name)]; ok {
			continue
		}
		out = append(out, KeyInfo{Key: g.Name, Type: g.Type, Description: g.Description, Global: true})
	}
	return out, nil
}

func opDescribe(cat *catalog.Catalog, req []byte) (any, diag.List) {
	var r struct {
		Action string `json:"action"`
	}
	if ds := decode(req, &r); ds != nil {
		return nil, ds
	}
	res, err := query.Run(cat, query.Request{Kind: query.Actions, Service: strings.SplitN(r.Action, ":", 2)[0], Name: r.Action})
	if err != nil {
		return nil, errorf(diag.UnknownAction, "%s", strings.TrimPrefix(err.Error(), query.ErrBadRequest.Error()+": "))
	}
	if len(res.Actions) == 0 {
		return nil, errorf(diag.UnknownAction, "no action %q", r.Action)
	}
	return res.Actions[0], nil
}
