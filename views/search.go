package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

// SearchHit is one record found by the full-text search, as the search
// overlay shows it.
type SearchHit struct {
	AccountID  uint64
	AccountUID string // a hit opens that account or nothing (a restore may give its number to another)
	Account    string // the account's name
	Kind       string // one of domain.TextKinds
	RecID      uint64 // the record's number (0: the hand-off brief)
	Field      string // a custom field's name
	Label      string // what the record is (a note's channel, a contact's name…)
	Date       time.Time
	Snippet    string   // the text around the first match
	Marks      [][2]int // byte ranges of Snippet that match
}

// Messages of the full-text search.
type (
	// SearchMsg asks the app to run a full-text query; the results come
	// back in a SearchResultMsg with the same ID.
	SearchMsg struct {
		ID    int
		Query string
	}
	// SearchResultMsg carries a query's results (or why there are none).
	SearchResultMsg struct {
		ID    int
		Hits  []SearchHit
		Total int
		Err   error
		Why   string // why the query can find nothing at all
	}
	// OpenRecordMsg asks to open a record found, in its account.
	OpenRecordMsg struct{ Hit SearchHit }
	// ShowFoundMsg tells the account pane to bring the record found into
	// view when its account is shown (now, or when its records come): the
	// hand-off brief, a custom field, a contact, an opportunity, a risk.
	ShowFoundMsg struct{ Hit SearchHit }
)

// searchTickMsg: typing paused; search if nothing was typed since.
type searchTickMsg struct{ id int }

// searchDebounce is how long typing must pause before a query runs: a
// fast typist's keystrokes make one query, not one each.
const searchDebounce = 120 * time.Millisecond

// SearchKeys are the search overlay's keys.
type SearchKeys struct{ Up, Down, Open, Close key.Binding }

// ShortHelp implements help.KeyMap.
func (k SearchKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Up, k.Down, k.Close} }

// FullHelp implements help.KeyMap.
func (k SearchKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Search is the overlay of the full-text search over everything written:
// a query line and the records found, the matching words highlighted;
// enter opens the record in its account. It keeps its query and results
// between openings, so ctrl+f after opening a record comes back to them.
type Search struct {
	ctx       *Context
	keys      SearchKeys
	input     textinput.Model
	hits      []SearchHit
	total     int
	err       string
	why       string // why the query can find nothing at all
	cursor    int
	id        int    // the latest query's
	asked     string // the query whose results are shown (or awaited)
	searching bool
	done      bool
	width     int
	height    int
}

// NewSearch builds the search overlay.
func NewSearch(ctx *Context) *Search {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = `words, "a phrase", prefix*, account: kind: from: to: owner:`
	in.CharLimit = 200
	return &Search{ctx: ctx, input: in, keys: SearchKeys{
		Up:    key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous")),
		Down:  key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next")),
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}}
}

// KeyMap is the overlay's keys, for help.
func (s *Search) KeyMap() help.KeyMap { return s.keys }

// Done reports whether the overlay was closed or opened a record (Overlay).
func (s *Search) Done() bool { return s.done }

// SetSize sets the space the overlay may use.
func (s *Search) SetSize(w, h int) {
	s.width, s.height = w, h
	s.input.Width = max(8, min(70, w-10))
}

// Open focuses the overlay, with the last query and its results; the
// query runs again (what was written since is found).
func (s *Search) Open() tea.Cmd {
	s.done = false
	s.input.CursorEnd()
	cmd := s.input.Focus()
	if strings.TrimSpace(s.input.Value()) == "" {
		return cmd
	}
	return tea.Batch(cmd, s.ask())
}

// Refresh runs the shown query again (the index was just built).
func (s *Search) Refresh() tea.Cmd {
	if strings.TrimSpace(s.asked) == "" {
		return nil
	}
	return s.ask()
}

// ask sends the query now.
func (s *Search) ask() tea.Cmd {
	s.id++
	id, q := s.id, s.input.Value()
	s.asked = q
	if strings.TrimSpace(q) == "" {
		s.hits, s.total, s.err, s.searching = nil, 0, "", false
		return nil
	}
	s.searching = true
	return func() tea.Msg { return SearchMsg{ID: id, Query: q} }
}

// Update handles keys, the pause after typing and the results.
func (s *Search) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.id != s.id || s.done {
			return nil // typed since, or closed
		}
		return s.ask()
	case SearchResultMsg:
		if msg.ID != s.id {
			return nil // the results of an older query
		}
		s.searching = false
		s.hits, s.total, s.cursor, s.err, s.why = msg.Hits, msg.Total, 0, "", msg.Why
		if msg.Err != nil {
			s.hits, s.total = nil, 0
			s.err = msg.Err.Error()
		}
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Close):
			s.done = true
			s.input.Blur()
			return nil
		case key.Matches(msg, s.keys.Up):
			s.cursor = max(0, s.cursor-1)
			return nil
		case key.Matches(msg, s.keys.Down):
			s.cursor = max(0, min(len(s.hits)-1, s.cursor+1))
			return nil
		case key.Matches(msg, s.keys.Open):
			if s.asked != s.input.Value() || s.searching {
				return s.ask() // enter before the pause: search now; enter again opens
			}
			if s.cursor < 0 || s.cursor >= len(s.hits) {
				return nil
			}
			h := s.hits[s.cursor]
			s.done = true
			s.input.Blur()
			return func() tea.Msg { return OpenRecordMsg{Hit: h} }
		}
		before := s.input.Value()
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		if s.input.Value() != before {
			s.id++
			id := s.id
			return tea.Batch(cmd, tea.Tick(searchDebounce, func(time.Time) tea.Msg { return searchTickMsg{id: id} }))
		}
		return cmd
	}
	return nil
}

