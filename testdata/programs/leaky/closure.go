package main

import (
	"strconv"
	"sync"
)

// Scenario closure: upload handlers register a callback in a long-lived,
// package-level registry so that the upload can be described later. In the
// leaking variant the callback closes over the whole request body although
// it only needs the first few bytes, so every body stays reachable for as
// long as the registry does. The healthy variant copies the header first.

const (
	uploads        = 24
	uploadBodySize = 256 << 10
	uploadHeader   = 32
)

type hookRegistry struct {
	mu    sync.Mutex
	hooks map[string]func() string
	order []string
}

var uploadHooks = &hookRegistry{hooks: map[string]func() string{}}

func (r *hookRegistry) register(name string, fn func() string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hooks[name] = fn
	r.order = append(r.order, name)
}

func (r *hookRegistry) describeAll() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.order))
	for _, name := range r.order {
		out = append(out, r.hooks[name]())
	}
	return out
}

func handleUpload(id int) {
	body := readUpload(id)
	name := "upload-" + strconv.Itoa(id)
	keep := body
	if !leak {
		// Only the header is needed later: copy it so body can be freed.
		keep = append([]byte(nil), body[:uploadHeader]...)
	}
	uploadHooks.register(name, func() string {
		return describeUpload(name, keep)
	})
}

func readUpload(id int) []byte {
	body := make([]byte, uploadBodySize)
	for i := 0; i < uploadHeader; i++ {
		body[i] = byte('a' + (id+i)%26)
	}
	return body
}

func describeUpload(name string, data []byte) string {
	return name + ": " + string(data[:uploadHeader])
}

func runClosure() {
	for id := 0; id < uploads; id++ {
		handleUpload(id)
	}
	_ = uploadHooks.describeAll()
}
