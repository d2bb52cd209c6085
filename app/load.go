package app

// What a long-running program reads: the book, what changed in it since,
// one account, the pages of its timeline, the KPIs; and the brief it writes.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Loaded is the book as a program starts on it.
type Loaded struct {
	Book     *domain.Book // without its search index (domain.NewSearchIndex builds it)
	Identity Identity     // the book's identity: writes expect it (Expecting)
	Changes  uint64       // the change counter, for Changes
	Drafts   []domain.Draft
}

// LoadBook reads every account's summary, the change counter, the book's
// identity and the note drafts in one read, and derives the book on today
// (health, key accounts).
func LoadBook(st Store, today domain.Date) (Loaded, error) {
	var l Loaded
	var sums []domain.Summary
	err := st.View(func(tx *store.Tx) error {
		var err error
		if sums, err = tx.Summaries(); err != nil {
			return err
		}
		l.Changes = tx.Changes()
		l.Identity = tx.Identity()
		l.Drafts, err = tx.Drafts()
		return err
	})
	if err != nil {
		return Loaded{}, err
	}
	l.Book = domain.NewBookWithoutIndex(sums, today)
	return l, nil
}

// ChangeSet is what Changes found.
type ChangeSet struct {
	Counter  uint64   // the change counter now
	Identity Identity // the file's identity now
	// Replaced: the file is another book, or another generation of the one
	// asked about (a restore): Book is the whole new book and Drafts its drafts.
	Replaced bool
	Drafts   []domain.Draft
	Book     *domain.Book // base with the changes; nil when nothing changed or base is nil
	Touched  []uint64     // the accounts written to (when not All)
	All      bool         // the whole book was read again
}

// Changes reads what writers (other processes, or this one) changed in the
// book ident since its change counter was since, and applies it to base
// (the book as the caller has it). When the file is no longer that book (a
// restore put an older copy in place, whose counter means nothing against
// ours), it reads the whole book.
func Changes(st Store, since uint64, ident Identity, base *domain.Book) (ChangeSet, error) {
	c := ChangeSet{Counter: since, Identity: ident}
	var updated []domain.Summary
	var removed []uint64
	err := st.View(func(tx *store.Tx) error {
		if id := tx.Identity(); id != ident {
			c.Replaced, c.Identity, c.All = true, id, true
			c.Counter = tx.Changes()
			var err error
			if updated, err = tx.Summaries(); err != nil {
				return err
			}
			c.Drafts, err = tx.Drafts()
			return err
		}
		c.Counter = tx.Changes()
		if c.Counter == since {
			return nil
		}
		ids, all := tx.ChangedSince(since)
		if all {
			c.All = true
			var err error
			updated, err = tx.Summaries()
			return err
		}
		sums, err := tx.SummariesOf(ids)
		if err != nil {
			return err
		}
		updated = sums
		found := map[uint64]bool{}
		for _, s := range sums {
			found[s.ID] = true
		}
		for _, id := range ids {
			if !found[id] && id != 0 {
				removed = append(removed, id)
			}
		}
		c.Touched = ids
		return nil
	})
	if err != nil {
		return ChangeSet{Counter: since, Identity: ident}, err
	}
	if (c.Counter == since && !c.Replaced) || base == nil {
		return c, nil
	}
	if c.All {
		c.Book = domain.NewBookWithoutIndex(updated, base.Today)
	} else {
		c.Book = base.With(updated, removed)
	}
	c.Book.NameOrder() // here, off the event loop: the portfolio shows the new book sorted at once
	return c, nil
}

// LoadAccount reads everything about the account numbered id, with the
// first page of its timeline; ENOTFOUND when there is none.
func LoadAccount(st Store, id uint64) (Detail, error) {
	var d Detail
	err := st.View(func(tx *store.Tx) (err error) {
		d, err = tx.Detail(id)
		return err
	})
	return d, err
}

// TimelinePage reads the page of the account's interactions that starts at
// cur, and the cursor of the next one.
func TimelinePage(st Store, acct uint64, cur Cursor) ([]domain.Interaction, Cursor, error) {
	var page []domain.Interaction
	var next Cursor
	err := st.View(func(tx *store.Tx) (err error) {
		page, next, err = tx.Interactions(acct, cur, store.PageSize)
		return err
	})
	return page, next, err
}

// KPIReport computes the KPI report of scope sc over period p, as the KPI
// pane shows it: a scope without accounts gives an empty report (BuildReport,
// for the command line, refuses it). explain, when not "", is the key of a
// KPI whose records to list.
func KPIReport(st Store, sc domain.Scope, p domain.Period, explain string) (Report, error) {
	var in domain.KPIInput
	if err := st.View(func(tx *store.Tx) (err error) { in, err = tx.KPIInput(); return }); err != nil {
		return Report{}, err
	}
	r := Report{KPIReport: in.Report(sc, p)}
	if explain != "" {
		r.Explain = in.Explain(explain, sc, p)
	}
	return r, nil
}

