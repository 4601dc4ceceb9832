package main

import "time"

// A pretend database backend used by the timeout scenario.

const (
	rowsPerResult = 16
	rowSize       = 512
)

type queryResult struct {
	sql  string
	rows [][]byte
}

func slowBackend(q query) *queryResult {
	time.Sleep(q.latency)
	return &queryResult{sql: q.sql, rows: fetchRows(rowsPerResult)}
}

func fetchRows(n int) [][]byte {
	rows := make([][]byte, n)
	for i := range rows {
		rows[i] = newRow(i)
	}
	return rows
}

// newRow is small enough to be inlined into fetchRows.
func newRow(i int) []byte {
	row := make([]byte, rowSize)
	row[0] = byte(i)
	return row
}
