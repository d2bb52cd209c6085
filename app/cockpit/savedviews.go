package cockpit

// Saved views: the portfolio asks to save its filter and sort (ctrl+s) and
// to pick a saved view (v); the palette lists them. The I/O runs in
// commands through the app's use cases.

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

type (
	viewSavedMsg struct {
		view     domain.SavedView
		replaced bool
		err      error
	}
	viewsLoadedMsg struct {
		views []domain.SavedView
		pick  bool // open the picker on them
		err   error
	}
)

func saveViewCmd(st app.File, v domain.SavedView) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		v, replaced, err := app.SaveView(&st, v)
		return viewSavedMsg{view: v, replaced: replaced, err: err}
	}
}

func loadViewsCmd(st app.File, pick bool) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		vs, err := app.ListViews(&st)
		return viewsLoadedMsg{views: vs, pick: pick, err: err}
	}
}

// handleViews turns the saved views' requests into commands.
func (m *Model) handleViews(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.SaveViewMsg:
		return saveViewCmd(m.st, msg.View), true
	case viewSavedMsg:
		if msg.err != nil {
			m.setStatus("view not saved: "+app.OneLine(msg.err).Error(), true)
			return nil, true
		}
		verb := "saved"
		if msg.replaced {
			verb = "replaced"
		}
		m.setStatus(verb+" view "+domain.Printable(msg.view.Name)+" (v recalls it)", false)
		return loadViewsCmd(m.st, false), true
	case views.ViewsRequestMsg:
		return loadViewsCmd(m.st, true), true
	case viewsLoadedMsg:
		if msg.err != nil {
			m.setStatus("saved views: "+app.OneLine(msg.err).Error(), true)
			return nil, true
		}
		m.palette.SetViews(msg.views)
		if !msg.pick {
			return nil, true
		}
		if len(msg.views) == 0 {
			m.setStatus("no saved views yet: ctrl+s in the portfolio's filter saves one", false)
			return nil, true
		}
		f := views.ViewPickForm(msg.views).WithContext(m.ctx)
		m.push(f)
		return f.Init(), true
	case views.ApplyViewMsg:
		// The portfolio takes the message too (broadcast) and shows the view.
		m.setStatus("view "+domain.Printable(msg.View.Name), false)
		return m.goTo(views.PortfolioTitle), true
	}
	return nil, false
}
