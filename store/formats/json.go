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
	w      *bufio.Writer
	n      int
	err    error
	begun  bool
	bookID string
}

// NewBookWriter starts a full export on w of the book with the given id
// (kept in the header, so that an import knows which book the file comes from).
func NewBookWriter(w io.Writer, bookID string) *BookWriter {
	return &BookWriter{w: bufio.NewWriter(w), bookID: bookID}
}

// Header is what a full export says about itself.
type Header struct {
	Version int    `json:"version"`
	BookID  string `json:"book_id,omitempty"` // "" in exports of tend's first schema
}

func (b *BookWriter) header() {
	b.write(fmt.Sprintf("{\n\"format\": %q,\n\"version\": %d,\n", BookFormat, BookVersion))
	if b.bookID != "" {
		b.write(fmt.Sprintf("\"book_id\": %q,\n", b.bookID))
	}
	b.write("\"accounts\": [\n")
	b.begun = true
}

func (b *BookWriter) write(s string) {
	if b.err == nil {
		_, b.err = b.w.WriteString(s)
	}
}

// Account writes one account with its records.
func (b *BookWriter) Account(r *domain.AccountRecords) error {
	if !b.begun {
		b.header()
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

// RawAccount writes one account with its records given as the JSON of a
// domain.AccountRecords (store.Tx.AppendAccountRecordsJSON).
func (b *BookWriter) RawAccount(data []byte) error {
	if !b.begun {
		b.header()
	}
	if b.n > 0 {
		b.write(",\n")
	}
	if b.err == nil {
		_, b.err = b.w.Write(data)
	}
	b.n++
	return b.err
}

// Close writes the settings and the end of the document.
func (b *BookWriter) Close(settings map[string]json.RawMessage) error {
	if !b.begun {
		b.header()
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
// No value (an account with its records, the settings) may be longer than
// MaxBookValue: reading stops there, so memory stays bounded.
func ReadBook(r io.Reader, account func(*domain.AccountRecords) error) (map[string]json.RawMessage, error) {
	return ReadBookHeader(r, nil, account)
}

// ReadBookHeader is ReadBook that also hands the export's header to header
// (when not nil) before the first account.
func ReadBookHeader(r io.Reader, header func(Header) error, account func(*domain.AccountRecords) error) (map[string]json.RawMessage, error) {
	var hdr Header
	told := false
	tell := func() error {
		if told || header == nil {
			return nil
		}
		told = true
		return header(hdr)
	}
	lim := &boundedReader{r: r, limit: maxBookValue + 1<<16}
	dec := json.NewDecoder(lim)
	// value starts the bound at the next value; tooBig says whether err came
	// from a value past it (or the value just read was), naming what.
	var start int64
	value := func() { start = dec.InputOffset(); lim.mark = start }
	tooBig := func(err error, what string) error {
		if lim.hit || dec.InputOffset()-start > maxBookValue {
			return fmt.Errorf("%s is longer than %s, the most tend reads as one value of an export", what, mib(int(maxBookValue)))
		}
		return err
	}
	want := func(d json.Delim) error {
		value()
		t, err := dec.Token()
		if err != nil {
			return tooBig(fmt.Errorf("not a tend export: %w", err), "the export")
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
		value()
		t, err := dec.Token()
		if err != nil {
			return nil, tooBig(fmt.Errorf("reading the export: %w", err), "a key of the export")
		}
		key, _ := t.(string)
		value()
		switch key {
		case "format":
			var f string
			if err := dec.Decode(&f); err != nil || f != BookFormat {
				return nil, tooBig(fmt.Errorf("not a tend export (format %q)", domain.Excerpt(f, 60)), "the export's format")
			}
			seenFormat = true
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return nil, tooBig(fmt.Errorf("reading the export's version: %w", err), "the export's version")
			}
			if v > BookVersion {
				return nil, fmt.Errorf("the export is version %d; this tend reads up to %d", v, BookVersion)
			}
			hdr.Version = v
		case "book_id":
			if err := dec.Decode(&hdr.BookID); err != nil || (hdr.BookID != "" && !domain.ValidUID(hdr.BookID)) {
				return nil, errors.New("the export's book_id is not a UUID")
			}
		case "accounts":
			if !seenFormat {
				return nil, errors.New("not a tend export (no format before the accounts)")
			}
			if err := want('['); err != nil {
				return nil, err
			}
			if err := tell(); err != nil {
				return nil, err
			}
			for i := 1; dec.More(); i++ {
				value()
				var rec domain.AccountRecords
				err := dec.Decode(&rec)
				if err != nil {
					err = fmt.Errorf("account %d of the export: %w", i, err)
				}
				if err := tooBig(err, fmt.Sprintf("account %d of the export", i)); err != nil {
					return nil, err
				}
				if err := account(&rec); err != nil {
					return nil, err
				}
			}
			if err := want(']'); err != nil {
				return nil, err
			}
		case "settings":
			err := dec.Decode(&settings)
			if err != nil {
				err = fmt.Errorf("reading the export's settings: %w", err)
			}
			if err := tooBig(err, "the export's settings"); err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, tooBig(fmt.Errorf("reading the export: %w", err), fmt.Sprintf("the export's %q", domain.Excerpt(key, 40)))
			}
		}
	}
	if !seenFormat {
		return nil, errors.New("not a tend export (no format field)")
	}
	if err := tell(); err != nil {
		return nil, err
	}
	if err := want('}'); err != nil {
		return nil, err
	}
	if t, err := dec.Token(); err != io.EOF {
		if err != nil {
			return nil, fmt.Errorf("after the export: %w", err)
		}
		return nil, fmt.Errorf("more after the export (%v…): two exports joined into one file (cat a.json b.json)? Import each file on its own", t)
	}
	return settings, nil
}
