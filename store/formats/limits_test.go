package formats

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tend-cli/tend/domain"
)

// repeat is an endless stream of one byte.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

const hundredMB = 100 << 20

// A 100 MB field stops the import after about the row limit, with an error
// naming row and column and a cut value; memory stays bounded because the
// rest of the input is never read.
func TestParseCSVStopsAtAHugeField(t *testing.T) {
	for name, field := range map[string]io.Reader{
		"unquoted":             io.LimitReader(repeat('a'), hundredMB),
		"quoted":               io.MultiReader(strings.NewReader(`"`), io.LimitReader(repeat('a'), hundredMB), strings.NewReader(`"`)),
		"quoted newlines":      io.MultiReader(strings.NewReader(`"`), io.LimitReader(repeat('\n'), hundredMB), strings.NewReader(`"`)),
		"unterminated quote":   io.MultiReader(strings.NewReader(`"x`+"\n"), io.LimitReader(repeat('b'), hundredMB)),
		"escapes and controls": io.LimitReader(repeat('\x1b'), hundredMB),
	} {
		in := &counter{r: io.MultiReader(strings.NewReader("Name,Website,Notes\nAcme,acme.com,ok\nBig,big.com,"), field, strings.NewReader("\nLast,last.com,ok\n"))}
		_, err := ParseCSV(in, CSVOptions{Today: domain.NewDate(2026, 11, 28)})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, `row 3, column "Notes"`) || !strings.Contains(msg, "4 MiB") || utf8.RuneCountInString(msg) > 250 || strings.Contains(msg, "\x1b") {
			t.Errorf("%s: error (%d bytes) %.300q", name, len(msg), msg)
		}
		if in.n > MaxCSVRow+1<<20 {
			t.Errorf("%s: read %d bytes before giving up; want at most the row limit (%d) and a buffer", name, in.n, MaxCSVRow)
		}
	}
}

func TestParseCSVHugeHeader(t *testing.T) {
	in := &counter{r: io.MultiReader(strings.NewReader("Name,"), io.LimitReader(repeat('h'), hundredMB), strings.NewReader("\nAcme,x\n"))}
	_, err := ParseCSV(in, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), "row 1, column 2") || len(err.Error()) > 300 {
		t.Errorf("%.300v", err)
	}
	if in.n > MaxCSVRow+1<<20 {
		t.Errorf("read %d bytes", in.n)
	}
}

// A field over the field limit in a row under the row limit rejects its row,
// with the value cut in the message; the other rows are read.
func TestParseCSVLongFieldRejectsItsRow(t *testing.T) {
	long := strings.Repeat("\x1bz", MaxCSVField/2+1)
	data := "Name,Notes\nAcme,ok\nLong," + long + "\n" + long + ",x\nLast,ok\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Accounts) != 2 || len(p.Errors) != 2 {
		t.Fatalf("%d accounts, errors %.500v", len(p.Accounts), p.Errors)
	}
	for i, col := range []string{"Notes", "Name"} {
		e := p.Errors[i]
		s := e.String()
		if e.Row != 3+i || e.Column != col || !strings.Contains(s, "1 MiB") || utf8.RuneCountInString(s) > 250 || strings.Contains(s, "\x1b") || !strings.Contains(s, "…") {
			t.Errorf("error %d: %+.200v: %.300q", i, e, s)
		}
	}
	// a field of exactly the limit is fine
	p, err = ParseCSV(strings.NewReader("Name,Notes\nAcme,"+strings.Repeat("z", MaxCSVField)+"\n"), CSVOptions{})
	if err != nil || len(p.Accounts) != 1 || len(p.Errors) != 0 {
		t.Errorf("a field of exactly %d bytes: %v %.300v", MaxCSVField, err, p.Errors)
	}
}

// A JSON export with one huge value stops after about the limit for one
// account, naming the account.
func TestReadBookStopsAtAHugeAccount(t *testing.T) {
	ok, _ := json.Marshal(domain.AccountRecords{Account: domain.NewAccount("Acme")})
	head := fmt.Sprintf(`{"format":"tend-book","version":1,"accounts":[%s,{"account":{"name":"`, ok)
	in := &counter{r: io.MultiReader(strings.NewReader(head), io.LimitReader(repeat('a'), 1<<30), strings.NewReader(`"}}],"settings":{}}`))}
	n := 0
	_, err := ReadBook(in, func(*domain.AccountRecords) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "account 2 of the export") || !strings.Contains(err.Error(), "64 MiB") {
		t.Errorf("%.300v", err)
	}
	if n != 1 {
		t.Errorf("%d accounts read before the huge one, want 1", n)
	}
	if in.n > MaxBookValue+1<<20 {
		t.Errorf("read %d bytes before giving up; want at most %d and a buffer", in.n, MaxBookValue)
	}
	// settings, and keys tend does not know, are bounded too (under a
	// lower limit, to keep the test quick)
	defer func(v int64) { maxBookValue = v }(maxBookValue)
	maxBookValue = 2 << 20
	for _, key := range []string{"settings", "extra"} {
		in := &counter{r: io.MultiReader(strings.NewReader(`{"format":"tend-book","version":1,"`+key+`":{"k":"`), io.LimitReader(repeat(' '), 1<<30))}
		_, err := ReadBook(in, func(*domain.AccountRecords) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "2 MiB") || in.n > maxBookValue+1<<20 {
			t.Errorf("%s: %.300v after %d bytes", key, err, in.n)
		}
	}
	// and a value just under the limit is read
	settings := `{"k":"` + strings.Repeat("s", int(maxBookValue)-16) + `"}`
	got, err := ReadBook(strings.NewReader(`{"format":"tend-book","version":1,"settings":`+settings+`}`), func(*domain.AccountRecords) error { return nil })
	if err != nil || len(got["k"]) != int(maxBookValue)-14 {
		t.Errorf("a value just under the limit: %.300v, %d bytes", err, len(got["k"]))
	}
}
