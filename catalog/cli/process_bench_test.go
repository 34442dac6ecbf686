//go:build !js

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"
)

// BenchmarkProcessQueryActionsS3 runs `iamforge query actions --service s3` as a whole process,
// the way a user's shell does: wall time and peak resident memory, medians over the runs.
// (Policy Sentry takes about 650 ms and 80 MB for the same question.)
func BenchmarkProcessQueryActionsS3(b *testing.B) {
	benchProcess(b, "query", "actions", "--service", "s3")
}

func benchProcess(b *testing.B, args ...string) {
	bin := filepath.Join(b.TempDir(), "iamforge")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "../../cmd/iamforge")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatal(err)
	}
	var walls []time.Duration
	var rss []int64
	for b.Loop() {
		cmd := exec.Command(bin, args...)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		walls = append(walls, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, ru.Maxrss) // KiB on Linux
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	sort.Slice(rss, func(i, j int) bool { return rss[i] < rss[j] })
	b.ReportMetric(float64(walls[len(walls)/2].Microseconds())/1000, "ms-median")
	if len(rss) > 0 {
		b.ReportMetric(float64(rss[len(rss)/2])/1024, "MB-peak-median")
	}
}

// BenchmarkProcessWrite20 runs `iamforge write` on a 20-ARN, 8-service template as a whole
// process. (Policy Sentry's write-policy takes about 650 ms and 80 MB.)
func BenchmarkProcessWrite20(b *testing.B) {
	benchProcess(b, "write", "../../testdata/bench/write20.yml")
}
