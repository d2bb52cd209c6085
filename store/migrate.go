package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tend-cli/tend/domain"
)

// errOldSchema says the file was written by an older tend and must be migrated first.
var errOldSchema = errors.New("the data file has an older layout")

// View runs fn in a read transaction on a freshly opened file. A file written
// by an older tend is migrated first.
func (s *Store) View(fn func(*Tx) error) error {
	err := s.view(fn)
	if errors.Is(err, errOldSchema) {
		if err = s.Migrate(); err == nil {
			err = s.view(fn)
		}
	}
	return err
}

// Update runs fn in a write transaction, refreshes the summaries of the
// accounts it touched, bumps the change counter and commits (fsynced) before
// returning. If fn or the commit fails, nothing is written. A file written by
// an older tend is migrated first.
func (s *Store) Update(fn func(*Tx) error) error {
	err := s.update(fn)
	if errors.Is(err, errOldSchema) {
		if err = s.Migrate(); err == nil {
			err = s.update(fn)
		}
	}
	return err
}

// migrationBatch is how many records one migration transaction rewrites: a
// few megabytes of dirty pages, whatever the size of the book.
const migrationBatch = 5000

// Migrate brings a file written by an older tend to SchemaVersion. It first
// keeps a copy of the file next to it (PATH.before-schema-N-TIMESTAMP), then
// works in batches of short transactions, each idempotent, so that a migration
// killed half-way resumes where it stopped, and other tend processes keep
// working (each waits at most one batch). The schema version moves last.
//
// Schema 1 → 2: every record gets a global UID, the book an identity and an
// account-UID index, and the derived records (summaries, metrics) are rebuilt
// with stable enum codes.
func (s *Store) Migrate() error {
	m := *s
	m.migrating = true
	m.Expect = nil // the migration gives an old book its identity
	var from uint64
	if err := m.view(func(tx *Tx) error {
		from = decodeU64(tx.tx.Bucket(bMeta).Get(kSchema))
		return nil
	}); err != nil {
		return err
	}
	if from >= SchemaVersion {
		return nil
	}
	if s.Notify != nil {
		s.Notify(fmt.Sprintf("upgrading %s from schema %d to %d (a copy is kept next to it first; this runs once)…", s.Path, from, SchemaVersion))
	}
	if err := m.keepBeforeMigration(); errors.Is(err, fs.ErrExist) {
		// another tend is upgrading the same file and kept the copy first
	} else if err != nil {
		return fmt.Errorf("keeping a copy before migrating %s: %w", s.Path, err)
	}
	if err := m.update(func(tx *Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return ensureIdentity(tx.tx)
	}); err != nil {
		return err
	}
	steps := []func(tx *Tx, after []byte) ([]byte, error){
		uidStep[domain.Account](bAccounts, func(a *domain.Account) bool { return fillUID(&a.UID) }, func(tx *Tx, k []byte, a *domain.Account) error {
			return tx.b(bAccountUIDs).Put([]byte(a.UID), k)
		}),
		uidStep[domain.Contact](bContacts, func(x *domain.Contact) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.Interaction](bInteractions, func(x *domain.Interaction) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.ActionItem](bActions, func(x *domain.ActionItem) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.Opportunity](bOpps, func(x *domain.Opportunity) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.Risk](bRisks, func(x *domain.Risk) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.Order](bOrders, func(x *domain.Order) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.SurveyResponse](bSurveys, func(x *domain.SurveyResponse) bool { return fillUID(&x.UID) }, nil),
		uidStep[domain.Win](bWins, func(x *domain.Win) bool { return fillUID(&x.UID) }, nil),
		planUIDStep,
	}
	for _, step := range steps {
		var after []byte
		for done := false; !done; {
			err := m.update(func(tx *Tx) error {
				next, err := step(tx, after)
				after, done = next, next == nil
				return err
			})
			if err != nil {
				return fmt.Errorf("migrating %s: %w", s.Path, err)
			}
		}
	}
	if err := m.rebuild(nil); err != nil {
		return fmt.Errorf("migrating %s: %w", s.Path, err)
	}
	return m.update(func(tx *Tx) error {
		tx.touch(0)
		return tx.tx.Bucket(bMeta).Put(kSchema, u64(SchemaVersion))
	})
}

