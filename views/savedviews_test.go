package views

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// A saved view names the portfolio's columns as the domain lists them.
func TestViewSortColumnsAreThePortfolioColumns(t *testing.T) {
	if len(domain.ViewSortColumns) != int(numColumns) {
		t.Fatalf("%d view columns, %d portfolio columns", len(domain.ViewSortColumns), numColumns)
	}
	for c := ColName; c < numColumns; c++ {
		if strings.ToLower(columnTitles[c]) != sortName(c) {
			t.Errorf("column %d: %s vs %s", c, columnTitles[c], sortName(c))
		}
		if got, ok := columnNamed(strings.ToUpper(sortName(c))); !ok || got != c {
			t.Errorf("columnNamed(%s) = %v %v", sortName(c), got, ok)
		}
	}
}

// The palette lists matching views after the accounts (view: NAME), only
// views after "view:", and none when it asks for an account.
func TestPaletteListsSavedViews(t *testing.T) {
	p := NewPalette(NewContext(NewTheme(), nil, true))
	p.SetSize(80, 20)
	p.SetViews([]domain.SavedView{{Name: "Key book", Filter: "tier:key"}, {Name: "Renewals", Filter: "stage:ret", Sort: "renewal"}})
	if vm := p.viewMatches(); len(vm) != 2 {
		t.Errorf("empty query: %v", vm)
	}
	p.input.SetValue("view: ren")
	if vm := p.viewMatches(); len(vm) != 1 || vm[0].Name != "Renewals" || p.accountHits() != 0 {
		t.Errorf("view: ren: %v", vm)
	}
	if !strings.Contains(p.View(), "view: Renewals · stage:ret · by renewal") {
		t.Errorf("not drawn:\n%s", p.View())
	}
	cmd, ok := p.applyView()
	if !ok || cmd == nil {
		t.Fatal("enter on a view does not apply it")
	}
	if msg, _ := cmd().(ApplyViewMsg); msg.View.Name != "Renewals" {
		t.Errorf("applied %+v", msg)
	}
	p.Pick = func(uint64) tea.Msg { return nil }
	if vm := p.viewMatches(); len(vm) != 0 {
		t.Errorf("a pick lists views: %v", vm)
	}
}

// ctrl+s (save a view) is a portfolio key: the key tests press it.
func init() { keyTypes["ctrl+s"] = tea.KeyCtrlS }
