package views

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// PortfolioKeys are the portfolio pane's keys. esc (the global back) clears
// the filter first (Back).
type PortfolioKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Open, Brief, Sort, Reverse, Filter key.Binding
	SaveView, Views                                                             key.Binding // savedviews.go
	Add                                                                         key.Binding // accountforms.go
}

// ShortHelp implements help.KeyMap.
func (k PortfolioKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Brief, k.Add, k.Filter, k.Sort, k.Reverse}
}

// FullHelp implements help.KeyMap.
func (k PortfolioKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Brief, k.Filter, k.Sort, k.Reverse}, {k.Add, k.SaveView, k.Views}}
}

// DefaultPortfolioKeys are the portfolio's default bindings.
func DefaultPortfolioKeys() PortfolioKeys {
	nav := DefaultNavKeys()
	return PortfolioKeys{
		Up:       nav.Up,
		Down:     nav.Down,
		PageUp:   nav.PageUp,
		PageDown: nav.PageDown,
		Top:      nav.Top,
		Bottom:   nav.Bottom,
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open account")),
		Brief:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "brief")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by next column")),
		Reverse:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse sort")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter (text, tier:key, seg:smb, stage:, owner:, tag:)")),
		SaveView: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save the filter and sort as a view (also in the filter)")),
		Views:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "saved views")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add an account")),
	}
}

// searchDoneMsg carries a finished fuzzy search.
type searchDoneMsg struct {
	id     int
	result domain.Result
}

// Portfolio is the list of all accounts.
type Portfolio struct {
	ctx    *Context
	theme  *Theme
	keys   PortfolioKeys
	book   *domain.Book
	rows   []int32 // book positions shown, in order
	cursor int
	offset int
	width  int
	height int

	sortCol  Column
	columns  []Column // the configured columns, in order; nil: every column
	reverse  bool
	sorted   bool // the user chose a sort (else rank by match, or book order)
	input    textinput.Model
	editing  bool
	filter   string
	query    string        // the fuzzy part of the filter
	last     domain.Result // the last search, for narrowing
	searchID int
	indexing bool // a text filter waits for the index
	// waiting: the rows are in book order until the book's order by name
	// is worked out (it comes with the book again)
	waiting bool
}

// PortfolioTitle is the portfolio pane's title.
const PortfolioTitle = "Portfolio"

// NewPortfolio builds an empty portfolio pane.
func NewPortfolio(ctx *Context) *Portfolio {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "name, tier:key seg:enterprise stage:retention owner:maya tag:beta"
	in.CharLimit = 200
	p := &Portfolio{ctx: ctx, theme: ctx.Theme, keys: remapKeys(ctx, PortfolioTitle, DefaultPortfolioKeys()), input: in, sortCol: ColName}
	if ctx.Owner != "" { // the config's "my accounts"
		p.filter = "owner:" + ctx.Owner
		p.input.SetValue(p.filter)
	}
	if len(ctx.Columns) > 0 { // the config's portfolio columns
		p.columns = slices.Clone(ctx.Columns)
	}
	if ctx.SortColumn != ColName || ctx.SortReverse { // the config's portfolio sort
		p.sortCol, p.reverse, p.sorted = ctx.SortColumn, ctx.SortReverse, true
	}
	return p
}

func (p *Portfolio) today() domain.Date { return p.ctx.Today() }

// Init implements Pane.
func (p *Portfolio) Init() tea.Cmd { return nil }

// Title implements Pane.
func (p *Portfolio) Title() string { return PortfolioTitle }

// KeyMap is the pane's keys, for help.
func (p *Portfolio) KeyMap() help.KeyMap { return p.keys }

// CurrentAccount is the selected account (AccountPane).
func (p *Portfolio) CurrentAccount() uint64 { return p.Selected() }

// Back clears the filter, if there is one (Backer).
func (p *Portfolio) Back() (tea.Cmd, bool) {
	if p.filter == "" {
		return nil, false
	}
	p.filter = ""
	p.input.SetValue("")
	return p.refilter(p.Selected()), true
}

// Capturing reports whether keys go to the filter input (typing mode).
func (p *Portfolio) Capturing() bool { return p.editing }

// SetSize lays the pane out for w×h cells.
func (p *Portfolio) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.Width = max(10, w-12)
	p.clamp()
}

