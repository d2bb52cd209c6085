package cockpit

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
)

// lastPanic keeps the value and stack of a panic in Update or View, for the
// crash report (Bubble Tea recovers the panic and restores the terminal).
var lastPanic atomic.Value

func catchPanic() {
	if r := recover(); r != nil {
		lastPanic.Store(fmt.Sprintf("%v\n\n%s", r, debug.Stack()))
		panic(r)
	}
}

// goSafe runs fn on a goroutine of its own and delivers a panic to the
// program as a message, so a crash there still restores the terminal.
func goSafe(fn func()) tea.Cmd {
	done := make(chan any, 1)
	go func() {
		defer func() {
			r := recover()
			if r != nil {
				lastPanic.Store(fmt.Sprintf("%v\n\n%s", r, debug.Stack()))
			}
			done <- r
		}()
		fn()
	}()
	return func() tea.Msg {
		if r := <-done; r != nil {
			panic(r) // inside a command: Bubble Tea recovers it and restores the terminal
		}
		return nil
	}
}

// injectPanic fires the test-only panic hook on the first key press.
func (m *Model) injectPanic(msg tea.Msg) tea.Cmd {
	if m.opt.PanicHook == "" {
		return nil
	}
	if _, ok := msg.(tea.KeyMsg); !ok {
		return nil
	}
	m.panicArmed = true
	switch m.opt.PanicHook {
	case "update":
		panic("injected panic in Update (test hook)")
	case "cmd":
		return func() tea.Msg {
			defer catchPanic()
			panic("injected panic in a command (test hook)")
		}
	case "goroutine":
		return goSafe(func() { panic("injected panic in a goroutine (test hook)") })
	}
	return nil
}
