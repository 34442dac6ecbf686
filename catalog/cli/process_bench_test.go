//go:build !(js && wasm)

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
	bin := buildIamforge(b)
	var walls []time.Duration
	var rss []int64
	for b.Loop() {
		wall, _, kb := runProcess(b, bin, args...)
		walls = append(walls, wall)
		if kb > 0 {
			rss = append(rss, kb)
		}
	}
	b.ReportMetric(msMedian(walls), "ms-median")
	if len(rss) > 0 {
		sort.Slice(rss, func(i, j int) bool { return rss[i] < rss[j] })
		b.ReportMetric(float64(rss[len(rss)/2])/1024, "MB-peak-median")
	}
}

func buildIamforge(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "iamforge")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "../../cmd/iamforge")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatal(err)
	}
	return bin
}

// buildFloor builds a Go program that does nothing: what starting any Go process costs on this
// machine, the floor the whole-process figures are measured against.
func buildFloor(b *testing.B) string {
	dir := b.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, "floor")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, src)
	build.Dir = dir
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatal(err)
	}
	return bin
}

// runProcess runs bin with args and returns its wall time, its CPU time (user and system) and
// its peak resident memory (KiB).
func runProcess(b *testing.B, bin string, args ...string) (wall, cpu time.Duration, kb int64) {
	cmd := exec.Command(bin, args...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatal(err)
	}
	wall = time.Since(start)
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = ru.Maxrss // KiB on Linux
	}
	return wall, cpu, kb
}

func msMedian(d []time.Duration) float64 {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return float64(d[len(d)/2].Microseconds()) / 1000
}

// BenchmarkProcessFloor runs a Go program that does nothing, as a whole process: the floor.
func BenchmarkProcessFloor(b *testing.B) {
	bin := buildFloor(b)
	var walls, cpus []time.Duration
	for b.Loop() {
		wall, cpu, _ := runProcess(b, bin)
		walls, cpus = append(walls, wall), append(cpus, cpu)
	}
	b.ReportMetric(msMedian(walls), "ms-median")
	b.ReportMetric(msMedian(cpus), "cpu-ms-median")
}

// BenchmarkProcessExpandNotAction685 runs `iamforge expand` on the stand-in for the AWS managed
// policy SageMakerStudioProjectUserRolePermissionsBoundary (a Deny NotAction of 685 entries,
// testdata/bench/notaction-685.json) as a whole process, alternating with the floor program so
// that both see the same machine, and reports both medians and their ratio (x-floor; the
// target is 3 or less), in wall time and in CPU time (user and system), which a busy machine
// disturbs less.
func BenchmarkProcessExpandNotAction685(b *testing.B) {
	bin, floor := buildIamforge(b), buildFloor(b)
	var walls, cpus, fwalls, fcpus []time.Duration
	for b.Loop() {
		wall, cpu, _ := runProcess(b, bin, "expand", notAction685)
		walls, cpus = append(walls, wall), append(cpus, cpu)
		fwall, fcpu, _ := runProcess(b, floor)
		fwalls, fcpus = append(fwalls, fwall), append(fcpus, fcpu)
	}
	ms, fl := msMedian(walls), msMedian(fwalls)
	cms, cfl := msMedian(cpus), msMedian(fcpus)
	b.ReportMetric(ms, "ms-median")
	b.ReportMetric(fl, "floor-ms-median")
	b.ReportMetric(ms/fl, "x-floor")
	b.ReportMetric(cms, "cpu-ms-median")
	b.ReportMetric(cms/max(cfl, 0.001), "cpu-x-floor")
}
