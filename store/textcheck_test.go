package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// behind changes the book's file with bbolt alone, as a bug or another
// program would: tend is not told.
func behind(t *testing.T, s *Store, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(s.Path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func textProblems(t *testing.T, s *Store) []string {
	t.Helper()
	probs, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range probs {
		if p.Where == textWhere {
			out = append(out, p.What)
		}
	}
	return out
}

// tend check says when the search index is missing or behind (a note),
// and finds an index that no longer matches the records (a problem): an
// entry removed or added behind tend's back. tend rebuild's index build
// makes it whole again.
func TestCheckFindsASearchIndexOutOfStep(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	for i := range 5 {
		addNote(t, s, a.ID, fmt.Sprintf("Call %d about the Kubernetes migration", i))
	}
	note := func() string {
		var n string
		_ = s.View(func(tx *Tx) error { n = tx.TextNote(); return nil })
		return n
	}
	if n, p := note(), textProblems(t, s); !strings.Contains(n, "no search index yet") || len(p) != 0 {
		t.Fatalf("a book without an index: note %q, problems %v", n, p)
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	if n, p := note(), textProblems(t, s); n != "" || len(p) != 0 {
		t.Fatalf("a fresh index: note %q, problems %v", n, p)
	}
	breaks := []struct {
		name string
		do   func(tx *bolt.Tx) error
		says string
	}{
		{"a note's reference removed", func(tx *bolt.Tx) error {
			c := tx.Bucket(bTextRefs).Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if k[8] == kindCode(domain.TextNote) {
					return tx.Bucket(bTextRefs).Delete(k)
				}
			}
			return fmt.Errorf("no note indexed")
		}, "is not indexed"},
		{"a posting added for no document", func(tx *bolt.Tx) error {
			return tx.Bucket(bTextPost).Put(termKey("kubernet", 9999), appendPosting(nil, &posting{doc: 9999, n: 1, pos: []uint32{0}}))
		}, "which is gone"},
		{"a document of a record that never was", func(tx *bolt.Tx) error {
			d := domain.TextDoc{Acct: a.ID, Kind: domain.TextNote, RecID: 777}
			ref := binary.BigEndian.AppendUint32(nil, 888)
			ref = binary.BigEndian.AppendUint64(ref, 1)
			if err := tx.Bucket(bTextDocs).Put(binary.BigEndian.AppendUint32(nil, 888), encodeDocRec(&d, nil)); err != nil {
				return err
			}
			return tx.Bucket(bTextRefs).Put(refKey(&d), ref)
		}, "note 777 of account 1 is indexed but no longer exists"},
		{"a word's postings removed", func(tx *bolt.Tx) error {
			c := tx.Bucket(bTextPost).Cursor()
			k, _ := c.Seek([]byte("migrat\x00"))
			return tx.Bucket(bTextPost).Delete(k)
		}, "posting(s) too few or too many"},
	}
	for _, b := range breaks {
		behind(t, s, b.do)
		p := textProblems(t, s)
		if !strings.Contains(strings.Join(p, "\n"), b.says) {
			t.Errorf("%s: tend check says %q, want %q", b.name, p, b.says)
		}
		if err := s.RebuildText(nil); err != nil {
			t.Fatal(err)
		}
		if p := textProblems(t, s); len(p) != 0 {
			t.Errorf("%s: after the rebuild: %v", b.name, p)
		}
	}
	// A note written by a tend that does not index leaves it behind: a note.
	s.noTextIndex = true
	addNote(t, s, a.ID, "written without the index")
	s.noTextIndex = false
	if n, p := note(), textProblems(t, s); !strings.Contains(n, "behind the records") || len(p) != 0 {
		t.Errorf("an index left behind: note %q, problems %v", n, p)
	}
}

// A write indexes only the notes it wrote (not every note of the account
// again), and the index stays exactly the records through every kind of
// write: a note added, edited (moved in time), emptied, deleted; an item;
// the owner changed (in every note's document); the account gone.
func TestIncrementalIndexStaysTheRecords(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Globex")
	var ids []uint64
	for i := range 20 {
		ids = append(ids, addNote(t, s, a.ID, fmt.Sprintf("note %d about the quokka rollout", i)))
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	clean := func(step string) {
		t.Helper()
		if p := textProblems(t, s); len(p) != 0 {
			t.Fatalf("after %s: %v", step, p)
		}
		if n := (func() string {
			var n string
			_ = s.View(func(tx *Tx) error { n = tx.TextNote(); return nil })
			return n
		})(); n != "" {
			t.Fatalf("after %s: %s", step, n)
		}
	}
	update := func(step string, fn func(tx *Tx) error) {
		t.Helper()
		if err := s.Update(fn); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		clean(step)
	}
	id := addNote(t, s, a.ID, "the wombat integration")
	clean("a note added")
	if got := textFind(t, s, "wombat"); len(got) != 1 || got[0] != id {
		t.Fatalf("wombat: %v", got)
	}
	update("a note edited and moved", func(tx *Tx) error {
		in, err := tx.Interaction(a.ID, ids[3])
		if err != nil {
			return err
		}
		in.Summary, in.At = "now about the numbat pilot", in.At.Add(-48*time.Hour)
		return tx.PutInteraction(&in)
	})
	if got := textFind(t, s, "numbat"); len(got) != 1 || got[0] != ids[3] || len(textFind(t, s, "quokka")) != 19 {
		t.Fatalf("numbat %v, quokka %d", got, len(textFind(t, s, "quokka")))
	}
	update("a note emptied", func(tx *Tx) error {
		in, err := tx.Interaction(a.ID, ids[4])
		if err != nil {
			return err
		}
		in.Summary = ""
		return tx.PutInteraction(&in)
	})
	update("a note deleted", func(tx *Tx) error { return tx.DeleteInteraction(a.ID, ids[5]) })
	update("a note and an item together", func(tx *Tx) error {
		in := domain.Interaction{AccountID: a.ID, At: fixedNow, Channel: domain.ChannelCall, Summary: "agreed the dingo plan"}
		if err := tx.AddInteraction(&in); err != nil {
			return err
		}
		return tx.PutActionItem(&domain.ActionItem{AccountID: a.ID, Text: "send the dingo plan", Source: in.ID})
	})
	update("the owner changed", func(tx *Tx) error {
		acct, err := tx.Account(a.ID)
		if err != nil {
			return err
		}
		acct.Owner = "Maya Lind"
		return tx.PutAccount(&acct)
	})
	if got := textFind(t, s, "quokka owner:maya"); len(got) != 17 {
		t.Fatalf("owner:maya finds %d notes, want 17", len(got))
	}
	update("notes on two accounts", func(tx *Tx) error {
		for _, acct := range []uint64{a.ID, b.ID} {
			if err := tx.AddInteraction(&domain.Interaction{AccountID: acct, At: fixedNow, Channel: domain.ChannelEmail, Summary: "echidna"}); err != nil {
				return err
			}
		}
		return nil
	})
	update("the account deleted", func(tx *Tx) error { return tx.DeleteAccount(a.ID) })
	if got := textFind(t, s, "echidna"); len(got) != 1 {
		t.Fatalf("echidna after the delete: %v", got)
	}
}

// damageChunk overwrites the first chunk of term with the bytes the loss
// hunt wrote (a count of 8, then garbage).
func damageChunk(t *testing.T, s *Store, term string) {
	t.Helper()
	behind(t, s, func(tx *bolt.Tx) error {
		b := tx.Bucket(bTextPost)
		k, _ := b.Cursor().Seek([]byte(term + "\x00"))
		if k == nil || termOfKey(k) != term {
			return fmt.Errorf("no chunk of %q", term)
		}
		garbage := []byte{0, 0, 0, 8, 0, 0, 0, 0x54, 0x24, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
		return b.Put(append([]byte(nil), k...), garbage)
	})
}

// A damaged posting chunk blocks no write: deleting and editing notes and
// deleting the account go through, the index is taken out of use for a
// rebuild; tend check names the chunk and tend rebuild, and nothing panics.
func TestADamagedChunkBlocksNoWrite(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	var ids []uint64
	for i := range 4 {
		ids = append(ids, addNote(t, s, a.ID, fmt.Sprintf("call %d: renew the contract", i)))
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	damageChunk(t, s, "renew")
	p := strings.Join(textProblems(t, s), "\n")
	if !strings.Contains(p, `"renew"`) || !strings.Contains(p, "damaged") || !strings.Contains(p, "tend rebuild") {
		t.Fatalf("tend check on a damaged chunk: %q", p)
	}
	if got := textFind(t, s, "contract"); len(got) != 4 {
		t.Errorf("a search on another word: %v", got)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteInteraction(a.ID, ids[0]) }); err != nil {
		t.Fatalf("a note delete: %v", err)
	}
	var n string
	_ = s.View(func(tx *Tx) error { n = tx.TextNote(); return nil })
	if textState(t, s) != TextMissing || !strings.Contains(n, "damaged") {
		t.Errorf("after a write met the damaged chunk: state %v, note %q", textState(t, s), n)
	}
	if err := s.Update(func(tx *Tx) error {
		in, err := tx.Interaction(a.ID, ids[1])
		if err != nil {
			return err
		}
		in.Summary = "x"
		return tx.PutInteraction(&in)
	}); err != nil {
		t.Fatalf("a note edit: %v", err)
	}
	// Built again, damaged again: the account delete goes through too.
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	damageChunk(t, s, "renew")
	if err := s.Update(func(tx *Tx) error { return tx.DeleteAccount(a.ID) }); err != nil {
		t.Fatalf("an account delete: %v", err)
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	if p := textProblems(t, s); len(p) != 0 {
		t.Errorf("after the rebuild: %v", p)
	}
}

// tend check finds postings filed under a word their document does not
// contain: the "renew" chunk moved to "zzzz" keeps every count right.
func TestCheckFindsPostingsUnderTheWrongWord(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	for i := range 3 {
		addNote(t, s, a.ID, fmt.Sprintf("call %d: renew the contract", i))
	}
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	behind(t, s, func(tx *bolt.Tx) error {
		b := tx.Bucket(bTextPost)
		k, v := b.Cursor().Seek([]byte("renew\x00"))
		if k == nil || termOfKey(k) != "renew" {
			return fmt.Errorf("no chunk of renew")
		}
		k, v = append([]byte(nil), k...), append([]byte(nil), v...)
		if err := b.Delete(k); err != nil {
			return err
		}
		return b.Put(termKey("zzzz", binary.BigEndian.Uint32(k[len(k)-4:])), v)
	})
	p := strings.Join(textProblems(t, s), "\n")
	if !strings.Contains(p, "filed under words it does not contain") {
		t.Fatalf("tend check: %q", p)
	}
	// A document whose word list is not its record's.
	if err := s.RebuildText(nil); err != nil {
		t.Fatal(err)
	}
	behind(t, s, func(tx *bolt.Tx) error {
		b := tx.Bucket(bTextDocs)
		k, v := b.Cursor().First()
		r, terms := decodeDocRec(v)
		d := domain.TextDoc{Acct: r.Acct, Kind: r.Kind, RecID: r.RecID, Field: r.Field}
		return b.Put(append([]byte(nil), k...), encodeDocRec(&d, append(terms[1:], "zzzz")))
	})
	if p := strings.Join(textProblems(t, s), "\n"); !strings.Contains(p, "lists other words than its record has") {
		t.Fatalf("tend check: %q", p)
	}
}

// tend check reports two records of a kind with one number, across
// accounts (a file imported as it was, before imports refused it).
func TestCheckFindsOneNumberOnTwoAccounts(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Globex")
	first := addNote(t, s, a.ID, "Acme's note")
	addNote(t, s, b.ID, "Globex's note")
	behind(t, s, func(tx *bolt.Tx) error {
		c := tx.Bucket(bInteractions).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if decodeU64(k[:8]) != b.ID {
				continue
			}
			var in domain.Interaction
			if err := json.Unmarshal(v, &in); err != nil {
				return err
			}
			in.ID = first
			nv, _ := json.Marshal(in)
			return tx.Bucket(bInteractions).Put(append([]byte(nil), k...), nv)
		}
		return fmt.Errorf("no note of Globex")
	})
	probs, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range probs {
		all = append(all, p.Where+": "+p.What)
	}
	if got := strings.Join(all, "\n"); !strings.Contains(got, fmt.Sprintf("has the same number (%d) as interaction of account %d", first, a.ID)) {
		t.Errorf("tend check:\n%s", got)
	}
}
