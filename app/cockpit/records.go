package cockpit

// The records browser's requests (views/records.go): load an account's
// records, save, delete, record a goal's progress, and undo the last of
// those changes. Each write is pinned to the account it was started on
// (number and UID, in the loaded book) and to the record picked (number
// and UID): it lands there or nowhere, and the status line says why.

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

type (
	recordsLoadedMsg struct {
		acct views.Ref
		recs []app.Rec
		err  error
	}
	// recordDoneMsg reports a change of a record and how to take it back.
	recordDoneMsg struct {
		what    string // said when it worked: "note #3 saved"
		nothing string // said when it failed: "nothing deleted"
		acct    views.Ref
		sel     views.SelectRecordMsg // the record added, for the browser's cursor (zero: none)
		ident   app.Identity
		undo    app.Undo
		err     error
	}
	recordUndoneMsg struct {
		what string
		acct views.Ref
		err  error
	}
	accountAddedMsg struct {
		acct domain.Account
		err  error
		warn string // another account has its name
	}
)

// recordUndo is one change on records that u takes back: in the book it
// was made in, on the record it was made to, or not at all.
type recordUndo struct {
	what  string
	acct  views.Ref
	ident app.Identity
	undo  app.Undo
}

func toRec(r views.Record) app.Rec {
	return app.Rec{Kind: app.Kind(r.Kind), ID: r.ID, UID: r.UID, Label: r.Label, Value: r.Value, Was: r.Was}
}

func fromRec(r app.Rec) views.Record {
	return views.Record{Kind: string(r.Kind), ID: r.ID, UID: r.UID, Label: r.Label, Value: r.Value}
}

func loadRecordsCmd(st app.File, acct views.Ref) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		recs, err := app.Records(&st, app.Ref{ID: acct.ID, UID: acct.UID})
		return recordsLoadedMsg{acct: acct, recs: recs, err: err}
	}
}

// recordWrite runs a change of a record in the loaded book (pinned) and
// reports it with its undo.
func (m *Model) recordWrite(acct views.Ref, what, nothing string, do func(st app.Store, a app.Ref) (app.Undo, error)) tea.Cmd {
	return m.recordSave(acct, func(string) string { return what }, nothing, func(st app.Store, a app.Ref) (app.Rec, app.Undo, error) {
		u, err := do(st, a)
		return app.Rec{}, u, err
	})
}

// recordSave is recordWrite for a write that returns the record as stored,
// whose label what puts in words.
func (m *Model) recordSave(acct views.Ref, what func(label string) string, nothing string, do func(st app.Store, a app.Ref) (app.Rec, app.Undo, error)) tea.Cmd {
	if !m.known(acct) {
		m.setStatus(goneText(acct, nothing), true)
		return nil
	}
	st, ident := m.writer(), m.ident
	return func() tea.Msg {
		defer catchPanic()
		rec, u, err := do(&st, app.Ref{ID: acct.ID, UID: acct.UID})
		sel := views.SelectRecordMsg{Account: acct, Kind: string(rec.Kind), ID: rec.ID}
		return recordDoneMsg{what: what(rec.Label), nothing: nothing, acct: acct, sel: sel, ident: ident, undo: u, err: err}
	}
}

// browser is the open records browser, or nil.
func (m *Model) browser() *views.Records {
	for _, o := range m.overlays {
		if r, ok := o.(*views.Records); ok && !r.Done() {
			return r
		}
	}
	return nil
}

// reloadRecords asks for the browser's records again when it shows acct.
func (m *Model) reloadRecords(acct views.Ref) tea.Cmd {
	if b := m.browser(); b != nil && b.Account().ID == acct.ID && b.Account().UID == acct.UID {
		return loadRecordsCmd(m.st, acct)
	}
	return nil
}

