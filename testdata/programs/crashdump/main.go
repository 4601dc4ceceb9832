// Command crashdump writes the goroutine dumps a crashing Go program prints, for the text-profile
// tests (testdata/text/dumps/go1.19-*.txt): run with GODEBUG=tracebackancestors=5 GOTRACEBACK=crash,
//
//	crashdump panic   # panics after starting goroutines that start goroutines: ancestor blocks
//	crashdump wait    # waits; send SIGQUIT: every thread's goroutine 0 stack, then the goroutines
//
// The dump goes to stderr.
package main

import (
	"os"
	"runtime"
	"sync"
	"time"
)

func leaf(ch chan int) { <-ch }

// spawn starts a chain of depth goroutines; the last one blocks in leaf.
func spawn(depth int, ch chan int, wg *sync.WaitGroup) {
	if depth == 0 {
		wg.Done()
		leaf(ch)
		return
	}
	go spawn(depth-1, ch, wg)
}

func busy() {
	x := 0
	for {
		x++
	}
}

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(2)
	go spawn(2, ch, &wg)
	go spawn(1, ch, &wg)
	wg.Wait()
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		runtime.GOMAXPROCS(2)
		go busy()
		time.Sleep(time.Hour)
	}
	time.Sleep(10 * time.Millisecond)
	panic("boom")
}
