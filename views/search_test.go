package views

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

func newTestSearch(noColor bool) *Search {
	ctx := NewContext(NewTheme(), func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }, noColor)
	s := NewSearch(ctx)
	s.SetSize(80, 20)
	s.Open()
	return s
}

func typeInto(s *Search, text string) tea.Cmd {
	var cmd tea.Cmd
	for _, r := range text {
		cmd = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return cmd
}

// Typing asks once the typing pauses; an older query's answer (or pause)
// is dropped.
func TestSearchAsksAfterThePauseAndDropsStaleAnswers(t *testing.T) {
	s := newTestSearch(true)
	typeInto(s, "ss")
	first := s.id
	typeInto(s, "o")
	if cmd := s.Update(searchTickMsg{id: first}); cmd != nil {
		t.Fatal("the pause after an older keystroke must not search")
	}
	cmd := s.Update(searchTickMsg{id: s.id})
	if cmd == nil {
		t.Fatal("the pause after the last keystroke searches")
	}
	ask, ok := cmd().(SearchMsg)
	if !ok || ask.Query != "sso" {
		t.Fatalf("asked %#v", cmd())
	}
	s.Update(SearchResultMsg{ID: ask.ID - 1, Hits: []SearchHit{{Account: "Old", Snippet: "old"}}, Total: 1})
	if len(s.hits) != 0 {
		t.Fatal("an older query's answer was shown")
	}
	s.Update(SearchResultMsg{ID: ask.ID, Hits: []SearchHit{{AccountID: 7, Account: "Acme", Kind: "note", Label: "call", Snippet: "asked about SSO \x1b]52;c;eA==\x07 timeline", Marks: [][2]int{{12, 15}}}}, Total: 1})
	v := s.View()
	if strings.Contains(v, "\x1b]52") || strings.Contains(v, "\x07") {
		t.Fatalf("escape sequences reached the view: %q", v)
	}
	if !strings.Contains(v, "1 found") || !strings.Contains(v, "Acme · note · call") {
		t.Fatalf("view:\n%s", v)
	}
	cmd = s.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if open, ok := cmd().(OpenRecordMsg); !ok || open.Hit.AccountID != 7 || !s.Done() {
		t.Fatalf("enter: %#v", cmd())
	}
}

// The matches: in brackets without colour; offsets that do not fit the
// text are ignored, never sliced.
func TestSearchMarks(t *testing.T) {
	s := newTestSearch(true)
	h := &SearchHit{Snippet: "asked about SSO timeline", Marks: [][2]int{{12, 15}, {20, 99}, {3, 1}}}
	if got := s.marked(h, 60); got != "asked about [SSO] timeline" {
		t.Fatalf("%q", got)
	}
	if got := s.marked(h, 14); got != "asked about […" && !strings.HasSuffix(got, "…") {
		t.Fatalf("cut: %q", got)
	}
	s.Update(SearchResultMsg{ID: s.id, Err: errors.New("the search index is being built")})
	if !strings.Contains(s.View(), "being built") {
		t.Fatal("the error is shown")
	}
	// A long error (an ambiguous account:) wraps: its #IDs stay in view.
	s.Update(SearchResultMsg{ID: s.id, Err: errors.New(`"Acme" matches 3 accounts: Acme Robotics Inc. (#12), Acme Textiles GmbH (#48), Acme Foods (#301)`)})
	if got := s.View(); !strings.Contains(got, "#301") || !strings.Contains(got, "#12") {
		t.Fatalf("the ambiguous account's #IDs are cut:\n%s", got)
	}
}

// ctrl+f is the global search key, remappable as [keys.global] search.
func TestSearchKeyRemaps(t *testing.T) {
	g := DefaultGlobalKeys("Triage").Remap(KeyBindings{GlobalScope: {"search": {"ctrl+g"}}})
	if keys := g.Search.Keys(); len(keys) != 1 || keys[0] != "ctrl+g" {
		t.Fatalf("search keys %v", keys)
	}
	if keys := DefaultGlobalKeys("Triage").Search.Keys(); len(keys) != 1 || keys[0] != "ctrl+f" {
		t.Fatalf("default %v", keys)
	}
}

// A record found brings its section of the account pane into view, on the
// account it is of: sent before the account's records come (the pane
// waits for them) or after.
func TestAccountPaneShowsTheRecordFound(t *testing.T) {
	noColour(t)
	d := briefDetail(t)
	for _, kind := range []string{"handoff", "risk", "opportunity", "contact"} {
		hit := SearchHit{AccountID: d.Account.ID, AccountUID: d.Account.UID, Kind: kind}
		head := map[string]string{"handoff": "Sales hand-off brief", "risk": "Risks and escalations", "opportunity": "Opportunities", "contact": "Contacts ("}[kind]
		for _, before := range []bool{true, false} {
			a := NewAccount(testCtx())
			a.SetSize(80, 20)
			if before {
				a.Update(ShowFoundMsg{Hit: hit})
			}
			a.Update(DetailMsg{Detail: &d})
			if !before {
				a.Update(ShowFoundMsg{Hit: hit})
			}
			if top := plainLines(t, a.View(), 80, 20)[0]; !strings.HasPrefix(top, head) {
				t.Errorf("%s (sent before the records %v): the pane's top line is %q", kind, before, top)
			}
		}
	}
	// Another account's hit moves nothing.
	a := NewAccount(testCtx())
	a.SetSize(80, 20)
	a.Update(DetailMsg{Detail: &d})
	a.Update(ShowFoundMsg{Hit: SearchHit{AccountID: d.Account.ID + 1, Kind: "risk"}})
	if top := plainLines(t, a.View(), 80, 20)[0]; !strings.HasPrefix(top, d.Account.Name) {
		t.Errorf("another account's hit scrolled the pane to %q", top)
	}
}

// An action item found is selected in the plan pane of its account (the
// goals, at the plan's top, are in view for a goal).
func TestPlanPaneSelectsTheItemFound(t *testing.T) {
	d := briefDetail(t)
	items := SortItems(d.Items)
	if len(items) < 2 {
		t.Fatal("the test account has too few items")
	}
	last := items[len(items)-1]
	p := NewPlan(testCtx())
	p.SetSize(80, 10)
	p.Update(ShowFoundMsg{Hit: SearchHit{AccountID: d.Account.ID, AccountUID: d.Account.UID, Kind: "item", RecID: last.ID}})
	p.Update(DetailMsg{Detail: &d})
	if p.selLine < 0 || !strings.Contains(p.lines[p.selLine], domain.Printable(Clip(last.Text, 20))[:10]) {
		t.Fatalf("selected line %d, want the item %q", p.selLine, last.Text)
	}
	if !strings.Contains(p.View(), last.Text[:10]) {
		t.Errorf("the item found is not on screen:\n%s", p.View())
	}
}

// termWidth is the cells a terminal such as tmux draws s in: character by
// character (no grapheme clusters), Hangul and CJK wide, combining marks
// and the vowels and finals of a Hangul syllable none, anything else one.
func termWidth(s string) int {
	n := 0
	for _, r := range ansiStrip(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r >= 0x1160 && r <= 0x11ff || r >= 0xd7b0 && r <= 0xd7ff:
		case r >= 0x1100 && r <= 0x115f || r >= 0xac00 && r <= 0xd7a3 || r >= 0x2e80 && r <= 0xa4cf || r >= 0xa960 && r <= 0xa97f:
			n += 2
		default:
			n++
		}
	}
	return n
}

