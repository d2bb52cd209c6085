package views

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

// PortfolioKeys are the portfolio pane's keys. esc (the global back) clears
// the filter first (Back).
type PortfolioKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Open, Sort, Reverse, Filter, Import key.Binding
}

// ShortHelp implements help.KeyMap.
func (k PortfolioKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Sort, k.Reverse}
}

// FullHelp implements help.KeyMap.
func (k PortfolioKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Filter, k.Sort, k.Reverse, k.Import}}
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
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by next column")),
		Reverse:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse sort")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter (text, tier:key, seg:smb, stage:, owner:, tag:)")),
		Import:   key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "import a CSV or JSON file")),
	}
}

// Column is a portfolio column.
type Column int

const (
	ColName Column = iota
	ColTier
	ColStage
	ColSegment
	ColOwner
	ColARR
	ColRenewal
	ColHealth
	ColTouch
	ColItems
	numColumns
)

var columnTitles = [...]string{"NAME", "TIER", "STAGE", "SEGMENT", "OWNER", "ARR", "RENEWAL", "HEALTH", "TOUCH", "ITEMS"}

// columnWidth is each column's width; the name column takes what is left.
var columnWidth = [...]int{0, 13, 12, 10, 12, 8, 9, 8, 7, 7}

// columnDrop is the order columns are dropped in when the terminal is narrow.
var columnDrop = []Column{ColOwner, ColStage, ColSegment, ColTouch, ColTier, ColItems, ColRenewal}

// searchDoneMsg carries a finished fuzzy search.
type searchDoneMsg struct {
	id     int
	result domain.Result
}

// Portfolio is the list of all accounts.
type Portfolio struct {
	theme  *Theme
	keys   PortfolioKeys
	book   *domain.Book
	rows   []int32 // book positions shown, in order
	cursor int
	offset int
	width  int
	height int

	sortCol  Column
	reverse  bool
	sorted   bool // the user chose a sort (else rank by match, or book order)
	input    textinput.Model
	editing  bool
	filter   string
	query    string        // the fuzzy part of the filter
	last     domain.Result // the last search, for narrowing
	searchID int
	indexing bool     // a text filter waits for the index
	names    []string // lowercased names of namesOf (one arena), for sorting
	namesOf  *domain.Book
}

// PortfolioTitle is the portfolio pane's title.
const PortfolioTitle = "Portfolio"

// NewPortfolio builds an empty portfolio pane.
func NewPortfolio(ctx *Context) *Portfolio {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "name, tier:key seg:enterprise stage:retention owner:maya tag:beta"
	in.CharLimit = 200
	return &Portfolio{theme: ctx.Theme, keys: DefaultPortfolioKeys(), input: in, sortCol: ColName}
}

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
	p.book = b
	p.last = domain.Result{}
	p.searchID++ // results of searches in the old book are stale
	return p.refilter(sel)
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

// refilter recomputes the rows for the current filter; the fuzzy part runs as
// a command (both cores at 100k) and its result is dropped if a newer one was asked for.
func (p *Portfolio) refilter(keep uint64) tea.Cmd {
	if p.book == nil {
		return nil
	}
	spec := domain.ParseFilter(p.filter)
	var within []int32
	if spec.HasFields() {
		within = make([]int32, 0, 1024)
		for i := range p.book.Sums {
			if spec.Match(&p.book.Sums[i]) {
				within = append(within, int32(i))
			}
		}
	}
	p.query = spec.Text
	if spec.Text == "" || p.book.Index == nil {
		p.searchID++ // a search still on its way is for another filter: stale
	}
	if spec.Text == "" {
		if within == nil {
			within = make([]int32, len(p.book.Sums))
			for i := range within {
				within[i] = int32(i)
			}
		}
		p.last = domain.Result{}
		p.setRows(within, keep)
		return nil
	}
	if p.book.Index == nil {
		// The index is still being built: show the field-filtered rows; SetBook
		// filters again when it arrives.
		if within == nil {
			within = make([]int32, len(p.book.Sums))
			for i := range within {
				within[i] = int32(i)
			}
		}
		p.indexing = true
		p.setRows(within, keep)
		return nil
	}
	p.indexing = false
	// Narrow: a query that extends the last one searches only its matches.
	if within == nil && p.last.Query != "" && strings.HasPrefix(spec.Text, p.last.Query) {
		within = p.last.Entries
	}
	p.searchID++
	id, ix, q := p.searchID, p.book.Index, spec.Text
	return func() tea.Msg {
		return searchDoneMsg{id: id, result: ix.Search(q, within, true)}
	}
}

