package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// bookWith is a new book holding two accounts (#1 Acme Robotics, #2 Acme
// Rockets) with a contact, Dana Ruiz, on #1.
func bookWith(t *testing.T) (db string, run func(stdin string, args ...string) result) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "book.db")
	run = func(stdin string, args ...string) result {
		t.Helper()
		return tend(t, stdin, append([]string{"--db", db}, args...)...)
	}
	for _, args := range [][]string{
		{"account", "add", "Acme Robotics", "--arr", "120k", "--start", "2025-01-01"},
		{"account", "add", "Acme Rockets"},
		{"contact", "add", "Acme Robotics", "Dana Ruiz", "--email", "dana@acme.com"},
	} {
		if r := run("", args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	return db, run
}

// jsonOf decodes a command's --json output.
func jsonOf[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	if r.code != 0 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("%v: %q", err, r.stdout)
	}
	return v
}

// Every kind: add, list --json, show --json, edit (only the flags given),
// delete (refused without --yes, saying what), and the list is as before.
func TestEveryKindRoundTrips(t *testing.T) {
	_, run := bookWith(t)
	cases := []struct {
		kind   string
		add    []string // after "KIND add acme"
		field  string   // a JSON field add set
		want   any
		edit   []string // after "KIND edit acme N"
		efield string   // a JSON field edit changed
		ewant  any
		kept   string // a field edit did not touch, still want
	}{
		{"contact", []string{"Sam Lee", "--email", "sam@acme.com", "--role", "champion", "--title", "CFO"}, "role", "champion",
			[]string{"--phone", "+1 555 0100"}, "phone", "+1 555 0100", "title"},
		{"note", []string{"Call with Ana about the renewal", "--channel", "meeting"}, "channel", "meeting",
			[]string{"--text", "Call with Ana: renewal in March"}, "summary", "Call with Ana: renewal in March", "channel"},
		{"item", []string{"Send pricing", "--due", "2026-12-04"}, "due", "2026-12-04",
			[]string{"--text", "Send the pricing sheet"}, "text", "Send the pricing sheet", "due"},
		{"goal", []string{"Grow seats", "--metric", "seats", "--baseline", "100", "--target", "200"}, "target", 200.0,
			[]string{"--target", "250"}, "target", 250.0, "metric"},
		{"strategy", []string{"Land EMEA through the CFO"}, "text", "Land EMEA through the CFO",
			[]string{"--text", "Land EMEA through the COO"}, "text", "Land EMEA through the COO", "id"},
		{"step", []string{"Kick-off with IT", "--due", "2026-12-10"}, "due", "2026-12-10",
			[]string{"--text", "Kick-off with IT and security"}, "text", "Kick-off with IT and security", "due"},
		{"opp", []string{"EMEA seats", "--value", "40k", "--kind", "upsell", "--close", "2027-02-28"}, "kind", "upsell",
			[]string{"--stage", "propose"}, "stage", "propose", "close_date"},
		{"risk", []string{"Champion leaving", "--severity", "high"}, "severity", "high",
			[]string{"--status", "mitigating"}, "status", "mitigating", "severity"},
		{"win", []string{"Backlog halved", "--date", "2026-11-20"}, "date", "2026-11-20",
			[]string{"--detail", "from 400 to 190 tickets"}, "detail", "from 400 to 190 tickets", "date"},
		{"survey", []string{"--nps", "9", "--contact", "dana", "--comment", "great support"}, "score", 9.0,
			[]string{"--nps", "7"}, "score", 7.0, "comment"},
		{"order", []string{"1.2k", "--date", "2026-11-15"}, "date", "2026-11-15",
			[]string{"--amount", "EUR 1,350.50"}, "amount", map[string]any{"amount": 1350.5, "currency": "EUR"}, "date"},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			before := run("", c.kind, "list", "acme robotics", "--json").stdout
			r := run("", append([]string{c.kind, "add", "acme robotics"}, c.add...)...)
			ok := strings.HasPrefix(r.stdout, "added "+c.kind+" #") && strings.HasSuffix(r.stdout, " to Acme Robotics\n")
			if c.kind == "note" { // a note says when, and how many action items it made
				ok = strings.HasPrefix(r.stdout, "saved note #") && strings.Contains(r.stdout, " on Acme Robotics at ")
			}
			if r.code != 0 || !ok {
				t.Fatalf("add: %+v", r)
			}
			list := jsonOf[[]map[string]any](t, run("", c.kind, "list", "acme robotics", "--json"))
			if len(list) == 0 {
				t.Fatal("empty list after add")
			}
			added := list[len(list)-1]
			if c.kind == "note" {
				added = list[0] // newest first
			}
			id := fmt.Sprint(added["id"])
			if fmt.Sprint(added[c.field]) != fmt.Sprint(c.want) {
				t.Errorf("%s = %v, want %v", c.field, added[c.field], c.want)
			}
			shown := jsonOf[map[string]any](t, run("", c.kind, "show", "acme robotics", "#"+id, "--json"))
			if fmt.Sprint(shown) != fmt.Sprint(added) {
				t.Errorf("show %v\nlist %v", shown, added)
			}
			r = run("", append([]string{c.kind, "edit", "acme robotics", id}, c.edit...)...)
			if r.code != 0 || !strings.HasPrefix(r.stdout, "changed "+strings.TrimPrefix(c.edit[0], "--")+" of "+c.kind+" #"+id) {
				t.Fatalf("edit: %+v", r)
			}
			edited := jsonOf[map[string]any](t, run("", c.kind, "show", "acme robotics", id, "--json"))
			if fmt.Sprint(edited[c.efield]) != fmt.Sprint(c.ewant) {
				t.Errorf("after edit %s = %v, want %v", c.efield, edited[c.efield], c.ewant)
			}
			if fmt.Sprint(edited[c.kept]) != fmt.Sprint(added[c.kept]) {
				t.Errorf("edit changed %s: %v → %v", c.kept, added[c.kept], edited[c.kept])
			}
			if r := run("", c.kind, "show", "acme robotics", id); r.code != 0 || !strings.Contains(r.stdout, "#"+id) {
				t.Errorf("show: %+v", r)
			}
			r = run("", c.kind, "delete", "acme robotics", id)
			if r.code != 2 || !strings.Contains(r.stderr, "needs --yes: it would delete "+c.kind+" #"+id) {
				t.Errorf("delete without --yes: %+v", r)
			}
			if got := jsonOf[[]map[string]any](t, run("", c.kind, "list", "acme robotics", "--json")); len(got) != len(list) {
				t.Errorf("delete without --yes deleted: %d → %d", len(list), len(got))
			}
			r = run("", c.kind, "delete", "acme robotics", id, "--yes")
			if r.code != 0 || !strings.HasPrefix(r.stdout, "deleted "+c.kind+" #"+id) {
				t.Errorf("delete: %+v", r)
			}
			if after := run("", c.kind, "list", "acme robotics", "--json").stdout; after != before {
				t.Errorf("list after delete:\n%s\nbefore:\n%s", after, before)
			}
		})
	}
}

