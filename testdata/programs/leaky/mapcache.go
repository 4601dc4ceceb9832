package main

import (
	"strconv"
	"sync"
)

// Scenario mapcache: sessions are cached in a package-level map keyed by
// session ID. Every request brings a new session ID, so without eviction the
// map only grows (the leaking variant). The healthy variant bounds the
// cache and evicts the oldest entries.

const (
	cacheRequests     = 4000
	sessionStateSize  = 2048
	maxCachedSessions = 128
)

type session struct {
	id    string
	user  string
	state []byte
}

var (
	sessionMu    sync.Mutex
	sessionCache = map[string]*session{}
	sessionOrder []string // insertion order; only used for eviction
)

func getSession(user string, id int) *session {
	key := sessionKey(user, id)
	sessionMu.Lock()
	defer sessionMu.Unlock()
	if s, ok := sessionCache[key]; ok {
		return s
	}
	s := loadSession(user, key)
	cachePut(key, s)
	return s
}

// sessionKey is small enough to be inlined into getSession.
func sessionKey(user string, id int) string {
	return user + "/" + strconv.Itoa(id)
}

func loadSession(user, key string) *session {
	return &session{id: key, user: user, state: newSessionState()}
}

// newSessionState is small enough to be inlined into loadSession.
func newSessionState() []byte {
	return make([]byte, sessionStateSize)
}

func cachePut(key string, s *session) {
	sessionCache[key] = s
	if leak {
		return // Bug: nothing is ever evicted.
	}
	sessionOrder = append(sessionOrder, key)
	for len(sessionOrder) > maxCachedSessions {
		delete(sessionCache, sessionOrder[0])
		sessionOrder = sessionOrder[1:]
	}
}
