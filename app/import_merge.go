package app

// What a CSV row gives of a record that is already in the book (a contact,
// a deal) is merged field by field against what that source gave last time,
// as for accounts: a field the file does not give stays as it is, a field
// changed in tend since the last import of that source stays (a conflict
// when the file changed it too, kept unless --prefer file), and only what
// the source changed is taken.

import (
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// mergeFromFile merges file (the row's record) into cur (the stored one) for
// source; it returns the record to write, the changes (nil: nothing to
// write) and records the new baseline.
func mergeFromFile[T any](tx *store.Tx, source, uid string, cur, file T, prefer bool) (T, []domain.FieldChange, error) {
	inc, err := domain.FieldsOf(&file)
	if err != nil {
		return cur, nil, err
	}
	local, err := domain.FieldsOf(&cur)
	if err != nil {
		return cur, nil, err
	}
	base, err := tx.ImportBase(source, uid)
	if err != nil {
		return cur, nil, err
	}
	merged, changes, newBase := domain.Merge3(base, local, inc, prefer)
	if err := tx.PutImportBase(source, uid, newBase); err != nil {
		return cur, nil, err
	}
	if len(merged) == 0 {
		return cur, changes, nil
	}
	out := cur
	if err := domain.ApplyFields(&out, merged); err != nil {
		return cur, nil, err
	}
	return out, changes, nil
}

// recordBase records what source gave of a record new to the book: the
// baseline the next import of that source merges against (what
// mergeFromFile would record for it, without reading a baseline there is
// none of nor merging the record with itself).
func recordBase[T any](tx *store.Tx, source, uid string, given *T) error {
	f, err := domain.FieldsOf(given)
	if err != nil {
		return err
	}
	return tx.PutImportBase(source, uid, f)
}

// conflictsOf counts the changes that are conflicts (kept as in the book).
func conflictsOf(changes []domain.FieldChange) int {
	n := 0
	for _, c := range changes {
		if c.Conflict {
			n++
		}
	}
	return n
}

// changesWrite reports whether a merge's changes write anything: a change the
// file made, or a conflict the file wins (prefer).
func changesWrite(changes []domain.FieldChange, prefer bool) bool {
	for _, c := range changes {
		if !c.Conflict || prefer {
			return true
		}
	}
	return false
}

// noteChanges lists a record's field changes (conflicts included) under its
// account in the import's report, as accounts' changes are listed.
func noteChanges(tx *store.Tx, res *ImportResult, acct uint64, record string, changes []domain.FieldChange) error {
	if len(changes) == 0 {
		return nil
	}
	rc := RecordChange{Record: record, Action: "updated", Fields: changes}
	for i := range res.Accounts {
		if res.Accounts[i].ID == acct {
			res.Accounts[i].Records = append(res.Accounts[i].Records, rc)
			return nil
		}
	}
	a, err := tx.Account(acct)
	if err != nil {
		return err
	}
	res.Accounts = append(res.Accounts, AccountChange{Account: a.Name, ID: acct, Action: "updated", Records: []RecordChange{rc}})
	return nil
}