// Money in --json is in major units with its currency, as people read it.
func TestRecordJSONMoneyIsInMajorUnits(t *testing.T) {
	_, run := bookWith(t)
	run("", "order", "add", "acme robotics", "$1,200")
	run("", "opp", "add", "acme robotics", "Seats", "--value", "40k", "--probability", "25")
	if r := run("", "order", "list", "acme robotics", "--json"); !strings.Contains(r.stdout, `"amount": 1200.00,`) || !strings.Contains(r.stdout, `"currency": "USD"`) {
		t.Errorf("order: %s", r.stdout)
	}
	if r := run("", "opp", "show", "acme robotics", "seats", "--json"); !strings.Contains(r.stdout, `"amount": 40000.00`) || !strings.Contains(r.stdout, `"amount": 10000.00`) {
		t.Errorf("opp: %s", r.stdout)
	}
	if r := run("", "order", "list", "acme robotics"); !strings.Contains(r.stdout, "$1,200") {
		t.Errorf("order list: %s", r.stdout)
	}
}

// A record is picked by #N, N, UID or a unique part of its label; several
// matches or none are an error listing what there is, and write nothing.
func TestRecordsArePickedOrTheChoiceIsListed(t *testing.T) {
	_, run := bookWith(t)
	run("", "contact", "add", "acme robotics", "Dana Smith")
	list := jsonOf[[]map[string]any](t, run("", "contact", "list", "acme robotics", "--json"))
	uid := list[0]["uid"].(string)
	for _, q := range []string{"#1", "1", uid, "ruiz", "DANA RUIZ"} {
		if r := run("", "contact", "show", "acme robotics", q, "--json"); r.code != 0 || !strings.Contains(r.stdout, `"Dana Ruiz"`) {
			t.Errorf("show %q: %+v", q, r)
		}
	}
	r := run("", "contact", "edit", "acme robotics", "dana", "--title", "CEO")
	if r.code != 2 || !strings.Contains(r.stderr, `"dana" matches 2`) || !strings.Contains(r.stderr, "Dana Ruiz") || !strings.Contains(r.stderr, "Dana Smith") {
		t.Errorf("ambiguous edit: %+v", r)
	}
	r = run("", "contact", "show", "acme robotics", "dana")
	if r.code != 1 || !strings.Contains(r.stderr, "matches 2") {
		t.Errorf("ambiguous show: %+v", r)
	}
	r = run("", "contact", "delete", "acme robotics", "nobody", "--yes")
	if r.code != 1 || !strings.Contains(r.stderr, `no contact "nobody" on this account`) || !strings.Contains(r.stderr, "#1 Dana Ruiz") {
		t.Errorf("missing: %+v", r)
	}
	if r := run("", "contact", "show", "acme rockets", "dana"); r.code != 1 || !strings.Contains(r.stderr, "no contact") {
		t.Errorf("another account's contact: %+v", r)
	}
	after := jsonOf[[]map[string]any](t, run("", "contact", "list", "acme robotics", "--json"))
	if len(after) != 2 || after[0]["title"] != nil {
		t.Errorf("a refused command wrote: %v", after)
	}
	// the account is named as a note names it: "acme" is two accounts
	if r := run("", "contact", "add", "acme", "X"); r.code != 2 || !strings.Contains(r.stderr, "Acme Rockets") {
		t.Errorf("ambiguous account: %+v", r)
	}
}

