package cockpit

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/app/apptest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// driver runs a cockpit as Bubble Tea does, without a terminal: every
// command in a goroutine of its own, every message through Update on the
// caller's goroutine. Ticks sleep in their goroutines and are dropped at stop.
type driver struct {
	m    *Model
	msgs chan tea.Msg
	done chan struct{}
	seen map[string]bool // the types of the messages handled
}

func newDriver(m *Model, w, h int) *driver {
	d := &driver{m: m, msgs: make(chan tea.Msg, 64), done: make(chan struct{}), seen: map[string]bool{}}
	d.update(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				d.run(c)
			}
			return
		}
		if msg == nil {
			return
		}
		select {
		case d.msgs <- msg:
		case <-d.done:
		}
	}()
}

func (d *driver) update(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// until feeds messages to the model until stop says so after one, then draws the screen.
func (d *driver) until(stop func(tea.Msg) bool) string {
	for {
		msg := <-d.msgs
		d.update(msg)
		d.seen[fmt.Sprintf("%T", msg)] = true
		if stop(msg) {
			return d.m.View()
		}
	}
}

func (d *driver) stop() { close(d.done) }

// firstScreen starts the cockpit on st at 80×24 and returns it with its
// first screen that shows the triage queue's rows.
func firstScreen(st *store.Store) (*driver, string) {
	m := New(Options{Store: *st, Name: "bench.db", Now: func() time.Time { return apptest.BenchNow }})
	d := newDriver(m, 80, 24)
	d.run(m.Init())
	return d, d.until(func(msg tea.Msg) bool { _, ok := msg.(triageBuiltMsg); return ok })
}

// settle lets the work after the first screen finish (the fuzzy index and
// the agenda), so that it does not run into the next measurement.
func (d *driver) settle() {
	settled := func() bool {
		return d.seen[fmt.Sprintf("%T", indexBuiltMsg{})] && d.seen[fmt.Sprintf("%T", agendaBuiltMsg{})]
	}
	if !settled() {
		d.until(func(tea.Msg) bool { return settled() })
	}
}

// BenchmarkFirstScreen: process start (the model made) to the first frame
// with triage rows: load the book, rank the queue, draw.
func BenchmarkFirstScreen(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			st := apptest.BenchBook(b, n, n*10)
			b.ReportAllocs()
			var cpu time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c0 := cpuTime()
				d, _ := firstScreen(st)
				cpu += cpuTime() - c0
				b.StopTimer()
				d.settle()
				d.stop()
				b.StartTimer()
			}
			// The CPU the process used until the first screen (both cores):
			// what a busy machine's figure cannot hide.
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkOutsideWrite: another process wrote a note on one account of the
// 100k book; what the open cockpit does with the account's new summary.
// rebuild is the old path (the whole book derived again, re-sorted by name);
// apply takes in only what changed; update is the cockpit's Update of the
// new book on the event loop (the panes take it: rows by name, shared names).
func BenchmarkOutsideWrite(b *testing.B) {
	st := apptest.BenchBook(b, 100_000, 1_000_000)
	today := domain.DateOf(apptest.BenchNow)
	l, err := app.LoadBook(st, today)
	if err != nil {
		b.Fatal(err)
	}
	base := l.Book
	base.NameOrder()
	base.Index = domain.NewSearchIndex(base.Sums)
	noted := func(bk *domain.Book, i int) domain.Summary {
		u := bk.Sums[(i*7919)%bk.Len()]
		u.LastTouch = today
		u.Items = append(slices.Clone(u.Items), domain.ItemRef{ID: uint64(1_000_000 + i), Due: today.AddDays(4), Text: "follow up"})
		return u
	}
	b.Run("rebuild", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			base.Rebuilt([]domain.Summary{noted(base, i)}, nil).NameOrder()
		}
	})
	b.Run("apply", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			base.With([]domain.Summary{noted(base, i)}, nil).NameOrder()
		}
	})
	b.Run("update", func(b *testing.B) {
		d, _ := firstScreen(st)
		d.settle()
		defer d.stop()
		m := d.m
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			u := noted(m.book, i)
			nb := m.book.With([]domain.Summary{u}, nil)
			nb.NameOrder()
			b.StartTimer()
			m.Update(changesMsg{changes: m.changes + 1, ident: m.ident, base: m.book, book: nb, touched: []uint64{u.ID}})
		}
	})
}

// BenchmarkMemoryAfterStart: the cockpit on the 100k book after its start
// (the first screen and the work after it) and a search session in the
// palette (six letters typed, each searched): the heap in use after a GC and
// the process's resident and peak memory. Run it alone (-bench
// MemoryAfterStart) for the RSS to be the cockpit's.
func BenchmarkMemoryAfterStart(b *testing.B) {
	st := apptest.BenchBook(b, 100_000, 1_000_000)
	for i := 0; i < b.N; i++ {
		d, _ := firstScreen(st)
		d.settle()
		d.update(tea.KeyMsg{Type: tea.KeyCtrlK})
		for _, r := range "acme r" {
			d.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			d.until(func(msg tea.Msg) bool { return fmt.Sprintf("%T", msg) == "views.paletteDoneMsg" })
		}
		d.update(tea.KeyMsg{Type: tea.KeyEsc})
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-inuse-MB")
		b.ReportMetric(procStatusMB("VmRSS:"), "RSS-MB")
		b.ReportMetric(procStatusMB("VmHWM:"), "peak-RSS-MB")
		runtime.KeepAlive(d.m)
		d.stop()
	}
}

// procStatusMB reads a size from /proc/self/status (0 where there is none).
func procStatusMB(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, field); ok {
			var kb float64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb / 1024
		}
	}
	return 0
}
