package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The binaries the end-to-end tests start never read the developer's own
// settings file (a test that wants one names it in TEND_CONFIG).
func init() {
	os.Setenv("TEND_CONFIG", filepath.Join(os.TempDir(), "tend-e2e-tests-have-no-config.toml"))
}

// A config file remaps three keys (the portfolio filter to F, the jump to g,
// quit to Q) and sets the owner of "my accounts": the cockpit answers the
// new keys, not the old ones, and its help shows them.
func TestE2EConfigRemapsKeys(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(`owner = "maya"

[keys.global]
jump = ["g"]
quit = ["Q", "ctrl+c"]

[keys.portfolio]
filter = ["F"]
top = ["home"]

[keys.account]
top = ["home"]
`), 0o600); err != nil {
		t.Fatal(err)
	}
	s := cockpitOn(t, bin, db, "TEND_CONFIG="+cfg)
	if scr := s.screen(); strings.Contains(scr, "config ") {
		t.Fatalf("a good config file reported:\n%s", scr)
	}
	s.keys("2")
	s.waitFor("6 of 30 accounts", "filter: owner:maya (F edit, esc clear)")
	s.keys("Escape")
	s.waitFor("30 of 30 accounts · F filter")
	s.keys("f") // no longer the filter
	time.Sleep(300 * time.Millisecond)
	if scr := s.screen(); strings.Contains(scr, "filter: ") {
		t.Fatalf("f still filters:\n%s", scr)
	}
	s.keys("F")
	s.text("globex")
	s.keys("Enter")
	s.waitFor("1 of 30 accounts", "Globex Materials Inc.")
	s.keys("Escape")
	s.waitFor("30 of 30 accounts")
	s.keys("?")
	help := s.waitFor("Portfolio keys", "Everywhere")
	for _, want := range []string{`(?m)^\s*F\s+filter \(text`, `g\s+jump to account`, `Q\s+quit`} {
		if !regexp.MustCompile(want).MatchString(help) {
			t.Fatalf("the help does not show %s:\n%s", want, help)
		}
	}
	s.keys("?", "1")
	s.waitFor("[1 Triage]")
	s.keys("g")
	s.waitFor("Jump to account")
	s.text("glbx")
	s.waitFor("Globex Materials Inc. · Mid-Market")
	s.keys("Enter")
	s.waitFor("Health: why")
	s.keys("q") // no longer quits
	time.Sleep(300 * time.Millisecond)
	if !strings.Contains(s.screen(), "Health: why") {
		t.Fatalf("q quit:\n%s", s.screen())
	}
	s.keys("Q")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(s.screen(), "Health: why") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(s.screen(), "Health: why") {
		t.Error("Q did not quit")
	}
}

// A config file with a mistake starts the cockpit on the defaults, with the
// mistake (file, line, setting) in the status line.
func TestE2EBadConfigStartsWithDefaults(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(cfg, []byte("owner = \"maya\"\n\n[keys.portfolio]\nfilter = [\"F\"]\nfiltr = [\"x\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := cockpitOn(t, bin, db, "TEND_CONFIG="+cfg)
	// The outcome first, then where and what (the status wraps at the width).
	s.waitForFlow("using the default settings: config", "c.toml:5: keys.portfolio.filtr: unknown action")
	s.keys("2")
	s.waitFor("30 of 30 accounts") // no owner filter: the defaults
	s.keys("f")
	s.waitFor("filter: ")
	s.keys("Escape")
	s.waitFor("30 of 30 accounts")
	// a conflict: the default keys, the other settings, both actions named
	if err := os.WriteFile(cfg, []byte("owner = \"maya\"\n[keys.portfolio]\nfilter = [\"q\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s2 := cockpitOn(t, bin, db, "TEND_CONFIG="+cfg)
	s2.waitForFlow("using the default keys: config", "keys: portfolio filter and global quit both use")
	s2.keys("2")
	s2.waitFor("6 of 30 accounts")
	s2.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(s2.screen(), "accounts") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(s2.screen(), "accounts") {
		t.Error("q (the default quit) did not quit")
	}
}
