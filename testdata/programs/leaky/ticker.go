package main

import (
	"context"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

// Scenario ticker: health-check pollers driven by a time.Ticker. The healthy
// poller stops its ticker and returns when its done channel is closed. The
// leaking poller's loop has no exit case and its ticker is never stopped, so
// the goroutine (and the ticker) live forever and keep allocating.

const (
	pollers        = 24
	pollInterval   = 10 * time.Millisecond
	pollRunTime    = 100 * time.Millisecond
	pollHistoryLen = 32
)

type pollConfig struct {
	interval time.Duration
}

type pollStatus struct {
	at      time.Time
	healthy bool
	detail  []byte
}

type poller struct {
	target  string
	reload  chan pollConfig
	done    chan struct{}
	mu      sync.Mutex
	history []*pollStatus
}

func newPoller(target string) *poller {
	return &poller{target: target, reload: make(chan pollConfig), done: make(chan struct{})}
}

func (p *poller) run() {
	t := time.NewTicker(pollInterval)
	if leak {
		// Bug: no way out of this loop, and t.Stop is never called.
		for {
			select {
			case <-t.C:
				p.poll()
			case cfg := <-p.reload:
				t.Reset(cfg.interval)
			}
		}
	}
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.poll()
		case cfg := <-p.reload:
			t.Reset(cfg.interval)
		case <-p.done:
			return
		}
	}
}

func (p *poller) poll() {
	st := checkTarget(p.target)
	p.mu.Lock()
	p.history = append(p.history, st)
	if len(p.history) > pollHistoryLen {
		p.history = append(p.history[:0:0], p.history[len(p.history)-pollHistoryLen:]...)
	}
	p.mu.Unlock()
}

// checkTarget is small enough to be inlined into poll.
func checkTarget(target string) *pollStatus {
	return &pollStatus{at: time.Now(), healthy: len(target) > 0, detail: make([]byte, 64)}
}

func startPollers(ctx context.Context) []*poller {
	ps := make([]*poller, 0, pollers)
	for i := 0; i < pollers; i++ {
		p := newPoller("backend-" + strconv.Itoa(i) + ":8080")
		ps = append(ps, p)
		pprof.Do(ctx, pprof.Labels("component", "healthcheck", "poller", strconv.Itoa(i%4)), func(context.Context) {
			go p.run()
		})
	}
	return ps
}

func runTicker() {
	ps := startPollers(context.Background())
	time.Sleep(pollRunTime)
	if leak {
		return // the pollers are simply forgotten
	}
	for _, p := range ps {
		close(p.done)
	}
}