func (p *Portfolio) setRows(rows []int32, keep uint64) {
	p.rows = rows
	if p.sorted || p.query == "" {
		p.sortRows()
	}
	p.cursor = 0
	if keep != 0 {
		p.Select(keep)
	}
	p.clamp()
}

func (p *Portfolio) sortRows() {
	if p.book == nil {
		return
	}
	b := p.book
	s := b.Sums
	var f func(a, c int32) int
	switch p.sortCol {
	case ColName:
		keys := p.nameKeys()
		f = func(a, c int32) int { return strings.Compare(keys[a], keys[c]) }
	case ColTier:
		f = func(a, c int32) int {
			return cmp.Compare(domain.Index(domain.Tiers, s[c].Tier), domain.Index(domain.Tiers, s[a].Tier))
		}
	case ColStage:
		f = func(a, c int32) int {
			return cmp.Compare(domain.Index(domain.Stages, s[a].Stage), domain.Index(domain.Stages, s[c].Stage))
		}
	case ColSegment:
		f = func(a, c int32) int { return cmp.Compare(s[a].Segment, s[c].Segment) }
	case ColOwner:
		f = func(a, c int32) int { return cmp.Compare(s[a].Owner, s[c].Owner) }
	case ColARR:
		f = func(a, c int32) int { return cmp.Compare(s[c].ARR.Amount, s[a].ARR.Amount) }
	case ColRenewal:
		f = func(a, c int32) int { return cmp.Compare(renewalKey(&s[a]), renewalKey(&s[c])) }
	case ColHealth:
		f = func(a, c int32) int { return cmp.Compare(b.Health[a], b.Health[c]) }
	case ColTouch:
		f = func(a, c int32) int { return cmp.Compare(s[a].LastTouch, s[c].LastTouch) }
	case ColItems:
		f = func(a, c int32) int {
			return cmp.Compare(s[c].Overdue(b.Today)*1000+s[c].OpenItems(), s[a].Overdue(b.Today)*1000+s[a].OpenItems())
		}
	}
	g := f
	if p.reverse {
		g = func(a, c int32) int { return f(c, a) }
	}
	// Ties in book order: a total order, so the faster unstable sort is deterministic.
	slices.SortFunc(p.rows, func(a, c int32) int {
		if r := g(a, c); r != 0 {
			return r
		}
		return cmp.Compare(a, c)
	})
}

// nameKeys are the names lowercased once per book into one arena (one
// allocation), so a sort by name compares substrings and allocates nothing.
func (p *Portfolio) nameKeys() []string {
	if p.namesOf != p.book {
		size := 0
		for i := range p.book.Sums {
			size += len(p.book.Sums[i].Name)
		}
		buf := make([]byte, 0, size)
		ends := make([]int, len(p.book.Sums))
		for i := range p.book.Sums {
			for _, c := range []byte(p.book.Sums[i].Name) {
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			ends[i] = len(buf)
		}
		arena := string(buf)
		p.names = make([]string, len(ends))
		start := 0
		for i, e := range ends {
			p.names[i] = arena[start:e]
			start = e
		}
		p.namesOf = p.book
	}
	return p.names
}

func renewalKey(s *domain.Summary) domain.Date {
	if s.Renewal.IsZero() {
		return domain.Date(1 << 30)
	}
	return s.Renewal
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
		if p.editing {
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
		case key.Matches(msg, p.keys.Import):
			return formCmd(ImportForm())
		case key.Matches(msg, p.keys.Filter):
			p.editing = true
			p.input.SetValue(p.filter)
			p.input.CursorEnd()
			return p.input.Focus()
		}
		p.clamp()
	}
	return nil
}

