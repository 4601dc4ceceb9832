package main

import (
	"os"
	"testing"
	"time"
)

// TestHang hangs after leaking the timeout scenario's workers, so that
// `go test -timeout 1s` prints the goroutine dump a hung test produces (a
// fixture for pprof-gate's reader of such dumps, made by
// scripts/gen-text-fixtures.sh). It runs only with LEAKY_HANG=1.
func TestHang(t *testing.T) {
	if os.Getenv("LEAKY_HANG") != "1" {
		t.Skip("set LEAKY_HANG=1 to make this test hang until -timeout")
	}
	leak = true
	runTimeout()
	time.Sleep(time.Hour)
}