// Bad input gives a clear error, exit 1 or 2, and writes nothing.
func TestBadRecordInputWritesNothing(t *testing.T) {
	_, run := bookWith(t)
	run("", "goal", "add", "acme robotics", "Seats", "--metric", "seats", "--target", "10")
	run("", "note", "acme robotics", "A note")
	snapshot := func() string {
		var b strings.Builder
		for _, k := range []string{"contact", "note", "item", "goal", "strategy", "step", "opp", "risk", "win", "survey", "order"} {
			b.WriteString(run("", k, "list", "acme robotics", "--json").stdout)
		}
		return b.String()
	}
	before := snapshot()
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"item", "add", "acme robotics", "x", "--due", "2026-02-30"}, 1, "--due"},
		{[]string{"item", "add", "acme robotics", "bad \x1b[31m red"}, 1, "control character"},
		{[]string{"contact", "add", "acme robotics", "Eve", "--title", "\x1b]0;pwned\x07"}, 1, "control character"},
		{[]string{"contact", "add", "acme robotics", "Eve", "--email", "not-an-email"}, 1, "email"},
		{[]string{"contact", "add", "acme robotics", "Eve", "--role", "boss"}, 1, "role"},
		{[]string{"order", "add", "acme robotics", "12 apples"}, 1, "amount"},
		{[]string{"order", "add", "acme robotics", "--", "-5"}, 1, "must not be negative"},
		{[]string{"order", "add", "acme robotics", "5", "--date", "2030-01-01"}, 1, "in the future"},
		{[]string{"opp", "add", "acme robotics", "Big", "--value", "lots"}, 1, "--value"},
		{[]string{"opp", "add", "acme robotics", "Big", "--probability", "120"}, 1, "0 to 100"},
		{[]string{"survey", "add", "acme robotics", "--nps", "11"}, 1, "0 to 10"},
		{[]string{"survey", "add", "acme robotics", "--csat", "0"}, 1, "1 to 5"},
		{[]string{"survey", "add", "acme robotics", "--nps", "nine"}, 1, "0 to 10"},
		{[]string{"survey", "add", "acme robotics", "--nps", "9", "--csat", "4"}, 2, "not both"},
		{[]string{"survey", "add", "acme robotics"}, 2, "--nps N"},
		{[]string{"survey", "add", "acme robotics", "--nps", "9", "--contact", "nobody"}, 1, "--contact"},
		{[]string{"risk", "add", "acme robotics", "Late", "--opened", "+3d"}, 1, "in the future"},
		{[]string{"goal", "add", "acme robotics", "No metric", "--target", "3"}, 2, "--metric"},
		{[]string{"goal", "progress", "acme robotics", "seats", "many"}, 1, "want a number"},
		{[]string{"goal", "progress", "acme robotics", "seats", "5", "--on", "tomorrow-ish"}, 1, "--on"},
		{[]string{"contact", "edit", "acme robotics", "dana"}, 2, "nothing to change"},
		{[]string{"contact", "add", "acme robotics"}, 2, "needs an ACCOUNT and the NAME"},
		{[]string{"note", "edit", "acme robotics", "1", "--text", "   "}, 2, "the note is empty"},
		{[]string{"note", "edit", "acme robotics", "1", "--text", "\x1b[2J"}, 1, "control character"},
		{[]string{"note", "show", "acme robotics", "7"}, 1, "no note"},
		{[]string{"strategy", "add", "nowhere", "x"}, 1, "no account"},
	}
	for _, c := range cases {
		r := run("", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%q: code %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
	}
	if after := snapshot(); after != before {
		t.Errorf("a refused command wrote:\n%s\nbefore:\n%s", after, before)
	}
}

