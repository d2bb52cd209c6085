package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Note is a note to save: on which account, the text and how the
// conversation happened.
type Note struct {
	// The account: AccountID, checked against AccountUID when that is given
	// (a cockpit that loaded the account a while ago), else Account as a
	// person typed it (a name, its beginning, #N or a UID).
	AccountID  uint64
	AccountUID string
	Account    string

	Text      string
	Channel   domain.Channel // call when empty
	Sentiment domain.Sentiment
	Attendees []uint64
	At        time.Time // when the conversation happened; now when zero
	// Draft is the draft the note was typed in (a cockpit's): its slot is
	// dropped unless another editor wrote another text there. Nil: the
	// account's draft (slot 0) is dropped.
	Draft *domain.Draft
}

// NoteResult says what saving a note created.
type NoteResult struct {
	AccountID   uint64              `json:"account_id"`
	AccountName string              `json:"account"`
	Interaction domain.Interaction  `json:"interaction"`
	Items       []domain.ActionItem `json:"items"`
	Problems    []string            `json:"problems,omitempty"` // lines that looked like action items but were not
	KeptDraft   bool                `json:"-"`                  // the draft slot held another editor's text: kept
}

// SaveNote stores the note as an interaction on its account, turns its
// `- [ ] text @due` lines into action items linked to it, and drops the
// account's draft, in one transaction: all of it is committed (and fsynced)
// or none. A note is only ever saved on the account it was written for.
func SaveNote(st Store, n Note) (NoteResult, error) {
	var res NoteResult
	err := st.Update(func(tx *store.Tx) error {
		switch {
		case n.AccountID != 0 && n.AccountUID != "":
			if err := tx.RequireAccount(n.AccountID, n.AccountUID); err != nil {
				return err
			}
		case n.AccountID == 0:
			s, err := tx.FindAccountForWrite(n.Account)
			if err != nil {
				return err
			}
			n.AccountID = s.ID
		}
		a, err := tx.Account(n.AccountID)
		if err != nil {
			return err
		}
		res.AccountID, res.AccountName = a.ID, a.Name
		return saveNote(tx, n, &res)
	})
	return res, err
}

// SaveNoteIn saves a note on the account n.AccountID inside a transaction the
// caller holds (a script, a test writing many at once).
func SaveNoteIn(tx *store.Tx, n Note) (NoteResult, error) {
	res := NoteResult{AccountID: n.AccountID}
	err := saveNote(tx, n, &res)
	return res, err
}

func saveNote(tx *store.Tx, n Note, res *NoteResult) error {
	if n.Channel == "" {
		n.Channel = domain.ChannelCall
	}
	in := domain.Interaction{AccountID: n.AccountID, At: n.At, Channel: n.Channel, Sentiment: n.Sentiment, Attendees: n.Attendees, Summary: n.Text}
	if err := tx.AddInteraction(&in); err != nil {
		return err
	}
	res.Interaction = in
	parsed := domain.ParseNote(n.Text, domain.DateOf(in.At.In(tx.Loc())))
	res.Problems = parsed.Problems
	for _, it := range parsed.Items {
		a := domain.ActionItem{AccountID: n.AccountID, Text: it.Text, Due: it.Due, Source: in.ID}
		if err := tx.PutActionItem(&a); err != nil {
			return err
		}
		res.Items = append(res.Items, a)
	}
	if n.Draft == nil {
		return tx.DeleteDraft(n.AccountID, 0)
	}
	cur, found, err := tx.Draft(n.AccountID, n.Draft.Slot)
	if err != nil || !found {
		return err
	}
	if !ownDraft(cur, *n.Draft) {
		res.KeptDraft = true
		return nil
	}
	return tx.DeleteDraft(n.AccountID, n.Draft.Slot)
}

// KeepOrphanNote writes the text of a note that can no longer be saved
// where it was written (its account was deleted elsewhere) to a file of its
// own beside the book, readable by its owner only, and returns its path: a
// note is never lost because its account went away.
func KeepOrphanNote(st *File, d domain.Draft, at time.Time) (string, error) {
	name := fmt.Sprintf("tend-unsaved-note-%s.txt", at.UTC().Format("20060102-150405.000"))
	path := filepath.Join(filepath.Dir(st.Path), name)
	if what := st.OwnFile(path); what != "" {
		return "", fmt.Errorf("refusing to write %s: it is %s", path, what)
	}
	err := store.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "A note for account #%d (UID %s) that could not be saved: its account is no longer in the book (deleted elsewhere, or the book was restored from a backup).\nKept %s.\n\n%s\n",
			d.AccountID, d.AccountUID, at.UTC().Format(time.RFC3339), d.Text)
		return err
	})
	if err != nil {
		return "", err
	}
	return path, os.Chmod(path, 0o600)
}

// BusyDraftPrefix begins the name of a draft kept in a file beside the book
// because the book was busy (another process writing a long while: an
// import) when the cockpit saved it.
const BusyDraftPrefix = "tend-draft-kept-"

// busyDraftPath is where the note editor's draft d is kept while the book is
// busy: one file per editor and account, beside the book.
func busyDraftPath(st *File, d domain.Draft) string {
	acct := d.AccountUID
	if !domain.ValidUID(acct) {
		acct = fmt.Sprintf("account-%d", d.AccountID)
	}
	w := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, d.Writer)
	return filepath.Join(filepath.Dir(st.Path), BusyDraftPrefix+acct+"-"+w+".txt")
}

// SaveDraftOrKeep saves the draft in the book (SaveDraft) or, when the book
// is busy, keeps its text in a file beside the book (kept names it, err is
// nil): a note typed while an import holds the book is never only in memory.
// A draft saved in the book removes the file its editor kept before.
func SaveDraftOrKeep(st *File, d domain.Draft, at time.Time) (saved domain.Draft, moved bool, kept string, err error) {
	saved, moved, err = SaveDraft(st, d)
	path := busyDraftPath(st, d)
	switch {
	case err == nil:
		if rerr := os.Remove(path); rerr != nil && !os.IsNotExist(rerr) {
			return saved, moved, "", rerr
		}
	case IsBusy(err):
		werr := store.WriteFileAtomic(path, func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "A note draft for account #%d (UID %s), kept here at %s because the book was busy (another process was writing); the cockpit removes this file once the draft is saved in the book.\n\n%s\n",
				d.AccountID, d.AccountUID, at.UTC().Format(time.RFC3339), d.Text)
			return err
		})
		if werr != nil {
			return saved, moved, "", fmt.Errorf("%w; the draft could not be kept in a file either: %v", err, werr)
		}
		return d, false, path, os.Chmod(path, 0o600)
	}
	return saved, moved, "", err
}

// KeptDrafts lists the drafts kept in files beside the book while it was
// busy and not saved in it since (a cockpit that ended meanwhile).
func KeptDrafts(st *File) []string {
	list, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path), BusyDraftPrefix+"*.txt"))
	return list
}
