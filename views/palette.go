package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

// PaletteKeys are the fuzzy jump's keys.
type PaletteKeys struct{ Up, Down, Jump, Close key.Binding }

// ShortHelp implements help.KeyMap.
func (k PaletteKeys) ShortHelp() []key.Binding { return []key.Binding{k.Jump, k.Up, k.Down, k.Close} }

// FullHelp implements help.KeyMap.
func (k PaletteKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// paletteDoneMsg carries a finished palette search.
type paletteDoneMsg struct {
	id     int
	result domain.Result
}

// Palette is the fuzzy jump: it searches account names, contacts and tags
// and jumps to the account.
type Palette struct {
	ctx    *Context
	theme  *Theme
	keys   PaletteKeys
	input  textinput.Model
	book   *domain.Book
	hits   []int32 // entries, one per account, best first
	cursor int
	id     int
	last   domain.Result
	width  int
	height int
	// searching: the results of what was typed have not arrived yet (or the
	// index is being built); enter pressed then waits for them (jumpQueued),
	// so a fast typist opens what they typed, not what the last results showed.
	searching  bool
	jumpQueued bool
	done       bool // closed (esc) or jumped: the root takes it off its stack
	// Pick, when set, is sent with the chosen account instead of OpenAccountMsg
	// (the note editor uses the palette to ask which account).
	Pick  func(id uint64) tea.Msg
	Title string
	saved []domain.SavedView // listed after the accounts as "view: NAME" (savedviews.go)
}

// NewPalette builds the palette.
func NewPalette(ctx *Context) *Palette {
	t := ctx.Theme
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "account, contact or tag"
	in.CharLimit = 100
	return &Palette{ctx: ctx, theme: t, input: in, Title: "Jump to account", keys: PaletteKeys{
		Up:    key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous")),
		Down:  key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next")),
		Jump:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}}
}

// KeyMap is the palette's keys, for help.
func (p *Palette) KeyMap() help.KeyMap { return p.keys }

// Done reports whether the palette was closed or jumped (Overlay).
func (p *Palette) Done() bool { return p.done }

// SetSize sets the space the palette may use.
func (p *Palette) SetSize(w, h int) {
	p.width, p.height = w, h
	p.input.Width = max(8, min(60, w-10))
}

// Open resets the palette on a book and focuses it.
func (p *Palette) Open(b *domain.Book) tea.Cmd {
	p.book = b
	p.ctx.same.set(b) // once per book, shared with the other panes; never in View
	p.input.SetValue("")
	p.cursor = 0
	p.last = domain.Result{}
	p.hits = nil
	p.Pick = nil
	p.jumpQueued = false
	p.done = false
	p.Title = "Jump to account"
	return tea.Batch(p.input.Focus(), p.search())
}

// Refresh searches again in a new book (its index just arrived, or it changed).
func (p *Palette) Refresh(b *domain.Book) tea.Cmd {
	p.book = b
	p.ctx.same.set(b)
	p.last = domain.Result{}
	return p.search()
}

func (p *Palette) search() tea.Cmd {
	p.searching = true
	if p.book == nil || p.book.Index == nil {
		return nil // the index is being built; Refresh searches when it is ready
	}
	q := p.input.Value()
	var within []int32
	if p.last.Query != "" && strings.HasPrefix(q, p.last.Query) {
		within = p.last.Entries
	}
	p.id++
	id, ix := p.id, p.book.Index
	return func() tea.Msg { return paletteDoneMsg{id: id, result: ix.Search(q, within, false)} }
}

// maxHits is how many accounts the palette lists.
const maxHits = 12

// Update handles keys and search results.
func (p *Palette) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case BookMsg:
		if msg.Book != nil && msg.Book.Index != nil {
			return p.Refresh(msg.Book) // its index just arrived (a book comes without one)
		}
		return nil
	case paletteDoneMsg:
		if msg.id != p.id || p.book == nil || p.book.Index == nil {
			return nil // stale
		}
		p.last = msg.result
		p.hits = p.hits[:0]
		seen := map[int]bool{}
		for _, e := range msg.result.Ranked {
			o := p.book.Index.Owner(e)
			if seen[o] {
				continue
			}
			seen[o] = true
			p.hits = append(p.hits, e)
			if len(p.hits) == maxHits {
				break
			}
		}
		p.cursor = 0
		p.searching = false
		if p.jumpQueued {
			p.jumpQueued = false
			return p.jump()
		}
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Close):
			p.done = true // at once, so the next key is not typed into it
			return nil
		case key.Matches(msg, p.keys.Up):
			p.cursor = max(0, p.cursor-1)
			return nil
		case key.Matches(msg, p.keys.Down):
			p.cursor = min(p.entries()-1, p.cursor+1)
			return nil
		case key.Matches(msg, p.keys.Jump):
			if p.searching {
				p.jumpQueued = true
				return nil
			}
			return p.jump()
		}
		before := p.input.Value()
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		if p.input.Value() != before {
			return tea.Batch(cmd, p.search())
		}
		return cmd
	}
	return nil
}

