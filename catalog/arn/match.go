package arn

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// Matcher matches ARNs against the formats of one ARN service namespace.
//
// A Matcher is safe for concurrent use.
type Matcher struct {
	cs []compiled
}

// compiled is one format as its group sees it: the delimiters of its trailing placeholder depend
// on the other formats of the group.
type compiled struct {
	f      *Format
	segs   [segResource]segCheck
	res    *machine
	alt    *machine // the resource with legacySuffix appended, or nil
	star   bool
	shapes []valueShape // per resource token; shapeAny for literals
	shaped bool         // some resource placeholder has a shape other than shapeAny
}

// legacySuffix lists formats whose resources IAM evaluates with a suffix the catalog does not
// print. CloudWatch Logs authorizes most log-group actions against "…:log-group:NAME:*", the ARN
// DescribeLogGroups returns, which is why policies name log groups with a trailing ":*"; without
// this, that form would select only log streams and the policy would miss every log-group action.
var legacySuffix = map[string]string{
	"arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}": ":*",
}

// NewMatcher compiles the formats of one ARN service namespace: every format in the catalog whose
// service segment is that namespace, whichever IAM service lists it. Duplicates are allowed; they
// match alike.
//
// What a placeholder may hold is decided here, per format within the group:
//   - a placeholder followed by a literal character excludes that character, and one followed by
//     another placeholder excludes '/';
//   - the trailing placeholder of a format excludes a delimiter d only if another format of the
//     group extends this one's token sequence (placeholders compared as equal) with d, so an S3
//     bucket name excludes '/' (objects extend it) while an object name or an IAM role path may
//     hold anything;
//   - placeholders of the partition, service, region and account segments never hold ':'.
func NewMatcher(formats []string) (*Matcher, error) {
	fs := make([]*Format, len(formats))
	for i, s := range formats {
		f, err := CompileFormat(s)
		if err != nil {
			return nil, fmt.Errorf("arn matcher: format %d: %w", i, err)
		}
		fs[i] = f
	}
	m := &Matcher{cs: make([]compiled, len(fs))}
	for i, f := range fs {
		res := f.segs[segResource]
		var trail []byte
		if res[len(res)-1].isPH() {
			for _, g := range fs {
				if len(g.shape) > len(f.shape) && strings.HasPrefix(g.shape, f.shape) {
					if d := g.shape[len(f.shape)]; d != 0 && !slices.Contains(trail, d) {
						trail = append(trail, d)
					}
				}
			}
		}
		c := &m.cs[i]
		c.f = f
		c.star = f.hasStar()
		for s := range c.segs {
			c.segs[s] = newSegCheck(f.segs[s])
		}
		c.res = newMachine(res, trail)
		if suf, ok := legacySuffix[f.text]; ok {
			alt := slices.Clone(res)
			for j := 0; j < len(suf); j++ {
				alt = append(alt, token{kind: tokLit, c: suf[j]})
			}
			c.alt = newMachine(alt, nil)
		}
		c.shapes = make([]valueShape, len(res))
		for j, t := range res {
			if t.kind == tokPH {
				c.shapes[j] = shapeOf(t.name)
				c.shaped = c.shaped || c.shapes[j] != shapeAny
			}
		}
	}
	return m, nil
}

