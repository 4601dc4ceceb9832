package main

import (
	"context"
	"runtime/pprof"
	"sync"
)

// Scenario chanrecv: an in-process event bus. Every subscriber gets its own
// channel and a goroutine that ranges over it. The healthy bus closes the
// channels on shutdown; the leaking one never does, so every consumer
// goroutine stays parked in a channel receive.

const (
	subscribersPerTopic = 16
	eventsPerTopic      = 200
	eventBodySize       = 256
)

var busTopics = []string{"orders", "payments", "audit"}

type event struct {
	topic string
	seq   int
	body  []byte
}

type subscription struct {
	topic string
	ch    chan event
}

type eventBus struct {
	mu   sync.Mutex
	subs []*subscription
	wg   sync.WaitGroup
}

// subscribe starts a consumer goroutine for topic. The goroutine carries a
// "subscriber" profiler label so that it can be told apart in goroutine
// profiles.
func (b *eventBus) subscribe(ctx context.Context, topic string, handle func(event)) {
	s := &subscription{topic: topic, ch: make(chan event, 4)}
	b.mu.Lock()
	b.subs = append(b.subs, s)
	b.mu.Unlock()
	b.wg.Add(1)
	pprof.Do(ctx, pprof.Labels("subscriber", topic), func(context.Context) {
		go b.consume(s, handle)
	})
}

func (b *eventBus) consume(s *subscription, handle func(event)) {
	defer b.wg.Done()
	for ev := range s.ch {
		handle(ev)
	}
}

func (b *eventBus) publish(ev event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		if s.topic == ev.topic {
			s.ch <- ev
		}
	}
}

// close ends every subscription; consumers return once their channel is
// drained.
func (b *eventBus) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		close(s.ch)
	}
	b.subs = nil
}

// newEvent is small enough to be inlined into its callers.
func newEvent(topic string, seq int) event {
	return event{topic: topic, seq: seq, body: make([]byte, eventBodySize)}
}
