package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/app/apptest"
	"github.com/tend-cli/tend/store"
	bolt "go.etcd.io/bbolt"
)

// the bytes that betray a leak, as apptest lists them.
var leaks = apptest.Leaks

func hostileBook(t *testing.T) (*store.Store, uint64) { return apptest.HostileBook(t, testNow) }

func TestHostileTextInCLITables(t *testing.T) {
	st, _ := hostileBook(t)
	for _, args := range [][]string{
		{"account", "list"}, {"account", "show", "#1"}, {"triage"}, {"report"}, {"report", "--explain", "nps"}, {"export", "--format", "md", "--account", "#1"},
	} {
		r := tend(t, "", append(args, "--db", st.Path)...)
		if r.code != 0 {
			t.Errorf("%v: %+v", args, r)
		}
		for _, l := range leaks {
			if strings.Contains(r.stdout, l) || strings.Contains(r.stderr, l) {
				t.Errorf("%v: %q reached the output", args, l)
			}
		}
	}
	// Columns stay aligned with wide characters and placeholders.
	r := tend(t, "", "account", "list", "--db", st.Path)
	lines := strings.Split(strings.Trim(r.stdout, "\n"), "\n")
	if len(lines) != 2 || cellWidth(lines[0]) != cellWidth(lines[1]) {
		t.Errorf("misaligned table:\n%s", r.stdout)
	}
}

func cellWidth(s string) int { return ansi.StringWidth(s) }

func TestBadFilesAreRefusedWithOneLine(t *testing.T) {
	dir := t.TempDir()
	good := demoBook(t, "3")
	data, _ := os.ReadFile(good)
	files := map[string]func(string) error{
		"empty.db": func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"random.db": func(p string) error {
			return os.WriteFile(p, bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096), 0o600)
		},
		"trunc-1.db":   func(p string) error { return os.WriteFile(p, data[:len(data)/4], 0o600) },
		"trunc-2.db":   func(p string) error { return os.WriteFile(p, data[:len(data)/2], 0o600) },
		"trunc-3.db":   func(p string) error { return os.WriteFile(p, data[:100], 0o600) },
		"directory.db": func(p string) error { return os.Mkdir(p, 0o700) },
		"foreign.db": func(p string) error {
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other-app")); return err })
		},
		"newer.db": func(p string) error {
			if err := os.WriteFile(p, data, 0o600); err != nil {
				return err
			}
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
			})
		},
	}
	for name, make := range files {
		p := filepath.Join(dir, name)
		if err := make(p); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(p)
		for _, args := range [][]string{{"account", "list"}, {"note", "#1", "hello"}, {"triage"}, {"check"}, {"export"}} {
			r := tend(t, "", append(args, "--db", p)...)
			if r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, p) {
				t.Errorf("%s %v: exit %d, stderr %q", name, args, r.code, r.stderr)
			}
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was modified", name)
		}
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: a file without read permission cannot be tested (root reads it anyway)")
		return
	}
	p := filepath.Join(dir, "unreadable.db")
	_ = os.WriteFile(p, data, 0o000)
	if r := tend(t, "", "account", "list", "--db", p); r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
		t.Errorf("unreadable: %+v", r)
	}
}
