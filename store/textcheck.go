package store

// tend check's look at the full-text index: is it there, up to date, and
// does it index exactly the records (each as it is now, each once, with
// every word's posting)?

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// textWhere names the index in tend check's problems.
const textWhere = "search index"

// TextNote says, when the index is not in use, why and what brings it
// back ("" when it is ready): not a fault of the book, a search or an
// open cockpit builds or catches it up.
func (t *Tx) TextNote() string {
	if string(t.b(bMeta).Get(kTextState)) == "damaged" {
		return "the search index was found damaged by a write and is out of use: the next search or an open cockpit rebuilds it; tend rebuild now"
	}
	switch t.TextState() {
	case TextMissing:
		return "no search index yet (or one of an older version): the first search or an open cockpit builds it in the background; tend rebuild builds it now"
	case TextBuilding:
		return "the search index is being built (or its build stopped): an open cockpit or tend rebuild finishes it"
	case TextStale:
		return "the search index is behind the records (an older tend wrote): the next search catches it up; tend rebuild too"
	}
	return ""
}

// CheckText compares a ready index with the records, in full: every
// record with text has one document, indexed as the record is now; no
// document is of a record that is gone; every document's words have its
// posting, and every posting is of a document. On a book of 10k accounts
// and 100k notes it reads the index once and the records' bytes once.
// An index not in use (TextNote) has nothing to compare.
func (t *Tx) CheckText() []Problem {
	if t.TextState() != TextReady {
		return nil
	}
	post, docs, refs := textBuckets(t.tx)
	var probs []Problem
	more := 0
	add := func(format string, args ...any) {
		if len(probs) < 20 {
			probs = append(probs, Problem{textWhere, fmt.Sprintf(format, args...)})
		} else {
			more++
		}
	}
	// The references: the records indexed, each under its document.
	type ref struct {
		doc  uint32
		hash uint64
	}
	indexed := map[string]ref{}
	refOf := map[uint32]string{} // document → its reference key
	c := refs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(v) != 12 || len(k) < 17 {
			add("a reference %x is malformed", k)
			continue
		}
		r := ref{binary.BigEndian.Uint32(v), binary.BigEndian.Uint64(v[4:])}
		indexed[string(k)] = r
		if other, dup := refOf[r.doc]; dup {
			add("%s and %s share document %d", refName(other), refName(string(k)), r.doc)
		}
		refOf[r.doc] = string(k)
		if docs.Get(binary.BigEndian.AppendUint32(nil, r.doc)) == nil {
			add("%s: its document %d is missing", refName(string(k)), r.doc)
		}
	}
	// The records, account by account, against the references.
	fromRecords := make(map[uint32]termSig, len(indexed)) // document → its record's words
	for _, id := range t.AccountIDs() {
		// Every document is decoded: its words, from the record, are
		// what its postings must be filed under.
		ds, err := t.accountTextDocs(id, true, nil)
		if err != nil {
			add("account %d: %v", id, err)
			continue
		}
		for i := range ds {
			k := string(refKey(&ds[i].TextDoc))
			r, ok := indexed[k]
			delete(indexed, k)
			switch {
			case !ok:
				add("%s is not indexed", refName(k))
			case r.hash != ds[i].hash:
				add("%s is indexed as it was before a change", refName(k))
			default:
				var sig termSig
				for term := range termPostings(&ds[i].TextDoc, 0) {
					sig.add(term)
				}
				fromRecords[r.doc] = sig
			}
		}
	}
	for k := range indexed {
		add("%s is indexed but no longer exists", refName(k))
	}
	// The documents: each has a reference, its words are its record's, and
	// its postings are filed under them, each once.
	want := map[uint32]termSig{} // document → the words it lists
	n := uint64(0)
	dc := docs.Cursor()
	for k, v := dc.First(); k != nil; k, v = dc.Next() {
		if len(k) != 4 {
			continue
		}
		n++
		doc := binary.BigEndian.Uint32(k)
		r, terms := decodeDocRec(v)
		var sig termSig
		for _, term := range terms {
			sig.add(term)
		}
		want[doc] = sig
		if rec, ok := fromRecords[doc]; ok && rec != sig {
			add("document %d (%s #%d of account %d) lists other words than its record has", doc, r.Kind, r.RecID, r.Acct)
		}
		d := domain.TextDoc{Acct: r.Acct, Kind: r.Kind, RecID: r.RecID, Field: r.Field}
		if rk, ok := refOf[doc]; !ok || rk != string(refKey(&d)) {
			add("document %d (%s #%d of account %d) has no reference to it", doc, r.Kind, r.RecID, r.Acct)
		}
	}
	if got := decodeU64(t.b(bMeta).Get(kTextCount)); got != n {
		add("counts %d documents, holds %d", got, n)
	}
	pc := post.Cursor()
	var list []decoded
	damaged := false
	got := make(map[uint32]termSig, len(want)) // document → the words its postings are filed under
	for k, v := pc.First(); k != nil; k, v = pc.Next() {
		var err error
		if list, _, err = decodeChunk(v, list[:0], nil, false); err != nil {
			add("the postings of the word %q (key %x) are damaged: tend rebuild builds the index again", termOfKey(k), k)
			damaged = true
			continue
		}
		term := termOfKey(k)
		for _, e := range list {
			if _, ok := want[e.doc]; !ok {
				add("the word %q has a posting of document %d, which is gone", term, e.doc)
				continue
			}
			s := got[e.doc]
			s.add(term)
			got[e.doc] = s
		}
	}
	for doc, sig := range want {
		switch g := got[doc]; {
		case damaged: // a damaged chunk's postings are not counted
		case g.n != sig.n:
			add("document %d (%s) has %d posting(s) too few or too many", doc, refName(refOf[doc]), int(sig.n)-int(g.n))
		case g != sig:
			add("document %d (%s) has postings filed under words it does not contain", doc, refName(refOf[doc]))
		}
	}
	if more > 0 {
		probs = append(probs, Problem{textWhere, fmt.Sprintf("and %d more", more)})
	}
	return probs
}

// refName is a reference key in words: "note 12 of account 3".
func refName(k string) string {
	if len(k) < 17 {
		return fmt.Sprintf("reference %x", k)
	}
	b := []byte(k)
	s := fmt.Sprintf("%s %d of account %d", kindName(b[8]), binary.BigEndian.Uint64(b[9:17]), binary.BigEndian.Uint64(b[:8]))
	if f := b[17:]; len(f) > 0 {
		s += fmt.Sprintf(" (field %q)", f)
	}
	return s
}

// termOfKey is the word of a postings key.
func termOfKey(k []byte) string {
	if i := bytes.IndexByte(k, 0); i >= 0 {
		return string(k[:i])
	}
	return string(k)
}

// termSig stands for a set of words: how many, and the sum of their hashes
// (the order they are met in does not matter).
type termSig struct {
	n   uint32
	sum uint64
}

func (s *termSig) add(term string) {
	h := uint64(14695981039346656037) // FNV-1a, without an allocation per word
	for i := 0; i < len(term); i++ {
		h = (h ^ uint64(term[i])) * 1099511628211
	}
	s.n++
	s.sum += h
}
