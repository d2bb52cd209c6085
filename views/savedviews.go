package views

// Saved views: a portfolio filter and sort kept under a name. The portfolio
// asks to save one (ctrl+s) and to list them (v); the root does the I/O and
// answers with a picker; the chosen view comes back as ApplyViewMsg.

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/tend-cli/tend/domain"
)

type (
	// SaveViewMsg asks to store a saved view.
	SaveViewMsg struct{ View domain.SavedView }
	// ViewsRequestMsg asks for the saved views, to pick one.
	ViewsRequestMsg struct{}
	// ApplyViewMsg shows a saved view in the portfolio (its filter and sort).
	ApplyViewMsg struct{ View domain.SavedView }
)

// sortName is the name of a portfolio column in a saved view.
func sortName(c Column) string { return domain.ViewSortColumns[c] }

// columnNamed is the portfolio column a saved view names.
func columnNamed(name string) (Column, bool) {
	for i, n := range domain.ViewSortColumns {
		if strings.EqualFold(n, name) {
			return Column(i), true
		}
	}
	return 0, false
}

// CurrentView is the portfolio's filter and sort, as a view without a name.
func (p *Portfolio) CurrentView() domain.SavedView {
	v := domain.SavedView{Filter: p.filter}
	if p.editing {
		v.Filter = p.input.Value()
	}
	if p.sorted {
		v.Sort, v.Reverse = sortName(p.sortCol), p.reverse
	}
	return v
}

// ApplyView shows a saved view: its filter and its sort (none: the default
// order, or rank by match), with the cursor on the first row.
func (p *Portfolio) ApplyView(v domain.SavedView) tea.Cmd {
	p.editing = false
	p.input.Blur()
	p.filter = v.Filter
	p.input.SetValue(v.Filter)
	p.sortCol, p.sorted, p.reverse = ColName, false, false
	if c, ok := columnNamed(v.Sort); ok {
		p.sortCol, p.sorted, p.reverse = c, true, v.Reverse
	}
	return p.refilter(0)
}

// saveView ends the filter's editing and asks for a name for the view.
func (p *Portfolio) saveView() tea.Cmd {
	v := p.CurrentView()
	if p.editing {
		p.editing = false
		p.input.Blur()
		if p.filter != v.Filter {
			p.filter = v.Filter
			return tea.Batch(p.refilter(p.Selected()), formCmd(SaveViewForm(v)))
		}
	}
	return formCmd(SaveViewForm(v))
}

// describeView says a view's filter and sort in one line.
func describeView(v domain.SavedView) string {
	s := domain.Printable(v.Filter)
	if s == "" {
		s = "every account"
	}
	if v.Sort != "" {
		s += " · by " + v.Sort
		if v.Reverse {
			s += " ↑"
		}
	}
	return s
}

// SaveViewForm asks for the name to save the view under (a name in use, in any case, is replaced).
func SaveViewForm(v domain.SavedView) *Form {
	name := ""
	check := func(s string) error {
		w := v
		w.Name = s
		return fieldErr(w.Validate(), "name")
	}
	return newForm("Save view: "+describeView(v), func() (tea.Msg, error) {
		w := v
		w.Name = name
		if err := w.Validate(); err != nil {
			return nil, err
		}
		return SaveViewMsg{View: w}, nil
	}, huh.NewGroup(huh.NewInput().Title("Name").Description("1 to 40 characters; the same name replaces that view").
		CharLimit(domain.MaxViewName).Validate(check).Value(&name)))
}

// ViewPickForm lists the saved views; the chosen one is applied.
func ViewPickForm(vs []domain.SavedView) *Form {
	choice := 0
	opts := make([]huh.Option[int], len(vs))
	for i, v := range vs {
		opts[i] = huh.NewOption(fmt.Sprintf("%s — %s", domain.Printable(v.Name), describeView(v)), i)
	}
	return newForm("Saved views", func() (tea.Msg, error) {
		return ApplyViewMsg{View: vs[choice]}, nil
	}, huh.NewGroup(huh.NewSelect[int]().Title("Show which view? (/ filters)").Options(opts...).Value(&choice)))
}

// The palette lists the saved views after the accounts, as "view: NAME";
// a query that starts with "view:" lists only views.

// maxViewHits is how many saved views the palette lists with accounts.
const maxViewHits = 4

// SetViews gives the palette the saved views to list.
func (p *Palette) SetViews(vs []domain.SavedView) { p.saved = vs }

// viewQuery is the query for views, and whether it asks for views only.
func (p *Palette) viewQuery() (string, bool) {
	q := domain.Fold(p.input.Value())
	if rest, ok := strings.CutPrefix(q, "view:"); ok {
		return strings.TrimSpace(rest), true
	}
	return q, false
}

// viewMatches are the saved views whose name holds the query.
func (p *Palette) viewMatches() []domain.SavedView {
	if p.Pick != nil {
		return nil // asked for an account
	}
	q, only := p.viewQuery()
	limit := maxViewHits
	if only {
		limit = maxHits
	}
	var out []domain.SavedView
	for _, v := range p.saved {
		if strings.Contains(domain.ViewKey(v.Name), q) {
			out = append(out, v)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// accountHits is how many account entries come before the views.
func (p *Palette) accountHits() int {
	if _, only := p.viewQuery(); only {
		return 0
	}
	return len(p.hits)
}

// entries is how many entries the cursor moves over.
func (p *Palette) entries() int { return p.accountHits() + len(p.viewMatches()) }

// applyView applies the view under the cursor; ok when the cursor is on a
// view, or the query asks for views only.
func (p *Palette) applyView() (tea.Cmd, bool) {
	vm := p.viewMatches()
	i := p.cursor - p.accountHits()
	_, only := p.viewQuery()
	if i < 0 || i >= len(vm) {
		return nil, only
	}
	v := vm[i]
	p.done = true
	return msgCmd(ApplyViewMsg{View: v}), true
}

// viewRows draws the saved views that match, after the accounts (first: the
// first entry drawn, with no line before it).
func (p *Palette) viewRows(sb *strings.Builder, vm []domain.SavedView, first, inner int, after bool) {
	t := p.theme
	for j, v := range vm {
		if after || j > 0 {
			sb.WriteByte('\n')
		}
		name := Clip("view: "+domain.Printable(v.Name), max(1, inner-2))
		line := name + t.Muted.Render(Clip(" · "+describeView(v), max(0, inner-2-Width(name))))
		if first+j == p.cursor {
			sb.WriteString(t.Key.Render("› ") + line)
		} else {
			sb.WriteString("  " + line)
		}
	}
}
