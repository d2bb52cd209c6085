package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func identityOf(t testing.TB, path string) Identity {
	t.Helper()
	var id Identity
	if err := New(path).View(func(tx *Tx) error { id = tx.Identity(); return nil }); err != nil {
		t.Fatalf("identity of %s: %v", path, err)
	}
	return id
}

// noteTexts reads the text of every interaction of every account in the file.
func noteTexts(t testing.TB, path string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	err := New(path).View(func(tx *Tx) error {
		sums, err := tx.Summaries()
		if err != nil {
			return err
		}
		for _, sm := range sums {
			cur := Cursor{}
			for {
				items, next, err := tx.Interactions(sm.ID, cur, PageSize)
				if err != nil {
					return err
				}
				for _, in := range items {
					out[in.Summary] = sm.ID
				}
				if !next.More() {
					break
				}
				cur = next
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return out
}

func keptFiles(t testing.TB, s *Store) []string {
	t.Helper()
	target, err := filepath.EvalSymlinks(s.Path)
	if err != nil {
		target = s.Path
	}
	files, _ := filepath.Glob(target + ".before-restore-*")
	sort.Strings(files)
	return files
}

func saveNote(s *Store, acct uint64, text string) (Identity, error) {
	var id Identity
	err := s.Update(func(tx *Tx) error {
		id = tx.Identity()
		_, err := tx.SaveNote(Note{AccountID: acct, Text: text})
		return err
	})
	return id, err
}

// A writer that opened the live file, and waits on its lock while Restore
// swaps the file, must not write into the replaced file and report success:
// its write lands in the restored book, or it fails clearly. Against a
// smaller backup it must not fail with a false "truncated".
func TestWriterWaitingDuringRestoreWritesTheNewFile(t *testing.T) {
	for _, smaller := range []bool{false, true} {
		t.Run(fmt.Sprintf("smaller=%v", smaller), func(t *testing.T) {
			s := newTestStore(t)
			a := addAccount(t, s, "Acme")
			backup := filepath.Join(t.TempDir(), "backup.db")
			if smaller {
				if err := s.Backup(backup); err != nil {
					t.Fatal(err)
				}
			}
			long := strings.Repeat("a long note that grows the file ", 200)
			if err := s.Update(func(tx *Tx) error {
				for i := 0; i < 300; i++ {
					if _, err := tx.SaveNote(Note{AccountID: a.ID, Text: fmt.Sprint(i, long)}); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !smaller {
				if err := s.Backup(backup); err != nil {
					t.Fatal(err)
				}
			}
			old := identityOf(t, s.Path)

			opened := make(chan struct{}, 1)
			type result struct {
				id  Identity
				err error
			}
			done := make(chan result, 1)
			w := *s
			w.Timeout = 10 * time.Second
			w.hooks = &hooks{opened: func(*os.File) {
				select {
				case opened <- struct{}{}:
				default:
				}
			}}
			r := *s
			r.hooks = &hooks{swapping: func() {
				// The restore holds the lock: the writer opens the old file and waits.
				go func() {
					id, err := saveNote(&w, a.ID, "written while restoring")
					done <- result{id, err}
				}()
				<-opened
			}}
			res, err := r.Restore(backup)
			if err != nil {
				t.Fatal(err)
			}
			got := <-done
			live := identityOf(t, s.Path)
			if live != res.Identity || live.BookID != old.BookID || live.Generation == old.Generation {
				t.Errorf("identity: before %+v, restore said %+v, live %+v", old, res.Identity, live)
			}
			inLive := noteTexts(t, s.Path)["written while restoring"] != 0
			inKept := noteTexts(t, res.Kept)["written while restoring"] != 0
			switch {
			case got.err != nil:
				if strings.Contains(got.err.Error(), "truncated") {
					t.Errorf("false truncation: %v", got.err)
				}
				if inLive || inKept {
					t.Errorf("a failed write was stored (live %v, kept %v): %v", inLive, inKept, got.err)
				}
				t.Logf("the waiting writer failed: %v", got.err)
			case got.id != live || !inLive || inKept:
				t.Errorf("acknowledged in generation %s (live is %s, old was %s); in the live book %v, in the replaced file %v",
					got.id.Generation, live.Generation, old.Generation, inLive, inKept)
			}
		})
	}
}

// The restore race: restores one after another against two writers. Each
// writer records, inside its transaction (holding the lock), the index of
// the last restore whose swap has happened, and the generation it wrote in.
// A write must land in the generation that is live at that moment (never in a
// replaced file), and must be present in the file of that generation: the
// live book, or the kept before-restore file of that generation.
func TestRestoreRaceLosesNoAcknowledgedWrite(t *testing.T) {
	const restores = 60
	s := newTestStore(t)
	s.Timeout = 5 * time.Second
	a := addAccount(t, s, "Acme")
	b := addAccount(t, s, "Beta")
	dir := t.TempDir()
	backups := []string{filepath.Join(dir, "b0.db"), filepath.Join(dir, "b1.db")}
	if err := s.Backup(backups[0]); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := saveNote(s, a.ID, fmt.Sprint("seed ", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Backup(backups[1]); err != nil {
		t.Fatal(err)
	}

	var swaps atomic.Int64 // restores whose rename has happened
	var retries atomic.Int64
	gens := []Identity{identityOf(t, s.Path)}
	type ack struct {
		text  string
		acct  uint64
		id    Identity
		swaps int64
	}
	acks := make(chan ack, 1<<16)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var failedMu sync.Mutex
	failed := map[string]int{}
	for w, acct := range []uint64{a.ID, b.ID} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := *s
			ws.hooks = &hooks{retried: func() { retries.Add(1) }}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				text := fmt.Sprintf("w%d-%d", w, i)
				var got ack
				err := ws.Update(func(tx *Tx) error {
					got = ack{text: text, acct: acct, id: tx.Identity(), swaps: swaps.Load()}
					_, err := tx.SaveNote(Note{AccountID: acct, Text: text})
					return err
				})
				if err != nil {
					kind := "other: " + err.Error()
					if IsBusy(err) {
						kind = "busy"
					} else if strings.Contains(err.Error(), "replaced") {
						kind = "replaced"
					}
					failedMu.Lock()
					failed[kind]++
					failedMu.Unlock()
					continue
				}
				acks <- got
				time.Sleep(time.Millisecond) // pacing, as a script between two writes; not a wait
			}
		}()
	}
	var all []ack
	rs := *s
	rs.Timeout = 10 * time.Second
	rs.hooks = &hooks{swapped: func() { swaps.Add(1) }}
	for k := 1; k <= restores; k++ {
		res, err := rs.Restore(backups[k%2])
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("restore %d: %v", k, err)
		}
		gens = append(gens, res.Identity)
		// Wait until both writers have written in this generation, so every
		// restore happens while writes go on.
		seen := map[uint64]bool{}
		for len(seen) < 2 {
			x := <-acks
			all = append(all, x)
			if x.swaps == int64(k) {
				seen[x.acct] = true
			}
		}
	}
	close(stop)
	wg.Wait()
	close(acks)
	for x := range acks {
		all = append(all, x)
	}

	// Every generation that was ever live is somewhere: the live file or a kept one.
	fileOf := map[Identity]string{identityOf(t, s.Path): s.Path}
	kept := keptFiles(t, s)
	for _, f := range kept {
		fileOf[identityOf(t, f)] = f
	}
	if len(kept) != restores {
		t.Errorf("%d restores kept %d files", restores, len(kept))
	}
	for k, g := range gens {
		if fileOf[g] == "" {
			t.Errorf("generation %d (%s) is in no file", k, g.Generation)
		}
	}
	texts := map[string]map[string]uint64{}
	missing, misplaced := 0, 0
	for _, x := range all {
		if x.id != gens[x.swaps] {
			misplaced++
			if misplaced <= 5 {
				t.Errorf("%s was acknowledged in generation %s while generation %d (%s) was live: written into a replaced file",
					x.text, x.id.Generation, x.swaps, gens[x.swaps].Generation)
			}
		}
		f := fileOf[x.id]
		if f == "" {
			missing++
			continue
		}
		if texts[f] == nil {
			texts[f] = noteTexts(t, f)
		}
		if texts[f][x.text] != x.acct {
			missing++
			if missing <= 5 {
				t.Errorf("%s acknowledged in generation %s is missing from %s", x.text, x.id.Generation, filepath.Base(f))
			}
		}
	}
	t.Logf("%d restores, %d acknowledged writes, %d missing, %d written into a replaced file, %d writers retried on the new file, failed writes %v",
		restores, len(all), missing, misplaced, retries.Load(), failed)
	for kind := range failed {
		if strings.HasPrefix(kind, "other") {
			t.Errorf("a writer failed unexpectedly: %s", kind)
		}
	}
}

// Restore works over a damaged, empty, garbage or foreign file (that is its
// purpose) and keeps what it replaces, byte for byte.
func TestRestoreOverADamagedFile(t *testing.T) {
	good := newTestStore(t)
	addAccount(t, good, "Acme")
	goodBytes, _ := os.ReadFile(good.Path)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := good.Backup(backup); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(t.TempDir(), "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
	_ = db.Close()
	foreignBytes, _ := os.ReadFile(foreign)
	cases := map[string][]byte{
		"empty":     {},
		"truncated": goodBytes[:len(goodBytes)/3],
		"garbage":   bytes.Repeat([]byte("not a database at all "), 1000),
		"foreign":   foreignBytes,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			s := newTestStore(t)
			_ = os.MkdirAll(filepath.Dir(s.Path), 0o700)
			if err := os.WriteFile(s.Path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			res, err := s.Restore(backup)
			if err != nil {
				t.Fatalf("restore over a %s file: %v", name, err)
			}
			if probs, err := s.Check(); err != nil || len(probs) > 0 {
				t.Fatalf("after the restore: %v %v", err, probs)
			}
			if got := noteTexts(t, s.Path); len(got) != 0 {
				t.Errorf("notes %v", got)
			}
			if _, err := os.Stat(res.Kept); err != nil {
				t.Fatalf("the replaced file is not kept: %v", err)
			}
			if kept, _ := os.ReadFile(res.Kept); !bytes.Equal(kept, data) {
				t.Errorf("the kept file differs from the %s file it replaced", name)
			}
			if got := keptFiles(t, s); len(got) != 1 || got[0] != res.Kept {
				t.Errorf("kept %v, restore said %s", got, res.Kept)
			}
		})
	}
}

func TestTwoRestoresKeepBothReplacedFiles(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	if _, err := saveNote(s, a.ID, "first book"); err != nil {
		t.Fatal(err)
	}
	r1, err := s.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := saveNote(s, a.ID, "second book"); err != nil {
		t.Fatal(err)
	}
	r2, err := s.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	kept := keptFiles(t, s)
	if len(kept) != 2 || r1.Kept == r2.Kept {
		t.Fatalf("kept %v (restores said %s, %s)", kept, r1.Kept, r2.Kept)
	}
	want := "tend.db.before-restore-" + fixedNow.Format("20060102-150405")
	if filepath.Base(r1.Kept) != want || !strings.HasPrefix(filepath.Base(r2.Kept), want+"-") {
		t.Errorf("names %s, %s; want %s and %s-N", filepath.Base(r1.Kept), filepath.Base(r2.Kept), want, want)
	}
	if noteTexts(t, r1.Kept)["first book"] == 0 || noteTexts(t, r2.Kept)["second book"] == 0 {
		t.Error("a replaced book was lost")
	}
	if g1, g2 := identityOf(t, r1.Kept), identityOf(t, r2.Kept); g1.Generation == g2.Generation || g1.BookID != g2.BookID {
		t.Errorf("kept identities %+v %+v", g1, g2)
	}
	for _, f := range kept {
		if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", f, st.Mode())
		}
	}
}

func TestRestoreOnASymlinkReplacesTheTarget(t *testing.T) {
	dir := t.TempDir()
	realDir := filepath.Join(dir, "sync")
	_ = os.MkdirAll(realDir, 0o700)
	real := New(filepath.Join(realDir, "tend.db"))
	real.Now = func() time.Time { return fixedNow }
	a := addAccount(t, real, "Acme")
	backup := filepath.Join(dir, "backup.db")
	if err := real.Backup(backup); err != nil {
		t.Fatal(err)
	}
	if _, err := saveNote(real, a.ID, "after the backup"); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "tend.db")
	if err := os.Symlink(filepath.Join("sync", "tend.db"), link); err != nil {
		t.Fatal(err)
	}
	s := New(link)
	s.Now = real.Now
	res, err := s.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	if noteTexts(t, real.Path)["after the backup"] != 0 {
		t.Error("the link's target was not restored")
	}
	if filepath.Dir(res.Kept) != realDir || noteTexts(t, res.Kept)["after the backup"] == 0 {
		t.Errorf("kept %s", res.Kept)
	}
	// Writes through the link reach the restored target.
	if _, err := saveNote(s, a.ID, "through the link"); err != nil {
		t.Fatal(err)
	}
	if noteTexts(t, real.Path)["through the link"] == 0 {
		t.Error("a write through the link did not reach the target")
	}
}

func TestRestoreWhileLockedIsBusyAndChangesNothing(t *testing.T) {
	for _, garbage := range []bool{false, true} {
		t.Run(fmt.Sprintf("garbage=%v", garbage), func(t *testing.T) {
			s := newTestStore(t)
			addAccount(t, s, "Acme")
			backup := filepath.Join(t.TempDir(), "backup.db")
			if err := s.Backup(backup); err != nil {
				t.Fatal(err)
			}
			if garbage {
				_ = os.WriteFile(s.Path, []byte("garbage, locked by a tend that is about to find out"), 0o600)
			}
			before, _ := os.ReadFile(s.Path)
			entries, _ := os.ReadDir(filepath.Dir(s.Path))
			f, err := os.Open(s.Path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
				t.Fatal(err)
			}
			_, err = s.Restore(backup)
			if !IsBusy(err) || !strings.Contains(err.Error(), s.Path) {
				t.Fatalf("want a busy error naming the file, got %v", err)
			}
			after, _ := os.ReadFile(s.Path)
			entriesAfter, _ := os.ReadDir(filepath.Dir(s.Path))
			if !bytes.Equal(before, after) || len(entriesAfter) != len(entries) {
				t.Errorf("a busy restore changed something: %d files before, %d after", len(entries), len(entriesAfter))
			}
		})
	}
}

// A store that expects the identity it loaded refuses to write into a
// replaced book (the cockpit's note on "Zeta" must not land on whoever has
// Zeta's number in the restored file).
func TestExpectRefusesAReplacedBook(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	loaded := identityOf(t, s.Path)
	w := *s
	w.Expect = &loaded
	if _, err := saveNote(&w, a.ID, "same book"); err != nil {
		t.Fatalf("the expected book: %v", err)
	}
	res, err := s.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	_, err = saveNote(&w, a.ID, "typed for the old book")
	var re *ReplacedError
	if !errors.As(err, &re) || !IsReplaced(err) || re.Got != res.Identity || re.Want != loaded || !strings.Contains(err.Error(), s.Path) {
		t.Fatalf("want a ReplacedError, got %v", err)
	}
	if noteTexts(t, s.Path)["typed for the old book"] != 0 {
		t.Error("written into the replaced book")
	}
	if err := s.View(func(tx *Tx) error { return tx.Require(res.Identity) }); err != nil {
		t.Errorf("Require of the live identity: %v", err)
	}
	if err := s.View(func(tx *Tx) error { return tx.Require(loaded) }); !IsReplaced(err) {
		t.Errorf("Require of the old identity: %v", err)
	}
}
