package views

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// briefDetail is the test account's detail with the numbers a store gives
// its records (the demo's have none), and the attendees its notes name.
func briefDetail(t *testing.T) domain.AccountDetail {
	_, src := testData(t)
	d := *src
	d.Contacts = append([]domain.Contact(nil), d.Contacts...)
	for i := range d.Contacts {
		d.Contacts[i].ID = uint64(100 + i)
	}
	d.Interactions = append([]domain.Interaction(nil), d.Interactions...)
	for i := range d.Interactions {
		d.Interactions[i].ID = uint64(1000 + i)
		var att []uint64
		for _, a := range d.Interactions[i].Attendees { // the demo's are 1 + index into Contacts
			att = append(att, 99+a)
		}
		d.Interactions[i].Attendees = att
	}
	d.Items = append([]domain.ActionItem(nil), d.Items...)
	for i := range d.Items {
		d.Items[i].ID = uint64(200 + i)
	}
	d.Opportunities = append([]domain.Opportunity(nil), d.Opportunities...)
	for i := range d.Opportunities {
		d.Opportunities[i].ID = uint64(300 + i)
	}
	d.Risks = append([]domain.Risk(nil), d.Risks...)
	for i := range d.Risks {
		d.Risks[i].ID = uint64(400 + i)
	}
	d.Plan.Goals = append([]domain.Goal(nil), d.Plan.Goals...)
	for i := range d.Plan.Goals {
		d.Plan.Goals[i].ID = uint64(500 + i)
	}
	return d
}

func TestGoldenBrief(t *testing.T) {
	for _, sz := range goldenSizes {
		for _, l := range looks {
			name := fmt.Sprintf("brief-%dx%d-%s", sz[0], sz[1], l.name)
			t.Run(name, func(t *testing.T) {
				setLook(t, l)
				d := briefDetail(t)
				v := NewBrief(testCtx(), domain.NewBrief(&d, testToday, time.UTC))
				v.SetSize(sz[0], sz[1]-frameLines)
				got := v.View()
				if n := strings.Count(got, "\n") + 1; n != sz[1]-frameLines {
					t.Errorf("%d lines, want %d", n, sz[1]-frameLines)
				}
				for i, line := range strings.Split(got, "\n") {
					if w := Width(line); w > sz[0] {
						t.Errorf("line %d is %d wide: %q", i+1, w, line)
					}
				}
				golden(t, name, got)
			})
		}
	}
}

// n in the brief starts a note with the likely contacts ticked; enter
// opens the account; esc closes.
func TestBriefKeys(t *testing.T) {
	d := briefDetail(t)
	b := domain.NewBrief(&d, testToday, time.UTC)
	v := NewBrief(testCtx(), b)
	v.SetSize(80, 20)
	msg := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})()
	nw, ok := msg.(NoteWithMsg)
	if !ok || nw.AccountID != d.Account.ID || len(nw.Attendees) == 0 || fmt.Sprint(nw.Attendees) != fmt.Sprint(b.Attendees()) {
		t.Fatalf("n sent %#v, want the likely attendees %v", msg, b.Attendees())
	}
	if _, ok := v.Update(tea.KeyMsg{Type: tea.KeyCtrlY})().(FollowUpRequestMsg); !ok {
		t.Error("ctrl+y asks for no follow-up")
	}
	if m, ok := v.Update(tea.KeyMsg{Type: tea.KeyEnter})().(OpenAccountMsg); !ok || m.ID != d.Account.ID || !v.Done() {
		t.Error("enter opens no account")
	}
}

