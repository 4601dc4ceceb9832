// Command leaky reproduces goroutine and memory leaks that show up in real Go
// services. Each scenario has a healthy variant (the default) and a leaking
// variant (-leak). After the scenario has run, the program writes pprof
// profiles into the directory given by -out:
//
//	heap.pb.gz          heap profile, every allocation recorded (MemProfileRate=1)
//	goroutine.pb.gz     goroutine profile
//	heap-sampled.pb.gz  heap profile at the default sampling rate (with -sampled;
//	                    a -sampled run writes only this file)
//
// With -text it also writes the text forms of the same profiles at the same
// instant (heap.debug1, goroutine.debug1, goroutine.debug2, goroutine.stack);
// see text.go.
//
// The profiles are fixtures for pprof-gate; see testdata/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"
)

// leak selects the leaking variant of the scenario. It is set once from the
// command line before any scenario code runs.
var leak bool

var scenarios = map[string]func(){
	"chanrecv":  runChanrecv,
	"timeout":   runTimeout,
	"waitgroup": runWaitgroup,
	"ticker":    runTicker,
	"mapcache":  runMapcache,
	"closure":   runClosure,
	"escape":    runEscape,
}

func main() {
	// `leaky soak …` keeps the default MemProfileRate: see soak.go.
	if len(os.Args) > 1 && os.Args[1] == "soak" {
		runSoak(os.Args[2:])
		return
	}
	// Exact heap numbers: record every allocation. The sampled run keeps
	// the runtime default (512 KiB). This has to happen before anything of
	// interest allocates, so the flag is looked up without the flag package.
	if !sampledRun(os.Args[1:]) {
		runtime.MemProfileRate = 1
	}

	scenario := flag.String("scenario", "", "scenario to run (see -list)")
	out := flag.String("out", ".", "directory to write the profiles into")
	sampled := flag.Bool("sampled", false, "keep the default MemProfileRate and write only heap-sampled.pb.gz")
	list := flag.Bool("list", false, "print the scenario names and exit")
	text := flag.Bool("text", false, "also write the text forms of the profiles, at the same instant (see text.go)")
	flag.BoolVar(&leak, "leak", false, "run the leaking variant of the scenario")
	flag.Parse()

	if *list {
		for _, name := range scenarioNames() {
			fmt.Println(name)
		}
		return
	}
	run, ok := scenarios[*scenario]
	if !ok {
		fmt.Fprintf(os.Stderr, "leaky: unknown scenario %q (known: %v)\n", *scenario, scenarioNames())
		os.Exit(2)
	}

	// Every run loads the same configuration tree first. It is built by a
	// recursive function, so heap stacks contain the same function several
	// times.
	loadConfig()

	run()
	settle()

	write := writeProfiles
	if *text {
		write = writeTextProfiles
	}
	if err := write(*out, *sampled); err != nil {
		fmt.Fprintln(os.Stderr, "leaky:", err)
		os.Exit(1)
	}
	runtime.KeepAlive(appConfig)
}

func sampledRun(args []string) bool {
	for _, a := range args {
		if a == "-sampled" || a == "--sampled" || a == "-sampled=true" || a == "--sampled=true" {
			return true
		}
	}
	return false
}

func scenarioNames() []string {
	names := make([]string, 0, len(scenarios))
	for name := range scenarios {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// settle waits until the number of goroutines has stopped changing: in the
// healthy variants the workers have exited, in the leaking ones the leaked
// goroutines have reached the point where they block forever.
func settle() {
	const (
		poll   = 5 * time.Millisecond
		stable = 20
		limit  = 3 * time.Second
	)
	deadline := time.Now().Add(limit)
	last, same := runtime.NumGoroutine(), 0
	for same < stable && time.Now().Before(deadline) {
		time.Sleep(poll)
		if n := runtime.NumGoroutine(); n == last {
			same++
		} else {
			last, same = n, 0
		}
	}
}

func writeProfiles(dir string, sampled bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if sampled {
		return writeHeap(filepath.Join(dir, "heap-sampled.pb.gz"))
	}
	if err := writeHeap(filepath.Join(dir, "heap.pb.gz")); err != nil {
		return err
	}
	return writeProfile(filepath.Join(dir, "goroutine.pb.gz"), "goroutine")
}

func writeHeap(path string) error {
	// The heap profile describes the heap as of the last completed GC; run
	// one now so that it covers everything the scenario did.
	runtime.GC()
	return writeProfile(path, "heap")
}

func writeProfile(path, name string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
