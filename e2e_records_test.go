package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// exported is the part of tend export --format json this test reads.
type exported struct {
	Accounts []struct {
		Account       domain.Account          `json:"account"`
		Contacts      []domain.Contact        `json:"contacts"`
		Interactions  []domain.Interaction    `json:"interactions"`
		Plan          *domain.Plan            `json:"plan"`
		ActionItems   []domain.ActionItem     `json:"action_items"`
		Opportunities []domain.Opportunity    `json:"opportunities"`
		Orders        []domain.Order          `json:"orders"`
		Surveys       []domain.SurveyResponse `json:"surveys"`
	} `json:"accounts"`
}

func exportBook(t *testing.T, bin, db string) exported {
	t.Helper()
	out, err := exec.Command(bin, "--db", db, "export", "--format", "json").Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var x exported
	if err := json.Unmarshal(out, &x); err != nil {
		t.Fatal(err)
	}
	return x
}

// field waits until the form's focus is on the field titled name, types
// text into it (if any) and goes on with enter.
func (s *session) field(name, text string) {
	s.t.Helper()
	s.waitFor("┃ " + name)
	if text != "" {
		s.text(text)
	}
	s.keys("Enter")
}

// pickKind chooses the kind of record to add in the browser's add form
// (enter while huh's filter is open picks the one shown).
func (s *session) pickKind(kind string) {
	s.t.Helper()
	s.keys("a")
	s.waitFor("Which kind of record?")
	s.keys("/") // huh's filter: a key of its own
	s.waitFor("┃ /")
	s.text(kind)
	s.waitFor("┃ > " + kind)
	s.keys("Enter")
}

