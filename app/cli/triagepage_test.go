package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// tendIn runs tend with stdout a terminal of rows lines (rows 0: a pipe).
func tendIn(t *testing.T, rows int, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return testNow }, Getenv: func(string) string { return "" }, Rows: rows}
	code := Main(args, env)
	return result{code, out.String(), errb.String()}
}

func TestTriageInATerminalPrintsAPage(t *testing.T) {
	db := demoBook(t, "300")
	piped := tendIn(t, 0, "triage", "--db", db)
	all := strings.Split(strings.TrimRight(piped.stdout, "\n"), "\n")
	if piped.code != 0 || len(all) < 40 {
		t.Fatalf("piped: %d rows, %+v", len(all), piped.stderr)
	}
	if strings.Contains(piped.stdout, "more —") {
		t.Errorf("piped output is every row, with no 'more' line:\n%s", piped.stdout)
	}

	r := tendIn(t, 24, "triage", "--db", db)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != 23 {
		t.Fatalf("a 24-line terminal shows 22 rows and a 'more' line, got %d lines: %+v", len(lines), r)
	}
	if got, want := strings.Join(lines[:22], "\n"), strings.Join(all[:22], "\n"); got != want {
		t.Errorf("the page is not the queue's first rows:\n%s\nwant\n%s", got, want)
	}
	if want := fmt.Sprintf("%d more — `tend triage --all`", len(all)-22); lines[22] != want {
		t.Errorf("last line %q, want %q", lines[22], want)
	}

	if a := tendIn(t, 24, "triage", "--all", "--db", db); a.stdout != piped.stdout {
		t.Errorf("--all in a terminal prints every row, as piped:\n%s", a.stdout)
	}
	js := tendIn(t, 24, "triage", "--json", "--db", db)
	var rows []json.RawMessage
	if err := json.Unmarshal(minor(js.stdout), &rows); err != nil || len(rows) != len(all) {
		t.Errorf("--json in a terminal: %d rows (want %d), %v", len(rows), len(all), err)
	}
	if small := tendIn(t, 200, "triage", "--db", db); len(all) < 198 && small.stdout != piped.stdout {
		t.Errorf("a queue that fits the terminal is printed whole")
	}
}
