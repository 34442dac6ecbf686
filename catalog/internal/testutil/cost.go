package testutil

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// Cost is what one call allocated: a count of work that, unlike time, is the same on a busy
// machine as on an idle one. Took is there for the log only: a test never asserts on it.
type Cost struct {
	Bytes   uint64 // runtime.MemStats.TotalAlloc
	Objects uint64 // runtime.MemStats.Mallocs
	Took    time.Duration
}

func (c Cost) String() string {
	return fmt.Sprintf("%.1f MB in %d objects (%v)", float64(c.Bytes)/1e6, c.Objects, c.Took.Round(time.Millisecond))
}

// Measure runs f once and returns what it allocated. Other goroutines' allocations count too, so
// a test that measures must not run in parallel with others of its binary (t.Parallel).
func Measure(f func()) Cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return Cost{Bytes: after.TotalAlloc - before.TotalAlloc, Objects: after.Mallocs - before.Mallocs, Took: took}
}

// Slack is what a bound allows on top of its linear part, for fixed costs and what the runtime
// allocates on its own: 1 MiB, or 1,024 objects.
const (
	SlackBytes   = 1 << 20
	SlackObjects = 1 << 10
)

// Bounded fails t if c allocated more than perByte bytes for each of the n bytes of input, plus
// SlackBytes: work linear in the input, whatever the input holds (the bound of a reader that
// expands aliases, say, or backtracks by copying).
func Bounded(t testing.TB, c Cost, n int, perByte uint64) {
	t.Helper()
	if limit := perByte*uint64(n) + SlackBytes; c.Bytes > limit {
		t.Errorf("allocated %d bytes for %d bytes of input; want at most %d (%d a byte)", c.Bytes, n, limit, perByte)
	}
}

// MaxGrowth is what Linear allows for four times the input: linear work grows 4 times,
// n log n a little more, quadratic work 16 times.
const MaxGrowth = 6

// Linear builds inputs at sizes n and 4n and runs run on each, measuring only run. It fails t if
// the larger run allocated more than perByte bytes for each byte of its input (plus
// SlackBytes), or more than MaxGrowth times the bytes or objects of the smaller run (plus the
// slack): work that is linear in the input, in both amount and growth. The larger run comes
// last, so run may keep its results for the test to check. It returns both costs, for the log.
func Linear(t testing.TB, n int, perByte uint64, build func(n int) []byte, run func(in []byte)) (small, large Cost) {
	t.Helper()
	in := build(n)
	smallLen := len(in)
	small = Measure(func() { run(in) })
	in = build(4 * n)
	large = Measure(func() { run(in) })
	if large.Bytes > MaxGrowth*small.Bytes+SlackBytes || large.Objects > MaxGrowth*small.Objects+SlackObjects {
		t.Errorf("work grows faster than the input: %d bytes in: %v; %d bytes in: %v (want at most %d times the bytes and objects)",
			smallLen, small, len(in), large, MaxGrowth)
	}
	Bounded(t, large, len(in), perByte)
	return small, large
}
