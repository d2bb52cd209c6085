package app

import (
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// TriageResult is today's queue, most urgent first; when it is empty, Next
// says what falls due next (NextOK false when nothing does).
type TriageResult struct {
	Rows     []domain.TriageRow
	Total    int // rows in the queue (more than len(Rows) when limited)
	Next     domain.Date
	NextWhat string
	NextOK   bool
}

// Triage ranks what needs attention on today, each row with its reason,
// with the weights w (the config file's, else domain.DefaultTriageWeights).
func Triage(st Store, today domain.Date, w domain.TriageWeights) (TriageResult, error) {
	return TriageFirst(st, today, w, 0)
}

// TriageFirst is Triage with only the first n rows put in words (all of
// them when n <= 0); Total counts them all.
func TriageFirst(st Store, today domain.Date, w domain.TriageWeights, n int) (TriageResult, error) {
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		return TriageResult{}, err
	}
	b := domain.NewBook(sums, today)
	q := domain.TriageWith(b, w)
	res := TriageResult{Total: q.Len(), Rows: []domain.TriageRow{}}
	if n <= 0 || n >= q.Len() {
		res.Rows = q.Rows()
	} else {
		for i := range n {
			res.Rows = append(res.Rows, q.Row(i))
		}
	}
	if len(res.Rows) == 0 {
		res.Next, res.NextWhat, res.NextOK = domain.NextDue(b)
	}
	return res, nil
}

// NewDemoBook writes a generated demo book into st, which must be a new or
// empty file: a book that holds records fails with ECONFLICT.
func NewDemoBook(st *store.Store, accounts, interactions int, seed uint64, now time.Time) error {
	if st.Exists() {
		empty := true
		if err := st.View(func(tx *store.Tx) error {
			empty = tx.Changes() == 0
			return nil
		}); err != nil {
			return err
		}
		if !empty {
			return domain.Errorf(domain.ECONFLICT, "%s already holds a book; demo writes only to a new or empty file", st.Path)
		}
	}
	return WriteDemo(st, accounts, interactions, seed, now)
}

// Backup writes a consistent copy of the data file to dst, or, when dst is
// "", next to it with a timestamp of now; it returns where.
func Backup(st *store.Store, dst string, now time.Time) (string, error) {
	if dst == "" {
		dst = st.BackupName(now)
	}
	return dst, st.Backup(dst)
}

// Restore checks the backup src and puts it in place of the data file,
// keeping the replaced file.
func Restore(st *store.Store, src string) (store.RestoreResult, error) { return st.Restore(src) }

// Check verifies the data file and returns the problems it found.
func Check(st *store.Store) ([]store.Problem, error) { return st.Check() }

// Rebuild recomputes every derived record (summaries, KPI metrics) from the
// primary records, reporting progress; it returns the number of accounts.
func Rebuild(st *store.Store, progress func(done, total int)) (int, error) {
	n := 0
	err := st.Rebuild(func(done, total int) {
		n = total
		if progress != nil {
			progress(done, total)
		}
	})
	return n, err
}