// Match returns the indices, ascending, of the formats the ARN matches. For an ARN with wildcards
// that is every format that shares at least one concrete ARN with it, since a policy naming the
// ARN grants on all of those. For an ARN whose resource part has no wildcard (wildcards in the
// region or account do not make a function alias a version), ties are broken: formats that need
// a star lose to formats without one, then
// formats whose version- or alias-like placeholders get a value of the wrong shape lose to those
// that fit, and whatever is still tied is returned as is. Dropped lists, ascending, the formats
// that matched but lost a tie-break.
func (m *Matcher) Match(a ARN) (matches, dropped []int) {
	g := newGlob(a.Resource)
	for i := range m.cs {
		if m.cs[i].match(a, g) {
			matches = append(matches, i)
		}
	}
	if len(matches) < 2 || strings.ContainsAny(a.Resource, "*?") {
		return matches, nil
	}

	if slices.ContainsFunc(matches, func(i int) bool { return !m.cs[i].star }) {
		matches = slices.DeleteFunc(matches, func(i int) bool {
			if m.cs[i].star {
				dropped = append(dropped, i)
				return true
			}
			return false
		})
	}

	if len(matches) > 1 {
		var fit, misfit []int
		for _, i := range matches {
			if m.cs[i].shaped && !m.cs[i].fits(g) {
				misfit = append(misfit, i)
			} else {
				fit = append(fit, i)
			}
		}
		if len(fit) > 0 && len(misfit) > 0 {
			matches = fit
			dropped = append(dropped, misfit...)
		}
	}
	// Two ascending runs, of a few formats at most: an insertion sort, where slices.Sort would
	// add slices' sorting code for ints to the WebAssembly build.
	for i := 1; i < len(dropped); i++ {
		for j := i; j > 0 && dropped[j] < dropped[j-1]; j-- {
			dropped[j], dropped[j-1] = dropped[j-1], dropped[j]
		}
	}
	return matches, dropped
}

func (c *compiled) match(a ARN, g *glob) bool {
	// The service first: it is what tells most groups' formats apart, then region and account,
	// which tell S3 buckets from access points.
	return c.segs[segService].match(a.Service) &&
		c.segs[segRegion].match(a.Region) &&
		c.segs[segAccount].match(a.Account) &&
		c.segs[segPartition].match(a.Partition) &&
		(c.res.match(g) || c.alt != nil && c.alt.match(g))
}

// fits reports whether the concrete resource g gives every shaped placeholder a value of its
// shape.
func (c *compiled) fits(g *glob) bool {
	vals := c.res.capture(g)
	if vals == nil {
		return true
	}
	for j, s := range c.shapes {
		if s != shapeAny && !s.fits(vals[j]) {
			return false
		}
	}
	return true
}

type segKind uint8

const (
	segEmpty segKind = iota // "": the ARN's segment must be empty
	segAny                  // "*" alone: anything, empty included
	segOne                  // one placeholder: one or more characters
	segLit                  // literal text
	segMixed                // literals and placeholders
)

// segCheck matches one of the first four segments, each matched on its own.
type segCheck struct {
	kind segKind
	lit  string
	mc   *machine
}

func newSegCheck(toks []token) segCheck {
	switch {
	case len(toks) == 0:
		return segCheck{kind: segEmpty}
	case len(toks) == 1 && toks[0].kind == tokStar:
		// braket's "*:*:" stands for segments that are sometimes empty (a simulator is
		// "arn:aws:braket:::device/quantum-simulator/amazon/sv1"), so a whole-segment star is IAM's
		// * here: zero or more characters. backup's "${Region}:*:" is read the same way.
		return segCheck{kind: segAny}
	case len(toks) == 1:
		return segCheck{kind: segOne}
	}
	var b strings.Builder
	for _, t := range toks {
		if t.isPH() {
			return segCheck{kind: segMixed, mc: newMachine(toks, []byte{':'})}
		}
		b.WriteByte(t.c)
	}
	return segCheck{kind: segLit, lit: b.String()}
}

func (s *segCheck) match(v string) bool {
	switch s.kind {
	case segEmpty:
		return strings.Trim(v, "*") == ""
	case segAny:
		return true
	case segOne:
		return v != ""
	case segLit:
		return globMatch(v, s.lit)
	}
	return s.mc.match(newGlob(v))
}

// maxWords is the number of 64-bit words a state set of the longest format needs.
const maxWords = (2*maxFormatLen + 1 + 63) / 64