// The config file's [keys.brief] remaps every key the brief advertises:
// each remapped key does its action, the default no longer does, and the
// help shows the new key.
func TestBriefKeysRemapped(t *testing.T) {
	d := briefDetail(t)
	b := domain.NewBrief(&d, testToday, time.UTC)
	ctx := testCtx()
	ctx.Keys = KeyBindings{BriefScope: {"note": {"N"}, "follow_up": {"Y"}, "open": {"O"}, "help": {"H"}, "close": {"x"},
		"up": {"K"}, "down": {"J"}, "page_up": {"U"}, "page_down": {"D"}, "top": {"T"}, "bottom": {"E"}}}
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	var scope *KeyScope
	for _, sc := range KeyScopes(ctx.Keys) {
		if sc.Name == BriefScope {
			scope = &sc
		}
	}
	if scope == nil || !scope.Overlay || len(scope.Actions) != 11 {
		t.Fatalf("no brief scope among the key scopes: %+v", scope)
	}
	want := map[string]func(tea.Msg, *Brief) bool{
		"note":      func(m tea.Msg, _ *Brief) bool { _, ok := m.(NoteWithMsg); return ok },
		"follow_up": func(m tea.Msg, _ *Brief) bool { _, ok := m.(FollowUpRequestMsg); return ok },
		"open":      func(m tea.Msg, v *Brief) bool { _, ok := m.(OpenAccountMsg); return ok && v.Done() },
		"help":      func(m tea.Msg, _ *Brief) bool { _, ok := m.(ShowHelpMsg); return ok },
		"close":     func(_ tea.Msg, v *Brief) bool { return v.Done() },
		// Scrolling, from two lines down.
		"up":        func(_ tea.Msg, v *Brief) bool { return v.off == 1 },
		"down":      func(_ tea.Msg, v *Brief) bool { return v.off == 3 },
		"page_up":   func(_ tea.Msg, v *Brief) bool { return v.off == 0 },
		"page_down": func(_ tea.Msg, v *Brief) bool { return v.off > 3 },
		"top":       func(_ tea.Msg, v *Brief) bool { return v.off == 0 },
		"bottom":    func(_ tea.Msg, v *Brief) bool { return v.off > 3 && strings.Contains(v.View(), "Goals off track") },
	}
	defaults := map[string]tea.KeyMsg{"note": runes("n"), "follow_up": {Type: tea.KeyCtrlY}, "open": {Type: tea.KeyEnter}, "help": runes("?"), "close": {Type: tea.KeyEsc},
		"up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown}, "page_up": {Type: tea.KeyPgUp}, "page_down": {Type: tea.KeyPgDown}, "top": {Type: tea.KeyHome}, "bottom": {Type: tea.KeyEnd}}
	for _, a := range scope.Actions {
		did := want[a.Name]
		if did == nil {
			t.Errorf("action %s: not pressed by this test", a.Name)
			continue
		}
		v := NewBrief(ctx, b)
		v.SetSize(80, 20)
		v.off = 2
		var msg tea.Msg
		if cmd := v.Update(runes(a.Keys[0])); cmd != nil {
			msg = cmd()
		}
		if a.Keys[0] != ctx.Keys[BriefScope][a.Name][0] || !did(msg, v) {
			t.Errorf("%s: %q did not do it (sent %#v)", a.Name, a.Keys[0], msg)
		}
		v = NewBrief(ctx, b)
		v.SetSize(80, 20)
		v.off = 2
		if cmd := v.Update(defaults[a.Name]); cmd != nil || v.Done() || v.off != 2 {
			t.Errorf("%s: the default key still works", a.Name)
		}
		if h := fmt.Sprint(v.KeyMap().FullHelp()); !strings.Contains(h, a.Keys[0]) {
			t.Errorf("%s: the help does not show %q", a.Name, a.Keys[0])
		}
	}
}

// Text from the records reaches the screen neutralised.
func TestBriefNeutralisesHostileText(t *testing.T) {
	d := briefDetail(t)
	d.Account.Name = "Evil\x1b]52;c;aGk=\x07 Corp"
	d.Interactions[len(d.Interactions)-1].Summary = "\x1b[2Jwiped\x9b1m"
	d.Contacts[0].Name = "Bob\x1b[31m"
	v := NewBrief(testCtx(), domain.NewBrief(&d, testToday, time.UTC))
	v.SetSize(140, 36)
	for _, r := range v.View() {
		if r == 0x1b || r == 0x07 || r >= 0x80 && r <= 0x9f {
			t.Fatalf("control %U reached the view", r)
		}
	}
}

func testFollowUp() domain.FollowUp {
	a := domain.Account{ID: 1, UID: "u1", Name: "Acme Robotics Inc.", Owner: "Maya Chen", CadenceDays: 14}
	contacts := []domain.Contact{{ID: 10, Name: "Ana Souza"}, {ID: 11, Name: "Ben Okafor"}}
	note := domain.Interaction{ID: 5, At: time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC), Channel: domain.ChannelCall, Attendees: []uint64{10, 11},
		Summary: "Walked through the SSO rollout.\n- [ ] send pricing @fri\nThey want the EU team on board by March."}
	items := []domain.ActionItem{{ID: 7, Text: "send pricing", Due: domain.NewDate(2026, 12, 4), Source: 5}}
	return domain.NewFollowUp(&a, contacts, &note, items, time.UTC)
}

func TestGoldenFollowUp(t *testing.T) {
	for _, sz := range goldenSizes {
		for _, l := range looks {
			name := fmt.Sprintf("followup-%dx%d-%s", sz[0], sz[1], l.name)
			t.Run(name, func(t *testing.T) {
				setLook(t, l)
				v := NewFollowUp(testCtx(), Ref{ID: 1, UID: "u1"}, testFollowUp())
				v.SetSize(sz[0], sz[1]-frameLines)
				golden(t, name, v.View())
			})
		}
	}
}