// From an empty book, only from the keyboard: an account with a contract
// start, a contact, a goal, an opportunity, an NPS answer and an order; a
// note with an action item, edited, deleted and the delete undone; the
// renewal won (the renewal date rolls a year, ARR set); the KPI pane's NPS,
// AOV and retention computed from those records.
func TestE2EEmptyBookToAFullAccount(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := filepath.Join(t.TempDir(), "empty.db")
	s := cockpitOn(t, bin, db)
	s.waitFor("Your book is empty.", "First step: a adds an account; I imports a CSV or JSON file")
	s.keys("2")
	s.waitForFlow("No accounts yet. First step: a adds an account; I imports a CRM export")
	s.keys("1") // the first screen's a works too

	// The account.
	s.keys("a")
	s.waitFor("New account")
	s.field("Name", "Acme Robotics")
	s.field("Segment", "Enterprise")
	s.field("Tier", "")
	s.field("Lifecycle stage", "")
	s.field("Owner", "maya")
	s.field("Website", "acme.example.com")
	s.field("ARR", "120k")
	s.field("Contract start", "2026-01-01")
	s.field("Renewal", "2027-01-01")
	s.field("Check-in cadence", "")
	s.waitFor("account Acme Robotics added", "[3 Account]", "contract since 2026-01-01")

	// A contact, from the account pane.
	s.keys("c")
	s.field("Name", "Dana Ruiz")
	s.field("Title", "CFO")
	s.field("Email", "dana@acme.example.com")
	s.field("Phone", "")
	s.field("Stakeholder role", "")
	s.field("Preferred channel", "")
	s.waitFor(`added contact #1 "Dana Ruiz"`)

	// The records browser: a goal, an opportunity, an NPS answer, an order.
	s.keys("l")
	s.waitFor("Records of Acme Robotics", "Contacts (1)")
	s.pickKind("goal")
	s.field("Goal", "Adoption")
	s.field("Metric", "weekly users")
	s.field("Baseline", "10")
	s.field("Target", "50")
	s.field("Current", "")
	s.field("Due", "")
	s.waitFor(`added goal #1 "Adoption"`, "Goals (1)")
	s.pickKind("opportunity")
	s.field("Title", "More seats")
	s.field("Kind", "")
	s.field("Value", "12k")
	s.field("Stage", "")
	s.field("Probability", "")
	s.field("Expected close", "")
	s.waitFor(`added opportunity #1 "More seats"`, "Opportunities (1)")
	s.pickKind("survey")
	s.field("Survey", "")
	s.field("Score", "9")
	s.field("Date", "")
	s.waitFor("┃ Who answered")
	s.keys("Down", "Enter")
	s.field("Comment", "loves the API")
	s.waitFor(`added survey answer #1 "NPS 9 on 2026-11-28"`, "Survey answers (1)")
	s.pickKind("order")
	s.field("Date", "")
	s.field("Amount", "1,250")
	s.waitFor(`added order #1 "$1,250 on 2026-11-28"`, "Orders (1)")

	// A note with an action item, from the browser's add.
	s.pickKind("note")
	s.waitFor("Note · Acme Robotics")
	s.text("Call with Dana about pricing.")
	s.keys("Enter")
	s.text("- [ ] send pricing @fri")
	s.keys("C-s")
	s.waitFor("1 action item(s) created")
	s.waitFor("Records of Acme Robotics", "Notes (1)", "Action items (1)", "send pricing")

	// Edit the note: filter the list down to it, e, add a sentence.
	s.keys("f")
	s.text("pricing call")
	s.keys("Enter")
	s.waitFor("1 of 7 records")
	s.keys("e")
	s.waitFor("Edit note #1", "┃ Text")
	s.keys("C-e") // the end of the line: the text area's cursor starts at its end already
	s.text(" Agreed on a follow-up.")
	s.keys("Enter")
	s.field("Channel", "")
	s.field("Sentiment", "")
	s.waitFor(`saved note #1`, "edited 1×")
	s.keys("Enter")
	s.waitFor("Note #1 of Acme Robotics", "Agreed on a follow-up.", "Earlier versions (1, newest first)")
	s.keys("Escape") // one key at a time: an escape and the next key sent together read as alt+key
	s.waitFor("1 of 7 records")

	// Delete it (the confirmation names it), then undo the delete.
	s.keys("d")
	s.waitFor("Delete note?", `Delete note #1 "2026-11-28 09:00 call Call with Dana`, "[Keep]")
	s.keys("Left")
	s.waitFor("[Delete]")
	s.keys("Enter")
	s.waitFor(`deleted note #1`, "0 of 6 records")
	if x := exportBook(t, bin, db); len(x.Accounts[0].Interactions) != 0 {
		t.Fatalf("the note is still in the file after the delete: %+v", x.Accounts[0].Interactions)
	}
	s.keys("u")
	s.waitFor(`undone: deleted note #1`, "1 of 7 records")

	// Win the renewal: a renewal opportunity, moved to won with its term.
	s.keys("Escape") // the filter
	s.waitFor("7 of 7 records")
	s.keys("Escape") // the browser
	s.waitFor("[3 Account]", "Health: why")
	s.keys("o")
	s.field("Title", "Renewal 2027")
	s.waitFor("┃ Kind")
	s.keys("Down", "Down", "Down")
	s.keys("Enter")
	s.field("Value", "130k")
	s.field("Stage", "")
	s.field("Probability", "")
	s.field("Expected close", "")
	s.waitFor(`"Renewal 2027"`)
	s.keys("O")
	s.waitFor("Move an opportunity")
	s.keys("/")
	s.text("Renewal")
	s.keys("Enter")
	s.field("Title", "")
	s.waitFor("┃ Stage")
	s.keys("Down", "Down", "Down")
	s.keys("Enter")
	s.field("Value", "")
	s.field("Probability", "")
	s.field("Expected close", "")
	s.field("Renewal won: term in months", "")
	s.field("New ARR", "")
	s.waitForFlow("renewal won: the renewal date moves 12 months")
	s.waitFor("renews 2028-01-01")

	// The KPI pane computes NPS, AOV and retention from these records.
	s.keys("5")
	s.waitFor("2026-Q4 to date · 1 customer")
	s.waitForLine("Net promoter score", "+100")
	s.waitForLine("Average order value", "$1.3k")
	s.waitForLine("Retention rate", "100.0%")

	// The file holds it all.
	x := exportBook(t, bin, db)
	if len(x.Accounts) != 1 {
		t.Fatalf("%d accounts", len(x.Accounts))
	}
	a := x.Accounts[0]
	if a.Account.Name != "Acme Robotics" || a.Account.ContractStart.String() != "2026-01-01" || a.Account.ARR.Amount != 130_000_00 ||
		a.Account.Renewal.String() != "2028-01-01" || a.Account.Owner != "maya" {
		t.Errorf("account: %+v", a.Account)
	}
	if len(a.Contacts) != 1 || a.Contacts[0].Title != "CFO" {
		t.Errorf("contacts: %+v", a.Contacts)
	}
	if a.Plan == nil || len(a.Plan.Goals) != 1 || a.Plan.Goals[0].Target != 50 {
		t.Errorf("plan: %+v", a.Plan)
	}
	if len(a.Opportunities) != 2 || a.Opportunities[0].Value.Amount != 12_000_00 || a.Opportunities[1].Stage != domain.OppWon {
		t.Errorf("opportunities: %+v", a.Opportunities)
	}
	if len(a.Surveys) != 1 || a.Surveys[0].Kind != domain.SurveyNPS || a.Surveys[0].Score != 9 || a.Surveys[0].ContactID != a.Contacts[0].ID {
		t.Errorf("surveys: %+v", a.Surveys)
	}
	if len(a.Orders) != 1 || a.Orders[0].Amount.Amount != 1250_00 {
		t.Errorf("orders: %+v", a.Orders)
	}
	if len(a.ActionItems) != 1 || a.ActionItems[0].Text != "send pricing" || a.ActionItems[0].Due.IsZero() {
		t.Errorf("action items: %+v", a.ActionItems)
	}
	if len(a.Interactions) != 1 {
		t.Fatalf("notes: %+v", a.Interactions)
	}
	n := a.Interactions[0]
	if !strings.Contains(n.Summary, "Agreed on a follow-up.") || !strings.Contains(n.Summary, "- [ ] send pricing @fri") ||
		len(n.Revisions) != 1 || strings.Contains(n.Revisions[0].Summary, "Agreed") {
		t.Errorf("the note after edit, delete and undo: %q, revisions %+v", n.Summary, n.Revisions)
	}
}

// waitForLine waits until one line of the screen holds all of parts.
func (s *session) waitForLine(parts ...string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		for _, l := range strings.Split(scr, "\n") {
			all := true
			for _, p := range parts {
				all = all && strings.Contains(l, p)
			}
			if all {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited for a line with %q; the screen shows:\n%s", parts, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
