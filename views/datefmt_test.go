package views

import (
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// The account pane shows its dates in the context's layout; forms are not
// panes and keep ISO.
func TestAccountPaneShowsTheDateLayout(t *testing.T) {
	noColour(t)
	_, d := testData(t)
	d.Account.Renewal = domain.NewDate(2027, time.March, 4)
	ctx := testCtx()
	ctx.DateLayout = "2 Jan 2006"
	a := NewAccount(ctx)
	a.SetSize(160, 400)
	a.Update(DetailMsg{Detail: d})
	view := strings.Join(plainLines(t, a.View(), 160, 400), "\n")
	if !strings.Contains(view, "renews 4 Mar 2027") {
		t.Errorf("no renewal in 2 Jan 2006:\n%s", view)
	}
	if strings.Contains(view, "2027-03-04") {
		t.Errorf("renewal still ISO:\n%s", view)
	}
	if got := ctx.Date(0); got != "—" {
		t.Errorf("zero date = %q", got)
	}
	if got := testCtx().Date(d.Account.Renewal); got != "2027-03-04" {
		t.Errorf("default layout = %q", got)
	}
}