// A note is read in full; an edit keeps the text it replaced, which show
// prints; the new text may come from standard input.
func TestNoteShowEditKeepsRevisions(t *testing.T) {
	_, run := bookWith(t)
	if r := run("", "note", "acme robotics", "First line\nsecond line with detail"); r.code != 0 {
		t.Fatal(r)
	}
	if r := run("", "note", "add", "acme robotics", "Another note"); r.code != 0 {
		t.Fatal(r)
	}
	r := run("", "note", "show", "acme robotics", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "First line\nsecond line with detail\n") {
		t.Fatalf("show: %+v", r)
	}
	if r := run("Rewritten\nfrom stdin\n", "note", "edit", "acme robotics", "1", "--text", "-"); r.code != 0 {
		t.Fatalf("edit: %+v", r)
	}
	if r := run("", "note", "edit", "acme robotics", "1", "--sentiment", "positive"); r.code != 0 {
		t.Fatalf("edit sentiment: %+v", r)
	}
	r = run("", "note", "show", "acme robotics", "1")
	if !strings.Contains(r.stdout, "Rewritten\nfrom stdin\n") || !strings.Contains(r.stdout, "Earlier texts (1)") || !strings.Contains(r.stdout, "    First line\n    second line with detail\n") || !strings.Contains(r.stdout, "positive") {
		t.Errorf("show after edit:\n%s", r.stdout)
	}
	v := jsonOf[map[string]any](t, run("", "note", "show", "acme robotics", "1", "--json"))
	if revs, _ := v["revisions"].([]any); len(revs) != 1 || v["summary"] != "Rewritten\nfrom stdin" {
		t.Errorf("json: %v", v)
	}
	// a hostile note is shown, never run by the terminal
	run("", "note", "acme robotics", "bell \x07 and \x1b[2J clear")
	if r := run("", "note", "list", "acme robotics"); strings.ContainsAny(r.stdout, "\x07\x1b") {
		t.Errorf("list prints control characters: %q", r.stdout)
	}
}

