package main

import (
	"errors"
	"sync"
	"time"
)

// Scenario timeout: a client wraps a slow backend call in a timeout. The
// call runs in its own goroutine and hands the result back on a channel.
// When the caller gives up on time.After, nobody ever receives from that
// channel; with an unbuffered channel the worker blocks in its send forever
// and keeps the result alive. The healthy variant gives the channel a buffer
// of one so the worker can always deliver and exit.

const (
	queryClients     = 8
	queriesPerClient = 20
	queryTimeout     = 10 * time.Millisecond
	slowQueryLatency = 40 * time.Millisecond
	fastQueryLatency = 1 * time.Millisecond
)

var errQueryTimeout = errors.New("query timed out")

type query struct {
	sql     string
	latency time.Duration
}

func queryWithTimeout(q query, timeout time.Duration) (*queryResult, error) {
	var ch chan *queryResult
	if leak {
		ch = make(chan *queryResult)
	} else {
		ch = make(chan *queryResult, 1)
	}
	go func() {
		ch <- slowBackend(q)
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(timeout):
		return nil, errQueryTimeout
	}
}

type clientStats struct {
	mu       sync.Mutex
	ok       int
	timeouts int
	rows     int
}

func runClient(id int, st *clientStats) {
	for i := 0; i < queriesPerClient; i++ {
		q := query{sql: "SELECT * FROM orders WHERE customer = ?", latency: fastQueryLatency}
		if i%2 == 1 {
			q.latency = slowQueryLatency
		}
		r, err := queryWithTimeout(q, queryTimeout)
		st.mu.Lock()
		if err != nil {
			st.timeouts++
		} else {
			st.ok++
			st.rows += len(r.rows)
		}
		st.mu.Unlock()
	}
}

func runTimeout() {
	var wg sync.WaitGroup
	st := &clientStats{}
	for c := 0; c < queryClients; c++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			runClient(id, st)
		}(c)
	}
	wg.Wait()
}