// machine runs one format segment against a user glob. Its states are numbered so that a set of
// them fits a few machine words and one step of the product automaton is a handful of shifts:
// state 2j stands before token j, state 2j+1 inside placeholder j with at least one character
// consumed, and state 2m (m tokens) at the end.
type machine struct {
	toks   []token
	excl   [][]byte // per token: the bytes a placeholder may not hold
	m, w   int
	accept int

	spec  [128]int8  // per ASCII byte: its row in litEv/accEv/accOd, or -1 (no literal, excluded nowhere)
	litEv [][]uint64 // per spec byte c: even states before a literal c
	accEv [][]uint64 // per spec byte c: even states before a placeholder that may hold c
	accOd [][]uint64 // the same, as odd states inside that placeholder

	zero, phEv, phOd, litNC, valid []uint64
	blockEnds                      []int // states before a literal ':', then 2m: a non-crossing * stops there

	prefix, suffix []byte // the literal text before the first and after the last placeholder
	phs            []phInfo
	// dead[j] holds the ASCII bytes that no token from j on can consume (dead[m]: every byte).
	// A state whose dead set meets the glob's remaining literals can never reach the end.
	dead []ascii
}

// ascii is a set of ASCII bytes.
type ascii [2]uint64

func (s *ascii) add(c byte)        { s[c>>6] |= 1 << (c & 63) }
func (s ascii) meets(o ascii) bool { return s[0]&o[0] != 0 || s[1]&o[1] != 0 }

type phInfo struct {
	tok          int
	excl         []byte
	last         bool // the format's last token
	tailHasColon bool // a literal ':' follows somewhere
}

func newMachine(toks []token, trailExcl []byte) *machine {
	m := len(toks)
	mc := &machine{toks: toks, m: m, accept: 2 * m, w: (2*m + 1 + 63) / 64, excl: make([][]byte, m)}
	vec := func() []uint64 { return make([]uint64, mc.w) }
	mc.zero, mc.phEv, mc.phOd, mc.litNC, mc.valid = vec(), vec(), vec(), vec(), vec()
	for i := range mc.spec {
		mc.spec[i] = -1
	}
	addSpec := func(c byte) {
		if mc.spec[c] < 0 {
			mc.spec[c] = int8(len(mc.litEv))
			mc.litEv = append(mc.litEv, vec())
			mc.accEv = append(mc.accEv, vec())
			mc.accOd = append(mc.accOd, vec())
		}
	}
	for j, t := range toks {
		switch {
		case t.kind == tokLit:
			addSpec(t.c)
		case j+1 < m && toks[j+1].kind == tokLit:
			mc.excl[j] = []byte{toks[j+1].c}
		case j+1 < m:
			// Two placeholders in a row (codeartifact's "${DomainName}${EncodedPackageGroupPattern}"):
			// the second begins at a path separator.
			mc.excl[j] = []byte{'/'}
		default:
			mc.excl[j] = trailExcl
		}
		for _, c := range mc.excl[j] {
			addSpec(c)
		}
	}
	colonAfter := false
	for j := m - 1; j >= 0; j-- {
		t := toks[j]
		if t.kind == tokLit {
			if t.c == ':' {
				colonAfter = true
			}
			continue
		}
		mc.phs = append(mc.phs, phInfo{tok: j, excl: mc.excl[j], last: j == m-1, tailHasColon: colonAfter})
	}
	slices.Reverse(mc.phs)

	for j, t := range toks {
		setBit(mc.valid, 2*j)
		if t.kind == tokLit {
			setBit(mc.litEv[mc.spec[t.c]], 2*j)
			if t.c == ':' {
				mc.blockEnds = append(mc.blockEnds, 2*j)
			} else {
				setBit(mc.litNC, 2*j)
			}
			continue
		}
		setBit(mc.valid, 2*j+1)
		setBit(mc.phEv, 2*j)
		setBit(mc.phOd, 2*j+1)
		for c, k := range mc.spec {
			if k >= 0 && !slices.Contains(mc.excl[j], byte(c)) {
				setBit(mc.accEv[k], 2*j)
				setBit(mc.accOd[k], 2*j+1)
			}
		}
	}
	setBit(mc.valid, mc.accept)
	mc.blockEnds = append(mc.blockEnds, mc.accept)

	mc.dead = make([]ascii, m+1)
	mc.dead[m] = ascii{^uint64(0), ^uint64(0)}
	for j := m - 1; j >= 0; j-- {
		if t := toks[j]; t.kind == tokLit {
			mc.dead[j] = mc.dead[j+1]
			mc.dead[j][t.c>>6] &^= 1 << (t.c & 63)
		} else {
			var excl ascii
			for _, c := range mc.excl[j] {
				excl.add(c)
			}
			mc.dead[j] = ascii{mc.dead[j+1][0] & excl[0], mc.dead[j+1][1] & excl[1]}
		}
	}

	for _, t := range toks {
		if t.isPH() {
			break
		}
		mc.prefix = append(mc.prefix, t.c)
	}
	for j := m - 1; j >= 0 && !toks[j].isPH(); j-- {
		mc.suffix = append(mc.suffix, toks[j].c) // reversed
	}
	return mc
}

