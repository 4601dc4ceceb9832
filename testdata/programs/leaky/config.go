package main

import "strconv"

// configNode is one section of a hierarchical configuration, loaded at
// start-up and kept for the life of the process.
type configNode struct {
	name     string
	value    []byte
	children []*configNode
}

const (
	configDepth  = 4
	configFanout = 4
	configValue  = 96
)

var appConfig *configNode

func loadConfig() {
	appConfig = parseSection("root", 0)
}

// parseSection is recursive: at the deepest level the stack holds
// configDepth+1 parseSection frames.
func parseSection(name string, depth int) *configNode {
	n := &configNode{name: name, value: make([]byte, configValue)}
	if depth < configDepth {
		n.children = make([]*configNode, 0, configFanout)
		for i := 0; i < configFanout; i++ {
			n.children = append(n.children, parseSection(childName(name, i), depth+1))
		}
	}
	return n
}

// childName is small enough to be inlined into parseSection.
func childName(parent string, i int) string {
	return parent + "." + strconv.Itoa(i)
}
