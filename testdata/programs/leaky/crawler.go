package main

import (
	"strconv"
	"sync"
)

// A small site crawler used by the waitgroup scenario. crawl is recursive:
// it fetches the links of a page concurrently (one goroutine per link,
// joined with a sync.WaitGroup) and then descends into every fetched page.

const (
	crawlDepth    = 3
	linksPerPage  = 2
	pageBodySize  = 4096
	crawlSites    = 16
	crawlDeadline = 300 // milliseconds
)

type page struct {
	url   string
	body  []byte
	links []string
}

type crawler struct {
	site string
	wg   sync.WaitGroup
	mu   sync.Mutex
	seen map[string]bool
	got  []*page
}

func newCrawler(site string) *crawler {
	return &crawler{site: site, seen: map[string]bool{}}
}

func (c *crawler) crawl(p *page, depth int) {
	if depth == crawlDepth {
		return
	}
	for _, child := range c.fetchAll(p.links) {
		c.crawl(child, depth+1)
	}
}

func (c *crawler) fetchAll(urls []string) []*page {
	results := make([]*page, len(urls))
	c.wg.Add(len(urls))
	for i, u := range urls {
		go c.fetch(u, results, i)
	}
	c.awaitFetches()
	return compactPages(results)
}

// awaitFetches is small enough to be inlined into fetchAll.
func (c *crawler) awaitFetches() {
	c.wg.Wait()
}

func (c *crawler) fetch(url string, results []*page, i int) {
	if leak {
		// Bug: the duplicate check returns before Done is deferred, so a
		// page that links back to one already seen leaves the WaitGroup
		// counter above zero and fetchAll waits forever.
		if c.markSeen(url) {
			return
		}
		defer c.wg.Done()
	} else {
		defer c.wg.Done()
		if c.markSeen(url) {
			return
		}
	}
	results[i] = download(url)
}

func (c *crawler) markSeen(url string) (dup bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[url] {
		return true
	}
	c.seen[url] = true
	return false
}

func compactPages(ps []*page) []*page {
	out := ps[:0]
	for _, p := range ps {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// download fakes an HTTP GET. Pages two levels below the root link back to
// the site root, which the crawler has already seen.
func download(url string) *page {
	p := &page{url: url, body: make([]byte, pageBodySize)}
	level := 0
	for _, r := range url {
		if r == '/' {
			level++
		}
	}
	for i := 0; i < linksPerPage; i++ {
		p.links = append(p.links, url+"/"+strconv.Itoa(i))
	}
	if level >= 2 {
		p.links = append(p.links, siteRoot(url))
	}
	return p
}

func siteRoot(url string) string {
	for i := 0; i < len(url); i++ {
		if url[i] == '/' {
			return url[:i]
		}
	}
	return url
}