// c copies, e edits, i books the next check-in once, esc closes.
func TestFollowUpKeys(t *testing.T) {
	f := testFollowUp()
	v := NewFollowUp(testCtx(), Ref{ID: 1, UID: "u1"}, f)
	v.SetSize(80, 20)
	if m, ok := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})().(CopyTextMsg); !ok || m.Text != f.Text() {
		t.Error("c copies nothing")
	}
	if m, ok := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("e")})().(EditTextMsg); !ok || m.AccountID != 1 {
		t.Error("e edits nothing")
	}
	m, ok := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("i")})().(BookCheckInMsg)
	if !ok || m.Account.UID != "u1" || m.FollowUp.CheckInItem().Due != f.NextMeeting {
		t.Fatalf("i sent %#v", m)
	}
	if s, ok := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("i")})().(StatusMsg); !ok || !strings.Contains(s.Text, "already booked: item due") {
		t.Errorf("i twice: %#v, want it named as already booked", s)
	}
	if v.keys.CheckIn.Enabled() {
		t.Error("the footer still offers i after booking")
	}
	// A follow-up whose check-in an open item books already books nothing.
	f.Booked = &domain.ItemRef{ID: 4, Due: f.NextMeeting, Text: f.CheckInItem().Text}
	v = NewFollowUp(testCtx(), Ref{ID: 1, UID: "u1"}, f)
	v.SetSize(80, 20)
	if s, ok := v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("i")})().(StatusMsg); !ok || !strings.Contains(s.Text, "already booked") {
		t.Errorf("i on a booked check-in sent %#v", s)
	}
	if !strings.Contains(v.View(), "booked: item #4 due") || v.keys.CheckIn.Enabled() {
		t.Error("the booked check-in is not shown")
	}
	// [keys.followup] remaps them: y copies, c no longer does.
	ctx := testCtx()
	ctx.Keys = KeyBindings{FollowUpScope: {"copy": {"y"}, "check_in": {"I"}}}
	rv := NewFollowUp(ctx, Ref{ID: 1, UID: "u1"}, testFollowUp())
	if _, ok := rv.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})().(CopyTextMsg); !ok {
		t.Error("the remapped y copies nothing")
	}
	if cmd := rv.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}); cmd != nil {
		t.Error("c still copies after the remap")
	}
	if _, ok := rv.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("I")})().(BookCheckInMsg); !ok {
		t.Error("the remapped I books nothing")
	}
	// At 80x24 a longer text says it goes on, and scrolls to its end.
	v.SetSize(80, 24-frameLines)
	v.SetText(strings.Repeat("line\n", 30) + "Best regards,\nthe end")
	if !strings.Contains(v.View(), "↓ more") || strings.Contains(v.View(), "the end") {
		t.Errorf("a long text does not say it continues:\n%s", v.View())
	}
	for range 40 {
		v.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	if got := v.View(); strings.Contains(got, "↓ more") || !strings.Contains(got, "the end") {
		t.Errorf("scrolled to the bottom:\n%s", got)
	}
	v.SetText("edited")
	if v.Text() != "edited" || !strings.Contains(v.View(), "edited") {
		t.Error("the edited text is not shown")
	}
	v.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if v.Done() {
		t.Error("esc dropped the edited text unasked")
	}
	v.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if !v.Done() {
		t.Error("esc twice does not close")
	}
}

func TestGoldenDrafts(t *testing.T) {
	now := testCtx().Now()
	rows := []DraftRow{
		{Account: Ref{ID: 1, UID: "u1", Name: "Acme Robotics Inc."}, Draft: domain.Draft{Text: "Pricing call, half typed\n- [ ] send quote", Saved: now.Add(-5 * time.Minute)}},
		{Account: Ref{ID: 2, UID: "u2", Name: "Northwind Software Inc."}, Draft: domain.Draft{Text: "QBR prep \x1b[31mnotes", Saved: now.Add(-50 * time.Hour)}},
	}
	for _, sz := range goldenSizes {
		for _, l := range looks {
			name := fmt.Sprintf("drafts-%dx%d-%s", sz[0], sz[1], l.name)
			t.Run(name, func(t *testing.T) {
				setLook(t, l)
				v := NewDrafts(testCtx(), rows)
				v.SetSize(sz[0], sz[1]-frameLines)
				v.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")}) // armed: the warning shows
				got := v.View()
				if strings.Contains(got, "\x1b[31mnotes") {
					t.Error("a draft's escape reached the view")
				}
				golden(t, name, got)
			})
		}
	}
}