// View draws the overlay: the query, then two lines a record (account,
// kind, what and when; the snippet with its matches highlighted).
func (s *Search) View() string {
	t := s.ctx.Theme
	w := max(10, min(78, s.width-2))
	inner := w - 4
	var sb strings.Builder
	head := "Search notes and records"
	switch {
	case s.searching:
		head += " · searching…"
	case s.err != "":
	case s.asked != "" && s.total > 0:
		head += fmt.Sprintf(" · %d found", s.total)
	}
	sb.WriteString(t.Heading.Render(Clip(head, inner)))
	sb.WriteByte('\n')
	sb.WriteString(s.input.View())
	room := max(1, (s.height-6)/2) // records that fit
	lines := []string{}
	switch {
	case s.err != "":
		for _, l := range wrapText(s.err, inner) { // an ambiguous account: its #IDs in view
			lines = append(lines, t.Bad.Render(l))
		}
	case strings.TrimSpace(s.asked) == "":
		lines = append(lines, t.Muted.Render(Clip(`e.g. sso "data connector" escalat* kind:note from:30d`, inner)))
	case len(s.hits) == 0 && !s.searching && s.why != "":
		lines = append(lines, t.Muted.Render(Clip("nothing found: "+s.why, inner)))
	case len(s.hits) == 0 && !s.searching:
		lines = append(lines, t.Muted.Render(Clip("nothing found", inner)))
	}
	// Scroll so the cursor stays in view.
	first := 0
	if s.cursor >= room {
		first = s.cursor - room + 1
	}
	for i := first; i < len(s.hits) && i < first+room; i++ {
		h := &s.hits[i]
		what := h.Kind
		if h.Label != "" && (h.Kind == domain.TextNote || h.Kind == domain.TextContact) {
			what += " · " + h.Label // the channel, the name; other kinds' snippet is their title
		}
		date := s.ctx.Date(domain.DateOf(h.Date))
		meta := Clip(h.Account, max(8, inner/2)) + " · " + what
		metaW := inner - 2 - Width(date) - 1
		line1 := Fit(meta, metaW) + " " + t.Muted.Render(date)
		line2 := "  " + s.marked(h, inner-2)
		if i == s.cursor {
			line1 = t.Key.Render("› ") + t.Selected.Render(line1)
		} else {
			line1 = "  " + line1
		}
		lines = append(lines, line1, line2)
	}
	for _, l := range lines {
		sb.WriteByte('\n')
		sb.WriteString(l)
	}
	return lipgloss.Place(s.width, s.height, lipgloss.Center, lipgloss.Top, t.Box.Width(w).Render(sb.String()))
}

// marked is the hit's snippet cut to w cells, its matches styled (in
// brackets when colour is off).
func (s *Search) marked(h *SearchHit, w int) string {
	text, marks := h.Snippet, h.Marks
	if p := domain.Printable(text); p != text {
		text, marks = p, nil // the app sends it printable; never trust the offsets otherwise
	}
	var sb strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(text) || m[0] >= m[1] {
			continue
		}
		sb.WriteString(text[at:m[0]])
		word := text[m[0]:m[1]]
		if s.ctx.NoColor {
			sb.WriteString("[" + word + "]")
		} else {
			sb.WriteString(s.ctx.Theme.Match.Render(word))
		}
		at = m[1]
	}
	sb.WriteString(text[at:])
	out := sb.String()
	if Width(out) > w {
		out = ansiTrunc(out, w)
	}
	return out
}
