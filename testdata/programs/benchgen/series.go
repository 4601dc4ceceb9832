package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// writeSeries writes the snapshots of one run, as a soak test takes them. The run first makes all
// its walks, then before each snapshot replays a slice of them (a different slice each time). Every
// walk goes through the one call below, so a replay ends in a stack the profile already has: every
// snapshot holds the same stacks (as many samples as walks), and only the replayed slice's values
// change (more allocated; what those walks retain stays alive, so their in-use values grow too).
func writeSeries(dir string, samples, snapshots int) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	step := samples / snapshots
	for s := 0; s <= snapshots; s++ {
		from, to := 0, samples
		if s > 0 {
			from, to = (s-1)*step, s*step
		}
		for i := from; i < to; i++ {
			walkOne(i, false)
		}
		if s == 0 {
			continue
		}
		runtime.GC()
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%d.pb.gz", s)))
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
	runtime.KeepAlive(retained)
}
