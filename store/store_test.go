package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
	bolt "go.etcd.io/bbolt"
)

var fixedNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func newTestStore(t testing.TB) *Store {
	t.Helper()
	s := New(filepath.Join(t.TempDir(), "data", "tend.db"))
	s.Now = func() time.Time { return fixedNow }
	s.Loc = time.UTC
	return s
}

func day(s string) domain.Date {
	d, err := domain.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func addAccount(t testing.TB, s *Store, name string) domain.Account {
	t.Helper()
	a := domain.NewAccount(name)
	a.ARR = domain.Money{Amount: 5_000_000, Currency: "USD"}
	a.ContractStart, a.Renewal = day("2025-12-01"), day("2026-12-20")
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRoundTripEveryType(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme Robotics")
	if a.ID != 1 || !a.Created.Equal(fixedNow) {
		t.Fatalf("new account %+v", a)
	}
	c := domain.Contact{AccountID: a.ID, Name: "Ana Lopez", Email: "ana@acme.example", Role: domain.RoleChampion}
	in := domain.Interaction{AccountID: a.ID, At: fixedNow.Add(-time.Hour), Channel: domain.ChannelCall, Summary: "kick-off", Sentiment: domain.SentimentPositive}
	plan := domain.Plan{AccountID: a.ID, Goals: []domain.Goal{{Title: "Grow users", Metric: "WAU", Baseline: 10, Target: 50, Current: 30}}, Strategies: []string{"office hours"}}
	item := domain.ActionItem{AccountID: a.ID, Text: "send pricing", Due: day("2026-12-04")}
	opp := domain.Opportunity{AccountID: a.ID, Kind: domain.OppRenewal, Title: "Renewal", Value: a.ARR, Stage: domain.OppPropose, Probability: 70}
	risk := domain.Risk{AccountID: a.ID, Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Title: "P1 ticket", Opened: day("2026-11-20")}
	order := domain.Order{AccountID: a.ID, Date: day("2026-11-01"), Amount: domain.Money{Amount: 420_000, Currency: "USD"}}
	nps := domain.SurveyResponse{AccountID: a.ID, Kind: domain.SurveyNPS, Score: 9, Date: day("2026-11-10")}
	win := domain.Win{AccountID: a.ID, Date: day("2026-11-15"), Title: "Went live"}
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutContact(&c); err != nil {
			return err
		}
		in.Attendees = []uint64{c.ID}
		return errors.Join(tx.AddInteraction(&in), tx.PutPlan(&plan), tx.PutActionItem(&item), tx.PutOpportunity(&opp),
			tx.PutRisk(&risk), tx.PutOrder(&order), tx.PutSurvey(&nps), tx.PutWin(&win))
	})
	if err != nil {
		t.Fatal(err)
	}
	var d Detail
	var orders []domain.Order
	if err := s.View(func(tx *Tx) (err error) {
		if d, err = tx.Detail(a.ID); err != nil {
			return err
		}
		orders, err = tx.Orders(a.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	c.LastTouch = in.At // the attendee's last touch moved forward
	checks := []struct {
		name      string
		got, want any
	}{
		{"account", d.Account.Name, a.Name},
		{"contact", d.Contacts, []domain.Contact{c}},
		{"interaction", d.Interactions, []domain.Interaction{in}},
		{"plan goals", d.Plan.Goals, plan.Goals},
		{"item", d.Items, []domain.ActionItem{item}},
		{"opp", d.Opportunities, []domain.Opportunity{opp}},
		{"risk", d.Risks, []domain.Risk{risk}},
		{"order", orders, []domain.Order{order}},
		{"survey", d.Surveys, []domain.SurveyResponse{nps}},
		{"win", d.Wins, []domain.Win{win}},
	}
	for _, ch := range checks {
		if !reflect.DeepEqual(ch.got, ch.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", ch.name, ch.got, ch.want)
		}
	}
	// The summary carries the facts health needs.
	sm := d.Summary
	if sm.NPS != 9 || sm.Risks[2] != 1 || !sm.Champion || sm.DecisionMaker || !sm.RenewalOpp ||
		sm.OpenItems() != 1 || sm.LastTouch != domain.DateOf(in.At) || sm.GoalProgress != 50 || sm.Contacts != 1 || len(sm.Escalations) != 1 {
		t.Errorf("summary %+v", sm)
	}
}

func TestSummaryCodecRoundTrip(t *testing.T) {
	s := domain.Summary{ID: 42, Name: "Ünïcode 株式会社 🚀", Industry: "Tech", Segment: "SMB", Owner: "Maya", Tags: []string{"a", "b"},
		Tier: domain.TierKey, Stage: domain.StageRetention, ARR: domain.Money{Amount: 123456789, Currency: "EUR"}, ARRYearAgo: 99,
		ContractStart: day("2020-02-29"), Renewal: day("2027-02-28"), NoticeDays: 90, CadenceDays: 14, GrowthPotential: 5, Replaceability: 1,
		LastTouch: day("2026-11-27"), Items: []domain.ItemRef{{ID: 3}, {ID: 9, Due: day("2026-12-01"), Text: "send pricing"}}, NPS: 0, CSAT: -1, Risks: [4]int{1, 2, 3, 4},
		Escalations: []domain.RiskRef{{ID: 4, Severity: domain.SevHigh, Title: "P1"}}, GoalProgress: -1, Goals: []domain.GoalRef{{ID: 2, Title: "WAU", Start: day("2026-01-01"), Due: day("2026-12-31"), Progress: 0.25}},
		Opps: []domain.OppRef{{ID: 5, Title: "Upsell", Kind: domain.OppUpsell, CloseDate: day("2026-11-01")}}, Onboarding: []domain.Date{0, day("2026-11-02")},
		Snoozes: []domain.SnoozeRef{{Key: "quiet", Until: day("2026-12-05")}}, RenewalOpp: true, DecisionMaker: true, Contacts: 2, ContactNames: []string{"Ana", "Ben 🚀"},
		HealthMonth: 24310, HealthLast: 55, HealthPrev: -1, AcquisitionCost: 1234}
	var got domain.Summary
	if err := decodeSummary(encodeSummary(nil, &s), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("\n got %+v\nwant %+v", got, s)
	}
	enc := encodeSummary(nil, &s)
	for i := 0; i < len(enc); i++ { // every truncation fails cleanly
		if err := decodeSummary(enc[:i], &got); err == nil && i < len(enc) {
			t.Fatalf("truncated at %d decoded", i)
		}
	}
}

func TestInteractionsPageNewestFirst(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Beta") // a neighbour whose interactions must not leak in
	err := s.Update(func(tx *Tx) error {
		for i := 0; i < 120; i++ {
			// written out of time order on purpose
			at := fixedNow.Add(-time.Duration((i*37)%120) * time.Hour)
			for _, id := range []uint64{a.ID, b.ID} {
				if err := tx.AddInteraction(&domain.Interaction{AccountID: id, At: at, Channel: domain.ChannelEmail, Summary: strconv.Itoa(i)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var all []domain.Interaction
	err = s.View(func(tx *Tx) error {
		cur := Cursor{}
		for page := 0; ; page++ {
			items, next, err := tx.Interactions(a.ID, cur, PageSize)
			if err != nil {
				return err
			}
			all = append(all, items...)
			if !next.More() {
				return nil
			}
			cur = next
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 120 {
		t.Fatalf("got %d interactions", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].At.After(all[i-1].At) || all[i].AccountID != a.ID {
			t.Fatalf("out of order at %d", i)
		}
	}
}

func TestDeleteAccountDeletesEverything(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	keep := addAccount(t, s, "Keep")
	err := s.Update(func(tx *Tx) error {
		for _, id := range []uint64{a.ID, keep.ID} {
			_, err := tx.SaveNote(Note{AccountID: id, Text: "call\n- [ ] follow up @fri"})
			if err != nil {
				return err
			}
			if err := tx.PutContact(&domain.Contact{AccountID: id, Name: "X"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteAccount(a.ID) }); err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *Tx) error {
		if _, err := tx.Account(a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("account still there: %v", err)
		}
		for _, b := range allBuckets {
			c := tx.tx.Bucket(b).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if bytes.Equal(b, bMeta) || bytes.Equal(b, bChanges) {
					continue
				}
				if bytes.HasPrefix(k, u64(a.ID)) && len(k) >= 8 || bytes.Equal(b, bInterIDs) && bytes.HasPrefix(v, u64(a.ID)) {
					t.Errorf("bucket %s still holds %x", b, k)
				}
			}
		}
		sums, err := tx.Summaries()
		if err != nil || len(sums) != 1 || sums[0].ID != keep.ID || sums[0].OpenItems() != 1 {
			t.Errorf("summaries after delete: %+v %v", sums, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestChangeCounterTellsWhatChanged(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Beta")
	var mark uint64
	_ = s.View(func(tx *Tx) error { mark = tx.Changes(); return nil })
	if mark != 2 {
		t.Fatalf("two writes, counter %d", mark)
	}
	if err := s.Update(func(tx *Tx) error {
		_, err := tx.SaveNote(Note{AccountID: b.ID, Text: "hello"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		ids, all := tx.ChangedSince(mark)
		if all || !reflect.DeepEqual(ids, []uint64{b.ID}) {
			t.Errorf("changed since %d: %v all=%v", mark, ids, all)
		}
		if ids, all := tx.ChangedSince(tx.Changes()); ids != nil || all {
			t.Error("nothing changed since now")
		}
		if ids, _ := tx.ChangedSince(0); len(ids) != 2 || ids[0] != a.ID {
			t.Errorf("since 0: %v", ids)
		}
		return nil
	})
	// A failed write changes nothing, not even the counter.
	bad := domain.NewAccount("")
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&bad) }); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("invalid account: %v", err)
	}
	_ = s.View(func(tx *Tx) error {
		if tx.Changes() != 3 {
			t.Errorf("counter %d after a failed write", tx.Changes())
		}
		return nil
	})
}

func TestFindAccount(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme Robotics")
	addAccount(t, s, "Acme Logistics")
	beta := addAccount(t, s, "Beta Health")
	_ = s.View(func(tx *Tx) error {
		if got, err := tx.FindAccount("beta"); err != nil || got.ID != beta.ID {
			t.Errorf("prefix: %v %v", got.ID, err)
		}
		if got, err := tx.FindAccount("#3"); err != nil || got.ID != beta.ID {
			t.Errorf("id: %v %v", got.ID, err)
		}
		if got, err := tx.FindAccount("ACME ROBOTICS"); err != nil || got.ID != 1 {
			t.Errorf("exact: %v %v", got.ID, err)
		}
		_, err := tx.FindAccount("acme")
		if domain.ErrorCode(err) != domain.EAMBIGUOUS || !strings.Contains(err.Error(), "Acme Logistics (#2)") {
			t.Errorf("ambiguous: %v", err)
		}
		if _, err := tx.FindAccount("zeta"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("missing: %v", err)
		}
		return nil
	})
}

func TestBusyFileFailsFast(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	f, err := os.Open(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = s.View(func(tx *Tx) error { return nil })
	if !IsBusy(err) || !strings.Contains(err.Error(), s.Path) || !strings.Contains(err.Error(), "busy") {
		t.Fatalf("want a busy error naming the file, got %v", err)
	}
	if waited := time.Since(start); waited > 3*time.Second {
		t.Errorf("waited %s", waited)
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if err := s.View(func(tx *Tx) error { return nil }); err != nil {
		t.Fatalf("after the lock is released: %v", err)
	}
}

// TestHelperWriter is not a test: it is the writer process of TestTwoProcessesWrite.
func TestHelperWriter(t *testing.T) {
	path, acct, n := os.Getenv("TEND_HELPER_DB"), os.Getenv("TEND_HELPER_ACCT"), os.Getenv("TEND_HELPER_N")
	if path == "" {
		t.Skip("helper process only")
	}
	s := New(path)
	s.Timeout = 10 * time.Second
	id, _ := strconv.ParseUint(acct, 10, 64)
	count, _ := strconv.Atoi(n)
	for i := 0; i < count; i++ {
		err := s.Update(func(tx *Tx) error {
			_, err := tx.SaveNote(Note{AccountID: id, Text: fmt.Sprintf("note %d from %d", i, os.Getpid())})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestTwoProcessesWrite(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Beta")
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, id := range []uint64{a.ID, b.ID} {
		wg.Add(1)
		go func(id uint64) {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
			cmd.Env = append(os.Environ(), "TEND_HELPER_DB="+s.Path, "TEND_HELPER_ACCT="+strconv.FormatUint(id, 10), "TEND_HELPER_N="+strconv.Itoa(n))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("writer for %d: %v\n%s", id, err, out)
			}
		}(id)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		for _, id := range []uint64{a.ID, b.ID} {
			if got := tx.CountInteractions(id); got != n {
				t.Errorf("account %d has %d notes, want %d", id, got, n)
			}
		}
		if tx.Changes() != 2+2*n {
			t.Errorf("change counter %d", tx.Changes())
		}
		return nil
	})
}

func TestBadFilesAreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	good := newTestStore(t)
	addAccount(t, good, "Acme")
	goodBytes, _ := os.ReadFile(good.Path)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
	_ = db.Close()

	newer := filepath.Join(dir, "newer.db")
	_ = os.WriteFile(newer, goodBytes, 0o600)
	db, _ = bolt.Open(newer, 0o600, nil)
	_ = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kSchema, u64(SchemaVersion+1)) })
	_ = db.Close()

	files := map[string][]byte{
		"empty.db":     {},
		"random.db":    bytes.Repeat([]byte("not a database at all "), 1000),
		"truncated.db": goodBytes[:len(goodBytes)/3],
		"header.db":    goodBytes[:4096],
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{foreign, newer, dir}
	for name := range files {
		paths = append(paths, filepath.Join(dir, name))
	}
	for _, p := range paths {
		before, _ := os.ReadFile(p)
		st := New(p)
		for _, op := range []func() error{
			func() error { return st.View(func(tx *Tx) error { _, err := tx.Summaries(); return err }) },
			func() error {
				return st.Update(func(tx *Tx) error { a := domain.NewAccount("X"); return tx.PutAccount(&a) })
			},
		} {
			err := op()
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), p) {
				t.Errorf("%s: want a clear file error naming it, got %v", filepath.Base(p), err)
			}
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was modified", filepath.Base(p))
		}
	}
}

func TestFileModes(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	st, err := os.Stat(s.Path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v %v", st.Mode(), err)
	}
	dst, err := os.Stat(filepath.Dir(s.Path))
	if err != nil || dst.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v %v", dst.Mode(), err)
	}
}

func TestCommitFailureLosesNothingSaved(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	s.BeforeCommit = func() error { return errors.New("disk full") }
	err := s.Update(func(tx *Tx) error { _, err := tx.SaveNote(Note{AccountID: a.ID, Text: "lost?"}); return err })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the injected failure, got %v", err)
	}
	s.BeforeCommit = nil
	_ = s.View(func(tx *Tx) error {
		if n := tx.CountInteractions(a.ID); n != 0 {
			t.Errorf("a failed write left %d interactions", n)
		}
		if _, err := tx.Account(a.ID); err != nil {
			t.Errorf("saved account lost: %v", err)
		}
		return nil
	})
}

// TestKPIInputMatchesTheRecords: the compact metrics the report reads say the
// same as the JSON records they are derived from.
func TestKPIInputMatchesTheRecords(t *testing.T) {
	s := newTestStore(t)
	if err := s.Generate(demo.Options{Accounts: 60, Seed: 5, Today: day("2026-11-28"), Loc: time.UTC}, nil); err != nil {
		t.Fatal(err)
	}
	var fast, slow domain.KPIInput
	err := s.View(func(tx *Tx) error {
		var err error
		if fast, err = tx.KPIInput(); err != nil {
			return err
		}
		slow = fast
		slow.Orders, slow.Surveys, slow.Wins = nil, nil, nil
		slow.Accounts = append([]domain.KPIAccount(nil), fast.Accounts...)
		for i := range slow.Accounts {
			id := slow.Accounts[i].ID
			if slow.Accounts[i].ARR, err = tx.ARRHistory(id); err != nil {
				return err
			}
			os, _ := tx.Orders(id)
			slow.AddOrders(os...)
			ss, _ := tx.Surveys(id)
			slow.AddSurveys(ss...)
			ops, _ := tx.Opportunities(id)
			slow.AddOpportunities(ops...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, period := range []string{"2026-Q4", "2026-11", "2026", "2025-Q2"} {
		p, _ := domain.ParsePeriod(period)
		for _, sc := range []domain.Scope{{Kind: "book"}, {Kind: "segment", Value: "SMB"}} {
			a, b := fast.Report(sc, p), slow.Report(sc, p)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s %s: the metrics report differs from the records' report", period, sc)
			}
		}
	}
	if len(fast.Orders) == 0 || len(fast.Surveys) == 0 || len(fast.Wins) == 0 {
		t.Errorf("the demo book should have orders, surveys and wins: %d %d %d", len(fast.Orders), len(fast.Surveys), len(fast.Wins))
	}
}

// One backup a day, compressed, the last seven kept (each restores), none
// when nothing changed.
func TestDailyBackupKeepsTheLastSeven(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	day0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 10; i++ {
		if i > 0 {
			addAccount(t, s, fmt.Sprintf("Day %d", i))
		}
		name, err := s.DailyBackup(day0.AddDate(0, 0, i), 7)
		if err != nil || name == "" {
			t.Fatalf("day %d: %q %v", i, name, err)
		}
		if again, _ := s.DailyBackup(day0.AddDate(0, 0, i).Add(time.Hour), 7); again != "" {
			t.Fatalf("a second backup on day %d", i)
		}
	}
	dir := filepath.Join(filepath.Dir(s.Path), "backups")
	plain, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	zst, _ := filepath.Glob(filepath.Join(dir, "*.db.zst"))
	if len(plain) != 0 || len(zst) != 7 || !strings.HasSuffix(zst[0], "tend-2026-11-04.db.zst") {
		t.Fatalf("the last seven days, compressed: %v %v", plain, zst)
	}
	for i, f := range zst {
		st, _ := os.Stat(f)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", f, st.Mode())
		}
		// Each restores into a book of its own day.
		r := New(filepath.Join(t.TempDir(), "restored.db"))
		if _, err := r.Restore(f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		n := 0
		if err := r.View(func(tx *Tx) error { sums, err := tx.Summaries(); n = len(sums); return err }); err != nil || n != 4+i {
			t.Errorf("%s restores %d accounts (want %d): %v", f, n, 4+i, err)
		}
	}

	// Nothing changed since: the next day keeps no copy.
	if name, err := s.DailyBackup(day0.AddDate(0, 0, 10), 7); err != nil || name != "" {
		t.Errorf("a backup of an unchanged book: %q %v", name, err)
	}
	if zst, _ = filepath.Glob(filepath.Join(dir, "*.db.zst")); len(zst) != 7 || !strings.HasSuffix(zst[6], "tend-2026-11-10.db.zst") {
		t.Errorf("after an unchanged day: %v", zst)
	}
	// A write: the next day has its copy again.
	addAccount(t, s, "Day 11")
	if name, err := s.DailyBackup(day0.AddDate(0, 0, 11), 7); err != nil || !strings.HasSuffix(name, "tend-2026-11-12.db.zst") {
		t.Errorf("a backup after a write: %q %v", name, err)
	}
}

// TestPeopleOnlyRefreshIsAFullRefresh: a write of contacts only rebuilds
// the summary from the account as the summary held it, not from its JSON;
// the summary it gives is the one a full refresh (the account written
// again, unchanged) gives, for every account of a demo book.
func TestPeopleOnlyRefreshIsAFullRefresh(t *testing.T) {
	s := newTestStore(t)
	if err := s.Generate(demo.Options{Accounts: 60, Seed: 5, Today: day("2026-11-28"), Loc: time.UTC}, nil); err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	if err := s.View(func(tx *Tx) error {
		sums, err := tx.Summaries()
		for _, x := range sums {
			ids = append(ids, x.ID)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		var people, full domain.Summary
		if err := s.Update(func(tx *Tx) error {
			return tx.PutContact(&domain.Contact{AccountID: id, Name: "Pat Quinn", Email: fmt.Sprintf("pat%d@example.com", id), Role: domain.RoleChampion})
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.View(func(tx *Tx) (err error) { people, err = tx.Summary(id); return err }); err != nil {
			t.Fatal(err)
		}
		if err := s.Update(func(tx *Tx) error {
			a, err := tx.Account(id)
			if err != nil {
				return err
			}
			return tx.PutAccount(&a)
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.View(func(tx *Tx) (err error) { full, err = tx.Summary(id); return err }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(people, full) {
			t.Fatalf("account %d: a contact's write gave the summary\n%+v\na full refresh gives\n%+v", id, people, full)
		}
	}
}
