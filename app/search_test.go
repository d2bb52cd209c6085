package app_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/app/apptest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

var searchNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func searchToday() domain.Date { return domain.DateOf(searchNow) }

// searchBook: two accounts with notes of several ages, a contact, an item,
// a risk, a goal, a hand-off brief and a custom field.
func searchBook(t *testing.T) (*store.Store, uint64, uint64) {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return searchNow }
	st.Loc = time.UTC
	var acme, globex uint64
	err := st.Update(func(tx *store.Tx) error {
		a := domain.NewAccount("Acme Corp")
		a.Owner = "Maya Singh"
		a.Handoff.Promises = []string{"SAML single sign-on by March"}
		a.Custom = map[string]string{"Region": "Northern Europe"}
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		acme = a.ID
		g := domain.NewAccount("Globex")
		g.Owner = "Omar Haddad"
		if err := tx.PutAccount(&g); err != nil {
			return err
		}
		globex = g.ID
		notes := []struct {
			acct uint64
			days int
			text string
		}{
			{acme, 400, "Escalated the slow exports ticket to engineering."},
			{acme, 10, "They asked about the data connector for Snowflake."},
			{acme, 3, "Onboarding call: the admins are onboarded, SSO next."},
			{globex, 200, "Pricing talk: connector data is what they need most."},
			{globex, 1, "Escalation: exports are slow again."},
		}
		for _, n := range notes {
			if _, err := app.SaveNoteIn(tx, app.Note{AccountID: n.acct, Text: n.text, At: searchNow.AddDate(0, 0, -n.days)}); err != nil {
				return err
			}
		}
		if err := tx.PutContact(&domain.Contact{AccountID: acme, Name: "Dana Whitfield", Title: "Head of Procurement", Email: "dana@acme.example"}); err != nil {
			return err
		}
		if err := tx.PutActionItem(&domain.ActionItem{AccountID: globex, Text: "Send the renewal quote", Due: searchToday().AddDays(5)}); err != nil {
			return err
		}
		if err := tx.PutRisk(&domain.Risk{AccountID: globex, Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Title: "Budget freeze announced", Opened: searchToday().AddDays(-20)}); err != nil {
			return err
		}
		return tx.PutPlan(&domain.Plan{AccountID: acme, Goals: []domain.Goal{{Title: "Grow weekly active users", Metric: "weekly active users", Target: 300, Baseline: 100}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, acme, globex
}

func search(t *testing.T, st *store.Store, q string) app.SearchResults {
	t.Helper()
	res, err := app.Search(st, q, searchToday(), 20, true)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res
}

func texts(res app.SearchResults) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Snippet)
	}
	return out
}

func has(res app.SearchResults, sub string) bool {
	for _, h := range res.Hits {
		if strings.Contains(h.Snippet, sub) {
			return true
		}
	}
	return false
}

func TestSearchStemsPrefixesPhrases(t *testing.T) {
	st, _, _ := searchBook(t)
	for _, c := range []struct {
		q    string
		want []string // snippets that must be found
		not  []string // and must not
	}{
		{"escalate", []string{"Escalated the slow", "Escalation: exports"}, nil},                   // stems
		{"onboarding", []string{"Onboarding call"}, nil},                                           // onboarded and onboarding
		{"onboa*", []string{"Onboarding call"}, nil},                                               // prefix
		{"escalat*", []string{"Escalated the slow", "Escalation: exports"}, nil},                   // prefix past the stem
		{`"data connector"`, []string{"data connector for Snowflake"}, []string{"connector data"}}, // phrase, in order
		{"connector data", []string{"data connector for Snowflake", "connector data is"}, nil},     // words, any order
		{"procurement", []string{"Dana Whitfield"}, nil},                                           // contact
		{"quote", []string{"renewal quote"}, nil},                                                  // item
		{"freeze", []string{"Budget freeze"}, nil},                                                 // risk
		{"weekly users", []string{"Grow weekly active users"}, nil},                                // goal
		{"saml", []string{"SAML single sign-on"}, nil},                                             // hand-off brief
		{"europe", []string{"Region: Northern Europe"}, nil},                                       // custom field
		{"zeppelin", nil, []string{""}},
	} {
		res := search(t, st, c.q)
		for _, w := range c.want {
			if !has(res, w) {
				t.Errorf("%q: want %q among %q", c.q, w, texts(res))
			}
		}
		for _, n := range c.not {
			if has(res, n) {
				t.Errorf("%q: %q found: %q", c.q, n, texts(res))
			}
		}
	}
}

func TestSearchFilters(t *testing.T) {
	st, acme, globex := searchBook(t)
	res := search(t, st, "exports account:globex")
	if len(res.Hits) != 1 || res.Hits[0].Acct != globex {
		t.Fatalf("account filter: %+v", res.Hits)
	}
	res = search(t, st, "exports account:#"+itoa(acme))
	if len(res.Hits) != 1 || res.Hits[0].Acct != acme {
		t.Fatalf("account #N filter: %+v", res.Hits)
	}
	res = search(t, st, "exports from:30d")
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, "again") {
		t.Fatalf("from: %q", texts(res))
	}
	res = search(t, st, "exports to:2026-01-01")
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, "ticket") {
		t.Fatalf("to: %q", texts(res))
	}
	res = search(t, st, "escalat* kind:risk")
	if len(res.Hits) != 0 {
		t.Fatalf("kind:risk has no escalat… word in its title: %q", texts(res))
	}
	res = search(t, st, "budget kind:risk,item")
	if len(res.Hits) != 1 || res.Hits[0].Kind != domain.TextRisk {
		t.Fatalf("kind: %+v", res.Hits)
	}
	res = search(t, st, "exports owner:omar")
	if len(res.Hits) != 1 || res.Hits[0].Acct != globex {
		t.Fatalf("owner: %+v", res.Hits)
	}
	if _, err := app.Search(st, "exports kind:planet", searchToday(), 20, true); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("unknown kind: %v", err)
	}
}

