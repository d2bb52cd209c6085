package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// leftovers lists the temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.Contains(e.Name(), ".partial") || strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// stale writes a file as a killed process would have left it an hour ago.
func stale(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("half a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func checkOK(t testing.TB, path string) {
	t.Helper()
	if probs, err := New(path).Check(); err != nil || len(probs) > 0 {
		t.Errorf("%s: %v %v", path, err, probs)
	}
}

// checkRestores checks that the backup at path restores into a book that
// passes the check.
func checkRestores(t testing.TB, path string) {
	t.Helper()
	r := New(filepath.Join(t.TempDir(), "restored.db"))
	if _, err := r.Restore(path); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	checkOK(t, r.Path)
}

func TestBackupRefusesTheLiveBook(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	before, _ := os.ReadFile(s.Path)
	link := filepath.Join(t.TempDir(), "alias.db")
	if err := os.Symlink(s.Path, link); err != nil {
		t.Fatal(err)
	}
	for _, dst := range []string{s.Path, link, filepath.Join(filepath.Dir(s.Path), "x", "..", "tend.db")} {
		err := s.Backup(dst)
		if err == nil || !strings.Contains(err.Error(), "the live data file") {
			t.Errorf("backup onto %s: %v", dst, err)
		}
	}
	if after, _ := os.ReadFile(s.Path); !bytes.Equal(before, after) {
		t.Error("the data file changed")
	}
	checkOK(t, s.Path)
	if l := leftovers(t, filepath.Dir(s.Path)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestStalePartialDoesNotBlockBackups(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	dir := t.TempDir()
	dst := filepath.Join(dir, "x.db")
	stale(t, dst+".partial") // left by an older tend killed half-way
	dead := filepath.Join(dir, fmt.Sprintf(".x.db.%d-12345.partial", deadPID(t)))
	stale(t, dead) // left by this tend killed half-way
	if err := s.Backup(dst); err != nil {
		t.Fatalf("a stale partial blocks the backup: %v", err)
	}
	checkOK(t, dst)
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("stale files not cleaned: %v", l)
	}

	// The daily backup, killed at start-up, does not block the next start the same day.
	backups := filepath.Join(filepath.Dir(s.Path), "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	stale(t, filepath.Join(backups, "tend-2026-11-28.db.partial"))
	name, err := s.DailyBackup(fixedNow, 7)
	if err != nil || name != filepath.Join(backups, "tend-2026-11-28.db.zst") {
		t.Fatalf("daily backup after a killed one: %q %v", name, err)
	}
	checkRestores(t, name)
	if l := leftovers(t, backups); len(l) > 0 {
		t.Errorf("stale files not cleaned: %v", l)
	}
}

func TestConcurrentBackupsToOneNameDoNotMix(t *testing.T) {
	s := newTestStore(t)
	for i := 0; i < 20; i++ {
		addAccount(t, s, fmt.Sprintf("Account %d", i))
	}
	dst := filepath.Join(t.TempDir(), "same.db")
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Backup(dst)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, fs.ErrExist):
			t.Errorf("a losing backup should say the file exists: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d backups succeeded, want 1", ok)
	}
	checkOK(t, dst)
	if l := leftovers(t, filepath.Dir(dst)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := os.WriteFile(p, []byte("old export"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(p, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half of a new")
		return errors.New("the book is busy")
	})
	if err == nil || !strings.Contains(err.Error(), "busy") {
		t.Fatalf("want the writer's error, got %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old export" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new export"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new export" {
		t.Errorf("got %q", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	// Through a symlink: the target is replaced, the link is kept.
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, func(w io.Writer) error { _, err := io.WriteString(w, "via link"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(p); string(b) != "via link" {
		t.Errorf("target holds %q", b)
	}
	// A temporary file of a live process is kept; one of a dead process is removed.
	live := filepath.Join(dir, fmt.Sprintf(".out.json.%d-1.partial", os.Getpid()))
	dead := filepath.Join(dir, fmt.Sprintf(".out.json.%d-1.partial", deadPID(t)))
	stale(t, live)
	stale(t, dead)
	if err := WriteFileAtomic(p, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("removed the temporary file of a running process")
	}
	if _, err := os.Stat(dead); err == nil {
		t.Error("kept the temporary file of a dead process")
	}
}

func TestOwnFile(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	dir := filepath.Dir(s.Path)
	if err := s.Backup(s.BackupName(fixedNow)); err != nil {
		t.Fatal(err)
	}
	daily, err := s.DailyBackup(fixedNow, 7)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	link := filepath.Join(other, "alias.db")
	hard := filepath.Join(other, "hard.db")
	dirLink := filepath.Join(other, "datadir")
	for _, err := range []error{os.Symlink(s.Path, link), os.Link(s.Path, hard), os.Symlink(dir, dirLink)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]string{
		s.Path:                            "the live data file",
		link:                              "the live data file",
		hard:                              "the live data file",
		filepath.Join(dirLink, "tend.db"): "the live data file",
		s.BackupName(fixedNow):            "a backup",
		daily:                             "a backup",
		filepath.Join(dir, "backups", "new.json"):               "a backup",
		filepath.Join(dirLink, "backups", "tend-2026-01-01.db"): "a backup",
		s.Path + ".before-restore":                              "a backup",
		s.Path + ".before-restore-20261128-090000":              "a backup",
		filepath.Join(dir, "book.json"):                         "",
		filepath.Join(other, "tend.db"):                         "",
		filepath.Join(dir, "tend-notes.md"):                     "",
	}
	for p, want := range cases {
		got := s.OwnFile(p)
		if (want == "") != (got == "") || !strings.HasPrefix(got, want) {
			t.Errorf("OwnFile(%s) = %q, want %q", p, got, want)
		}
	}
}

func TestWriteFileAtomicToAPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := fmt.Sprintf("/dev/fd/%d", w.Fd())
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /dev/fd here")
	}
	errc := make(chan error, 1)
	go func() {
		errc <- WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "through the pipe"); return err })
		w.Close()
	}()
	got, _ := io.ReadAll(r)
	if err := <-errc; err != nil || string(got) != "through the pipe" {
		t.Errorf("got %q, %v", got, err)
	}
}
