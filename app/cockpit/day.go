package cockpit

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// The day: at midnight (the clock's, Options.Now, in its zone) an open
// cockpit moves to the new day: the book's derived figures, the triage
// queue, the agenda, the KPI pane's current period, the open account and
// brief are recomputed for it, so that every pane agrees; a cockpit open for
// days takes each day's backup.

// newDayMsg is what the timer sends at midnight (a test sends it after
// moving its clock).
type newDayMsg struct{}

// midnightCmd waits until the next midnight of the clock.
func midnightCmd(now time.Time) tea.Cmd {
	y, mo, d := now.Date()
	wait := time.Date(y, mo, d+1, 0, 0, 0, 0, now.Location()).Sub(now)
	return tea.Tick(max(wait, time.Second), func(time.Time) tea.Msg { return newDayMsg{} })
}

// watchDay starts the midnight timer, once: with the first triage queue
// shown (the first screen, not held up by it).
func (m *Model) watchDay() tea.Cmd {
	if m.dayTimer {
		return nil
	}
	m.dayTimer = true
	return midnightCmd(m.opt.Now())
}

// newDay moves the cockpit to the clock's day, when it changed, and waits
// for the next midnight.
func (m *Model) newDay() tea.Cmd {
	next := midnightCmd(m.opt.Now())
	today := m.today()
	if m.book == nil || m.book.Today == today {
		return next // woken early: wait again
	}
	b := domain.NewBookWithoutIndex(m.book.Sums, today)
	b.Index = m.book.Index // the names it indexes do not depend on the day
	m.book = b
	cmds := []tea.Cmd{next, m.broadcast(views.BookMsg{Book: b}), triageCmd(b, m.opt.Triage), m.refreshAgenda(), m.refreshBrief(0), m.dailyBackup()}
	if m.detailID != 0 {
		cmds = append(cmds, m.loadDetail(m.detailID))
	}
	return tea.Batch(cmds...)
}