// ctrl+y in the note reader drafts that note's follow-up; on another record it is off.
func TestReaderFollowUp(t *testing.T) {
	in := domain.Interaction{ID: 9, AccountID: 1, At: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), Channel: domain.ChannelCall, Summary: "x"}
	r := NewReader(testCtx(), Ref{ID: 1, UID: "u1"}, Record{Kind: KindNote, ID: 9, Value: &in}, nil)
	cmd := r.Update(tea.KeyMsg{Type: tea.KeyCtrlY})
	if cmd == nil {
		t.Fatal("ctrl+y does nothing in a note's reader")
	}
	if m, ok := cmd().(FollowUpRequestMsg); !ok || m.NoteID != 9 || m.AccountUID != "u1" {
		t.Errorf("ctrl+y sent %#v", m)
	}
	g := domain.Goal{ID: 3, Title: "g", Metric: "m", Target: 1}
	r = NewReader(testCtx(), Ref{ID: 1, UID: "u1"}, Record{Kind: KindGoal, ID: 3, Value: &g}, nil)
	if cmd := r.Update(tea.KeyMsg{Type: tea.KeyCtrlY}); cmd != nil {
		t.Error("ctrl+y acts in a goal's reader")
	}
}

// A click selects the agenda entry under it.
func TestAgendaClick(t *testing.T) {
	b, _ := testData(t)
	p := NewAgenda(testCtx())
	p.SetSize(80, 20)
	ag := domain.NewAgenda(b.Sums, b.Today, 30, 0)
	p.Update(AgendaMsg{Agenda: &ag})
	p.Click(5)
	if p.cursor != 3 {
		t.Errorf("cursor %d after a click on line 5", p.cursor)
	}
	p.Click(0) // the heading
	if p.cursor != 3 {
		t.Errorf("a click on the heading moved the cursor to %d", p.cursor)
	}
}

// The brief and the account pane say the same health change: one
// definition (domain.HealthChange over domain.TrendDays), not the brief's
// 30 days beside the pane's "since last month".
func TestBriefAndAccountPaneShowOneHealthChange(t *testing.T) {
	noColour(t)
	d := briefDetail(t)
	b := domain.NewBrief(&d, testToday, time.UTC)
	dlt, ok := b.Trend()
	if !ok {
		t.Fatal("the test account has no health change")
	}
	a := NewAccount(testCtx())
	a.SetSize(140, 40)
	a.Update(DetailMsg{Detail: &d})
	pane := strings.Join(plainLines(t, a.View(), 140, 40), "\n")
	if want := fmt.Sprintf("(%+d in %d days)", dlt, domain.TrendDays); !strings.Contains(pane, want) {
		t.Errorf("the brief says %q; the account pane does not say %q:\n%s", b.HealthText(), want, pane)
	}
	c := domain.NewHealthChange(&d, testToday, time.UTC)
	if got, _ := c.Delta(); got != dlt || c.Words() == "" || !strings.Contains(b.HealthText(), c.Words()) {
		t.Errorf("HealthChange %d %q, the brief %q", got, c.Words(), b.HealthText())
	}
}

// At 80 columns the heading wraps: the health's reason and the next
// check-in are read whole; the talking points come first; scrolling down
// shows every row; at 140x40 a section's rows are not hidden while lines
// are left empty.
func TestBriefWrapsScrollsAndFills(t *testing.T) {
	d := briefDetail(t)
	b := domain.NewBrief(&d, testToday, time.UTC)
	v := NewBrief(testCtx(), b)
	v.SetSize(80, 24-frameLines)
	top := v.View()
	for _, want := range []string{"next check-in", "cadence 21)", "Talking points  (4 of 7)\n• Open high concern"} {
		if !strings.Contains(top, want) {
			t.Errorf("80x24 lacks %q:\n%s", want, top)
		}
	}
	seen := map[string]bool{}
	for range 40 {
		for _, l := range strings.Split(v.View(), "\n") {
			seen[strings.TrimSpace(l)] = true
		}
		v.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	for _, p := range b.Points {
		found := false
		for l := range seen {
			if strings.HasPrefix(l, "• "+p.Text[:20]) {
				found = true
			}
		}
		if !found {
			t.Errorf("scrolling never shows the point %q", p.Text)
		}
	}
	v = NewBrief(testCtx(), b)
	v.SetSize(140, 40-frameLines)
	got := v.View()
	if regexp.MustCompile(`\(\d+ of \d+\)`).MatchString(got) && strings.HasSuffix(got, "\n") {
		t.Errorf("140x40 hides rows and leaves lines empty:\n%s", got)
	}
}
