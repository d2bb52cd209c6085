package cli

import (
	"strings"
	"testing"
)

func TestAccountCloseRecordsTheChurn(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--arr", "100k", "--start", "2025-03-01", "--renewal", "2027-03-01", "--db", db)
	if r := tend(t, "", "account", "close", "Acme", "--on", "2026-11-20", "--db", db); r.code != 2 || !strings.Contains(r.stderr, "--reason") {
		t.Errorf("without a reason: %+v", r)
	}
	if r := tend(t, "", "account", "close", "Acme", "--on", "2025-01-01", "--reason", "budget cut", "--db", db); r.code == 0 || !strings.Contains(r.stderr, "before its contract started") {
		t.Errorf("before the start: %+v", r)
	}
	r := mustRun(t, "account", "close", "Acme", "--on", "2026-11-20", "--reason", "budget cut", "--db", db)
	if !strings.Contains(r.stdout, "closed Acme Robotics (#1) as churned on 2026-11-20") {
		t.Errorf("%+v", r)
	}
	v := showAccount(t, db, "Acme Robotics")
	h := v.ARRHistory
	if v.Account.Stage != "closed" || v.Account.ARR.Amount != 0 || len(h) != 2 || h[1].Cause != "churned" || h[1].Date.String() != "2026-11-20" || h[0].Cause != "start" {
		t.Errorf("%+v %+v", v.Account, h)
	}
	show := mustRun(t, "account", "show", "Acme", "--db", db).stdout
	if !strings.Contains(show, "ARR history") || !strings.Contains(show, "churned") || !strings.Contains(show, "closed on 2026-11-20") || !strings.Contains(show, "why it closed: budget cut") || strings.Contains(show, "renewal") {
		t.Errorf("account show:\n%s", show)
	}
}

func TestDuplicateNamesAreWarnedAboutAndListed(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--start", "2025-01-01", "--db", db)
	r := mustRun(t, "account", "add", "ACME robotics", "--start", "2025-01-01", "--db", db)
	if !strings.Contains(r.stderr, `"ACME robotics" has the name of #1 Acme Robotics`) {
		t.Errorf("%+v", r)
	}
	r = mustRun(t, "check", "--db", db)
	if !strings.Contains(r.stdout, `warning: 2 accounts share the name "Acme Robotics": #1 Acme Robotics, #2 ACME robotics`) || !strings.Contains(r.stdout, ": ok") {
		t.Errorf("%+v", r)
	}
}

func TestAnAccountWithoutAStartIsSaidToBeAProspect(t *testing.T) {
	db := emptyBook(t)
	r := mustRun(t, "account", "add", "Acme Robotics", "--db", db)
	if !strings.Contains(r.stdout, "no contract start: it counts as a prospect") {
		t.Errorf("%+v", r)
	}
}

func TestAnUnrecognisedRenewalDateListsTheAcceptedForms(t *testing.T) {
	db := emptyBook(t)
	r := tend(t, "", "account", "add", "Acme", "--renewal", "31/12/2027", "--db", db)
	if r.code == 0 || strings.Contains(r.stderr, "count and a unit") || !strings.Contains(r.stderr, "not a date tend recognises") || !strings.Contains(r.stderr, "2027-12-31") {
		t.Errorf("%+v", r)
	}
}

// Moving an opportunity on the command line moves the book as the cockpit does.
func TestOppEditToWonRollsTheBook(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "account", "add", "Acme", "--arr", "100k", "--start", "2025-12-21", "--renewal", "2026-12-21", "--db", db)
	mustRun(t, "opp", "add", "Acme", "FY27 renewal", "--kind", "renewal", "--value", "110k", "--close", "+20d", "--db", db)
	r := mustRun(t, "opp", "edit", "Acme", "FY27", "--stage", "won", "--term", "24", "--new-arr", "120k", "--db", db)
	if !strings.Contains(r.stderr, "renewal won: FY27 renewal: ARR $120,000 from 2026-11-28") {
		t.Errorf("%+v", r)
	}
	mustRun(t, "opp", "add", "Acme", "Seats", "--kind", "upsell", "--value", "15k", "--stage", "won", "--keep-arr", "--db", db)
	v := showAccount(t, db, "Acme")
	if v.Account.Renewal.String() != "2028-12-21" || v.ARRHistory[len(v.ARRHistory)-1].Cause != "renewal won: FY27 renewal" {
		t.Errorf("%s %+v", v.Account.Renewal, v.ARRHistory)
	}
	if r := tend(t, "", "opp", "edit", "Acme", "FY27", "--stage", "lost", "--db", db); r.code == 0 || !strings.Contains(r.stderr, "moved the book") {
		t.Errorf("un-won: %+v", r)
	}
	if r := tend(t, "", "opp", "add", "Acme", "Old", "--close", "2026-01-10", "--db", db); r.code == 0 || !strings.Contains(r.stderr, "close date 2026-01-10 is in the past for an open opportunity") {
		t.Errorf("past close: %+v", r)
	}
}
