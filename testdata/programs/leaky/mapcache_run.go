package main

var cacheUsers = []string{"alice", "bob", "carol", "dave"}

func handleRequest(n int) int {
	s := getSession(cacheUsers[n%len(cacheUsers)], n)
	s.state[n%len(s.state)]++
	return len(s.state)
}

func runMapcache() {
	total := 0
	for n := 0; n < cacheRequests; n++ {
		total += handleRequest(n)
	}
	_ = total
}