// keepBeforeMigration copies the file, once per version migrated from.
func (s *Store) keepBeforeMigration() error {
	if s.noKeep {
		return nil
	}
	pattern := fmt.Sprintf("%s.before-schema-%d-*", s.Path, SchemaVersion)
	if old, _ := filepath.Glob(pattern); len(old) > 0 {
		return nil // an earlier, interrupted migration kept it
	}
	dst := fmt.Sprintf("%s.before-schema-%d-%s", s.Path, SchemaVersion, s.now().UTC().Format("20060102-150405"))
	return writeAtomic(dst, true, func(f *os.File) error {
		return s.view(func(tx *Tx) error {
			_, err := tx.tx.WriteTo(f)
			return err
		})
	})
}

// uidStep gives up to migrationBatch records of a bucket a UID, starting
// after key after; it returns the key to continue from, nil when done.
func uidStep[T any](bucket []byte, fill func(*T) bool, also func(*Tx, []byte, *T) error) func(*Tx, []byte) ([]byte, error) {
	return func(tx *Tx, after []byte) ([]byte, error) {
		b := tx.b(bucket)
		c := b.Cursor()
		k, v := c.First()
		if after != nil {
			k, v = c.Seek(after)
			if k != nil && bytes.Equal(k, after) {
				k, v = c.Next()
			}
		}
		type put struct{ k, v []byte }
		var puts []put
		n := 0
		for ; k != nil && n < migrationBatch; k, v = c.Next() {
			n++
			var x T
			if err := json.Unmarshal(v, &x); err != nil {
				return nil, fmt.Errorf("record %x in %s does not decode: %w", k, bucket, err)
			}
			if fill(&x) {
				data, err := json.Marshal(&x)
				if err != nil {
					return nil, err
				}
				puts = append(puts, put{bytes.Clone(k), data})
			}
			if also != nil {
				if err := also(tx, k, &x); err != nil {
					return nil, err
				}
			}
		}
		var last []byte
		if k != nil {
			last, _ = c.Prev()
			last = bytes.Clone(last)
		}
		for _, p := range puts {
			if err := b.Put(p.k, p.v); err != nil {
				return nil, err
			}
		}
		return last, nil
	}
}

// fillUID gives an empty UID a new value and reports whether it did.
func fillUID(uid *string) bool {
	if *uid != "" {
		return false
	}
	*uid = NewUID()
	return true
}

// planUIDStep gives goals their UIDs.
func planUIDStep(tx *Tx, after []byte) ([]byte, error) {
	return uidStep(bPlans, func(p *domain.Plan) bool {
		changed := false
		for i := range p.Goals {
			changed = fillUID(&p.Goals[i].UID) || changed
		}
		return changed
	}, nil)(tx, after)
}

// Rebuild recomputes every derived record (account summaries and the KPI
// metrics) from the primary records, in batches, calling progress with the
// accounts done. It is what `tend rebuild` runs; open cockpits reload.
func (s *Store) Rebuild(progress func(done, total int)) error {
	if err := s.View(func(*Tx) error { return nil }); err != nil {
		return err // migrates an older file first
	}
	return s.rebuild(progress)
}

func (s *Store) rebuild(progress func(done, total int)) error {
	var ids []uint64
	if err := s.view(func(tx *Tx) error {
		ids = tx.AccountIDs()
		return nil
	}); err != nil {
		return err
	}
	const batch = 500
	for i := 0; i < len(ids); i += batch {
		part := ids[i:min(i+batch, len(ids))]
		if err := s.update(func(tx *Tx) error {
			for _, id := range part {
				tx.touch(id)
				tx.allNotes(id)
			}
			return nil
		}); err != nil {
			return err
		}
		if progress != nil {
			progress(i+len(part), len(ids))
		}
	}
	return nil
}