// visibleColumns are the columns that fit in the width, and the name width.
func (p *Portfolio) visibleColumns() ([]Column, int) {
	drop := map[Column]bool{}
	need := func() int {
		n := 2 // key mark + space
		for c := ColTier; c < numColumns; c++ {
			if !drop[c] {
				n += columnWidth[c] + 1
			}
		}
		return n
	}
	for _, c := range columnDrop {
		if p.width-need() >= 24 {
			break
		}
		drop[c] = true
	}
	cols := []Column{ColName}
	for c := ColTier; c < numColumns; c++ {
		if !drop[c] {
			cols = append(cols, c)
		}
	}
	return cols, max(4, p.width-need())
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
	hdr.WriteString("  ")
	for i, c := range cols {
		w := columnWidth[c]
		if c == ColName {
			w = nameW
		}
		title := columnTitles[c]
		if p.sorted && c == p.sortCol {
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
	if p.book == nil {
		sb.WriteString(t.Muted.Render("loading the book…"))
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
		shown = 1
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

// rowWidth is the cells a row of these columns takes.
func (p *Portfolio) rowWidth(cols []Column, nameW int) int {
	n := 2 + nameW
	for _, c := range cols[1:] {
		n += columnWidth[c] + 1
	}
	return n
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
		s += " · filter: " + Clip(p.filter, 40) + " (f edit, esc clear)"
		if p.indexing {
			s += " · indexing for search…"
		}
	} else {
		s += " · f filter · s sort · ★ key account"
	}
	return t.Muted.Render(Clip(s, p.width))
}

func (p *Portfolio) row(pos int32, cols []Column, nameW int, selected bool) string {
	t := p.theme
	b := p.book
	s := &b.Sums[pos]
	today := b.Today
	var sb strings.Builder
	if b.Key[pos] {
		sb.WriteString(t.Warn.Render("★"))
	} else {
		sb.WriteByte(' ')
	}
	sb.WriteByte(' ')
	for i, c := range cols {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := columnWidth[c]
		switch c {
		case ColName:
			sb.WriteString(p.name(s.Name, nameW))
		case ColTier:
			sb.WriteString(Fit(string(s.Tier), w))
		case ColStage:
			sb.WriteString(Fit(stageShort(s.Stage), w))
		case ColSegment:
			sb.WriteString(Fit(s.Segment, w))
		case ColOwner:
			sb.WriteString(Fit(s.Owner, w))
		case ColARR:
			sb.WriteString(FitRight(s.ARR.Short(), w))
		case ColRenewal:
			d, ok := s.DaysToRenewal(today)
			switch {
			case !ok || s.Stage == domain.StageClosed:
				sb.WriteString(Fit("—", w))
			case d < 0:
				sb.WriteString(t.Bad.Render(Fit(fmt.Sprintf("! %dd ago", -d), w)))
			case s.InNoticeWindow(today):
				sb.WriteString(t.Warn.Render(Fit(fmt.Sprintf("! %dd", d), w)))
			default:
				sb.WriteString(Fit(fmt.Sprintf("%dd", d), w))
			}
		case ColHealth:
			h := b.Health[pos]
			g, st := t.HealthGlyph(h)
			tg, tst := t.TrendGlyph(b.Trend[pos], b.HasTrend[pos])
			num := "  —"
			if h >= 0 {
				num = fmt.Sprintf("%3d", h)
			}
			sb.WriteString(FitRight("", w-7))
			sb.WriteString(st.Render(g) + " " + num + " " + tst.Render(tg))
		case ColTouch:
			if s.LastTouch.IsZero() {
				sb.WriteString(FitRight("never", w))
			} else {
				days := today.Sub(s.LastTouch)
				txt := FitRight(fmt.Sprintf("%dd", days), w)
				if s.CadenceDays > 0 && days > s.CadenceDays {
					txt = t.Warn.Render(txt)
				}
				sb.WriteString(txt)
			}
		case ColItems:
			open, od := s.OpenItems(), s.Overdue(today)
			txt := FitRight(fmt.Sprint(open), w)
			if od > 0 {
				txt = t.Bad.Render(FitRight(fmt.Sprintf("%d !%d", open, od), w))
			}
			sb.WriteString(txt)
		}
	}
	line := sb.String()
	if selected {
		// One style for the whole row: inner colours would end its background early.
		line = ansiStrip(line)
		return t.Selected.Render(line + strings.Repeat(" ", max(0, p.width-Width(line))))
	}
	return line
}

// name draws an account name in w cells with the fuzzy match highlighted.
func (p *Portfolio) name(name string, w int) string {
	cell := Fit(name, w)
	if p.query == "" {
		return cell
	}
	return HighlightCells(cell, domain.Highlight(p.query, domain.Printable(name)), p.theme.Match)
}

func stageShort(s domain.Stage) string {
	if s == domain.StageRelationship {
		return "relationship"
	}
	return string(s)
}

// HighlightCells styles the runes at the given positions of an already fitted, plain cell.
func HighlightCells(cell string, pos []int, st lipgloss.Style) string {
	if len(pos) == 0 {
		return cell
	}
	var sb strings.Builder
	next := 0
	for i, r := range []rune(cell) {
		if next < len(pos) && pos[next] == i {
			sb.WriteString(st.Render(string(r)))
			next++
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
