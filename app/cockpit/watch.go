package cockpit

import (
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/fsnotify/fsnotify"
	"github.com/tend-cli/tend/app"
)

// How the cockpit notices other processes' writes: it watches the data
// file's directory and reads the change counter when the file was written
// or replaced, so an idle cockpit does nothing at all. It watches the
// directory, not the file: bbolt writes in place, but a restore renames a new
// file over the path, which a watch on the old file would never see. Where
// watching is not available, it looks every PollEvery instead.

// watcher tells when the data file may have changed.
type watcher struct {
	fs   *fsnotify.Watcher
	path string // the data file, absolute, symlinks resolved
}

type (
	watchStartedMsg struct {
		w   *watcher
		err error
	}
	fileChangedMsg struct{}
)

// A burst of writes (an import, a restore) is looked at once: after the
// first event, the watcher waits until the file has been quiet for
// watchQuiet, at most watchSettle.
const (
	watchQuiet  = 20 * time.Millisecond
	watchSettle = 250 * time.Millisecond
)

// newFSWatcher makes the watcher (a test makes it fail).
var newFSWatcher = fsnotify.NewWatcher

// startWatchCmd starts watching the directory of the data file at path.
func startWatchCmd(path string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		abs, err := filepath.Abs(path)
		if err != nil {
			return watchStartedMsg{err: err}
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		fw, err := newFSWatcher()
		if err != nil {
			return watchStartedMsg{err: err}
		}
		if err := fw.Add(filepath.Dir(abs)); err != nil {
			fw.Close()
			return watchStartedMsg{err: err}
		}
		return watchStartedMsg{w: &watcher{fs: fw, path: abs}}
	}
}

// next blocks until the data file was written, created or renamed into
// place, lets a burst settle and says so; nil once the watcher is closed.
// An error of the watcher (events lost) is taken as a change: the counter
// is read, which is always right.
func (w *watcher) next() tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		for {
			select {
			case ev, ok := <-w.fs.Events:
				if !ok {
					return nil
				}
				if w.ours(ev) {
					w.settle()
					return fileChangedMsg{}
				}
			case _, ok := <-w.fs.Errors:
				if !ok {
					return nil
				}
				return fileChangedMsg{}
			}
		}
	}
}

func (w *watcher) ours(ev fsnotify.Event) bool {
	return ev.Name == w.path && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0
}

// settle drains the events of a burst.
func (w *watcher) settle() {
	end := time.NewTimer(watchSettle)
	defer end.Stop()
	quiet := time.NewTimer(watchQuiet)
	defer quiet.Stop()
	for {
		select {
		case _, ok := <-w.fs.Events:
			if !ok {
				return
			}
			quiet.Reset(watchQuiet)
		case <-quiet.C:
			return
		case <-end.C:
			return
		}
	}
}

// startLooking starts noticing other processes' writes, after the first
// load: the watcher, or the poll where it is not wanted.
func (m *Model) startLooking() tea.Cmd {
	if !m.opt.Watch {
		return m.pollTick()
	}
	return startWatchCmd(m.st.Path)
}

// watchStarted takes the watcher in (and reads the counter once: a write
// may have come between the load and the watch), or falls back to the poll.
func (m *Model) watchStarted(msg watchStartedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus("not watching the data file ("+app.OneLine(msg.err).Error()+"): looking for other processes' writes every "+m.pollEvery().String(), true)
		return m.pollTick()
	}
	m.watch = msg.w
	return pollCmd(m.st, m.changes, m.book, m.ident, true)
}

// nextLook is the one chain of looks after a look (tick: it was one): the
// next event, or the next poll. A busy file is looked at again after
// pollEvery: the writer's last event may be behind us.
func (m *Model) nextLook(err error) tea.Cmd {
	if m.watch == nil || app.IsBusy(err) {
		return m.pollTick()
	}
	return m.watch.next()
}

func (m *Model) pollEvery() time.Duration {
	if m.opt.PollEvery > 0 {
		return m.opt.PollEvery
	}
	return PollEvery
}

func (m *Model) pollTick() tea.Cmd {
	return tea.Tick(m.pollEvery(), func(time.Time) tea.Msg { return pollTickMsg{} })
}

// Close stops watching the data file (Run calls it when the program ended).
func (m *Model) Close() {
	if m.watch != nil {
		m.watch.fs.Close()
		m.watch = nil
	}
}