// Hangul jamo that start no syllable, a byte order mark, zero width
// characters and stacked combining marks neither push the search box's
// border out nor leave a line that a terminal draws wider than the box.
func TestSearchBoxHoldsAwkwardText(t *testing.T) {
	s := newTestSearch(true)
	typeInto(s, "jamoonly")
	cmd := s.Update(searchTickMsg{id: s.id})
	ask := cmd().(SearchMsg)
	s.Update(SearchResultMsg{ID: ask.ID, Total: 4, Hits: []SearchHit{
		{AccountID: 1, Account: "Acme ᄀᄀᄀ", Kind: "note", Label: "call", Snippet: "jamoonly 한국어 ᄀᄀᄀ jamo ᄀ가 한"},
		{AccountID: 1, Account: "Acme\ufeff", Kind: "note", Label: "call", Snippet: "bomonly \ufeffxx zero\u200bwidth\u2060 join\u200d"},
		{AccountID: 1, Account: "Acme", Kind: "note", Label: "call", Snippet: "zalgoonly e\u0301\u0301\u0301\u0301 a\u0300\u0316\u0317 end"},
		{AccountID: 1, Account: "Acme", Kind: "note", Label: "call", Snippet: strings.Repeat("ᄀ", 60)},
	}})
	lines := strings.Split(s.View(), "\n")
	want := -1
	for _, l := range lines {
		if !strings.ContainsAny(l, "│╭╰") {
			continue
		}
		w := termWidth(strings.TrimRight(l, " "))
		if want < 0 {
			want = w
		}
		if w != want || !strings.HasSuffix(strings.TrimRight(l, " "), "│") && !strings.ContainsAny(l, "╭╰") {
			t.Errorf("a line %d cells wide (the box is %d), or its border pushed out: %q", w, want, l)
		}
	}
	if want < 0 {
		t.Fatalf("no box:\n%s", strings.Join(lines, "\n"))
	}
}