func (m *Model) handleRecords(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.RecordsRequestMsg:
		if !m.known(msg.Account) {
			m.setStatus(goneText(msg.Account, "no records"), true)
			return nil, true
		}
		if b := m.browser(); b == nil || b.Account() != msg.Account {
			b = views.NewRecords(m.ctx, msg.Account, msg.Currency)
			m.push(b)
		}
		return loadRecordsCmd(m.st, msg.Account), true
	case views.LoadRecordsMsg:
		return m.reloadRecords(msg.Account), true
	case recordsLoadedMsg:
		out := views.RecordsMsg{Account: msg.acct}
		if msg.err != nil {
			out.Err = app.OneLine(msg.err).Error()
		}
		for _, r := range msg.recs {
			out.Records = append(out.Records, fromRec(r))
		}
		return m.broadcast(out), true
	case views.OverlayRequestMsg:
		m.push(msg.Overlay)
		return nil, true
	case views.ShowHelpMsg:
		m.showHelp, m.helpOff = true, 0
		return m.broadcast(views.HelpMsg{Shown: true}), true
	case views.NoteRequestMsg:
		if !m.known(msg.Account) {
			m.setStatus(goneText(msg.Account, "no note"), true)
			return nil, true
		}
		return m.startNote(msg.Account.ID), true
	case views.SaveRecordMsg:
		rec, today := toRec(msg.Record), m.today()
		kind, id := msg.Record.Kind, msg.Record.ID
		isNew := id == 0
		what := func(label string) string {
			name := views.Record{Kind: kind, ID: id, Label: label}.Name()
			if isNew {
				return "added " + name
			}
			return "saved " + name
		}
		return m.recordSave(msg.Account, what, "nothing saved", func(st app.Store, a app.Ref) (app.Rec, app.Undo, error) {
			saved, u, err := app.SaveRecord(st, a, rec, today)
			if isNew {
				kind, id = string(saved.Kind), saved.ID // named by the number it got
			} else {
				saved = app.Rec{Label: saved.Label} // the cursor stays where it is
			}
			return saved, u, err
		}), true
	case views.DeleteRecordMsg:
		rec := toRec(msg.Record)
		return m.recordWrite(msg.Account, "deleted "+msg.Record.Name(), "nothing deleted", func(st app.Store, a app.Ref) (app.Undo, error) {
			return app.DeleteRecord(st, a, rec)
		}), true
	case views.GoalProgressMsg:
		goal := toRec(msg.Goal)
		what := fmt.Sprintf("progress of goal #%d: %s on %s", msg.Goal.ID, views.Num(msg.Value), msg.On)
		return m.recordWrite(msg.Account, what, "no progress recorded", func(st app.Store, a app.Ref) (app.Undo, error) {
			_, u, err := app.RecordGoalProgress(st, a, goal, msg.Value, msg.On, m.today(), msg.Note)
			return u, err
		}), true
	case recordDoneMsg:
		if msg.err != nil {
			m.setStatus(msg.nothing+": "+app.OneLine(msg.err).Error(), true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true
			}
			return tea.Batch(m.reloadRecords(msg.acct), m.reopenSent(msg.err)), true // show what is there now, and the form again
		}
		m.sentForm = nil
		if msg.ident == m.ident {
			m.recUndo = append(m.recUndo, recordUndo{what: msg.what, acct: msg.acct, ident: msg.ident, undo: msg.undo})
			if len(m.recUndo) > 100 {
				m.recUndo = m.recUndo[1:]
			}
		}
		m.setStatus(msg.what+" · u undoes", false)
		var sel tea.Cmd
		if msg.sel.ID != 0 {
			sel = m.broadcast(msg.sel)
		}
		return tea.Batch(sel, m.afterWrite(msg.acct.ID), m.reloadRecords(msg.acct)), true
	case views.UndoRecordMsg:
		n := len(m.recUndo)
		if n == 0 {
			m.setStatus("nothing to undo: no record was changed here yet", false)
			return nil, true
		}
		e := m.recUndo[n-1]
		m.recUndo = m.recUndo[:n-1]
		st := app.Expecting(m.st, e.ident)
		return func() tea.Msg {
			defer catchPanic()
			return recordUndoneMsg{what: e.what, acct: e.acct, err: app.UndoAction(&st, e.undo)}
		}, true
	case recordUndoneMsg:
		if msg.err != nil {
			m.setStatus("nothing undone ("+msg.what+"): "+app.OneLine(msg.err).Error(), true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true
			}
			return m.reloadRecords(msg.acct), true
		}
		m.setStatus("undone: "+msg.what, false)
		return tea.Batch(m.afterWrite(msg.acct.ID), m.reloadRecords(msg.acct)), true
	case views.AddAccountMsg:
		a := msg.Account
		st := m.writer()
		return func() tea.Msg {
			defer catchPanic()
			same, err := app.AddAccountNamed(&st, &a)
			return accountAddedMsg{acct: a, err: err, warn: app.DuplicateWarning(a.Name, same)}
		}, true
	case accountAddedMsg:
		if msg.err != nil {
			m.setStatus("account not added: "+app.OneLine(msg.err).Error(), true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true
			}
			return m.reopenSent(msg.err), true
		}
		m.sentForm = nil
		if msg.warn != "" {
			m.setWarning(fmt.Sprintf("account %s added as #%d; %s", domain.Printable(msg.acct.Name), msg.acct.ID, msg.warn))
		} else {
			m.setStatus("account "+domain.Printable(msg.acct.Name)+" added: c adds a contact, l lists its records", false)
		}
		m.selectAdded = msg.acct.ID
		return tea.Batch(m.afterWrite(0), m.goTo(views.AccountTitle), m.loadDetail(msg.acct.ID)), true
	case views.TouchChannelMsg:
		return m.triageTouchVia(msg.Row, msg.Channel), true
	}
	return nil, false
}

// selectAddedCmd selects the account just added in the portfolio once the
// book that has it is loaded.
func (m *Model) selectAddedCmd() tea.Cmd {
	if id := m.selectAdded; id != 0 && m.book != nil && m.book.Pos(id) >= 0 {
		m.selectAdded = 0
		return m.broadcast(views.OpenAccountMsg{ID: id})
	}
	return nil
}

// triageTouchVia logs a touch on the channel picked (t on triage).
func (m *Model) triageTouchVia(row domain.TriageRow, ch domain.Channel) tea.Cmd {
	if m.rowGone(row, "no touch logged") {
		return triageCmd(m.book, m.opt.Triage)
	}
	now := m.opt.Now()
	return m.act(row, string(ch)+" logged with "+domain.Printable(row.Account), "no touch logged", func(st app.Store) (app.Undo, error) {
		return app.LogTouchVia(st, row, now, ch)
	})
}