func setBit(v []uint64, i int)      { v[i>>6] |= 1 << (i & 63) }
func hasBit(v []uint64, i int) bool { return v[i>>6]&(1<<(i&63)) != 0 }

// glob is a user's resource (or segment) as match tokens.
type glob struct {
	toks        []gtok
	lastLit     [128]int32 // per ASCII byte: index of the last literal token holding it, or -1
	lastNonStar int        // index of the last token that is not a *, or -1
	endStar     bool       // the last token is a *
	endStarX    bool       // … and it may cross colons
	wild        bool
	// rest[k] holds the ASCII bytes of the literal tokens after token k*checkEvery+checkEvery-1.
	rest []ascii
}

// checkEvery is how often, in glob tokens, match looks for states that can no longer finish.
const checkEvery = 32

type gkind uint8

const (
	gLit   gkind = iota
	gOne         // ?
	gStar        // * within one colon-separated piece
	gStarX       // * that ends a piece and may cross colons
)

type gtok struct {
	r    rune
	kind gkind
}

func newGlob(s string) *glob {
	g := &glob{toks: make([]gtok, 0, len(s)), lastNonStar: -1}
	for i := range g.lastLit {
		g.lastLit[i] = -1
	}
	for i, r := range s {
		switch r {
		case '*':
			g.wild = true
			kind := gStar
			if i+1 == len(s) || s[i+1] == ':' {
				kind = gStarX
			}
			// A run of stars is one star; it crosses colons if its last one does.
			if n := len(g.toks); n > 0 && g.toks[n-1].kind >= gStar {
				g.toks[n-1].kind = kind
				continue
			}
			g.toks = append(g.toks, gtok{r: r, kind: kind})
		case '?':
			g.wild = true
			g.toks = append(g.toks, gtok{r: r, kind: gOne})
		default:
			g.toks = append(g.toks, gtok{r: r, kind: gLit})
		}
	}
	for i, t := range g.toks {
		if t.kind < gStar {
			g.lastNonStar = i
		}
		if t.kind == gLit && t.r < 128 {
			g.lastLit[t.r] = int32(i)
		}
	}
	if n := len(g.toks); n > 0 {
		g.endStar = g.toks[n-1].kind >= gStar
		g.endStarX = g.toks[n-1].kind == gStarX
	}
	if n := len(g.toks) / checkEvery; n > 0 {
		g.rest = make([]ascii, n)
		for c, last := range g.lastLit {
			for k := 0; k < n && k*checkEvery+checkEvery-1 < int(last); k++ {
				g.rest[k].add(byte(c))
			}
		}
	}
	return g
}

