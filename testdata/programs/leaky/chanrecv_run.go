package main

import (
	"context"
	"sync"
)

type eventStats struct {
	mu     sync.Mutex
	counts map[string]int
	bytes  int
}

func (st *eventStats) record(ev event) {
	st.mu.Lock()
	st.counts[ev.topic]++
	st.bytes += len(ev.body)
	st.mu.Unlock()
}

var busStats = &eventStats{counts: map[string]int{}}

func runChanrecv() {
	bus := &eventBus{}
	ctx := context.Background()
	for i := 0; i < subscribersPerTopic; i++ {
		for _, topic := range busTopics {
			bus.subscribe(ctx, topic, busStats.record)
		}
	}
	for seq := 0; seq < eventsPerTopic; seq++ {
		for _, topic := range busTopics {
			bus.publish(newEvent(topic, seq))
		}
	}
	if leak {
		// Bug: the bus is dropped without close(); its consumers wait for
		// events that will never come.
		return
	}
	bus.close()
	bus.wg.Wait()
}
