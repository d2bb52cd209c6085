package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the live file to dst (mode 0600), so
// it works while cockpits and scripts write, and without making them wait:
// the file's lock is held only for a few milliseconds at the start and the
// end of the copy (see snapshot). The copy is written to a temporary file,
// fsynced and linked into place; dst must not exist (the error then wraps
// fs.ErrExist) and must not be the data file. Temporary files left by a
// backup that was killed are removed first.
func (s *Store) Backup(dst string) error {
	if s.isDataFile(dst) {
		return fmt.Errorf("refusing to write %s: it is the live data file; choose another name", dst)
	}
	err := writeAtomic(dst, true, func(f *os.File) error {
		_, err := s.snapshot(f, nil)
		return err
	})
	var exists *existsError
	if err != nil && !errors.As(err, &exists) {
		return fmt.Errorf("backup to %s: %w", dst, err)
	}
	return err
}

// BackupName is the default name of a backup taken at t: next to the data file, with a timestamp.
func (s *Store) BackupName(t time.Time) string {
	base := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	return filepath.Join(filepath.Dir(s.Path), fmt.Sprintf("%s-backup-%s.db", base, t.Format("20060102-150405")))
}

// ZstSuffix ends the name of a compressed backup (zstd).
const ZstSuffix = ".zst"

// DailyBackup keeps one backup per day in a "backups" directory next to the
// data file, compressed (NAME-YYYY-MM-DD.db.zst, which tend restore reads as
// it is), and deletes all but the newest keep. The copy is written first
// (NAME-YYYY-MM-DD.db), then compressed beside it, then removed: a kill at
// any moment leaves one of them whole, and the next call finishes. It
// copies nothing when today's backup exists or when the book has not
// changed since the newest backup (same book, same change counter). It
// returns the path written, or "". Like Backup it never holds the file's
// lock for longer than a few milliseconds at a time.
func (s *Store) DailyBackup(now time.Time, keep int) (string, error) {
	dir := filepath.Join(filepath.Dir(s.Path), "backups")
	base := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	today := base + "-" + now.Format("2006-01-02") + ".db"
	name := filepath.Join(dir, today)
	written := ""
	if !exists(name) && !exists(name+ZstSuffix) {
		last := readLastBackup(dir, base)
		var got snapshotOf
		err := writeAtomic(name, true, func(f *os.File) (err error) {
			got, err = s.snapshot(f, func(of snapshotOf) bool {
				return of == last.Of && last.File != "" && (exists(filepath.Join(dir, last.File)) || exists(filepath.Join(dir, last.File+ZstSuffix)))
			})
			return err
		})
		switch {
		case errors.Is(err, errUnchanged): // the newest backup holds this very book
		case errors.Is(err, fs.ErrExist): // another tend took today's backup a moment ago
		case err != nil:
			return "", fmt.Errorf("backup to %s: %w", name, err)
		default:
			written = name + ZstSuffix
			if err := writeLastBackup(dir, base, lastBackup{File: today, Of: got}); err != nil {
				return "", err
			}
		}
	}
	if err := compressBackups(dir, base); err != nil {
		return "", err
	}
	pruneBackups(dir, base, keep)
	return written, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// lastBackup names the newest daily backup and the book it holds, in
// backups/NAME-last-backup.json.
type lastBackup struct {
	File string     `json:"file"`
	Of   snapshotOf `json:"of"`
}

func lastBackupPath(dir, base string) string {
	return filepath.Join(dir, base+"-last-backup.json")
}

func readLastBackup(dir, base string) lastBackup {
	var l lastBackup
	if b, err := os.ReadFile(lastBackupPath(dir, base)); err == nil {
		_ = json.Unmarshal(b, &l) // unreadable: as if there were none
	}
	return l
}

func writeLastBackup(dir, base string, l lastBackup) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	return writeAtomic(lastBackupPath(dir, base), false, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// dailyBackups lists the daily backups in dir by day, oldest first: each
// day's names, the plain copy and the compressed one, as they exist.
func dailyBackups(dir, base string) (days []string, files map[string][]string) {
	files = map[string][]string{}
	for _, pat := range []string{base + "-????-??-??.db", base + "-????-??-??.db" + ZstSuffix} {
		names, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, n := range names {
			day := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(n), ZstSuffix), ".db")
			if files[day] == nil {
				days = append(days, day)
			}
			files[day] = append(files[day], n)
		}
	}
	sort.Strings(days)
	return days, files
}