// Equally relevant matches: the newer first; and the matched words marked.
func TestSearchRankingAndMarks(t *testing.T) {
	st, _, _ := searchBook(t)
	res := search(t, st, "exports slow")
	if len(res.Hits) != 2 || !strings.Contains(res.Hits[0].Snippet, "again") {
		t.Fatalf("newest first: %q", texts(res))
	}
	h := res.Hits[0]
	var marked []string
	for _, m := range h.Marks {
		marked = append(marked, h.Snippet[m[0]:m[1]])
	}
	if strings.Join(marked, ",") != "exports,slow" {
		t.Fatalf("marks %q in %q", marked, h.Snippet)
	}
}

// A note saved is found at once, an edited one by its new words only, a
// deleted one not at all.
func TestSearchFindsWhatWasJustWritten(t *testing.T) {
	st, acme, _ := searchBook(t)
	search(t, st, "anything") // the index exists
	r, err := app.SaveNote(st, app.Note{AccountID: acme, Text: "Kubernetes migration planned for Q2."})
	if err != nil {
		t.Fatal(err)
	}
	res := search(t, st, "kubernetes")
	if len(res.Hits) != 1 || res.Hits[0].RecID != r.Interaction.ID {
		t.Fatalf("just saved: %+v", res.Hits)
	}
	err = st.Update(func(tx *store.Tx) error {
		in, err := tx.Interaction(acme, r.Interaction.ID)
		if err != nil {
			return err
		}
		in.Edit("Terraform migration planned for Q2.", searchNow)
		return tx.PutInteraction(&in)
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := search(t, st, "kubernetes"); len(res.Hits) != 0 {
		t.Fatalf("kept revisions are not searched: %q", texts(res))
	}
	if res := search(t, st, "terraform"); len(res.Hits) != 1 {
		t.Fatalf("edited: %q", texts(res))
	}
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteInteraction(acme, r.Interaction.ID) }); err != nil {
		t.Fatal(err)
	}
	if res := search(t, st, "terraform"); len(res.Hits) != 0 {
		t.Fatalf("deleted: %q", texts(res))
	}
}

