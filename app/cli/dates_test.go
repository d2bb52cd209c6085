package cli

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A win in the future is refused (by the command line and by app, which the
// cockpit calls); an action item already overdue when added is kept, with a
// note saying how long ago it was due.
func TestWinInTheFutureRefusedOverdueItemNoted(t *testing.T) {
	db, run := bookWith(t)
	if r := run("", "win", "add", "Acme Robotics", "Signed the reference", "--date", "2026-12-01"); r.code == 0 || !strings.Contains(r.stderr, "in the future") {
		t.Errorf("future win: %+v", r)
	}
	st := store.New(db)
	acct, err := app.LoadAccount(st, 1)
	if err != nil {
		t.Fatal(err)
	}
	{
		w := app.Rec{Kind: app.KindWin, Value: domain.Win{Title: "later", Date: domain.NewDate(2026, 12, 1)}}
		if _, _, err := app.SaveRecord(st, app.RefOf(&acct.Account), w, domain.DateOf(testNow)); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("app saved a future win: %v", err)
		}
	}
	if r := run("", "win", "list", "Acme Robotics"); strings.Contains(r.stdout, "Signed") || strings.Contains(r.stdout, "later") {
		t.Errorf("a future win was kept: %s", r.stdout)
	}
	r := run("", "item", "add", "Acme Robotics", "Send the deck", "--due", "2020-01-01")
	if r.code != 0 || !strings.Contains(r.stderr, "due 2020-01-01 is 2523 days ago") {
		t.Errorf("overdue item: %+v", r)
	}
	if r := run("", "item", "add", "Acme Robotics", "Call back", "--due", "2026-12-01"); r.code != 0 || r.stderr != "" {
		t.Errorf("item due later: %+v", r)
	}
}

// A snooze date tend cannot read names the accepted forms, not a date to
// type; one in the date_format setting is read.
func TestSnoozeDateErrorNamesTheForms(t *testing.T) {
	today := domain.DateOf(testNow)
	_, err := domain.ParseSnooze("31/12/2026", today)
	if err == nil || !strings.Contains(err.Error(), "not a date tend recognises: type year-month-day (2027-12-31), today") {
		t.Errorf("%v", err)
	}
	if d, err := domain.ParseSnoozeIn("31/12/2026", today, "02/01/2006"); err != nil || d != domain.NewDate(2026, 12, 31) {
		t.Errorf("%v %v", d, err)
	}
}
