package main

import (
	"fmt"
	"strconv"
)

// Scenario escape: a hot loop that builds metric keys and reports samples to
// an observer. The leaking variant lets values escape to the heap on every
// iteration: fmt.Sprintf allocates the key, and the pointer returned by
// newPoint escapes because it is passed through an interface method call.
// The healthy variant formats into a reused buffer and passes plain values.
// The difference shows in alloc_space and alloc_objects, not in inuse_*.

const (
	escapeIterations = 200000
	escapeShards     = 16
)

type point struct {
	shard int
	value int
}

// newPoint is small enough to be inlined into its caller.
func newPoint(shard, value int) *point {
	return &point{shard: shard, value: value}
}

type observer interface {
	observe(key string, p *point)
}

type sumObserver struct {
	counts map[string]*int
	sum    int
}

func (s *sumObserver) observe(key string, p *point) {
	c := s.counts[key]
	if c == nil {
		c = new(int)
		s.counts[key] = c
	}
	*c++
	s.sum += p.value
}

// observeValue only converts key to a string when it adds a new counter; the
// lookup with string(key) does not allocate.
func (s *sumObserver) observeValue(key []byte, value int) {
	c := s.counts[string(key)]
	if c == nil {
		c = new(int)
		s.counts[string(key)] = c
	}
	*c++
	s.sum += value
}

// recordEscaping allocates twice per call.
func recordEscaping(obs observer, i int) {
	key := fmt.Sprintf("shard-%02d/metric", i%escapeShards)
	obs.observe(key, newPoint(i%escapeShards, i))
}

// record does the same work without allocating.
func record(s *sumObserver, buf []byte, i int) []byte {
	buf = append(buf[:0], "shard-"...)
	if i%escapeShards < 10 {
		buf = append(buf, '0')
	}
	buf = strconv.AppendInt(buf, int64(i%escapeShards), 10)
	buf = append(buf, "/metric"...)
	s.observeValue(buf, i)
	return buf
}

func runEscape() {
	s := &sumObserver{counts: make(map[string]*int, escapeShards)}
	var obs observer = s
	buf := make([]byte, 0, 32)
	for i := 0; i < escapeIterations; i++ {
		if leak {
			recordEscaping(obs, i)
		} else {
			buf = record(s, buf, i)
		}
	}
	_ = s.sum
}
