package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// Tx is one transaction on the book. Writes record which accounts they touch;
// at commit the store refreshes those accounts' summaries and logs the change.
type Tx struct {
	tx       *bolt.Tx
	s        *Store
	touched  map[uint64]bool // account → its metrics need rebuilding too (false: a contact or interaction only)
	order    []uint64
	seedPrev map[uint64]int // demo only: previous month's health to seed
	keyBuf   []byte         // putAccountKey's buffer
	// The search index's work at commit (finishText): the notes written
	// of an account whose other writes, if any, leave its notes' documents
	// as they are; an account in textAll has every note looked at.
	textNotes map[uint64][]uint64
	textAll   map[uint64]bool
}

func (t *Tx) now() time.Time { return t.s.now().UTC() }

// Today is the civil date in the user's zone.
func (t *Tx) Today() domain.Date { return domain.DateOf(t.s.now().In(t.s.loc())) }

// touch marks the account's derived records (summary, metrics, import
// key) to be rebuilt when the write ends.
func (t *Tx) touch(acct uint64) {
	if t.touched == nil {
		return
	}
	if _, ok := t.touched[acct]; !ok {
		t.order = append(t.order, acct)
	}
	t.touched[acct] = true
}

// allNotes says a write may have changed any of the account's notes'
// search documents (its owner, notes written in bulk, the account gone):
// the index looks at every note of it at commit. Writes of one note say
// which (touchNote); other records' documents are few and always looked at.
func (t *Tx) allNotes(acct uint64) {
	if t.textAll == nil {
		t.textAll = map[uint64]bool{}
	}
	t.textAll[acct] = true
}

// touchNote is touchPeople (touch when metrics) for a write of one note
// (added, changed or deleted), which the search index then indexes alone.
func (t *Tx) touchNote(acct, id uint64, metrics bool) {
	if t.touched == nil {
		return
	}
	if _, ok := t.touched[acct]; !ok {
		t.order = append(t.order, acct)
		t.touched[acct] = false
	}
	if metrics {
		t.touched[acct] = true
	}
	if t.textNotes == nil {
		t.textNotes = map[uint64][]uint64{}
	}
	t.textNotes[acct] = append(t.textNotes[acct], id)
}

// touchPeople is touch for a write of contacts or interactions only, which
// the KPI metrics record does not read (see encodeMetrics): the summary is
// rebuilt, the metrics are not, unless something else touched the account.
func (t *Tx) touchPeople(acct uint64) {
	if t.touched == nil {
		return
	}
	if _, ok := t.touched[acct]; !ok {
		t.order = append(t.order, acct)
		t.touched[acct] = false
	}
}

func notFound(what string, id uint64) error {
	return domain.Errorf(domain.ENOTFOUND, "%s #%d not found", what, id)
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

func getJSON(b *bolt.Bucket, k []byte, v any) (bool, error) {
	data := b.Get(k)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("record %x in %s does not decode: %w", k, "bucket", err)
	}
	return true, nil
}

// listPrefix decodes every record under the account's prefix, in key order.
func listPrefix[T any](b *bolt.Bucket, acct uint64) ([]T, error) {
	var out []T
	p := u64(acct)
	c := b.Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return out, fmt.Errorf("record %x does not decode: %w", k, err)
		}
		out = append(out, x)
	}
	return out, nil
}

func deletePrefix(b *bolt.Bucket, p []byte) error {
	c := b.Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Seek(p) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) nextID(b []byte) (uint64, error) { return nextSeq(t.b(b)) }

// nextSeq is the bucket's next ID, refusing to go past MaxLocalID.
func nextSeq(b *bolt.Bucket) (uint64, error) {
	if b.Sequence() >= MaxLocalID {
		return 0, domain.Errorf(domain.EINVALID, "no more record numbers in this book (the counter is at %d)", b.Sequence())
	}
	return b.NextSequence()
}

// keepID makes an explicit ID safe to store: within MaxLocalID, and the
// bucket's sequence moved past it so that a new record never takes it.
func keepID(b *bolt.Bucket, id uint64) error {
	if id > MaxLocalID {
		return domain.Invalid("id", fmt.Sprint(id), "a record number must be at most %d", uint64(MaxLocalID))
	}
	if id > b.Sequence() {
		return b.SetSequence(id)
	}
	return nil
}

// uidOf gives a record its global UID: the one it carries, else the one the
// stored version has (a form that did not carry it), else a new one.
func uidOf(uid string, stored func() string) string {
	if uid != "" {
		return uid
	}
	if stored != nil {
		if u := stored(); u != "" {
			return u
		}
	}
	return NewUID()
}

// storedUID reads the UID of the JSON record under k, or "".
func storedUID(b *bolt.Bucket, k []byte) string {
	v := b.Get(k)
	if v == nil {
		return ""
	}
	var x struct {
		UID string `json:"uid"`
	}
	_ = json.Unmarshal(v, &x)
	return x.UID
}

// b returns a bucket; in a write transaction its pages are filled to 90%
// before they split, since most keys arrive in ascending order (IDs, times).
func (t *Tx) b(name []byte) *bolt.Bucket {
	b := t.tx.Bucket(name)
	if t.tx.Writable() {
		b.FillPercent = 0.9
	}
	return b
}

// seekBefore positions c on the last key strictly before k.
func seekBefore(c *bolt.Cursor, k []byte) ([]byte, []byte) {
	if found, _ := c.Seek(k); found == nil {
		return c.Last()
	}
	return c.Prev()
}
