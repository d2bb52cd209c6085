package views

// The portfolio's rows: filtering, sorting and drawing one row with its columns.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

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

// columnDrop is the order columns are dropped in when the terminal is narrow,
// until the name has 24 cells: owner first, then stage, segment, last touch,
// tier, open items and renewal. Name, ARR and health are never dropped, nor is
// the column the rows are sorted by: that one is skipped and the next in the
// order goes instead, so the sort arrow is always on screen.
var columnDrop = []Column{ColOwner, ColStage, ColSegment, ColTouch, ColTier, ColItems, ColRenewal}

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
	p.waiting = false
	var f func(a, c int32) int
	switch p.sortCol {
	case ColName:
		p.waiting = !b.NameOrderReady()
		p.rows = byName(b, p.rows, p.reverse)
		return
	case ColTier:
		f = func(a, c int32) int {
			return cmp.Compare(domain.Index(domain.Tiers, s[c].Tier), domain.Index(domain.Tiers, s[a].Tier))
		}
	case ColStage:
		f = func(a, c int32) int {
			return cmp.Compare(domain.Index(domain.Stages, domain.StageShown(s[a].Stage, s[a].ContractStart)), domain.Index(domain.Stages, domain.StageShown(s[c].Stage, s[c].ContractStart)))
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
	if p.sortCol == ColHealth { // "not enough data" is not a score: last, whichever way
		h := g
		g = func(a, c int32) int {
			if ua, uc := b.Health[a] < 0, b.Health[c] < 0; ua != uc {
				if ua {
					return 1
				}
				return -1
			}
			return h(a, c)
		}
	}
	// Ties in book order: a total order, so the faster unstable sort is deterministic.
	slices.SortFunc(p.rows, func(a, c int32) int {
		if r := g(a, c); r != 0 {
			return r
		}
		return cmp.Compare(a, c)
	})
}

// byName orders rows (positions in b) by name, equal names in book order
// either way, from the book's name order: one pass over the book, no sort.
// Until the order is worked out (in the background, right after the first
// screen: the cockpit hands the book again then) rows stay in book order.
func byName(b *domain.Book, rows []int32, reverse bool) []int32 {
	if !b.NameOrderReady() {
		return rows
	}
	order, group := b.NameOrder()
	in := make([]bool, len(order))
	for _, r := range rows {
		in[r] = true
	}
	out := rows[:0]
	if !reverse {
		for _, r := range order {
			if in[r] {
				out = append(out, r)
			}
		}
		return out
	}
	for end := len(order); end > 0; {
		start := end - 1
		for start > 0 && group[order[start-1]] == group[order[end-1]] {
			start--
		}
		for _, r := range order[start:end] {
			if in[r] {
				out = append(out, r)
			}
		}
		end = start
	}
	return out
}

func renewalKey(s *domain.Summary) domain.Date {
	if s.Renewal.IsZero() {
		return domain.Date(1 << 30)
	}
	return s.Renewal
}

// visibleColumns are the columns that fit in the width, and the name width:
// the configured ones (every column by default) and the sort column, less
// those dropped by columnDrop's order when the terminal is narrow.
func (p *Portfolio) visibleColumns() ([]Column, int) {
	set := p.columns
	if set == nil {
		set = make([]Column, numColumns)
		for c := range numColumns {
			set[c] = c
		}
	} else if p.sortShown() && !slices.Contains(set, p.sortCol) {
		set = append(slices.Clone(set), p.sortCol) // the sort arrow stays on screen
	}
	drop := map[Column]bool{}
	need := func() int {
		n := Gutter + 2 // selection column, key mark + space
		for _, c := range set {
			if c != ColName && !drop[c] {
				n += columnWidth[c] + 1
			}
		}
		return n
	}
	for _, c := range columnDrop {
		if p.width-need() >= 24 {
			break
		}
		if c == p.sortCol && p.sortShown() {
			continue // the sort column stays; the next one in the order goes
		}
		drop[c] = true
	}
	var cols []Column
	for _, c := range set {
		if !drop[c] {
			cols = append(cols, c)
		}
	}
	return cols, max(4, p.width-need())
}

// sortShown reports whether the rows are in the order of p.sortCol (and the
// header shows its arrow): always, except while a fuzzy filter ranks them by match.
func (p *Portfolio) sortShown() bool { return p.sorted || p.query == "" }

// rowWidth is the cells a row of these columns takes.
func (p *Portfolio) rowWidth(cols []Column, nameW int) int {
	n := Gutter + 2 + nameW
	for _, c := range cols {
		if c != ColName {
			n += columnWidth[c] + 1
		}
	}
	return n
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
			sb.WriteString(p.name(p.ctx.same.label(s.Name, s.ID), nameW))
		case ColTier:
			sb.WriteString(Fit(string(s.Tier), w))
		case ColStage:
			sb.WriteString(Fit(stageShort(domain.StageShown(s.Stage, s.ContractStart)), w))
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
	return t.Row(sb.String(), p.width, selected)
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
