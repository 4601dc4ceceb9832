package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
)

// writeTextProfiles writes, for the text-profile fixtures (-text), the
// binary and text forms of the same profiles taken at the same instant:
//
//	heap.pb.gz, heap.debug1                      (heap-sampled.* with -sampled)
//	goroutine.pb.gz, goroutine.debug1, goroutine.debug2, goroutine.stack
//
// goroutine.debug2 is pprof.Lookup("goroutine").WriteTo(w, 2) and
// goroutine.stack is runtime.Stack(buf, true). A heap profile describes the
// heap as of the last completed GC, so after one GC the collector is turned
// off until every form is in memory: the forms cannot differ by a GC that
// the writing itself triggered. Everything is written into buffers grown
// beforehand, then into files.
func writeTextProfiles(dir string, sampled bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	heapName := "heap"
	if sampled {
		heapName = "heap-sampled"
	}
	type output struct {
		name string
		buf  bytes.Buffer
	}
	outs := []*output{
		{name: heapName + ".pb.gz"}, {name: heapName + ".debug1"},
		{name: "goroutine.pb.gz"}, {name: "goroutine.debug1"}, {name: "goroutine.debug2"}, {name: "goroutine.stack"},
	}
	for _, o := range outs {
		o.buf.Grow(1 << 20)
	}
	stack := make([]byte, 1<<20)

	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	steps := []func() error{
		func() error { return pprof.Lookup("heap").WriteTo(&outs[0].buf, 0) },
		func() error { return pprof.Lookup("heap").WriteTo(&outs[1].buf, 1) },
		func() error { return pprof.Lookup("goroutine").WriteTo(&outs[2].buf, 0) },
		func() error { return pprof.Lookup("goroutine").WriteTo(&outs[3].buf, 1) },
		func() error { return pprof.Lookup("goroutine").WriteTo(&outs[4].buf, 2) },
		func() error { n := runtime.Stack(stack, true); _, err := outs[5].buf.Write(stack[:n]); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if sampled {
		outs = outs[:2] // the goroutine forms come from the exact run
	}
	for _, o := range outs {
		if err := os.WriteFile(filepath.Join(dir, o.name), o.buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
