package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// Issue 11, part 6: imports read only regular files.
func TestImportRefusesWhatIsNotARegularFile(t *testing.T) {
	db := demoBook(t, "2")
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that feeds the FIFO if tend opens it (it must not); the
	// cleanup opens the read side so that the writer always finishes.
	wrote := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteString("Name\nFrom A Pipe\n")
			f.Close()
		}
		wrote <- err
	}()
	t.Cleanup(func() {
		if f, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			<-wrote
			f.Close()
		}
	})
	for path, what := range map[string]string{"/dev/zero": "character device", "/dev/null": "character device", dir: "directory", fifo: "named pipe"} {
		r := tend(t, "", "import", path, "--db", db)
		if r.code != 1 || !strings.Contains(r.stderr, what) || !strings.Contains(r.stderr, "regular file") {
			t.Errorf("import %s: %+v", path, r)
		}
	}
	if n := countAccounts(t, db); n != 2 {
		t.Errorf("%d accounts, want 2", n)
	}
}

// Issue 11, part 6: a huge field fails the import with a short message naming
// row and column; a long one rejects its row.
func TestImportOfAHugeFieldFailsShortAndNamesRowAndColumn(t *testing.T) {
	db := demoBook(t, "2")
	csv := filepath.Join(t.TempDir(), "big.csv")
	data := "Name,Notes\nSmall Co,fine\nBig Co,\"" + strings.Repeat("\x1b[2Jx", 2<<20) + "\"\n"
	if err := os.WriteFile(csv, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	r := tend(t, "", "import", csv, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, `row 3, column "Notes"`) || !strings.Contains(r.stderr, "4 MiB") || utf8.RuneCountInString(r.stderr) > 400 || strings.Contains(r.stderr, "\x1b") {
		t.Errorf("stderr (%d bytes) %.400q, code %d", len(r.stderr), r.stderr, r.code)
	}
	if n := countAccounts(t, db); n != 2 {
		t.Errorf("%d accounts after a failed import, want 2", n)
	}
	// a field over 1 MiB in a row under the row limit rejects that row only
	data = "Name,Notes\nSmall Co,fine\nBig Co,\"" + strings.Repeat("y", 1<<20+1) + "\"\n"
	if err := os.WriteFile(csv, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	r = tend(t, "", "import", csv, "--db", db)
	if r.code != 1 || !strings.Contains(r.stdout, "1 new") || !strings.Contains(r.stdout, `row 3, column "Notes"`) || !strings.Contains(r.stdout, "1 MiB") || len(r.stdout) > 700 {
		t.Errorf("stdout (%d bytes) %.700q, code %d, stderr %q", len(r.stdout), r.stdout, r.code, r.stderr)
	}
}
