package app

import (
	"slices"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Every talking point of every brief of a demo book cites records that
// exist on that account and say what the point says: the word a topic
// names is in each note cited, a line quoted is one of the note's, a
// promise is that item's text, a person is that contact.
func TestEveryTalkingPointIsTraceableToItsRecords(t *testing.T) {
	st := newBook(t, 80)
	today := domain.DateOf(testNow)
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	points := 0
	for _, s := range sums {
		cb, err := LoadBrief(st, s.ID, today)
		if err != nil {
			t.Fatal(err)
		}
		d := &cb.Detail
		for _, p := range cb.Brief.Points {
			points++
			if len(p.Cites) == 0 {
				t.Errorf("%s: %q cites nothing", s.Name, p.Text)
			}
			for _, c := range p.Cites {
				kinds[c.Kind]++
				if !strings.Contains(p.Text, c.Says) {
					t.Errorf("%s: %q does not say %q, which it cites %s for", s.Name, p.Text, c.Says, c)
				}
				if got, ok := recordSays(d, c); !ok {
					t.Errorf("%s: %q cites %s, which the account does not have", s.Name, p.Text, c)
				} else if !got {
					t.Errorf("%s: %q cites %s, which does not say %q", s.Name, p.Text, c, c.Says)
				}
			}
		}
	}
	t.Logf("%d accounts, %d talking points, citations by kind %v", len(sums), points, kinds)
	for _, k := range []string{"action item", "interaction", "contact", "risk"} {
		if kinds[k] == 0 {
			t.Errorf("no talking point cites a %s in the demo book: the test proves little", k)
		}
	}
}

// recordSays finds the record c cites on the account d (ok) and reports
// whether it says c.Says.
func recordSays(d *domain.AccountDetail, c domain.Cite) (says, ok bool) {
	switch c.Kind {
	case "account":
		return d.Account.Renewal.String() == c.Says, d.Account.ID == c.ID
	case "interaction":
		for _, n := range d.Interactions {
			if n.ID == c.ID {
				return domain.MentionsWord(n.Summary, c.Says) || slices.ContainsFunc(strings.Split(n.Summary, "\n"), func(l string) bool {
					return strings.TrimSpace(l) == c.Says // a line it quotes
				}), true
			}
		}
	case "action item":
		for _, x := range d.Items {
			if x.ID == c.ID {
				return x.Text == c.Says, true
			}
		}
	case "contact":
		for _, x := range d.Contacts {
			if x.ID == c.ID {
				return x.Name == c.Says, true
			}
		}
	case "risk":
		for _, x := range d.Risks {
			if x.ID == c.ID {
				return x.Title == c.Says, true
			}
		}
	case "opportunity":
		for _, x := range d.Opportunities {
			if x.ID == c.ID {
				return x.Title == c.Says, true
			}
		}
	case "goal":
		i := slices.IndexFunc(d.Plan.Goals, func(g domain.Goal) bool { return g.ID == c.ID })
		if i >= 0 {
			return d.Plan.Goals[i].Title == c.Says, true
		}
	}
	return false, false
}

// The brief of an account says what it should: an overdue item is a
// promise, the contact who attended the last note is likely on the call,
// and the health trend is computed from the records as they stood.
func TestBriefOfAnAccount(t *testing.T) {
	st := newBook(t, 20)
	today := domain.DateOf(testNow)
	cb, err := LoadBrief(st, 1, today)
	if err != nil {
		t.Fatal(err)
	}
	b := cb.Brief
	if b.Name != cb.Detail.Account.Name || b.Health < 0 {
		t.Fatalf("brief of %q: health %d", b.Name, b.Health)
	}
	open := 0
	for _, it := range cb.Detail.Items {
		if !it.Done {
			open++
		}
	}
	if len(b.Promised) != open {
		t.Errorf("promised %d, want the %d open items", len(b.Promised), open)
	}
	for i := 1; i < len(b.Told); i++ {
		if b.Told[i].On > b.Told[i-1].On {
			t.Errorf("notes not newest first: %v", b.Told)
		}
	}
	if _, err := FindBrief(st, "#1", today); err != nil {
		t.Fatal(err)
	}
	if _, err := FindBrief(st, "no such account", today); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("an unknown account: %v", err)
	}
	for _, id := range b.Attendees() {
		if !slices.ContainsFunc(cb.Detail.Contacts, func(c domain.Contact) bool { return c.ID == id }) {
			t.Errorf("attendee #%d is not a contact of the account", id)
		}
	}
}
