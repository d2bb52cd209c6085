package domain

import "sync"

// both runs first on this goroutine and second on another (the laptop's
// second core) and returns when both are done. A panic in second is raised
// again here, so that it reaches whoever recovers this goroutine (Bubble Tea
// restores the terminal) instead of killing the program.
func both(first, second func()) {
	var wg sync.WaitGroup
	var crashed any
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { crashed = recover() }()
		second()
	}()
	first()
	wg.Wait()
	if crashed != nil {
		panic(crashed)
	}
}
