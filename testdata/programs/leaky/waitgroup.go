package main

import (
	"strconv"
	"time"
)

// Scenario waitgroup: crawlers whose fetchAll waits on a sync.WaitGroup that
// one fetch forgets to mark Done (see crawler.fetch). The crawler goroutines
// stay in sync.(*WaitGroup).Wait (runtime_Semacquire) with several crawl
// frames below. The caller stops waiting after a deadline and moves on.

func runWaitgroup() {
	done := make(chan *crawler, crawlSites)
	for s := 0; s < crawlSites; s++ {
		c := newCrawler("site" + strconv.Itoa(s) + ".example")
		go func() {
			root := download(c.site)
			c.markSeen(c.site)
			c.crawl(root, 0)
			done <- c
		}()
	}
	deadline := time.After(crawlDeadline * time.Millisecond)
	finished := 0
	for finished < crawlSites {
		select {
		case <-done:
			finished++
		case <-deadline:
			return // give up on the stuck crawlers
		}
	}
}
