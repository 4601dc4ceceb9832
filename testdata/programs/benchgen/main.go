// Command benchgen writes Go heap profiles of a chosen size for pprof-gate's benchmark.
//
// It is a real Go program: every sample of its profile is a real allocation made at the end
// of a pseudo-random walk through many generated functions (see gen/), so stacks are deep
// (up to the runtime's 32 recorded frames) and wide (thousands of distinct call sites).
// `-variant head` replays the same walks with a few regressions: some call paths allocate
// more, some retain more, some new paths appear and some old ones disappear.
//
//	go run ./gen -n 1024 && go build -trimpath -o benchgen . && ./benchgen -samples 100000 -variant base -o base.pb.gz
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
)

// table holds every generated function; filled by the init in funcs_gen_00.go.
var table []func(*walk, int)

// retained keeps some allocations alive, so inuse_space is not empty.
var retained [][]byte

// sink defeats dead-allocation elimination.
var sink []byte

type walk struct {
	state  uint64
	size   int
	retain bool
}

// next is a splitmix64 step: deterministic, so base and head replay the same walks.
func (w *walk) next() uint64 {
	w.state += 0x9e3779b97f4a7c15
	z := w.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// alloc is small enough to be inlined into every generated function.
func (w *walk) alloc(fn int) {
	b := make([]byte, w.size+fn%7)
	if w.retain {
		retained = append(retained, b)
	} else {
		sink = b
	}
}

// walkOne replays walk i: its seed decides the size, whether it is retained, the depth and the
// first function, so the same i always ends in the same stack (from the same call site).
func walkOne(i int, head bool) {
	w := &walk{state: uint64(i) * 0x2545f4914f6cdd1d}
	r := w.next()
	if head && i%97 == 0 {
		return // a call path the head no longer takes
	}
	w.size = 16 + int(r%16)*16
	w.retain = r%5 == 0
	if head && i%50 == 0 {
		w.size *= 3 // allocates more
	}
	if head && i%41 == 0 {
		w.retain = true // keeps more alive
	}
	depth := 2 + int(w.next()%20)
	table[w.next()%uint64(len(table))](w, depth)
}

func main() {
	samples := flag.Int("samples", 10000, "number of allocation walks (≈ samples in the profile)")
	variant := flag.String("variant", "base", "base or head")
	out := flag.String("o", "heap.pb.gz", "output file (with -snapshots: a directory)")
	snapshots := flag.Int("snapshots", 0, "write a series of this many snapshots of one run into the -o directory")
	flag.Parse()
	runtime.MemProfileRate = 1
	head := *variant == "head"
	if !head && *variant != "base" {
		log.Fatalf("-variant must be base or head, got %q", *variant)
	}

	if *snapshots > 0 {
		writeSeries(*out, *samples, *snapshots)
		return
	}
	for i := 0; i < *samples; i++ {
		walkOne(i, head)
	}
	if head {
		// Call paths that are new in the head.
		for i := 0; i < *samples/20; i++ {
			w := &walk{state: uint64(i+*samples)*0x2545f4914f6cdd1d + 1}
			w.size = 64
			w.retain = i%3 == 0
			table[w.next()%uint64(len(table))](w, 3+int(w.next()%16))
		}
	}

	runtime.GC()
	runtime.GC()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	runtime.KeepAlive(retained)
}
