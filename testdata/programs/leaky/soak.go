package main

// Soak mode: `leaky soak -scenario S -out DIR` drives a small in-process
// service at a constant synthetic load (the same number of requests in every
// interval) and writes a heap and a goroutine snapshot after each interval:
//
//	DIR/heap-1.pb.gz … DIR/heap-N.pb.gz
//	DIR/goroutine-1.pb.gz … DIR/goroutine-N.pb.gz
//
// The file names are not zero-padded on purpose: pprof-gate orders them
// naturally (heap-2 before heap-10) when it does not use the profiles' times.
// The heap is sampled at the runtime's default MemProfileRate, and no GC is
// forced before a snapshot (as with `curl /debug/pprof/heap`), so the
// snapshots are as noisy as a real service's.
//
// Scenarios:
//
//	healthy       a bounded working set replaced at random, plus garbage
//	plateau       healthy + a response cache that fills during the first
//	              intervals and then stays full (bounded)
//	slowleak      healthy + an audit log that keeps -leak-rate of the
//	              working set per interval forever (recordAudit)
//	goroutineleak healthy + -stuck goroutines per interval blocked forever
//	              on a channel nobody sends to (watchUpstream)

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"time"
)

const (
	soakWorkingSetEntries = 2500
	soakMinEntryBytes     = 4 << 10
	soakMaxEntryBytes     = 12 << 10
	soakAuditRecordBytes  = 512
	plateauCacheEntries   = 3000 // filled in three intervals of 3000 requests
	plateauEntryBytes     = 2 << 10
)

type soakEntry struct {
	key     int
	payload []byte
}

type soakService struct {
	rng        *rand.Rand
	workingSet []*soakEntry
	respCache  map[int][]byte
	audit      [][]byte
	auditDue   float64 // bytes of audit records owed (the leak rate is not a whole record per request)
	sink       int
}

var soakStuck []chan struct{}

func runSoak(args []string) {
	fs := flag.NewFlagSet("soak", flag.ExitOnError)
	scenario := fs.String("scenario", "healthy", "healthy, plateau, slowleak or goroutineleak")
	out := fs.String("out", ".", "directory for the snapshots")
	intervals := fs.Int("intervals", 16, "number of intervals (snapshots)")
	requests := fs.Int("requests", 3000, "requests per interval (the constant load)")
	leakRate := fs.Float64("leak-rate", 0.03, "slowleak: bytes kept per interval, as a share of the working set")
	stuck := fs.Int("stuck", 3, "goroutineleak: goroutines stuck per interval")
	seed := fs.Int64("seed", time.Now().UnixNano(), "random seed of the load")
	fs.Parse(args)

	switch *scenario {
	case "healthy", "plateau", "slowleak", "goroutineleak":
	default:
		fmt.Fprintf(os.Stderr, "leaky soak: unknown scenario %q\n", *scenario)
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "leaky soak:", err)
		os.Exit(1)
	}
	s := &soakService{rng: rand.New(rand.NewSource(*seed)), respCache: map[int][]byte{}}
	s.fillWorkingSet()
	workingSetBytes := soakWorkingSetEntries * (soakMinEntryBytes + soakMaxEntryBytes) / 2
	leakPerRequest := *leakRate * float64(workingSetBytes) / float64(*requests)

	var inflight sync.WaitGroup
	for i := 1; i <= *intervals; i++ {
		for r := 0; r < *requests; r++ {
			s.handleRequest()
			if *scenario == "plateau" {
				s.cacheResponse(r)
			}
			if *scenario == "slowleak" {
				s.recordAudit(leakPerRequest)
			}
		}
		// Connections in flight at snapshot time: a varying few, as in a service.
		for c := s.rng.Intn(6); c > 0; c-- {
			inflight.Add(1)
			go serveConn(&inflight, time.Duration(s.rng.Intn(150))*time.Millisecond)
		}
		if *scenario == "goroutineleak" {
			for k := 0; k < *stuck; k++ {
				ch := make(chan struct{})
				soakStuck = append(soakStuck, ch)
				go watchUpstream(ch)
			}
		}
		time.Sleep(20 * time.Millisecond) // let new goroutines reach their wait
		if err := writeSnapshot(*out, i); err != nil {
			fmt.Fprintln(os.Stderr, "leaky soak:", err)
			os.Exit(1)
		}
	}
	inflight.Wait()
	if s.sink == -1 {
		fmt.Println(len(s.audit), len(s.respCache))
	}
}

func (s *soakService) fillWorkingSet() {
	s.workingSet = make([]*soakEntry, soakWorkingSetEntries)
	for i := range s.workingSet {
		s.workingSet[i] = s.newEntry(i)
	}
}

func (s *soakService) newEntry(key int) *soakEntry {
	size := soakMinEntryBytes + s.rng.Intn(soakMaxEntryBytes-soakMinEntryBytes)
	return &soakEntry{key: key, payload: make([]byte, size)}
}

// handleRequest is the constant load: garbage for every request, and two
// working-set entries replaced (live churn, bounded). The working set turns
// over about twice per interval, so consecutive snapshots differ by as much
// as a real service's do (±20–30% in inuse_space at the default sampling
// rate); a working set that turned over slowly would drift for minutes.
func (s *soakService) handleRequest() {
	body := decodeBody(1<<10 + s.rng.Intn(15<<10))
	s.sink += len(body)
	for i := 0; i < 2; i++ {
		k := s.rng.Intn(len(s.workingSet))
		s.workingSet[k] = s.newEntry(k)
	}
}

//go:noinline
func decodeBody(n int) []byte {
	b := make([]byte, n)
	b[0] = 1
	return b
}

// cacheResponse fills a bounded response cache during the first three
// intervals (one entry every third request); afterwards it is full and
// entries are only replaced, about twice per interval as the working set.
func (s *soakService) cacheResponse(request int) {
	if len(s.respCache) < plateauCacheEntries {
		if request%3 == 0 {
			s.respCache[len(s.respCache)] = make([]byte, plateauEntryBytes)
		}
		return
	}
	s.respCache[s.rng.Intn(plateauCacheEntries)] = make([]byte, plateauEntryBytes)
	s.respCache[s.rng.Intn(plateauCacheEntries)] = make([]byte, plateauEntryBytes)
}

// recordAudit is the slow leak: records appended to a log nobody trims,
// `bytes` per request on average.
//
//go:noinline
func (s *soakService) recordAudit(bytes float64) {
	s.auditDue += bytes
	for s.auditDue >= soakAuditRecordBytes {
		s.audit = append(s.audit, make([]byte, soakAuditRecordBytes))
		s.auditDue -= soakAuditRecordBytes
	}
}

func serveConn(wg *sync.WaitGroup, d time.Duration) {
	defer wg.Done()
	time.Sleep(d)
}

// watchUpstream waits for a signal that never comes.
func watchUpstream(done chan struct{}) {
	<-done
}

func writeSnapshot(dir string, i int) error {
	for _, kind := range []string{"heap", "goroutine"} {
		if err := writeProfile(filepath.Join(dir, fmt.Sprintf("%s-%d.pb.gz", kind, i)), kind); err != nil {
			return err
		}
	}
	return nil
}