// SetBook shows a (new) book, keeping the selected account and the filter.
func (p *Portfolio) SetBook(b *domain.Book) tea.Cmd {
	sel := p.Selected()
	if p.waiting && p.cursor == 0 {
		sel = 0 // the first row in book order, not chosen: the first by name once sorted
	}
	p.book = b
	p.ctx.same.set(b)
	p.last = domain.Result{}
	p.searchID++ // results of searches in the old book are stale
	return p.refilter(sel)
}

// awaitOrder sorts the rows by name when they wait for the book's order (a
// key pressed in the moment after the start): it waits for the order being
// worked out in the background, so that the key acts on the rows sorted.
func (p *Portfolio) awaitOrder() {
	if !p.waiting || p.book == nil {
		return
	}
	keep := p.Selected()
	if p.cursor == 0 {
		keep = 0
	}
	p.book.NameOrder()
	p.setRows(p.rows, keep)
}

// Selected is the ID of the account under the cursor, or 0.
func (p *Portfolio) Selected() uint64 {
	if p.book == nil || p.cursor < 0 || p.cursor >= len(p.rows) {
		return 0
	}
	return p.book.Sums[p.rows[p.cursor]].ID
}

// Rows is the number of accounts shown.
func (p *Portfolio) Rows() int { return len(p.rows) }

// Select moves the cursor to an account if it is shown.
func (p *Portfolio) Select(id uint64) {
	if p.book == nil {
		return
	}
	pos := int32(p.book.Pos(id))
	for i, r := range p.rows {
		if r == pos {
			p.cursor = i
			p.clamp()
			return
		}
	}
}

func (p *Portfolio) clamp() {
	body := p.bodyHeight()
	p.cursor = max(0, min(p.cursor, len(p.rows)-1))
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if body > 0 && p.cursor >= p.offset+body {
		p.offset = p.cursor - body + 1
	}
	p.offset = max(0, min(p.offset, len(p.rows)-body))
}

// bodyHeight is the number of account rows that fit.
func (p *Portfolio) bodyHeight() int { return max(0, p.height-2) }

// Update handles keys and search results.
func (p *Portfolio) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case BookMsg:
		return p.SetBook(msg.Book)
	case OpenAccountMsg:
		p.Select(msg.ID)
		return nil
	case ApplyViewMsg:
		return p.ApplyView(msg.View)
	case searchDoneMsg:
		if msg.id != p.searchID {
			return nil // stale: a newer search was asked for, or the book changed
		}
		p.last = msg.result
		p.setRows(slices.Clone(msg.result.Ranked), p.Selected())
		if !p.sorted {
			p.cursor = 0
			p.clamp()
		}
		return nil
	case tea.KeyMsg:
		p.awaitOrder()
		if p.editing {
			if key.Matches(msg, p.keys.SaveView) {
				return p.saveView()
			}
			switch msg.String() {
			case "enter":
				p.editing = false
				p.input.Blur()
				return nil
			case "esc":
				p.editing = false
				p.input.Blur()
				p.input.SetValue("")
				p.filter = ""
				return p.refilter(p.Selected())
			}
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			if v := p.input.Value(); v != p.filter {
				p.filter = v
				return tea.Batch(cmd, p.refilter(0))
			}
			return cmd
		}
		body := p.bodyHeight()
		switch {
		case key.Matches(msg, p.keys.Up):
			p.cursor--
		case key.Matches(msg, p.keys.Down):
			p.cursor++
		case key.Matches(msg, p.keys.PageUp):
			p.cursor -= max(1, body-1)
		case key.Matches(msg, p.keys.PageDown):
			p.cursor += max(1, body-1)
		case key.Matches(msg, p.keys.Top):
			p.cursor = 0
		case key.Matches(msg, p.keys.Bottom):
			p.cursor = len(p.rows) - 1
		case key.Matches(msg, p.keys.Open):
			if id := p.Selected(); id != 0 {
				return func() tea.Msg { return OpenAccountMsg{ID: id} }
			}
		case key.Matches(msg, p.keys.Brief):
			if id := p.Selected(); id != 0 {
				return msgCmd(BriefRequestMsg{AccountID: id})
			}
		case key.Matches(msg, p.keys.Sort):
			p.sortCol = (p.sortCol + 1) % numColumns
			p.sorted, p.reverse = true, false
			sel := p.Selected()
			p.sortRows()
			p.Select(sel)
		case key.Matches(msg, p.keys.Reverse):
			p.sorted, p.reverse = true, !p.reverse
			sel := p.Selected()
			p.sortRows()
			p.Select(sel)
		case key.Matches(msg, p.keys.Add):
			return formCmd(NewAccountForm(p.today(), p.ctx.NewAccount, p.book))
		case key.Matches(msg, p.keys.SaveView):
			return p.saveView()
		case key.Matches(msg, p.keys.Views):
			return msgCmd(ViewsRequestMsg{})
		case key.Matches(msg, p.keys.Filter):
			p.editing = true
			v := p.filter
			if v != "" && !strings.HasSuffix(v, " ") {
				v += " " // what is typed next is a new word, not the end of the last
			}
			p.input.SetValue(v)
			p.input.CursorEnd()
			return p.input.Focus()
		}
		p.clamp()
	}
	return nil
}

