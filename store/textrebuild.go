package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/tend-cli/tend/domain"
)

// RebuildText builds the full-text index from the records. It reads the
// book in short transactions of a thousand accounts and writes after each
// the posting chunks it filled, the documents and their references (only
// the chunk each word is filling stays in memory), the index marked
// "building" meanwhile (writes then leave it alone); the last
// transaction indexes again the accounts written during the build and
// marks it ready. Other processes read and write the book all along.
// progress, when set, is told the accounts read and their number.
func (s *Store) RebuildText(progress func(done, total int)) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var again bool
		if again, err = s.rebuildText(progress); err != nil || !again {
			return err
		}
	}
	return err
}

type termBuilder struct {
	cur   []byte // the chunk being filled
	first uint32 // its first document
}

func (s *Store) rebuildText(progress func(done, total int)) (again bool, err error) {
	var ids []uint64
	var start uint64
	// The state names this rebuild: one that another process started over
	// finds it changed and stops, never writing into the other's buckets.
	token := fmt.Appendf(nil, "building %d %d", os.Getpid(), time.Now().UnixNano())
	err = s.Update(func(t *Tx) error {
		for _, b := range [][]byte{bTextPost, bTextDocs, bTextRefs} {
			if t.tx.Bucket(b) != nil {
				if err := t.tx.DeleteBucket(b); err != nil {
					return err
				}
			}
			if _, err := t.tx.CreateBucket(b); err != nil {
				return err
			}
		}
		m := t.b(bMeta)
		if err := m.Put(kTextState, token); err != nil {
			return err
		}
		ids, start = t.AccountIDs(), t.Changes()
		return nil
	})
	if err != nil {
		return false, err
	}
	// Only the chunk each term is filling stays in memory: full chunks, the
	// documents and their references are written after each part.
	terms := map[string]*termBuilder{}
	type kv struct{ k, v []byte }
	write := func(puts map[string][]kv) error {
		return s.Update(func(t *Tx) error {
			if !bytes.Equal(t.b(bMeta).Get(kTextState), token) {
				return errTextGone
			}
			for name, list := range puts {
				b := t.tx.Bucket([]byte(name))
				if b == nil {
					return errTextGone
				}
				b.FillPercent = 0.9 // pages nearly full: documents and references only grow, and chunks are mostly appended to
				for _, e := range list {
					if err := b.Put(e.k, e.v); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	doc := uint32(0)
	const part = 1000
	for i := 0; i < len(ids); i += part {
		var docs []textDoc
		err := s.View(func(t *Tx) error {
			for _, a := range ids[i:min(i+part, len(ids))] {
				ds, err := t.accountTextDocs(a, true, nil)
				if err != nil {
					return err
				}
				docs = append(docs, ds...)
			}
			return nil
		})
		if err != nil {
			return false, err
		}
		var chunks, recs, refs []kv
		for j := range docs {
			d := &docs[j].TextDoc
			doc++
			ps := termPostings(d, doc)
			names := make([]string, 0, len(ps))
			for term, p := range ps {
				names = append(names, term)
				tb := terms[term]
				if tb == nil {
					tb = &termBuilder{}
					terms[term] = tb
				}
				if len(tb.cur) >= 8 && binary.BigEndian.Uint32(tb.cur) >= maxChunk {
					chunks = append(chunks, kv{termKey(term, tb.first), tb.cur})
					tb.cur = nil
				}
				if tb.cur == nil {
					tb.first = doc
				}
				tb.cur = appendPosting(tb.cur, p)
			}
			sort.Strings(names)
			recs = append(recs, kv{binary.BigEndian.AppendUint32(nil, doc), encodeDocRec(d, names)})
			v := binary.BigEndian.AppendUint32(nil, doc)
			refs = append(refs, kv{refKey(d), binary.BigEndian.AppendUint64(v, docs[j].hash)})
		}
		sort.Slice(chunks, func(a, b int) bool { return bytes.Compare(chunks[a].k, chunks[b].k) < 0 })
		sort.Slice(refs, func(a, b int) bool { return bytes.Compare(refs[a].k, refs[b].k) < 0 })
		if err := write(map[string][]kv{string(bTextPost): chunks, string(bTextDocs): recs, string(bTextRefs): refs}); err != nil {
			return false, err
		}
		if progress != nil {
			progress(min(i+part, len(ids)), len(ids))
		}
	}
	// The chunks being filled, in key order, a bounded number a transaction.
	names := make([]string, 0, len(terms))
	for term := range terms {
		names = append(names, term)
	}
	sort.Strings(names)
	var batch []kv
	for _, term := range names {
		if tb := terms[term]; tb.cur != nil {
			batch = append(batch, kv{termKey(term, tb.first), tb.cur})
		}
		if len(batch) >= 50_000 {
			if err := write(map[string][]kv{string(bTextPost): batch}); err != nil {
				return false, err
			}
			batch = nil
		}
	}
	if err := write(map[string][]kv{string(bTextPost): batch}); err != nil {
		return false, err
	}
	// Catch up with what was written meanwhile, and open the index.
	err = s.Update(func(t *Tx) error {
		docs := t.tx.Bucket(bTextDocs)
		if docs == nil || !bytes.Equal(t.b(bMeta).Get(kTextState), token) {
			return errTextGone // another rebuild started over ours
		}
		if err := docs.SetSequence(uint64(doc)); err != nil {
			return err
		}
		changed, all := t.ChangedSince(start)
		if all {
			again = true
			return nil
		}
		count := int64(doc)
		for _, id := range changed {
			if err := t.indexText(id, &count, true, nil); err != nil {
				return err
			}
		}
		m := t.b(bMeta)
		if err := m.Put(kTextCount, u64(uint64(max(count, 0)))); err != nil {
			return err
		}
		if err := m.Put(kTextApplied, u64(t.Changes())); err != nil {
			return err
		}
		return m.Put(kTextState, []byte("ready "+textVersion))
	})
	return again, err
}

// errTextGone: the index being built was dropped by another rebuild.
var errTextGone = domain.Errorf(domain.ECONFLICT, "another tend started rebuilding the search index; it finishes it")

// CatchUpText indexes the accounts written without the index (by a tend
// that predates it) since the index was last brought up; it reports false
// when that is too far back (a rebuild is needed).
func (s *Store) CatchUpText() (bool, error) {
	ok := true
	err := s.Update(func(t *Tx) error {
		switch t.TextState() {
		case TextReady:
			return nil
		case TextStale:
		default:
			ok = false
			return nil
		}
		m := t.b(bMeta)
		changed, all := t.ChangedSince(decodeU64(m.Get(kTextApplied)))
		if all {
			ok = false
			return nil
		}
		count := int64(decodeU64(m.Get(kTextCount)))
		for _, id := range changed {
			if err := t.indexText(id, &count, true, nil); errors.Is(err, errDamagedChunk) {
				ok = false // a rebuild is needed
				return t.markTextDamaged()
			} else if err != nil {
				return err
			}
		}
		if err := m.Put(kTextCount, u64(uint64(max(count, 0)))); err != nil {
			return err
		}
		return m.Put(kTextApplied, u64(t.Changes()))
	})
	return ok, err
}
