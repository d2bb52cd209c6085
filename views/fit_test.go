package views

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// The panes at 80×24 and 140×40 (issue 14): every column, name and choice
// that matters fits, and whatever is cut ends in ….

var fitSizes = [][2]int{{80, 24}, {140, 40}}

// plainLines are the view's lines without styles, each checked to fit w cells.
func plainLines(t *testing.T, view string, w, h int) []string {
	t.Helper()
	ls := strings.Split(ansi.Strip(view), "\n")
	if len(ls) > h {
		t.Errorf("%d lines, more than the height %d", len(ls), h)
	}
	for i, l := range ls {
		if Width(l) > w {
			t.Errorf("line %d is %d cells, more than %d: %q", i, Width(l), w, l)
		}
	}
	return ls
}

func TestPortfolioShowsTheSortColumnAtEveryWidth(t *testing.T) {
	noColour(t)
	b, _ := testData(t)
	for _, w := range []int{60, 70, 80, 100, 120, 140} {
		p := NewPortfolio(testCtx())
		p.Update(BookMsg{Book: b})
		p.SetSize(w, 24)
		if head := plainLines(t, p.View(), w, 24)[0]; !strings.Contains(head, "NAME↓") {
			t.Errorf("%d: the default order by name has no arrow: %q", w, head)
		}
		for c := range numColumns {
			for p.sortCol != c || !p.sorted {
				press(t, p, "s")
			}
			for _, arrow := range []string{"↓", "↑"} {
				head := plainLines(t, p.View(), w, 24)[0]
				if !strings.Contains(head, columnTitles[c]+arrow) {
					t.Errorf("%d: sorted by %s%s, header %q", w, columnTitles[c], arrow, head)
				}
				press(t, p, "S")
			}
			if cols, nameW := p.visibleColumns(); nameW < 24 && w >= 80 {
				t.Errorf("%d: sorted by %s the name has %d cells (%v)", w, columnTitles[c], nameW, cols)
			}
		}
	}
}

func TestContactEmailsFitOrEndInEllipsis(t *testing.T) {
	noColour(t)
	_, d := testData(t)
	d.Contacts = append(d.Contacts, domain.Contact{ID: 99, AccountID: d.Account.ID, Name: "Long Address",
		Role: domain.Roles[0], Email: "someone.with.a.long.address@subsidiary-holdings.com"})
	for _, sz := range fitSizes {
		a := NewAccount(testCtx())
		a.SetSize(sz[0], 400)
		a.Update(DetailMsg{Detail: d})
		view := strings.Join(plainLines(t, a.View(), sz[0], 400), "\n")
		for _, c := range d.Contacts {
			line := lineWith(view, c.Name)
			if line == "" {
				t.Fatalf("%dx%d: no line for %s", sz[0], sz[1], c.Name)
			}
			if strings.Contains(line, c.Email) {
				continue
			}
			cut := strings.Fields(line)
			found := false
			for _, f := range cut {
				if strings.HasSuffix(f, "…") && strings.HasPrefix(c.Email, strings.TrimSuffix(f, "…")) && len(f) > 10 {
					found = true
				}
			}
			if !found {
				t.Errorf("%dx%d: %s cut without …: %q", sz[0], sz[1], c.Email, line)
			}
		}
		if sz[0] >= 140 && !strings.Contains(view, "someone.with.a.long.address@subsidiary-holdings.com") {
			t.Errorf("%dx%d: a long email is cut while the line has room", sz[0], sz[1])
		}
	}
}

func TestPlanShowsTheSnoozedDateWhole(t *testing.T) {
	noColour(t)
	_, d := testData(t)
	d.Items = append([]domain.ActionItem(nil), d.Items...)
	i := -1
	for j := range d.Items {
		if !d.Items[j].Done {
			i = j
			break
		}
	}
	if i < 0 {
		t.Fatal("no open item")
	}
	d.Items[i].SnoozedUntil = testToday + 5
	want := "(snoozed to " + (testToday + 5).String() + ")"
	for _, sz := range fitSizes {
		p := NewPlan(testCtx())
		p.SetSize(sz[0], 200)
		p.Update(DetailMsg{Detail: d})
		view := strings.Join(plainLines(t, p.View(), sz[0], 200), "\n")
		line := lineWith(view, want)
		if line == "" {
			t.Errorf("%dx%d: %q is not whole on screen:\n%s", sz[0], sz[1], want, view)
			continue
		}
		if text := []rune(d.Items[i].Text); !strings.Contains(line, string(text[:min(len(text), 12)])) {
			t.Errorf("%dx%d: the item's text is gone: %q", sz[0], sz[1], line)
		}
	}
}

