package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// writeSeries writes the snapshots of one run, as a soak test takes them: between two snapshots
// the program replays a slice of its walks exactly (same stacks, so every snapshot holds as many
// samples as the first, with larger values), and what those walks retain stays alive.
func writeSeries(dir string, samples, snapshots int) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	step := samples / snapshots
	for s := 1; s <= snapshots; s++ {
		for i := 0; i < step; i++ {
			w := &walk{state: uint64((s*step+i)%samples) * 0x2545f4914f6cdd1d}
			r := w.next()
			w.size = 16 + int(r%16)*16
			w.retain = r%5 == 0
			depth := 2 + int(w.next()%20) // drawn before the function, as main's walks do
			table[w.next()%uint64(len(table))](w, depth)
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