// compressBackups compresses every plain daily backup. The compressed file
// is written aside and linked into place before the plain one is removed.
func compressBackups(dir, base string) error {
	names, _ := filepath.Glob(filepath.Join(dir, base+"-????-??-??.db"))
	for _, n := range names {
		if err := CompressFile(n, n+ZstSuffix); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("compressing the backup %s: %w", n, err)
		}
		// Compressed now, or by another tend, or before a kill: the plain
		// copy goes.
		if err := os.Remove(n); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// pruneBackups deletes the daily backups of all but the newest keep days.
func pruneBackups(dir, base string, keep int) {
	days, files := dailyBackups(dir, base)
	for len(days) > keep {
		for _, n := range files[days[0]] {
			_ = os.Remove(n)
		}
		days = days[1:]
	}
}

// Problem is one thing `tend check` found wrong.
type Problem struct {
	Where string `json:"where"`
	What  string `json:"what"`
}

func (p Problem) String() string { return p.Where + ": " + p.What }

// Check verifies the file: bbolt's own consistency check (pages, freelist),
// then tend's: every record decodes and validates, every child points at an
// existing account, an interaction's attendees and a survey answer's contact
// are contacts of the same account, an action item's source interaction is
// one of the same account, every summary decodes, and a ready search index
// indexes exactly the records (Tx.CheckText). It reads only.
func (s *Store) Check() ([]Problem, error) {
	var probs []Problem
	err := s.View(func(tx *Tx) error {
		// Every page read here first, in this goroutine (guarded: a damaged
		// page is an error): bbolt's own check reads them in a goroutine of
		// its own, where a fault on a damaged page would end the process.
		if err := tx.tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return readAll(b) }); err != nil {
			return err
		}
		if err := s.freelistReadable(int64(tx.tx.DB().Info().PageSize)); err != nil {
			probs = append(probs, Problem{Where: "bbolt", What: err.Error()}) // bbolt's check would read it in its goroutine
		} else {
			for err := range tx.tx.Check() {
				probs = append(probs, Problem{Where: "bbolt", What: err.Error()})
				if len(probs) > 100 {
					return nil
				}
			}
		}
		accounts := map[uint64]bool{}
		uids := map[string]string{} // UID → where it was seen
		checkUID := func(where, uid string) {
			switch {
			case uid == "":
				probs = append(probs, Problem{where, "has no UID (run tend rebuild)"})
			case !domain.ValidUID(uid):
				probs = append(probs, Problem{where, fmt.Sprintf("has a malformed UID %q", domain.Printable(uid))})
			case uids[uid] != "":
				probs = append(probs, Problem{where, fmt.Sprintf("has the same UID as %s (%s)", uids[uid], uid)})
			default:
				uids[uid] = where
			}
		}
		err := tx.tx.Bucket(bAccounts).ForEach(func(k, v []byte) error {
			var a domain.Account
			where := fmt.Sprintf("account %d", decodeU64(k))
			if err := json.Unmarshal(v, &a); err != nil {
				probs = append(probs, Problem{where, "does not decode: " + err.Error()})
				return nil
			}
			accounts[a.ID] = true
			if a.ID != decodeU64(k) {
				probs = append(probs, Problem{where, fmt.Sprintf("stored under the wrong key (record says %d)", a.ID)})
			}
			if err := a.Validate(); err != nil {
				probs = append(probs, Problem{where, "invalid: " + oneLineErr(err)})
			}
			if tx.tx.Bucket(bSummaries).Get(k) == nil {
				probs = append(probs, Problem{where, "has no summary"})
			}
			checkUID(where, a.UID)
			if id, ok := tx.AccountByUID(a.UID); a.UID != "" && (!ok || id != a.ID) {
				probs = append(probs, Problem{where, "is missing from the account UID index"})
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.tx.Bucket(bAccountUIDs).ForEach(func(k, v []byte) error {
			if !accounts[decodeU64(v)] {
				probs = append(probs, Problem{fmt.Sprintf("account UID %s", domain.Printable(string(k))), fmt.Sprintf("points at account %d, which does not exist", decodeU64(v))})
			}
			return nil
		})
		if err != nil {
			return err
		}
		type validator interface{ Validate() error }
		// Links between an account's records: an attendee or a survey's
		// contact is a contact of the same account, an action item's source
		// an interaction of the same account.
		contactOf := map[uint64]uint64{} // contact → its account
		links := func(where string, acct uint64, x validator) {
			contact := func(what string, id uint64) {
				if owner, ok := contactOf[id]; !ok {
					probs = append(probs, Problem{where, fmt.Sprintf("%s %d is no contact", what, id)})
				} else if owner != acct {
					probs = append(probs, Problem{where, fmt.Sprintf("%s %d is a contact of account %d, not of account %d", what, id, owner, acct)})
				}
			}
			switch x := x.(type) {
			case *domain.Contact:
				contactOf[x.ID] = acct
			case *domain.Interaction:
				for _, id := range x.Attendees {
					contact("attendee", id)
				}
			case *domain.SurveyResponse:
				if x.ContactID != 0 {
					contact("contact", x.ContactID)
				}
			case *domain.ActionItem:
				if x.Source == 0 {
					break
				}
				k := tx.tx.Bucket(bInterIDs).Get(u64(x.Source))
				if len(k) < 8 || tx.tx.Bucket(bInteractions).Get(k) == nil {
					probs = append(probs, Problem{where, fmt.Sprintf("source interaction %d is no interaction", x.Source)})
				} else if owner := decodeU64(k[:8]); owner != acct {
					probs = append(probs, Problem{where, fmt.Sprintf("source interaction %d is an interaction of account %d, not of account %d", x.Source, owner, acct)})
				}
			}
		}
		checkChildren := func(bucket []byte, what string, mk func() validator) {
			numbered := map[uint64]string{} // a record's number → where it was seen: one record each, across accounts
			_ = tx.tx.Bucket(bucket).ForEach(func(k, v []byte) error {
				where := fmt.Sprintf("%s %x", what, k)
				if len(k) < 8 {
					probs = append(probs, Problem{where, "key too short"})
					return nil
				}
				if !accounts[decodeU64(k[:8])] {
					probs = append(probs, Problem{where, fmt.Sprintf("belongs to account %d, which does not exist", decodeU64(k[:8]))})
				}
				x := mk()
				if err := json.Unmarshal(v, x); err != nil {
					probs = append(probs, Problem{where, "does not decode: " + err.Error()})
					return nil
				}
				var id struct {
					UID string `json:"uid"`
					ID  uint64 `json:"id"`
				}
				_ = json.Unmarshal(v, &id)
				checkUID(where, id.UID)
				if prev, dup := numbered[id.ID]; dup && id.ID != 0 {
					probs = append(probs, Problem{where, fmt.Sprintf("has the same number (%d) as %s of account %s: one of them cannot be opened, edited or deleted", id.ID, what, prev)})
				} else {
					numbered[id.ID] = fmt.Sprint(decodeU64(k[:8]))
				}
				if err := x.Validate(); err != nil {
					probs = append(probs, Problem{where, "invalid: " + oneLineErr(err)})
				}
				links(where, decodeU64(k[:8]), x)
				return nil
			})
		}
		// Contacts first: interactions and surveys link to them.
		checkChildren(bContacts, "contact", func() validator { return &domain.Contact{} })
		checkChildren(bInteractions, "interaction", func() validator { return &domain.Interaction{} })
		checkChildren(bActions, "action item", func() validator { return &domain.ActionItem{} })
		checkChildren(bOpps, "opportunity", func() validator { return &domain.Opportunity{} })
		checkChildren(bRisks, "risk", func() validator { return &domain.Risk{} })
		checkChildren(bOrders, "order", func() validator { return &domain.Order{} })
		checkChildren(bSurveys, "survey", func() validator { return &domain.SurveyResponse{} })
		checkChildren(bWins, "win", func() validator { return &domain.Win{} })
		_ = tx.tx.Bucket(bPlans).ForEach(func(k, v []byte) error {
			where := fmt.Sprintf("plan %d", decodeU64(k))
			var p domain.Plan
			if err := json.Unmarshal(v, &p); err != nil {
				probs = append(probs, Problem{where, "does not decode: " + err.Error()})
			} else if err := p.Validate(); err != nil {
				probs = append(probs, Problem{where, "invalid: " + oneLineErr(err)})
			} else {
				for _, g := range p.Goals {
					checkUID(fmt.Sprintf("%s, goal %d", where, g.ID), g.UID)
				}
			}
			if !accounts[decodeU64(k)] {
				probs = append(probs, Problem{where, "belongs to a missing account"})
			}
			return nil
		})
		_ = tx.tx.Bucket(bSettings).ForEach(func(k, v []byte) error {
			if err := ValidateSetting(string(k), v); err != nil {
				probs = append(probs, Problem{"setting " + cut(string(k)), oneLineErr(err)})
			}
			return nil
		})
		_ = tx.tx.Bucket(bSummaries).ForEach(func(k, v []byte) error {
			var sm domain.Summary
			if err := decodeSummary(v, &sm); err != nil {
				probs = append(probs, Problem{fmt.Sprintf("summary %d", decodeU64(k)), err.Error()})
			} else if !accounts[decodeU64(k)] {
				probs = append(probs, Problem{fmt.Sprintf("summary %d", decodeU64(k)), "belongs to a missing account"})
			}
			return nil
		})
		probs = append(probs, tx.CheckText()...) // the search index against the records (textcheck.go)
		return nil
	})
	return probs, err
}

func oneLineErr(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }
