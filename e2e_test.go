package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the built binary in tmux and read the screen the way a
// person would: send keys, wait for text to appear, check what is shown.

func tmuxOrSkip(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end tests need it (.ci/run installs it)")
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildTend builds the binary once for all the end-to-end tests.
func buildTend(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "tend-e2e-"); buildErr != nil {
			return
		}
		builtBin = filepath.Join(binDir, "tend")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return builtBin
}

// cockpitOn runs the cockpit on db in tmux (fixed clock, no daily backup,
// with extra environment such as EDITOR='…') and waits for the triage queue.
func cockpitOn(t *testing.T, bin, db string, env ...string) *session {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	s := startTmux(t, sock, fmt.Sprintf("env TEND_NOW=%s %s %s --db %s --no-backup", e2eNow, strings.Join(env, " "), bin, db))
	s.waitFor("to do")
	return s
}

type session struct {
	t    *testing.T
	name string
	sock string
}

const e2eNow = "2026-11-28T09:00:00Z"

func startTmux(t *testing.T, sock, cmd string) *session {
	t.Helper()
	s := &session{t: t, name: "tend", sock: sock}
	args := []string{"-S", sock, "new-session", "-d", "-s", s.name, "-x", "120", "-y", "35", cmd}
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", sock, "kill-server").Run() })
	return s
}

