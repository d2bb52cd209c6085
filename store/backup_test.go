package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

func accountsIn(t *testing.T, path string) int {
	t.Helper()
	n := 0
	if err := New(path).View(func(tx *Tx) error { sums, err := tx.Summaries(); n = len(sums); return err }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A backup copies the book without holding its lock: a writer with a short
// lock timeout writes while the copy is under way and is never busy; the
// backup holds the book as it was when the copy began, whole.
func TestBackupLetsWritersWriteWhileItCopies(t *testing.T) {
	s := newTestStore(t)
	for i := range 50 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	writer := *s
	writer.Timeout = 20 * time.Millisecond // bbolt tries the lock once: any wait is busy
	wrote := 0
	s.hooks = &hooks{copying: func() {
		if wrote == 0 {
			addAccount(t, &writer, "Written during the copy")
			wrote++
		}
	}}
	dst := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	if wrote != 1 {
		t.Fatal("the writer did not write during the copy")
	}
	checkOK(t, dst)
	if n := accountsIn(t, dst); n != 50 {
		t.Errorf("the backup holds %d accounts, want the 50 of when it began", n)
	}
	if n := accountsIn(t, s.Path); n != 51 {
		t.Errorf("the book holds %d accounts, want 51", n)
	}
}

// Two writes between two looks may reuse pages the copy needs: it stops,
// waits a moment and starts again; the backup holds the book after them.
func TestBackupWrittenTwiceDuringTheCopyStartsAgain(t *testing.T) {
	backoff, chunk := snapshotBackoff, snapshotChunk
	snapshotBackoff, snapshotChunk = time.Millisecond, 64<<10 // several chunks: the second write is seen after the first
	t.Cleanup(func() { snapshotBackoff, snapshotChunk = backoff, chunk })
	s := newTestStore(t)
	for i := range 50 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	writer := *s
	copies := 0
	s.hooks = &hooks{copying: func() {
		copies++
		if copies == 1 {
			addAccount(t, &writer, "First")
			addAccount(t, &writer, "Second")
		}
	}}
	dst := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	if copies != 2 {
		t.Errorf("%d copies, want 2", copies)
	}
	checkOK(t, dst)
	if n := accountsIn(t, dst); n != 52 {
		t.Errorf("the backup holds %d accounts, want 52", n)
	}
	// A book written on every copy: the backup gives up with a clear error.
	s.hooks = &hooks{copying: func() {
		addAccount(t, &writer, "Again")
		addAccount(t, &writer, "And again")
	}}
	err := s.Backup(filepath.Join(t.TempDir(), "c.db"))
	if err == nil || !strings.Contains(err.Error(), "written too often while it was being copied (10 tries)") {
		t.Errorf("a book always written: %v", err)
	}
}

// A book written once between every two looks of the copy (a write every
// few milliseconds): the pages each write frees are saved at the next look,
// before a later write can reuse them, so the copy never starts again and
// holds the book as it was when it began.
func TestBackupOfABookWrittenThroughoutTheCopy(t *testing.T) {
	chunk := snapshotChunk
	snapshotChunk = 4 << 10 // a page: a look after every page
	t.Cleanup(func() { snapshotChunk = chunk })
	s := newTestStore(t)
	for i := range 200 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	writer := *s
	writer.Timeout = 20 * time.Millisecond
	copies, writes := 0, 0
	s.hooks = &hooks{copying: func() { copies++ }, chunk: func() {
		addAccount(t, &writer, fmt.Sprintf("Written during the copy %d", writes))
		writes++
	}}
	dst := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	if copies != 1 || writes < 20 {
		t.Errorf("%d copies (want 1), %d writes during them", copies, writes)
	}
	checkOK(t, dst)
	if n := accountsIn(t, dst); n != 200 {
		t.Errorf("the backup holds %d accounts, want the 200 of when it began", n)
	}
}

// The compression of a daily backup, killed half-way, leaves the plain copy
// whole; the next start compresses it and removes what the killed one left.
func TestKillMidCompressionLeavesThePlainBackup(t *testing.T) {
	if src := os.Getenv("TEND_TEST_COMPRESS"); src != "" {
		compressHook = func() {
			fmt.Println("compressing")
			select {} // until killed
		}
		err := CompressFile(src, src+ZstSuffix)
		t.Fatalf("not killed: %v", err)
	}
	s := newTestStore(t)
	for i := range 30 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	// A daily backup copied, not compressed yet.
	day1 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	plain := filepath.Join(filepath.Dir(s.Path), "backups", "tend-2026-11-01.db")
	if err := s.Backup(plain); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(plain)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidCompressionLeavesThePlainBackup$")
	cmd.Env = append(os.Environ(), "TEND_TEST_COMPRESS="+plain)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "compressing\n" {
		t.Fatalf("helper: %q %v", line, err)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()

	dir := filepath.Dir(plain)
	if after, _ := os.ReadFile(plain); !bytes.Equal(before, after) {
		t.Fatal("the plain backup changed")
	}
	if exists(plain + ZstSuffix) {
		t.Fatal("a compressed backup in place after a kill")
	}
	if l := leftovers(t, dir); len(l) != 1 {
		t.Fatalf("the killed compression's partial file: %v", l)
	}
	checkOK(t, plain)

	addAccount(t, s, "Next day")
	if _, err := s.DailyBackup(day1.AddDate(0, 0, 1), 7); err != nil {
		t.Fatal(err)
	}
	if exists(plain) || !exists(plain+ZstSuffix) || !exists(strings.Replace(plain, "11-01", "11-02", 1)+ZstSuffix) {
		t.Errorf("yesterday's backup not compressed: plain %v, compressed %v", exists(plain), exists(plain+ZstSuffix))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
	r := New(filepath.Join(t.TempDir(), "restored.db"))
	if _, err := r.Restore(plain + ZstSuffix); err != nil {
		t.Fatal(err)
	}
	if n := accountsIn(t, r.Path); n != 30 {
		t.Errorf("restored %d accounts, want 30", n)
	}
}

// A damaged compressed backup is refused with a clear error; the book stays.
func TestRestoreRefusesADamagedCompressedBackup(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	b := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(b); err != nil {
		t.Fatal(err)
	}
	if err := CompressFile(b, b+ZstSuffix); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(b + ZstSuffix)
	if err := os.WriteFile(b+".cut.zst", raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	addAccount(t, s, "Beta")
	if _, err := s.Restore(b + ".cut.zst"); err == nil || !strings.Contains(err.Error(), "cannot be restored: it does not decompress") {
		t.Errorf("a truncated compressed backup: %v", err)
	}
	if n := accountsIn(t, s.Path); n != 2 {
		t.Errorf("the book holds %d accounts after a refused restore", n)
	}
}

// A copy that does not read back — a damaged page, or another book — is
// refused with an error (never a crash), so no backup is kept that a
// restore could not read.
func TestASnapshotThatDoesNotReadBackIsRefused(t *testing.T) {
	s := newTestStore(t)
	for i := range 300 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	dst := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	var of snapshotOf
	if err := s.View(func(tx *Tx) error { of = snapshotOf{Identity: tx.Identity(), Changes: tx.Changes()}; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := verifySnapshot(dst, of); err != nil {
		t.Fatalf("a good copy is refused: %v", err)
	}
	other := of
	other.Changes++
	if err := verifySnapshot(dst, other); err == nil {
		t.Error("a copy of another change of the book is taken")
	}
	// Garbage over every page after the meta pages.
	raw, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2 * 4096; i < len(raw); i++ {
		raw[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(dst, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := verifySnapshot(dst, of); err == nil {
		t.Error("a damaged copy is taken")
	}
}

// tend check on a file whose data pages are garbage says it is damaged; it
// does not end the process (bbolt's own check reads pages in a goroutine a
// fault there would end).
func TestCheckOnGarbagePagesIsAnError(t *testing.T) {
	s := newTestStore(t)
	for i := range 300 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	raw, err := os.ReadFile(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	// Each data page in turn: its element count and offsets made huge (a
	// free page may hold anything: some pass).
	found := 0
	for page := 2; page*4096 < len(raw); page++ {
		bad := slices.Clone(raw)
		o := page * 4096
		binary.LittleEndian.PutUint16(bad[o+10:], 0xFFF0) // count
		for i := o + 16; i < o+4096 && i < len(bad); i++ {
			bad[i] = 0xFF
		}
		if err := os.WriteFile(s.Path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if probs, err := s.Check(); err != nil || len(probs) > 0 {
			found++
		}
	}
	if found == 0 {
		t.Error("no damaged page is found")
	}
}

// A book whose freelist is damaged (a count of 4 billion pages, or pages
// past the book) is never opened to write: bbolt would read the count and
// allocate without bound (ending the process, the terminal left raw) or
// hand out pages the book still uses.
func TestADamagedFreelistIsNeverWritten(t *testing.T) {
	s := newTestStore(t)
	for i := range 50 {
		addAccount(t, s, fmt.Sprintf("Acme %d", i))
	}
	good, err := os.ReadFile(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := func() (boltMeta, error) {
		f, err := os.Open(s.Path)
		if err != nil {
			return boltMeta{}, err
		}
		defer f.Close()
		return readMeta(f, 4096)
	}()
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func(b []byte){
		"huge count": func(b []byte) {
			o := int(m.freelist) * 4096
			binary.NativeEndian.PutUint16(b[o+10:], 0xFFFF)
			binary.NativeEndian.PutUint64(b[o+16:], 0xFFFFFFFF)
		},
		"a page past the book": func(b []byte) {
			o := int(m.freelist) * 4096
			binary.NativeEndian.PutUint16(b[o+10:], 1)
			binary.NativeEndian.PutUint64(b[o+16:], m.pgid+10)
		},
	} {
		bad := slices.Clone(good)
		damage(bad)
		if err := os.WriteFile(s.Path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		err := s.Update(func(tx *Tx) error {
			a := domain.NewAccount("Written into damage")
			return tx.PutAccount(&a)
		})
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("%s: a write gives %v", name, err)
		}
		if now, _ := os.ReadFile(s.Path); !bytes.Equal(now, bad) {
			t.Errorf("%s: the damaged file was written to", name)
		}
	}
}