// A book without an index (written by a tend that predates it): the
// cockpit's search says it is being built, UpdateSearchIndex builds it in
// the background; then every write indexes in its own transaction. (The
// crash cases are store's tests: textindex_test.go.)
func TestSearchIndexBuiltThenFollowsWrites(t *testing.T) {
	st, acme, _ := searchBook(t)
	if _, err := app.Search(st, "exports", searchToday(), 20, false); err != app.ErrIndexBuilding {
		t.Fatalf("no index, cockpit: %v", err)
	}
	if rebuilt, err := app.UpdateSearchIndex(st); err != nil || !rebuilt {
		t.Fatalf("build: %v %v", rebuilt, err)
	}
	if rebuilt, err := app.UpdateSearchIndex(st); err != nil || rebuilt {
		t.Fatalf("up to date: %v %v", rebuilt, err)
	}
	for i := 0; i < 3; i++ {
		if _, err := app.SaveNote(st, app.Note{AccountID: acme, Text: "Hyperloop pilot " + itoa(uint64(i))}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := app.Search(st, "hyperloop", searchToday(), 20, false)
	if err != nil || len(res.Hits) != 3 {
		t.Fatalf("written, found: %v %q", err, texts(res))
	}
	err = st.Update(func(tx *store.Tx) error {
		for i := 0; i < 70; i++ {
			a := domain.NewAccount("Bulk " + itoa(uint64(i)))
			if err := tx.PutAccount(&a); err != nil {
				return err
			}
			if _, err := app.SaveNoteIn(tx, app.Note{AccountID: a.ID, Text: "Zeppelin fleet review"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := search(t, st, "zeppelin"); len(res.Hits) != 20 || res.Total != 70 {
		t.Fatalf("a write of 70 accounts: %d of %d", len(res.Hits), res.Total)
	}
}

// Hostile text in what is found reaches the results neutralised.
func TestSearchHostileText(t *testing.T) {
	st, _ := apptest.HostileBook(t, searchNow)
	for _, q := range []string{"note", "item", "risk", "goal", "promise", "con", "opp"} {
		res, err := app.Search(st, q, searchToday(), 20, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: nothing found", q)
		}
		for _, h := range res.Hits {
			for _, s := range []string{h.Snippet, h.Account, h.Label} {
				for _, leak := range apptest.Leaks {
					if strings.Contains(s, leak) {
						t.Errorf("%q: %q leaks %q", q, s, leak)
					}
				}
			}
			for _, m := range h.Marks {
				if m[0] < 0 || m[1] > len(h.Snippet) || m[0] >= m[1] {
					t.Errorf("%q: mark %v outside %q", q, m, h.Snippet)
				}
			}
		}
	}
}

func itoa(n uint64) string { return strconvU(n) }

func strconvU(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Filters without a word list the records they keep, newest first; an
// owner no account has is an error, as an account no one is.
func TestSearchFiltersAloneListNewestFirst(t *testing.T) {
	st, acme, _ := searchBook(t)
	res := search(t, st, "kind:note from:10d")
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Snippet[:12])
	}
	want := []string{"Escalation: ", "Onboarding c", "They asked a"}
	if res.Why != "" || res.Total != 3 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("kind:note from:10d: %q (total %d, why %q), want %q", got, res.Total, res.Why, want)
	}
	res = search(t, st, "account:acme kind:note")
	if res.Total != 3 || res.Hits[0].Acct != acme || !strings.HasPrefix(res.Hits[0].Snippet, "Onboarding") {
		t.Errorf("account:acme kind:note: %d hits, first %+v", res.Total, res.Hits)
	}
	if res := search(t, st, "owner:omar kind:item"); res.Total != 1 {
		t.Errorf("owner:omar kind:item: %d hits", res.Total)
	}
	_, errOwner := app.Search(st, "owner:nobody", searchToday(), 20, true)
	_, errAcct := app.Search(st, "account:nosuch", searchToday(), 20, true)
	if errOwner == nil || domain.ErrorCode(errOwner) != domain.ErrorCode(errAcct) {
		t.Errorf("owner:nobody: %v; account:nosuch: %v; want the same kind of error", errOwner, errAcct)
	}
}
