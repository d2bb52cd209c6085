package formats

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tend-cli/tend/domain"
)

// BookFormat and BookVersion mark a full JSON export.
const (
	BookFormat  = "tend-book"
	BookVersion = 1
)

// BookWriter writes a full export: a header, then one account at a time (so
// exporting 100k accounts does not hold the book in memory), then settings.
// The output is deterministic: exporting the same book twice gives the same bytes.
type BookWriter struct {
	w     *bufio.Writer
	n     int
	err   error
	begun bool
}

// NewBookWriter starts a full export on w.
func NewBookWriter(w io.Writer) *BookWriter { return &BookWriter{w: bufio.NewWriter(w)} }

func (b *BookWriter) write(s string) {
	if b.err == nil {
		_, b.err = b.w.WriteString(s)
	}
}

// Account writes one account with its records.
func (b *BookWriter) Account(r *domain.AccountRecords) error {
	if !b.begun {
		b.write(fmt.Sprintf("{\n\"format\": %q,\n\"version\": %d,\n\"accounts\": [\n", BookFormat, BookVersion))
		b.begun = true
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if b.n > 0 {
		b.write(",\n")
	}
	b.write(string(data))
	b.n++
	return b.err
}

// Close writes the settings and the end of the document.
func (b *BookWriter) Close(settings map[string]json.RawMessage) error {
	if !b.begun {
		b.write(fmt.Sprintf("{\n\"format\": %q,\n\"version\": %d,\n\"accounts\": [\n", BookFormat, BookVersion))
	}
	data, err := json.Marshal(settings)
	if err != nil {
		return err
	}
	if settings == nil {
		data = []byte("{}")
	}
	b.write("\n],\n\"settings\": " + string(data) + "\n}\n")
	if b.err == nil {
		b.err = b.w.Flush()
	}
	return b.err
}

// ReadBook reads a full export, calling account for each account in order,
// then returns the settings. It stops at the first error, naming the account.
func ReadBook(r io.Reader, account func(*domain.AccountRecords) error) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	want := func(d json.Delim) error {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("not a tend export: %w", err)
		}
		if t != d {
			return fmt.Errorf("not a tend export: expected %q, found %v", d, t)
		}
		return nil
	}
	if err := want('{'); err != nil {
		return nil, err
	}
	var settings map[string]json.RawMessage
	seenFormat := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("reading the export: %w", err)
		}
		key, _ := t.(string)
		switch key {
		case "format":
			var f string
			if err := dec.Decode(&f); err != nil || f != BookFormat {
				return nil, fmt.Errorf("not a tend export (format %q)", f)
			}
			seenFormat = true
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return nil, fmt.Errorf("reading the export's version: %w", err)
			}
			if v > BookVersion {
				return nil, fmt.Errorf("the export is version %d; this tend reads up to %d", v, BookVersion)
			}
		case "accounts":
			if !seenFormat {
				return nil, errors.New("not a tend export (no format before the accounts)")
			}
			if err := want('['); err != nil {
				return nil, err
			}
			for i := 1; dec.More(); i++ {
				var rec domain.AccountRecords
				if err := dec.Decode(&rec); err != nil {
					return nil, fmt.Errorf("account %d of the export: %w", i, err)
				}
				if err := account(&rec); err != nil {
					return nil, err
				}
			}
			if err := want(']'); err != nil {
				return nil, err
			}
		case "settings":
			if err := dec.Decode(&settings); err != nil {
				return nil, fmt.Errorf("reading the export's settings: %w", err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("reading the export: %w", err)
			}
		}
	}
	if !seenFormat {
		return nil, errors.New("not a tend export (no format field)")
	}
	return settings, want('}')
}
