package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// TestHelperNoteWriter is not a test: it is the writer process of the crash
// test. It saves notes in a loop and prints "ack N" after each commit returns.
func TestHelperNoteWriter(t *testing.T) {
	path := os.Getenv("TEND_CRASH_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	start, _ := strconv.Atoi(os.Getenv("TEND_CRASH_FROM"))
	st := store.New(path)
	st.Timeout = 5 * time.Second
	out := bufio.NewWriter(os.Stdout)
	for i := start; ; i++ {
		err := st.Update(func(tx *store.Tx) error {
			_, err := app.SaveNoteIn(tx, app.Note{AccountID: 1, Text: fmt.Sprintf("crash-note %d\n- [ ] item %d @fri", i, i)})
			return err
		})
		if err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(out, "ack", i)
		out.Flush()
	}
}

// TestCrashKillLosesNoAcknowledgedWrite kills a writer with SIGKILL at random
// moments, 200 times, and checks that every write it acknowledged is there
// and the file passes the integrity check.
func TestCrashKillLosesNoAcknowledgedWrite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crash.db")
	st := store.New(db)
	a := domain.NewAccount("Crash Test Co")
	if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(42, 7))
	acked := map[int]bool{}
	next := 0
	recordAck := func(line string) {
		if n, err := strconv.Atoi(strings.TrimPrefix(line, "ack ")); err == nil {
			acked[n] = true
			next = max(next, n+1)
		}
	}
	rounds := 200
	deadline := time.Now().Add(4 * time.Minute)
	round := 0
	for ; round < rounds && time.Now().Before(deadline); round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperNoteWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TEND_CRASH_DB="+db, "TEND_CRASH_FROM="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it write for a random while (0–30 ms of writing), then pull the plug.
		wait := time.Duration(rng.IntN(30_000)) * time.Microsecond
		first := time.After(5 * time.Second)
		var killAt <-chan time.Time
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if strings.HasPrefix(l, "error") {
					t.Fatalf("writer failed: %s", l)
				}
				recordAck(l)
				if killAt == nil {
					killAt = time.After(wait)
				}
			case <-killAt:
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killAt = nil
				for l := range lines { // acks already in the pipe count too
					recordAck(l)
				}
				break read
			case <-first:
				_ = cmd.Process.Signal(syscall.SIGKILL)
				t.Fatal("the writer acknowledged nothing within 5 s")
			}
		}
		_ = cmd.Wait()
		next += 1000 // numbers of unacknowledged writes are never reused
		if round%50 == 49 || round == rounds-1 {
			checkNotes(t, st, acked)
		}
	}
	checkNotes(t, st, acked)
	if round < rounds {
		t.Fatalf("only %d of %d kill rounds ran in the time allowed", round, rounds)
	}
	t.Logf("%d kill rounds: %d acknowledged writes, all present, integrity check clean", round, len(acked))
}

func checkNotes(t *testing.T, st *store.Store, acked map[int]bool) {
	t.Helper()
	have := map[int]bool{}
	err := st.View(func(tx *store.Tx) error {
		cur := store.Cursor{}
		for {
			page, next, err := tx.Interactions(1, cur, 500)
			if err != nil {
				return err
			}
			for _, in := range page {
				var n int
				if _, err := fmt.Sscanf(in.Summary, "crash-note %d", &n); err == nil {
					have[n] = true
				}
			}
			if !next.More() {
				return nil
			}
			cur = next
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for n := range acked {
		if !have[n] {
			t.Fatalf("acknowledged note %d is gone", n)
		}
	}
	probs, err := st.Check()
	if err != nil || len(probs) > 0 {
		t.Fatalf("integrity check: %v %v", err, probs)
	}
}

// TestE2EPanicRestoresTerminalAndKeepsData injects a panic in Update, View, a
// command and a goroutine: each time the terminal comes back, a crash report
// is written next to the data file, and the data is intact.
func TestE2EPanicRestoresTerminalAndKeepsData(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	for _, where := range []string{"update", "view", "cmd", "goroutine"} {
		t.Run(where, func(t *testing.T) {
			db := demoFile(t, bin)
			sock := filepath.Join(t.TempDir(), "tmux.sock")
			s := startTmux(t, sock, fmt.Sprintf("sh -c 'env TEND_NOW=%s TEND_TEST_PANIC=%s %s --db %s --no-backup; echo EXIT=$?; sleep 30'", e2eNow, where, bin, db))
			s.waitFor("to do")
			s.keys("j")
			scr := s.waitFor("EXIT=1")
			// The message can wrap anywhere (the stack above it leaves the cursor
			// at a varying column): compare without the white space.
			flat := strings.Join(strings.Fields(scr), "")
			if !strings.Contains(flat, "tendcrashed") || !strings.Contains(flat, "yoursaveddataisintact") {
				t.Errorf("after the panic the screen shows:\n%s", scr)
			}
			if strings.Contains(scr, "[1 Triage] 2 Portfolio") {
				t.Errorf("the cockpit is still drawn: the terminal was not restored:\n%s", scr)
			}
			reports, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "tend-crash-*.txt"))
			if len(reports) != 1 {
				t.Fatalf("crash reports: %v", reports)
			}
			body, _ := os.ReadFile(reports[0])
			if !strings.Contains(string(body), "injected panic") {
				t.Errorf("report: %s", body)
			}
			out, err := exec.Command(bin, "check", "--db", db).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "ok") {
				t.Errorf("check after the crash: %v %s", err, out)
			}
		})
	}
}

