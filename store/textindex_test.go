package store

import (
	"errors"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// textFind runs a query on the index and returns the notes' record numbers.
func textFind(t *testing.T, s *Store, query string) []uint64 {
	t.Helper()
	q, err := domain.ParseTextQuery(query, day("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	err = s.View(func(tx *Tx) error {
		hits, _, err := tx.SearchText(q, 0, day("2026-11-28"), 100)
		for _, h := range hits {
			ids = append(ids, h.RecID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func addNote(t *testing.T, s *Store, acct uint64, text string) uint64 {
	t.Helper()
	in := domain.Interaction{AccountID: acct, At: fixedNow.Add(-time.Hour), Channel: domain.ChannelCall, Summary: text}
	if err := s.Update(func(tx *Tx) error { return tx.AddInteraction(&in) }); err != nil {
		t.Fatal(err)
	}
	return in.ID
}

func textState(t *testing.T, s *Store) TextIndexState {
	var st TextIndexState
	_ = s.View(func(tx *Tx) error { st = tx.TextState(); return nil })
	return st
}

// The index is written in the record's own transaction: a commit that
// fails leaves neither; one that succeeds has both, found at once.
func TestTextIndexIsWrittenWithTheRecord(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if textState(t, s) != TextMissing {
		t.Fatal("a new book has no index until it is built")
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	id := addNote(t, s, a.ID, "Kubernetes migration")
	if got := textFind(t, s, "kubernetes"); len(got) != 1 || got[0] != id {
		t.Fatalf("found %v, want [%d]", got, id)
	}
	s.BeforeCommit = func() error { return errors.New("disk full") }
	in := domain.Interaction{AccountID: a.ID, At: fixedNow, Channel: domain.ChannelCall, Summary: "Kubernetes again"}
	if err := s.Update(func(tx *Tx) error { return tx.AddInteraction(&in) }); err == nil {
		t.Fatal("the commit should fail")
	}
	s.BeforeCommit = nil
	if got := textFind(t, s, "kubernetes"); len(got) != 1 || textState(t, s) != TextReady {
		t.Fatalf("after a failed commit: %v, state %d", got, textState(t, s))
	}
}

// A write that did not index (a tend that predates the index, or one
// killed between the two, were they apart) leaves the index's stamp behind
// the book's change counter: never silently stale, it is caught up from
// the change log, or rebuilt when that is too far back.
func TestTextIndexBehindTheRecordsIsCaughtUp(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	s.noTextIndex = true
	id := addNote(t, s, a.ID, "Terraform rollout")
	s.noTextIndex = false
	if textState(t, s) != TextStale {
		t.Fatalf("state %d, want stale", textState(t, s))
	}
	// Another write meanwhile does not index over the gap.
	addNote(t, s, a.ID, "Unrelated")
	if textState(t, s) != TextStale {
		t.Fatal("a later write must not hide the gap")
	}
	if ok, err := s.CatchUpText(); err != nil || !ok {
		t.Fatalf("catch up: %v %v", ok, err)
	}
	if got := textFind(t, s, "terraform"); len(got) != 1 || got[0] != id || textState(t, s) != TextReady {
		t.Fatalf("caught up: %v", got)
	}
	// Further behind than the change log says (a write of many accounts).
	s.noTextIndex = true
	err := s.Update(func(tx *Tx) error {
		for i := 0; i < 70; i++ {
			b := domain.NewAccount("Bulk")
			if err := tx.PutAccount(&b); err != nil {
				return err
			}
			in := domain.Interaction{AccountID: b.ID, At: fixedNow, Channel: domain.ChannelCall, Summary: "Zeppelin"}
			if err := tx.AddInteraction(&in); err != nil {
				return err
			}
		}
		return nil
	})
	s.noTextIndex = false
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.CatchUpText(); err != nil || ok {
		t.Fatalf("too far behind to catch up: %v %v", ok, err)
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	if got := textFind(t, s, "zeppelin"); len(got) != 70 || textState(t, s) != TextReady {
		t.Fatalf("rebuilt: %d found, state %d", len(got), textState(t, s))
	}
}

// A rebuild killed half-way leaves the index marked building: unusable,
// never half-used; the next rebuild starts over and writes made meanwhile
// are in it.
func TestTextRebuildKilledHalfWay(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	addNote(t, s, a.ID, "Snowflake connector")
	func() {
		defer func() { _ = recover() }()
		_ = s.RebuildText(func(done, total int) { panic("killed") })
	}()
	if textState(t, s) != TextBuilding {
		t.Fatalf("state %d, want building", textState(t, s))
	}
	id := addNote(t, s, a.ID, "Snowflake pricing")
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	if got := textFind(t, s, "snowflake"); len(got) != 2 || (got[0] != id && got[1] != id) {
		t.Fatalf("rebuilt: %v, want %d among them", got, id)
	}
}

// Many documents in one term's list span chunks; edits and deletes take
// them out of the right one.
func TestTextPostingsAcrossChunks(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	err := s.Update(func(tx *Tx) error {
		for i := 0; i < 3*maxChunk+7; i++ {
			in := domain.Interaction{AccountID: a.ID, At: fixedNow.Add(-time.Duration(i) * time.Minute), Channel: domain.ChannelCall, Summary: "Quarterly review"}
			if err := tx.AddInteraction(&in); err != nil {
				return err
			}
			ids = append(ids, in.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := textFind(t, s, "quarterly"); len(got) != 100 {
		t.Fatalf("found %d", len(got))
	}
	err = s.Update(func(tx *Tx) error {
		for _, id := range ids[maxChunk-3 : maxChunk+3] {
			if err := tx.DeleteInteraction(a.ID, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var total int
	q, _ := domain.ParseTextQuery("review", day("2026-11-28"))
	_ = s.View(func(tx *Tx) (err error) { _, total, err = tx.SearchText(q, 0, day("2026-11-28"), 1); return })
	if total != 3*maxChunk+1 {
		t.Fatalf("after deleting 6: %d", total)
	}
}

// A word as typed outranks the other forms of its stem: "running" finds a
// note that says running above one that says only runs, and "runs" the
// other way round, whichever note is newer or shorter.
func TestTextSearchExactWordOutranksItsStem(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	running := addNote(t, s, a.ID, "The importer keeps running out of memory on large files")
	runs := addNote(t, s, a.ID, "Import runs slow") // newer and shorter: ahead on every other count
	if got := textFind(t, s, "running"); len(got) != 2 || got[0] != running {
		t.Errorf("running: %v, want the note that says it (#%d) first", got, running)
	}
	if got := textFind(t, s, "runs"); len(got) != 2 || got[0] != runs {
		t.Errorf("runs: %v, want the note that says it (#%d) first", got, runs)
	}
}

// The reported case: a longer note that says "escalation" once ranks above
// six short ones that say "Escalated" over and over: every hit with the
// word as typed comes before every hit with only another form of it.
func TestTextSearchExactWordIsATierAbove(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	for range 6 {
		addNote(t, s, a.ID, "[Escalated] a support ticket: Escalated, escalated again, escalated")
	}
	exact := addNote(t, s, a.ID, "Walked through the open support questions, the renewal team's timeline, the new admin console and the escalation path for outages")
	got := textFind(t, s, "escalation")
	if len(got) != 7 || got[0] != exact {
		t.Errorf("escalation: %v, want the note that says it (#%d) first", got, exact)
	}
	if got := textFind(t, s, "escalated"); len(got) != 7 || got[6] != exact {
		t.Errorf("escalated: %v, want the note that says only escalation (#%d) last", got, exact)
	}
}