func (s *session) screen() string {
	out, _ := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

// waitFor polls the screen until every string is on it.
func (s *session) waitFor(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(scr, w) {
				ok = false
			}
		}
		if ok {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited for %q; the screen shows:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitForFlow is waitFor for text that may wrap at any space (a long status
// line): the screen's line breaks and runs of blanks count as one space.
func (s *session) waitForFlow(want ...string) string {
	s.t.Helper()
	flow := func(x string) string { return strings.Join(strings.Fields(x), " ") }
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(flow(scr), flow(w)) {
				ok = false
			}
		}
		if ok {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited for %q; the screen shows:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys sends each key on its own, as typed.
func (s *session) keys(ks ...string) {
	for _, k := range ks {
		if err := exec.Command("tmux", "-S", s.sock, "send-keys", "-t", s.name, k).Run(); err != nil {
			s.t.Fatal(err)
		}
	}
}

// text types literal text.
func (s *session) text(txt string) {
	if err := exec.Command("tmux", "-S", s.sock, "send-keys", "-t", s.name, "-l", "--", txt).Run(); err != nil {
		s.t.Fatal(err)
	}
}

func (s *session) pid() int {
	out, err := exec.Command("tmux", "-S", s.sock, "display", "-p", "-t", s.name, "#{pane_pid}").Output()
	if err != nil {
		s.t.Fatal(err)
	}
	var pid int
	fmt.Sscan(strings.TrimSpace(string(out)), &pid)
	return pid
}

func demoFile(t *testing.T, bin string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "book.db")
	cmd := exec.Command(bin, "demo", "--db", db, "--accounts", "30")
	cmd.Env = append(os.Environ(), "TEND_NOW="+e2eNow)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	return db
}

func TestE2ECockpitWalkthrough(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	s := startTmux(t, sock, fmt.Sprintf("TEND_NOW=%s NO_COLOR=1 %s --db %s", e2eNow, bin, db))
	s.waitFor("Today, 2026-11-28", "to do")
	s.keys("2")
	s.waitFor("30 of 30 accounts", "2 Portfolio")
	s.keys("j", "j", "Enter")
	scr := s.waitFor("Blue Harbor Mining Inc.", "Health: why", "Contacts (")
	if strings.Contains(scr, "\x1b") {
		t.Error("raw escape on screen")
	}
	s.keys("C-k")
	s.waitFor("Jump to account")
	s.text("glbx")
	s.waitFor("Globex Materials Inc. · Mid-Market")
	s.keys("Enter")
	s.waitFor("Globex Materials Inc.  ", "Health: why")
	s.keys("4")
	s.waitFor("Goals (", "Action items (")
	s.keys("5")
	s.waitFor("KPIs · book · 2026-Q4", "Net promoter score")
	s.keys("?")
	s.waitFor("previous period", "jump to account")
	s.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(s.screen(), "KPIs") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(s.screen(), "KPIs") {
		t.Error("q did not quit")
	}
}

func TestE2ENoteDraftSurvivesSIGKILL(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	cmd := fmt.Sprintf("env TEND_NOW=%s %s --db %s", e2eNow, bin, db)
	s := startTmux(t, sock, "exec "+cmd)
	s.waitFor("to do")
	s.keys("2")
	s.waitFor("30 of 30 accounts")
	s.keys("Enter")
	s.waitFor("Health: why")
	s.keys("n")
	s.waitFor("Note · Acme Robotics Inc.")
	s.text("Customer wants SSO by March.")
	s.keys("Enter")
	s.text("- [ ] send the SSO guide @fri")
	s.waitFor("draft saved")
	// The laptop lid closes: no chance to save.
	if err := syscall.Kill(s.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = exec.Command("tmux", "-S", sock, "kill-server").Run()

	// A server of its own: the killed one may still be leaving its socket.
	s2 := startTmux(t, filepath.Join(t.TempDir(), "tmux2.sock"), "exec "+cmd)
	s2.waitFor("1 note draft kept from last time")
	s2.keys("2")
	s2.waitFor("30 of 30 accounts")
	s2.keys("Enter")
	s2.waitFor("Health: why")
	s2.keys("n")
	s2.waitFor("resumed the draft", "Customer wants SSO by March.", "send the SSO guide @fri")
	s2.keys("C-s")
	s2.waitFor("note saved", "1 action item(s) created")
	out, err := exec.Command(bin, "account", "show", "#1", "--db", db).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Customer wants SSO by March.") || !strings.Contains(string(out), "send the SSO guide") {
		t.Errorf("after saving: %v\n%s", err, out)
	}
}

func TestE2ETerminalSizesAndResizeStorm(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	s := cockpitOn(t, bin, db)
	resize := func(w, h int) {
		if out, err := exec.Command("tmux", "-S", s.sock, "resize-window", "-t", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)).CombinedOutput(); err != nil {
			t.Fatalf("resize: %v %s", err, out)
		}
	}
	resize(20, 6)
	s.waitFor("make the")
	resize(300, 100)
	s.waitFor("[1 Triage] 2 Portfolio", "to do")
	for i := 0; i < 60; i++ { // a storm of resizes
		resize(20+(i*37)%280, 6+(i*13)%94)
	}
	resize(80, 24)
	s.keys("2")
	scr := s.waitFor("30 of 30 accounts")
	for _, l := range strings.Split(scr, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("a line wider than the terminal: %q", l)
		}
	}
	if pid := s.pid(); syscall.Kill(pid, 0) != nil {
		t.Error("tend died in the storm")
	}
}

func TestE2ENoteInEditor(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	s := cockpitOn(t, bin, db, "EDITOR='sed -i s/draft/edited/'")
	s.keys("2")
	s.waitFor("30 of 30 accounts")
	s.keys("n")
	s.waitFor("Note · Acme Robotics Inc.")
	s.text("a draft from tend")
	// The editor's own keys reach it through tmux (alt and F-keys), and
	// ctrl+a is the text's line start again, not an editor command.
	s.keys("M-e")
	s.waitFor("positive")
	s.keys("F3")
	s.waitFor("neutral")
	s.keys("M-a")
	s.waitFor("attendees — press 1–9")
	s.keys("Enter", "C-a")
	s.text(">")
	s.waitFor(">a draft from tend")
	s.keys("C-o")
	s.waitFor("note taken back from the editor", ">a edited from tend")
	s.keys("C-s")
	s.waitFor("note saved")
}

// A cockpit open across a restore run from another terminal: it notices on
// its own, leaves the account that is gone, and the note typed for it is
// never saved on the account that holds its number in the restored book.
func TestE2ECockpitAcrossARestore(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	backup := filepath.Join(t.TempDir(), "before-zeta.db")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "TEND_NOW="+e2eNow)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tend %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("backup", backup, "--db", db)
	if out := run("account", "add", "Zeta Newco", "--db", db); !strings.Contains(out, "#31") {
		t.Fatalf("zeta: %s", out)
	}
	if out := run("account", "add", "Omega Holdings", "--db", backup); !strings.Contains(out, "#31") {
		t.Fatalf("omega: %s", out)
	}
	s := cockpitOn(t, bin, db)
	s.keys("C-k")
	s.waitFor("Jump to account")
	s.text("zeta newco")
	s.waitFor("Zeta Newco")
	s.keys("Enter")
	s.waitFor("Zeta Newco", "Health: why")
	s.keys("n")
	s.waitFor("Note · Zeta Newco")
	s.text("Zeta asks for a discount")
	s.waitFor("draft saved")

	out := run("restore", backup, "--db", db)
	if !strings.Contains(out, "before-restore") {
		t.Fatalf("restore says: %s", out)
	}
	// No key pressed: the cockpit notices by itself.
	s.waitFor("replaced (restored)")
	s.keys("C-s") // whatever the editor state, nothing may land on Omega
	// The note stays on screen, read-only: the words typed next land there
	// and act on nothing (d would dismiss a triage row, n start a note).
	s.waitFor("this note for Zeta Newco is NOT saved", "Zeta asks for a discount")
	s.text(" and then d n x")
	s.keys("C-s")
	s.waitForFlow("saved to ")
	if scr := s.screen(); strings.Contains(scr, "Note · ") || strings.Contains(scr, "dismissed") {
		t.Fatalf("keys typed after the restore acted on the panes:\n%s", scr)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "tend-unsaved-note-*.txt"))
	if len(kept) == 0 {
		t.Fatal("the note was not saved to a file")
	}
	show := run("account", "show", "Omega Holdings", "--db", db)
	if strings.Contains(show, "discount") {
		t.Fatalf("the note typed for Zeta was saved on Omega:\n%s", show)
	}
	if probs := run("check", "--db", db); !strings.Contains(probs, "ok") {
		t.Fatalf("check: %s", probs)
	}
	// The book before the restore is kept whole, Zeta included.
	kept, _ = filepath.Glob(db + ".before-restore-*")
	if len(kept) != 1 {
		t.Fatalf("kept: %v", kept)
	}
	if out := run("account", "show", "Zeta Newco", "--db", kept[0]); !strings.Contains(out, "Zeta Newco") {
		t.Fatalf("the kept book: %s", out)
	}
}