// prefilter rejects a glob whose literal head or tail contradicts the format's, which settles
// most formats of a group at the cost of a string comparison.
func (mc *machine) prefilter(g *glob) bool {
	for k, c := range mc.prefix {
		if k >= len(g.toks) {
			return false
		}
		if t := g.toks[k]; t.kind >= gStar {
			break
		} else if t.kind == gOne && c == ':' || t.kind == gLit && t.r != rune(c) {
			return false
		}
	}
	for k, c := range mc.suffix {
		i := len(g.toks) - 1 - k
		if i < 0 {
			return false
		}
		if t := g.toks[i]; t.kind >= gStar {
			break
		} else if t.kind == gOne && c == ':' || t.kind == gLit && t.r != rune(c) {
			return false
		}
	}
	return true
}

// match reports whether some string is matched by both the glob and the format segment.
func (mc *machine) match(g *glob) bool {
	if !mc.prefilter(g) {
		return false
	}
	var sb, nb [maxWords]uint64
	S, N := sb[:mc.w], nb[:mc.w]
	S[0] = 1
	var rb [16]int
	ready := rb[:0]
	if len(mc.phs) > len(rb) {
		ready = make([]int, len(mc.phs))
	}
	ready = ready[:len(mc.phs)]
	first := min(mc.readiness(g, ready), g.lastNonStar)
	for i, t := range g.toks {
		mc.step(S, N, t)
		if isZero(N) {
			return false
		}
		S, N = N, S
		if i >= first && mc.early(S, g, i, ready) {
			return true
		}
		if i%checkEvery == checkEvery-1 && mc.doomed(S, g.rest[i/checkEvery]) {
			return false
		}
	}
	return hasBit(S, mc.accept)
}

// doomed reports whether no state of S can consume every byte of rest. Without it a glob such as
// "/restapis/*a*a…*a/" would walk its whole length through "/restapis/${RestApiId}", whose
// trailing placeholder can never take the final '/'.
func (mc *machine) doomed(S []uint64, rest ascii) bool {
	for wi, x := range S {
		for x != 0 {
			q := wi<<6 + bits.TrailingZeros64(x)
			x &= x - 1
			if !mc.dead[q/2].meets(rest) {
				return false
			}
		}
	}
	return true
}

// step computes in N the states reachable from S by the glob token t.
func (mc *machine) step(S, N []uint64, t gtok) {
	switch t.kind {
	case gLit:
		lit, ae, ao := mc.zero, mc.phEv, mc.phOd
		if t.r < 128 {
			if k := mc.spec[t.r]; k >= 0 {
				lit, ae, ao = mc.litEv[k], mc.accEv[k], mc.accOd[k]
			}
		}
		mc.stepChar(S, N, lit, ae, ao)
	case gOne:
		// ? is one character other than ':'; every placeholder may hold some such character.
		mc.stepChar(S, N, mc.litNC, mc.phEv, mc.phOd)
	case gStar:
		mc.fill(S, N, false)
	case gStarX:
		mc.fill(S, N, true)
	}
}

// stepChar consumes one character: past a literal that equals it (state 2j to 2j+2), into a
// placeholder that may hold it (2j to 2j+1) or further inside one (2j+1 stays), and then out of
// any placeholder that has consumed something (2j+1 to 2j+2, the closure).
func (mc *machine) stepChar(S, N, lit, accEv, accOd []uint64) {
	var cl, ca uint64
	for k := range N {
		l := S[k] & lit[k]
		a := S[k] & accEv[k]
		N[k] = l<<2 | cl | a<<1 | ca | S[k]&accOd[k]
		cl, ca = l>>62, a>>63
	}
	var c uint64
	for k := range N {
		x := N[k] & mc.phOd[k]
		N[k] |= x<<1 | c
		c = x >> 63
	}
}

// fill applies a *: from the lowest state of S in each block, every later state of the block can
// be reached, since a * can spell any literal but ':' (or any at all when it crosses colons) and
// any placeholder's content.
func (mc *machine) fill(S, N []uint64, cross bool) {
	clear(N)
	if cross {
		fillBlock(S, N, 0, mc.accept)
	} else {
		a := 0
		for _, b := range mc.blockEnds {
			fillBlock(S, N, a, b)
			a = b + 1
		}
	}
	for k := range N {
		N[k] &= mc.valid[k]
	}
}