// jump opens (or picks) the selected account.
func (p *Palette) jump() tea.Cmd {
	if cmd, ok := p.applyView(); ok {
		return cmd
	}
	if p.book == nil || p.book.Index == nil || p.cursor < 0 || p.cursor >= len(p.hits) {
		return nil
	}
	id := p.book.Sums[p.book.Index.Owner(p.hits[p.cursor])].ID
	p.done = true
	if p.Pick != nil {
		pick := p.Pick
		return func() tea.Msg { return pick(id) }
	}
	return func() tea.Msg { return OpenAccountMsg{ID: id} }
}

// View draws the palette box.
func (p *Palette) View() string {
	t := p.theme
	w := max(10, min(70, p.width-4))
	inner := w - 4
	var sb strings.Builder
	sb.WriteString(t.Heading.Render(Clip(p.Title, inner)))
	sb.WriteByte('\n')
	sb.WriteString(p.input.View())
	sb.WriteByte('\n')
	q := p.input.Value()
	vm := p.viewMatches()
	rows := min(p.accountHits(), max(1, p.height-6)-len(vm))
	switch {
	case p.book != nil && p.book.Index == nil:
		sb.WriteString(t.Muted.Render(Clip("indexing the book…", inner)))
	case p.accountHits() == 0 && len(vm) == 0:
		sb.WriteString(t.Muted.Render(Clip("no match", inner)))
	}
	for i := 0; i < rows; i++ {
		e := p.hits[i]
		ix := p.book.Index
		s := &p.book.Sums[ix.Owner(e)]
		var parts []string // the parts there are: no "·  ·" for an empty one
		text := ix.Text(e)
		switch ix.Kind(e) {
		case domain.EntryContact:
			parts = []string{"contact at " + p.ctx.same.label(s.Name, s.ID)}
		case domain.EntryTag:
			parts = []string{"tag on " + p.ctx.same.label(s.Name, s.ID)}
		default:
			if p.ctx.same.shared(s.Name) {
				parts = append(parts, fmt.Sprintf("#%d", s.ID))
			}
			parts = append(parts, strings.TrimSpace(s.Segment))
			parts = append(parts, s.ARR.Short())
		}
		label := ""
		for _, x := range parts {
			if x != "" {
				label += " · " + x
			}
		}
		tw := min(Width(domain.Printable(text)), inner-2)
		cell := HighlightCells(Fit(text, tw), domain.Highlight(q, domain.Printable(text)), t.Match)
		line := cell + t.Muted.Render(Clip(label, max(0, inner-2-tw)))
		if i == p.cursor {
			sb.WriteString(t.Key.Render("› ") + line)
		} else {
			sb.WriteString("  " + line)
		}
		if i < rows-1 {
			sb.WriteByte('\n')
		}
	}
	p.viewRows(&sb, vm, p.accountHits(), inner, rows > 0 || p.book != nil && p.book.Index == nil)
	// Centred at the top of the space the palette was given.
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Top, t.Box.Width(w).Render(sb.String()))
}