// SaveBrief writes the Markdown brief of the account d (profile,
// stakeholders, plan and recent timeline, as loaded) to path, atomically,
// and never over one of the book's own files (the data file, a backup).
func SaveBrief(st *File, d *domain.AccountDetail, today domain.Date, path string) error {
	if what := st.OwnFile(path); what != "" {
		return fmt.Errorf("refusing to write %s: it is %s", path, what)
	}
	return store.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, formats.AccountBrief(d, today))
		return err
	})
}

// CallBrief is an account's pre-call brief and the records it was built
// from (the note started from the brief ticks its contacts).
type CallBrief struct {
	Brief  domain.Brief
	Detail domain.AccountDetail
}

// LoadBrief builds the pre-call brief of the account numbered id on today.
func LoadBrief(st Store, id uint64, today domain.Date) (CallBrief, error) {
	var cb CallBrief
	err := st.View(func(tx *store.Tx) error {
		d, err := tx.Detail(id)
		if err != nil {
			return err
		}
		cb.Detail = d.AccountDetail
		cb.Brief = domain.NewBrief(&cb.Detail, today, tx.Loc())
		return nil
	})
	return cb, err
}

// FindBrief builds the pre-call brief of the account q names (a name, a
// unique part of one, or #ID), as ShowAccount finds it.
func FindBrief(st Store, q string, today domain.Date) (domain.Brief, error) {
	var b domain.Brief
	err := st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccount(q)
		if err != nil {
			return err
		}
		d, err := tx.Detail(s.ID)
		if err != nil {
			return err
		}
		b = domain.NewBrief(&d.AccountDetail, today, tx.Loc())
		return nil
	})
	return b, err
}

// Agenda is the book's agenda from today over days days (of the account q
// names, when q is not ""), from the summaries alone.
func Agenda(st Store, today domain.Date, days int, q string) (domain.Agenda, error) {
	var ag domain.Agenda
	err := st.View(func(tx *store.Tx) error {
		var acct uint64
		if q != "" {
			s, err := tx.FindAccount(q)
			if err != nil {
				return err
			}
			acct = s.ID
		}
		sums, err := tx.Summaries()
		if err != nil {
			return err
		}
		ag = domain.NewAgenda(sums, today, days, acct)
		return nil
	})
	return ag, err
}

// ErrNoNote says the account has no note with text to follow up yet.
var ErrNoNote = errors.New("no note on the account yet")

// LoadFollowUp drafts the follow-up of the note numbered note on the
// account acct (the account it was saved on, by number and UID); note 0:
// the account's last note with text (ErrNoNote when it has none).
func LoadFollowUp(st Store, acct Ref, note uint64) (domain.FollowUp, error) {
	var f domain.FollowUp
	err := st.View(func(tx *store.Tx) error {
		if err := tx.RequireAccount(acct.ID, acct.UID); err != nil {
			return err
		}
		a, err := tx.Account(acct.ID)
		if err != nil {
			return err
		}
		if note == 0 {
			if note, err = lastNote(tx, acct.ID); err != nil {
				return err
			}
		}
		in, err := tx.Interaction(acct.ID, note)
		if err != nil {
			return err
		}
		contacts, err := tx.Contacts(acct.ID)
		if err != nil {
			return err
		}
		items, err := tx.ActionItems(acct.ID)
		if err != nil {
			return err
		}
		f = domain.NewFollowUp(&a, contacts, &in, items, tx.Loc())
		return nil
	})
	return f, err
}

// SaveText writes text to path (its directory made if missing),
// atomically, and never over one of the book's own files.
func SaveText(st *File, path, text string) error {
	if what := st.OwnFile(path); what != "" {
		return fmt.Errorf("refusing to write %s: it is %s", path, what)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return store.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}

// SaveNewText writes text to a new file named path, or, when a file of
// that name exists (another cockpit wrote one the same second, two accounts
// share a name), path with -2, -3 … before its extension: it never writes
// over a file. It returns the path written.
func SaveNewText(st *File, path, text string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for n := 1; n < 1000; n++ {
		p := path
		if n > 1 {
			p = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // claims the name
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		f.Close()
		if err := SaveText(st, p, text); err != nil {
			os.Remove(p)
			return "", err
		}
		return p, nil
	}
	return "", fmt.Errorf("no free file name beside %s", path)
}

// lastNote is the number of the account's newest interaction with text (a
// touch logged without one is no note to follow up).
func lastNote(tx *store.Tx, acct uint64) (uint64, error) {
	now := tx.Now()
	var cur store.Cursor
	for {
		page, next, err := tx.Interactions(acct, cur, 50)
		if err != nil {
			return 0, err
		}
		for _, in := range page {
			if strings.TrimSpace(in.Summary) != "" && !in.At.After(now) { // a note dated ahead is no call yet
				return in.ID, nil
			}
		}
		if !next.More() {
			return 0, ErrNoNote
		}
		cur = next
	}
}