// View draws the header, the visible rows only, and the filter line.
func (p *Portfolio) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	t := p.theme
	var sb strings.Builder
	cols, nameW := p.visibleColumns()
	// header
	var hdr strings.Builder
	hdr.WriteString("    ") // selection column, key mark
	for i, c := range cols {
		w := columnWidth[c]
		if c == ColName {
			w = nameW
		}
		title := columnTitles[c]
		if c == p.sortCol && p.sortShown() {
			if p.reverse {
				title += "↑"
			} else {
				title += "↓"
			}
		}
		if i > 0 {
			hdr.WriteByte(' ')
		}
		if c >= ColARR && c != ColRenewal {
			hdr.WriteString(FitRight(title, w))
		} else {
			hdr.WriteString(Fit(title, w))
		}
	}
	sb.WriteString(t.Muted.Render(Clip(hdr.String(), p.width)))
	sb.WriteByte('\n')
	body := p.bodyHeight()
	notice := 1 // lines of the message that stands in for no rows
	if p.book == nil {
		sb.WriteString(t.Muted.Render("loading the book…"))
	} else if len(p.book.Sums) == 0 {
		// An empty book: say how to start, not that a filter hides nothing.
		lines := strings.Split(ansi.Wrap("No accounts yet. First step: "+p.keys.Add.Help().Key+" adds an account; "+
			DefaultGlobalKeys().Remap(p.ctx.Keys).Import.Help().Key+" imports a CRM export (CSV) or a tend export (JSON); or try tend --demo for a sample book.", max(20, p.width), " "), "\n")
		lines = lines[:min(len(lines), max(1, body))]
		for i, l := range lines {
			if i > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteString(t.Muted.Render(Clip(l, p.width)))
		}
		notice = len(lines)
	} else if len(p.rows) == 0 {
		sb.WriteString(t.Muted.Render("no account matches the filter (esc clears it)"))
	}
	for i := p.offset; i < len(p.rows) && i < p.offset+body; i++ {
		sb.WriteString(p.row(p.rows[i], cols, nameW, i == p.cursor))
		sb.WriteByte('\n')
	}
	// pad so the footer stays at the bottom
	shown := min(body, max(0, len(p.rows)-p.offset))
	if len(p.rows) == 0 || p.book == nil {
		shown = notice
		sb.WriteByte('\n')
	}
	for i := shown; i < body; i++ {
		sb.WriteByte('\n')
	}
	sb.WriteString(p.footer())
	if used := p.rowWidth(cols, nameW); used > p.width {
		return clipLines(sb.String(), p.width) // too narrow for the narrowest layout
	}
	return sb.String()
}

func (p *Portfolio) footer() string {
	t := p.theme
	if p.editing {
		return p.input.View()
	}
	total := 0
	if p.book != nil {
		total = p.book.Len()
	}
	s := fmt.Sprintf("%d of %d accounts", len(p.rows), total)
	if p.filter != "" {
		s += " · filter: " + Clip(p.filter, 40) + " (" + p.keys.Filter.Help().Key + " edit, esc clear)"
		if p.indexing {
			s += " · indexing for search…"
		}
	} else {
		s += " · " + p.keys.Filter.Help().Key + " filter · " + p.keys.Sort.Help().Key + " sort · ★ key account"
	}
	return t.Muted.Render(Clip(s, p.width))
}
