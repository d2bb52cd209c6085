package cockpit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/views"
)

// What the panes and overlays ask of the cockpit, turned into commands.

func (m *Model) handleIntent(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.GoToMsg:
		return m.goTo(msg.Title), true
	case views.StatusMsg:
		m.setStatus(msg.Text, msg.Err)
		return nil, true
	case views.OpenAccountMsg:
		// The panes take the message too: the portfolio selects the account,
		// the account pane says it is loading.
		return tea.Batch(m.goTo(views.AccountTitle), m.loadDetail(msg.ID)), true
	case views.MoreTimelineMsg:
		if msg.AccountID == m.detailID && m.cursor.More() {
			return loadPageCmd(m.st, m.detailID, m.cursor), true
		}
		return nil, true
	case views.FormRequestMsg:
		f := msg.Form.WithContext(m.ctx)
		m.push(f)
		return f.Init(), true
	case views.ExportPlanMsg:
		if d := m.detail; d != nil && d.Account.ID == msg.AccountID {
			return exportCmd(m.st, *d, m.today(), m.opt.ExportDir), true
		}
		return nil, true
	case exportedMsg:
		if msg.err != nil {
			m.setStatus("export failed: "+msg.err.Error(), true)
		} else {
			m.setStatus("wrote "+msg.path, false)
		}
		return nil, true
	case views.KPIRequestMsg:
		return kpiCmd(m.st, msg.Scope, msg.Period, msg.Explain), true
	case views.ImportRequestMsg:
		if m.importer() == nil {
			m.push(views.NewImport(m.ctx, msg.Path))
		}
		if !msg.DryRun && msg.Book != "" && msg.Book != bookToken(m.ident) {
			return func() tea.Msg {
				return importDoneMsg{path: msg.Path, req: msg, err: fmt.Errorf("the book was replaced (restored) since the preview: nothing imported; import again (I) to see what %s brings to this book", msg.Path)}
			}, true
		}
		if msg.DryRun {
			msg.Book = bookToken(m.ident) // the confirmation imports into this book or nothing
		}
		return startImportCmd(app.Expecting(m.st, m.ident), msg, m.today()), true
	case importProgressMsg:
		return tea.Batch(m.broadcast(views.ImportProgressMsg{Done: msg.done, Total: msg.total}), waitImport(msg.ch)), true
	case importDoneMsg:
		lines, failed := importLines(msg.res, msg.err)
		var next *views.ImportRequestMsg
		if msg.err == nil && msg.res.DryRun && (msg.res.New > 0 || msg.res.Updated > 0 || len(msg.res.Accounts) > 0) {
			next = &msg.req
		}
		m.setStatus(lines[0], failed)
		cmd := m.broadcast(views.ImportFinishedMsg{Lines: lines, Failed: failed, Next: next})
		if msg.err == nil && !msg.res.DryRun {
			return tea.Batch(cmd, m.afterWrite(0)), true
		}
		return cmd, true
	}
	return nil, false
}

// importer is the open import view, or nil.
func (m *Model) importer() *views.Import {
	for _, o := range m.overlays {
		if v, ok := o.(*views.Import); ok && !v.Done() {
			return v
		}
	}
	return nil
}

// bookToken names the loaded book and its generation, for a request that
// must finish on the book it was started on.
func bookToken(id app.Identity) string { return id.BookID + "/" + id.Generation }