// Goals keep a dated history; items and steps are done and reopened.
func TestGoalProgressItemAndStepDone(t *testing.T) {
	_, run := bookWith(t)
	run("", "goal", "add", "acme robotics", "Grow seats", "--metric", "seats", "--baseline", "100", "--target", "200", "--unit", "seats", "--start", "2026-09-01")
	for _, args := range [][]string{{"120", "--on", "2026-10-01"}, {"150", "--note", "after the rollout"}} {
		if r := run("", append([]string{"goal", "progress", "acme robotics", "grow seats"}, args...)...); r.code != 0 || !strings.Contains(r.stdout, "target 200") {
			t.Fatalf("progress: %+v", r)
		}
	}
	g := jsonOf[map[string]any](t, run("", "goal", "show", "acme robotics", "seats", "--json"))
	if h, _ := g["history"].([]any); len(h) != 2 || g["current"] != 150.0 {
		t.Errorf("goal: %v", g)
	}
	if r := run("", "goal", "show", "acme robotics", "seats"); !strings.Contains(r.stdout, "note: after the rollout") {
		t.Errorf("goal show:\n%s", r.stdout)
	}
	run("", "item", "add", "acme robotics", "Send pricing")
	run("", "step", "add", "acme robotics", "Kick-off")
	for _, k := range []string{"item", "step"} {
		if r := run("", k, "done", "acme robotics", "1"); r.code != 0 || !strings.HasPrefix(r.stdout, "done: "+k+" #1") {
			t.Errorf("%s done: %+v", k, r)
		}
		if r := run("", k, "list", "acme robotics"); !strings.Contains(r.stdout, "[x]") {
			t.Errorf("%s list: %q", k, r.stdout)
		}
		if r := run("", k, "done", "acme robotics", "1", "--reopen"); r.code != 0 || !strings.HasPrefix(r.stdout, "reopened") {
			t.Errorf("%s reopen: %+v", k, r)
		}
		if v := jsonOf[map[string]any](t, run("", k, "show", "acme robotics", "1", "--json")); v["done"] != false {
			t.Errorf("%s after reopen: %v", k, v)
		}
	}
}

// Deleting a contact unlinks it from the survey answers it gave.
func TestDeletingAContactUnlinksItsAnswers(t *testing.T) {
	_, run := bookWith(t)
	run("", "survey", "add", "acme robotics", "--nps", "9", "--contact", "dana")
	if r := run("", "contact", "delete", "acme robotics", "dana", "--yes"); r.code != 0 {
		t.Fatal(r)
	}
	v := jsonOf[map[string]any](t, run("", "survey", "show", "acme robotics", "1", "--json"))
	if _, linked := v["contact_id"]; linked {
		t.Errorf("the answer still names the deleted contact: %v", v)
	}
}

// An amount typed without a currency keeps the record's currency on edit.
func TestEditKeepsTheCurrency(t *testing.T) {
	_, run := bookWith(t)
	run("", "order", "add", "acme robotics", "EUR 100")
	run("", "order", "edit", "acme robotics", "1", "--amount", "250")
	v := jsonOf[map[string]any](t, run("", "order", "show", "acme robotics", "1", "--json"))
	if m := v["amount"].(map[string]any); m["amount"] != 250.0 || m["currency"] != "EUR" {
		t.Errorf("order after edit: %v", m)
	}
	run("", "opp", "add", "acme robotics", "Seats", "--value", "£1k")
	run("", "opp", "edit", "acme robotics", "seats", "--value", "2k")
	v = jsonOf[map[string]any](t, run("", "opp", "show", "acme robotics", "seats", "--json"))
	if m := v["value"].(map[string]any); m["amount"] != 2000.0 || m["currency"] != "GBP" {
		t.Errorf("opp after edit: %v", m)
	}
}

// A record alike to one the account has (same name, a contact's email) is
// kept, and the person is told which.
func TestAlikeRecordsAreWarnedAbout(t *testing.T) {
	_, run := bookWith(t)
	r := run("", "contact", "add", "acme robotics", "D. Ruiz", "--email", "DANA@acme.com")
	if r.code != 0 || !strings.Contains(r.stderr, "Acme Robotics already had contact #1 Dana Ruiz; both are kept") {
		t.Errorf("same email: %+v", r)
	}
	run("", "risk", "add", "acme robotics", "Champion leaving")
	if r := run("", "risk", "add", "acme robotics", "champion  leaving"); r.code != 0 || !strings.Contains(r.stderr, "already had risk #1") {
		t.Errorf("same title: %+v", r)
	}
	if r := run("", "order", "add", "acme robotics", "100"); r.stderr != "" {
		t.Errorf("first order: %+v", r)
	}
	if r := run("", "order", "add", "acme robotics", "100"); r.code != 0 || r.stderr != "" {
		t.Errorf("two alike orders are two: %+v", r)
	}
}