// fillBlock sets in N every bit from the lowest bit of S in [a, b] up to b.
func fillBlock(S, N []uint64, a, b int) {
	for wi := a >> 6; wi <= b>>6; wi++ {
		x := S[wi]
		if wi == a>>6 {
			x &= ^uint64(0) << (a & 63)
		}
		if wi == b>>6 {
			x &= ^uint64(0) >> (63 - b&63)
		}
		if x == 0 {
			continue
		}
		p := wi<<6 + bits.TrailingZeros64(x)
		for wj := wi; wj <= b>>6; wj++ {
			mask := ^uint64(0)
			if wj == wi {
				mask <<= p & 63
			}
			if wj == b>>6 {
				mask &= ^uint64(0) >> (63 - b&63)
			}
			N[wj] |= mask
		}
		return
	}
}

// early reports, after glob token i, whether the rest of the glob is sure to match: a placeholder
// holding every remaining character, then the end of the format or a final * that spells the
// format's tail. It is what keeps a long resource (a 2 KB S3 key, a run of stars) from walking
// all the way through every format. ready[k] is the first i at which placeholder k may do so.
func (mc *machine) early(S []uint64, g *glob, i int, ready []int) bool {
	if i >= g.lastNonStar && hasBit(S, mc.accept) {
		return true
	}
	for k, p := range mc.phs {
		if i >= ready[k] && hasBit(S, 2*p.tok+1) && (p.last || i < len(g.toks)-1) {
			return true
		}
	}
	return false
}

// readiness fills ready (one entry per placeholder) for early and returns the smallest entry:
// the glob token after which the last byte a placeholder excludes has gone by, or never (the
// glob's length) when the placeholder cannot finish the match on its own.
func (mc *machine) readiness(g *glob, ready []int) int {
	first := len(g.toks)
	for k, p := range mc.phs {
		ready[k] = len(g.toks)
		if !p.last && !(g.endStar && (g.endStarX || !p.tailHasColon)) {
			continue
		}
		r := 0
		for _, c := range p.excl {
			r = max(r, int(g.lastLit[c]))
		}
		ready[k] = r
		first = min(first, r)
	}
	return first
}

func isZero(v []uint64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// capture returns, for a glob without wildcards that the machine matches, the text each
// placeholder token holds (indexed like toks), or nil when it does not match. Delimiter classes
// make the split unique except between two adjacent placeholders; there the earlier one takes the
// longest run.
func (mc *machine) capture(g *glob) []string {
	n, w := len(g.toks), mc.w
	hist := make([]uint64, (n+1)*w)
	hist[0] = 1
	for i, t := range g.toks {
		if t.kind != gLit {
			return nil
		}
		mc.step(hist[i*w:(i+1)*w], hist[(i+1)*w:(i+2)*w], t)
	}
	if !hasBit(hist[n*w:], mc.accept) {
		return nil
	}
	start, end := make([]int, mc.m), make([]int, mc.m)
	for i, q := n, mc.accept; i > 0 || q > 0; {
		if q%2 == 0 {
			j := q/2 - 1 // the token just passed
			if mc.toks[j].isPH() {
				q = 2*j + 1
				end[j] = i
			} else {
				q = 2 * j
				i--
			}
			continue
		}
		j := q / 2
		start[j] = i - 1
		if hasBit(hist[(i-1)*w:i*w], 2*j) {
			q = 2 * j
		}
		i--
	}
	vals := make([]string, mc.m)
	for j, t := range mc.toks {
		if t.isPH() {
			var b strings.Builder
			for _, gt := range g.toks[start[j]:end[j]] {
				b.WriteRune(gt.r)
			}
			vals[j] = b.String()
		}
	}
	return vals
}