// TestE2ETwoCockpitsAndAScript: two cockpits and a script writing to one
// file; every write lands and both cockpits show the others' writes.
func TestE2ETwoCockpitsAndAScript(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	var screens []*session
	for i := 0; i < 2; i++ {
		s := cockpitOn(t, bin, db)
		s.keys("2")
		s.waitFor("30 of 30 accounts")
		screens = append(screens, s)
	}
	const n = 15
	for i := 0; i < n; i++ {
		out, err := exec.Command(bin, "account", "add", fmt.Sprintf("Script Co %02d", i), "--db", db).CombinedOutput()
		if err != nil {
			t.Fatalf("script write %d: %v %s", i, err, out)
		}
		if out, err := exec.Command(bin, "note", "#1", fmt.Sprintf("script note %d", i), "--db", db).CombinedOutput(); err != nil {
			t.Fatalf("note %d: %v %s", i, err, out)
		}
	}
	for _, s := range screens {
		s.waitFor(fmt.Sprintf("%d of %d accounts", 30+n, 30+n))
	}
	// A cockpit's own write shows in the other one.
	screens[0].keys("/")
	screens[0].waitFor("Jump to account")
	screens[0].text("Script Co 07")
	screens[0].waitFor("Script Co 07 ·")
	screens[0].keys("Enter")
	screens[0].waitFor("Health: why")
	screens[0].keys("w")
	screens[0].waitFor("New win")
	screens[0].text("Cockpit one win")
	screens[0].keys("Enter")
	screens[0].waitFor("┃ Date") // the form moved on to its next field
	screens[0].keys("Enter", "Enter", "Enter")
	// The form closed (its status, "win recorded", may already be cleared by the last Enter).
	screens[0].waitFor("Health: why")
	screens[1].keys("/")
	screens[1].text("Script Co 07")
	screens[1].waitFor("Script Co 07 ·")
	screens[1].keys("Enter")
	screens[1].waitFor("Health: why") // the account is drawn: G scrolls it (the win may be below the fold)
	screens[1].keys("G")
	screens[1].waitFor("Cockpit one win")
	out, _ := exec.Command(bin, "account", "show", "#1", "--json", "--db", db).CombinedOutput()
	if c := strings.Count(string(out), "script note"); c < 10 { // the JSON holds the newest page
		t.Errorf("notes in the file: %d", c)
	}
}

// TestE2ELongImportMakesOthersFailFastWithBusy: a long import holds the lock;
// another tend says the file is busy, names it, and exits 1 instead of hanging.
func TestE2ELongImportMakesOthersFailFastWithBusy(t *testing.T) {
	bin := buildTend(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "book.db")
	csvPath := filepath.Join(dir, "big.csv")
	f, _ := os.Create(csvPath)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Record ID,Company name,Annual Revenue,Number of Employees")
	for i := 0; i < 60_000; i++ {
		fmt.Fprintf(w, "%d,Big Import %d,%dk,%d\n", i+1, i, 10+i%500, 10+i%900)
	}
	w.Flush()
	f.Close()
	if out, err := exec.Command(bin, "account", "add", "Seed", "--db", db).CombinedOutput(); err != nil {
		t.Fatal(err, string(out))
	}
	imp := exec.Command(bin, "import", csvPath, "--db", db)
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	busySeen := false
	for i := 0; i < 40 && !busySeen; i++ {
		time.Sleep(150 * time.Millisecond)
		start := time.Now()
		out, err := exec.Command(bin, "account", "list", "--db", db).CombinedOutput()
		took := time.Since(start)
		if err != nil {
			if !strings.Contains(string(out), db+" is busy") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
				t.Fatalf("want one busy line naming the file, got %q", out)
			}
			if code := err.(*exec.ExitError).ExitCode(); code != 1 || took > 3*time.Second {
				t.Fatalf("exit %d after %s", code, took)
			}
			busySeen = true
		}
	}
	if err := imp.Wait(); err != nil {
		t.Fatalf("import: %v", err)
	}
	if !busySeen {
		t.Skip("the import finished before another tend could find the file busy")
	}
	out, err := exec.Command(bin, "check", "--db", db).CombinedOutput()
	if err != nil {
		t.Fatalf("check: %v %s", err, out)
	}
}
