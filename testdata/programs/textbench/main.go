// Command textbench writes Go's text profiles of a chosen size for pprof-gate's benchmark
// (npm run bench -- --text): a goroutine dump (pprof.Lookup("goroutine").WriteTo(w, 2)) of n
// parked goroutines, or a heap profile with debug=1 of n records.
//
// Every allocation sits at the end of its own path through an eight-way tree of calls (f0..f7,
// chosen by the bits of its index), so that each record has a stack of its own, about log8(n)
// frames deep, as the allocation sites of a large service do; a third of them are freed, the rest
// kept. Goroutines take paths 1 to 3 calls deep (many share a stack, as in a real dump, which
// also keeps the dump under the 64 MB that WriteTo(w, 2) stops at) and wait in four ways (channel
// receive, select, mutex, WaitGroup). -variant head adds 5% more goroutines and allocations.
//
//	go build -trimpath -o textbench . && ./textbench -kind goroutine -n 100000 -o base.debug2
package main

import (
	"flag"
	"log"
	"math/bits"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	park     = make(chan struct{})
	park2    = make(chan struct{})
	mu       sync.Mutex
	wg       sync.WaitGroup
	retained [][]byte
)

//go:noinline
func f0(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f1(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f2(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f3(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f4(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f5(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f6(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

//go:noinline
func f7(path uint64, depth int, leaf func()) { step(path, depth, leaf) }

// table holds the tree's eight branches; step takes the one the low three bits of path name.
// (filled by init: a initializer would be an initialization cycle through step)
var table [8]func(uint64, int, func())

func init() { table = [8]func(uint64, int, func()){f0, f1, f2, f3, f4, f5, f6, f7} }

func step(path uint64, depth int, leaf func()) {
	if depth == 0 {
		leaf()
		return
	}
	table[path&7](path>>3, depth-1, leaf)
}

func wait(i int) {
	switch i % 4 {
	case 0:
		<-park
	case 1:
		select {
		case <-park:
		case <-park2:
		}
	case 2:
		mu.Lock()
	default:
		wg.Wait()
	}
}

func main() {
	kind := flag.String("kind", "goroutine", "goroutine (a debug=2 dump) or heap (debug=1)")
	n := flag.Int("n", 100000, "goroutines or heap records")
	variant := flag.String("variant", "base", "base or head (5% more)")
	out := flag.String("o", "profile.txt", "output file")
	flag.Parse()
	runtime.MemProfileRate = 1
	count := *n
	if *variant == "head" {
		count += *n / 20
	}
	depth := (bits.Len(uint(count)) + 2) / 3
	mu.Lock()
	wg.Add(1)

	var write func(f *os.File) error
	switch *kind {
	case "goroutine":
		for i := 0; i < count; i++ {
			i := i
			go step(uint64(i), 1+i%3, func() { wait(i) })
		}
		for runtime.NumGoroutine() < count+1 {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond) // until the last ones have parked
		write = func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 2) }
	case "heap":
		retained = make([][]byte, 0, count)
		for i := 0; i < count; i++ {
			step(uint64(i), depth, func() {
				b := make([]byte, 16+(i%4)*16)
				if i%3 != 0 {
					retained = append(retained, b)
				}
			})
		}
		runtime.GC()
		write = func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 1) }
	default:
		log.Fatalf("-kind must be goroutine or heap, got %q", *kind)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	runtime.KeepAlive(retained)
}