func TestNoteShowsEveryAttendeeADigitTicks(t *testing.T) {
	noColour(t)
	_, d := testData(t)
	d.Contacts = nil
	for i := range 12 {
		d.Contacts = append(d.Contacts, domain.Contact{ID: uint64(100 + i), AccountID: d.Account.ID, Name: fmt.Sprintf("Contact Number %02d", i+1)})
	}
	for _, sz := range fitSizes {
		for _, picking := range []bool{false, true} {
			n := NewNote(testCtx(), *d, nil)
			n.SetSize(sz[0], sz[1])
			if picking {
				n.Update(tea.KeyMsg{Type: tea.KeyF4})
			}
			press(t, n, "5")
			view := strings.Join(plainLines(t, n.View(), sz[0], sz[1]), "\n")
			for i := range 9 {
				box := "[ ]"
				if picking && i == 4 {
					box = "[x]"
				}
				if want := fmt.Sprintf("%s %d Contact Number %02d", box, i+1, i+1); !strings.Contains(view, want) {
					t.Errorf("%dx%d picking=%v: %q is not on screen:\n%s", sz[0], sz[1], picking, want, view)
				}
			}
			if !strings.Contains(view, "+3 more") {
				t.Errorf("%dx%d: the contacts past 9 are not counted:\n%s", sz[0], sz[1], view)
			}
			if strings.Contains(view, "[ ]…") || strings.Contains(view, "[x]…") {
				t.Errorf("%dx%d: an attendee is cut:\n%s", sz[0], sz[1], view)
			}
			if got := len(strings.Split(view, "\n")); got < sz[1]-1 {
				t.Errorf("%dx%d: the editor takes %d lines, the text fewer than it has", sz[0], sz[1], got)
			}
		}
	}
}

func TestKPINamesUseTheWidthLeft(t *testing.T) {
	noColour(t)
	ctx := testCtx()
	in := domain.KPIInput{Currency: "USD"}
	r := in.Report(domain.Scope{Kind: "book"}, domain.PeriodOf(domain.Quarter, ctx.Today()))
	for i := range r.Rows {
		v := domain.Value{V: 0.25, OK: true} // 25.0%, $0, 0.2/5: narrow figures
		if r.Rows[i].Unit == "money" {
			v.V = 420_000_000 // $4.2M (in cents)
		}
		r.Rows[i].Current, r.Rows[i].Previous, r.Rows[i].YTD = v, v, v
	}
	for _, sz := range fitSizes {
		k := NewKPI(ctx)
		k.SetSize(sz[0], sz[1])
		k.Update(KPIReportMsg{Report: &r})
		view := strings.Join(plainLines(t, k.View(), sz[0], sz[1]), "\n")
		for _, row := range r.Rows {
			if sz[0] >= 140 && !strings.Contains(view, row.Name+" ") {
				t.Errorf("%dx%d: %q is cut", sz[0], sz[1], row.Name)
			}
		}
		// cut only as far as the line needs: a cut name means a full line
		if nameW, valW := k.columns(); nameW < Width("Revenue concentration (top 20%)") {
			spark := max(Width("LAST 12"), Width(Sparkline(r.Rows[0].Trend)))
			if used := Gutter + 2 + nameW + 4*(valW+1) + 2 + spark; used != sz[0] {
				t.Errorf("%dx%d: names cut to %d cells while the row takes %d", sz[0], sz[1], nameW, used)
			}
		}
		if !strings.Contains(view, "Customer lifetime value ") {
			t.Errorf("%dx%d: Customer lifetime value is cut:\n%s", sz[0], sz[1], view)
		}
	}
}

func TestBlockCutsEndInEllipsis(t *testing.T) {
	if got := clipLines("abcdef\nab", 4); got != "abc…\nab" {
		t.Errorf("clipLines: %q", got)
	}
	th := NewTheme()
	if got := ansi.Strip(th.SelectedLine("› abcdef", 5)); got != "› ab…" {
		t.Errorf("SelectedLine: %q", got)
	}
}
