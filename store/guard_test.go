package store

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// wrongLinks makes a book whose account A links to account B's records: an
// interaction with B's contact and a contact that does not exist as
// attendees, a survey answer by B's contact, an action item from B's
// interaction. A's own links (its contact, its interaction) are right.
func wrongLinks(t *testing.T) (s *Store, a, b domain.Account) {
	t.Helper()
	s = newTestStore(t)
	a, b = addAccount(t, s, "Acme"), addAccount(t, s, "Globex")
	err := s.Update(func(tx *Tx) error {
		ca := domain.Contact{AccountID: a.ID, Name: "Ana"}
		cb := domain.Contact{AccountID: b.ID, Name: "Bo"}
		if err := tx.PutContact(&ca); err != nil {
			return err
		}
		if err := tx.PutContact(&cb); err != nil {
			return err
		}
		inA := domain.Interaction{AccountID: a.ID, At: fixedNow.Add(-2 * time.Hour), Channel: domain.ChannelCall, Summary: "ours", Attendees: []uint64{ca.ID}}
		inB := domain.Interaction{AccountID: b.ID, At: fixedNow.Add(-time.Hour), Channel: domain.ChannelCall, Summary: "theirs"}
		bad := domain.Interaction{AccountID: a.ID, At: fixedNow.Add(-time.Minute), Channel: domain.ChannelMeeting, Summary: "mixed", Attendees: []uint64{ca.ID, cb.ID, 999}}
		for _, in := range []*domain.Interaction{&inA, &inB, &bad} {
			if err := tx.AddInteraction(in); err != nil {
				return err
			}
		}
		for _, sv := range []domain.SurveyResponse{
			{AccountID: a.ID, Kind: domain.SurveyNPS, Score: 9, Date: day("2026-11-01"), ContactID: ca.ID},
			{AccountID: a.ID, Kind: domain.SurveyNPS, Score: 3, Date: day("2026-11-02"), ContactID: cb.ID},
		} {
			if err := tx.PutSurvey(&sv); err != nil {
				return err
			}
		}
		for _, it := range []domain.ActionItem{
			{AccountID: a.ID, Text: "ours", Source: inA.ID},
			{AccountID: a.ID, Text: "theirs", Source: inB.ID},
		} {
			if err := tx.PutActionItem(&it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, a, b
}

func TestCheckReportsLinksOutsideTheAccount(t *testing.T) {
	s, _, _ := wrongLinks(t)
	probs, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		"attendee 2 is a contact of account 2, not of account 1",
		"attendee 999 is no contact",
		"contact 2 is a contact of account 2, not of account 1",
		"source interaction 2 is an interaction of account 2, not of account 1",
	}
	if len(probs) != len(want) {
		t.Fatalf("check found %d problems, want %d:\n%s", len(probs), len(want), strings.Join(got, "\n"))
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("check does not say %q:\n%s", w, all)
		}
	}
}

func TestPutAccountRecordsClearsLinksOutsideTheAccount(t *testing.T) {
	src, a, b := wrongLinks(t)
	var recs []domain.AccountRecords
	if err := src.View(func(tx *Tx) error {
		for _, id := range []uint64{a.ID, b.ID} {
			r, err := tx.AccountRecords(id)
			if err != nil {
				return err
			}
			recs = append(recs, r)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A draft's attendees are references too.
	recs[0].Draft = &domain.Draft{AccountID: a.ID, Text: "half", Channel: domain.ChannelCall, Attendees: []uint64{1, 2}, Started: fixedNow, Saved: fixedNow}

	s := newTestStore(t)
	if err := s.Update(func(tx *Tx) error {
		for i := range recs {
			if err := tx.PutAccountRecords(&recs[i]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("the book taken back fails the check: %v %v", err, probs)
	}
	err := s.View(func(tx *Tx) error {
		r, err := tx.AccountRecords(a.ID)
		if err != nil {
			return err
		}
		if len(r.Interactions) != 2 || len(r.Surveys) != 2 || len(r.ActionItems) != 2 {
			t.Fatalf("records were lost: %d interactions, %d surveys, %d items", len(r.Interactions), len(r.Surveys), len(r.ActionItems))
		}
		for _, in := range r.Interactions {
			if fmt.Sprint(in.Attendees) != "[1]" {
				t.Errorf("interaction %q: attendees %v, want [1]", in.Summary, in.Attendees)
			}
		}
		for _, sv := range r.Surveys {
			if want := map[int]uint64{9: 1, 3: 0}[sv.Score]; sv.ContactID != want {
				t.Errorf("survey %d: contact %d, want %d", sv.Score, sv.ContactID, want)
			}
		}
		for _, it := range r.ActionItems {
			if want := map[string]uint64{"ours": 1, "theirs": 0}[it.Text]; it.Source != want {
				t.Errorf("item %q: source %d, want %d", it.Text, it.Source, want)
			}
		}
		if r.Draft == nil || fmt.Sprint(r.Draft.Attendees) != "[1]" || r.Draft.Text != "half" {
			t.Errorf("draft %+v", r.Draft)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRestoreCopyIsNamedForItsProcessAndStaleOnesAreRemoved(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(s.Path)
	// Copies left by restores that were killed (of this book and of another
	// book in the directory), and one of a restore that still runs.
	dead := deadPID(t)
	killed := filepath.Join(dir, fmt.Sprintf(".tend.db.restoring-%d-123", dead))
	other := filepath.Join(dir, fmt.Sprintf(".other.db.restoring-%d-9", dead))
	running := filepath.Join(dir, fmt.Sprintf(".tend.db.restoring-%d-456", os.Getppid()))
	unknown := filepath.Join(dir, ".tend.db.restoring-123456") // an older tend's: no process id
	for _, f := range []string{killed, other, running, unknown} {
		stale(t, f)
	}
	var during []string
	s.hooks = &hooks{swapping: func() {
		for _, e := range leftovers(t, dir) {
			if strings.Contains(e, ".restoring-") {
				during = append(during, e)
			}
		}
	}}
	if _, err := s.Restore(backup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{killed, other} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is still there: %v", filepath.Base(f), err)
		}
	}
	for _, f := range []string{running, unknown} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
	// The restore's own copy carries its process id, so that once it is
	// killed the next restore (or cockpit) knows it is stale.
	own := ".tend.db.restoring-" + strconv.Itoa(os.Getpid()) + "-"
	found := false
	for _, e := range during {
		found = found || strings.HasPrefix(e, own)
	}
	if !found {
		t.Errorf("the restore's copy is not named %s*: %v", own, during)
	}
	if n := RemoveStaleRestoreCopies(dir); len(n) != 0 {
		t.Errorf("removed %v after the restore", n)
	}
}

func TestProtectedFiles(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	book := filepath.Join(dir, "monday.db")
	if err := s.Backup(book); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.bolt") // a bbolt database that is not a tend book
	db, err := bolt.Open(plain, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(book, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{book, plain, link,
		write("x.db.before-schema-2-20261128-090000", "truncated"),
		write("x.db.before-restore-20261128-090000-2", "truncated"),
		write("x.db.before-restore", "")} {
		if what := Protected(p); what == "" {
			t.Errorf("%s is not protected", filepath.Base(p))
		}
		if what := s.OwnFile(p); what == "" {
			t.Errorf("OwnFile(%s) is empty", filepath.Base(p))
		}
		before, _ := os.ReadFile(p)
		err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "export"); return err })
		if err == nil || !strings.Contains(err.Error(), "refusing to write") {
			t.Errorf("WriteFileAtomic(%s): %v", filepath.Base(p), err)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("%s was replaced", filepath.Base(p))
		}
	}
	for _, p := range []string{write("export.csv", "a,b\n"), write("empty.json", ""), filepath.Join(dir, "new.csv"), write("short.db", "\x00\x00")} {
		if what := Protected(p); what != "" {
			t.Errorf("%s is protected: %s", filepath.Base(p), what)
		}
	}
}
