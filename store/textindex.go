package store

// The full-text index, inside the book file: posting lists of word stems,
// written in the same transaction as the records they index (finish), so
// a crash can never leave the index behind the records. See search.go for
// the queries.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

var (
	// stem + 0 + first document number (4 bytes) → a chunk of postings
	bTextPost = []byte("text_postings")
	// document number (4 bytes) → the document: what record it is, and its terms
	bTextDocs = []byte("text_docs")
	// account + kind + record (or field name) → document number + hash
	bTextRefs = []byte("text_refs")

	kTextState   = []byte("text_state")   // "ready " + textVersion, or "building" + the rebuild's process and start
	kTextApplied = []byte("text_applied") // the change counter the index reflects
	kTextCount   = []byte("text_count")   // documents indexed
)

// textVersion changes whenever what is indexed or how does: an index of
// another version is rebuilt.
const textVersion = TextVersion

// TextVersion is the full-text index format's version (benchmarks name their books by it).
const TextVersion = "3"

// maxChunk is how many postings a chunk holds before a new one starts.
const maxChunk = 512

// ownerTerm prefixes the words of an account owner's name, indexed as
// terms of every document of the account (owner: filters on them). The
// byte cannot be in a word.
const ownerTerm = "\x01o"

func kindCode(k string) byte {
	for i, x := range domain.TextKinds {
		if x == k {
			return byte(i)
		}
	}
	return 255
}

func kindName(c byte) string {
	if int(c) < len(domain.TextKinds) {
		return domain.TextKinds[c]
	}
	return ""
}

// TextIndexState says whether the book's full-text index can be used.
type TextIndexState int

// States of the index.
const (
	TextMissing  TextIndexState = iota // never built, or of another version
	TextBuilding                       // a rebuild is under way (or died: RebuildText starts again)
	TextStale                          // a write did not index (an older tend wrote): CatchUpText
	TextReady
)

// TextState is the state of the book's full-text index.
func (t *Tx) TextState() TextIndexState {
	if t.tx.Bucket(bTextPost) == nil {
		return TextMissing
	}
	m := t.b(bMeta)
	switch state := string(m.Get(kTextState)); {
	case state == "ready "+textVersion:
	case strings.HasPrefix(state, "building"):
		return TextBuilding
	default:
		return TextMissing
	}
	if decodeU64(m.Get(kTextApplied)) != t.Changes() {
		return TextStale
	}
	return TextReady
}

func (t *Tx) textReady() bool {
	return t.tx.Bucket(bTextPost) != nil && string(t.b(bMeta).Get(kTextState)) == "ready "+textVersion
}

func refKey(d *domain.TextDoc) []byte {
	k := make([]byte, 0, 17+len(d.Field))
	k = binary.BigEndian.AppendUint64(k, d.Acct)
	k = append(k, kindCode(d.Kind))
	k = binary.BigEndian.AppendUint64(k, d.RecID)
	return append(k, d.Field...)
}

func docHash(d *domain.TextDoc) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(d.Kind))
	_ = binary.Write(h, binary.BigEndian, d.Date.Unix())
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(d.Owner))
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(d.Text))
	return h.Sum64()
}

// posting is one document's entry in a term's list.
type posting struct {
	doc   uint32
	kind  byte
	day   int32  // the document's date
	n     uint32 // the document's words
	pos   []uint32
	forms uint32 // the words written, as domain.WordBit sets
}

// termPostings groups a document's tokens by stem, with the owner's words.
func termPostings(d *domain.TextDoc, doc uint32) map[string]*posting {
	day := int32(domain.DateOf(d.Date))
	toks := domain.Tokens(d.Text)
	out := make(map[string]*posting, len(toks)+2)
	n := uint32(len(toks))
	for _, tk := range toks {
		p := out[tk.Stem]
		if p == nil {
			p = &posting{doc: doc, kind: kindCode(d.Kind), day: day, n: n}
			out[tk.Stem] = p
		}
		p.pos = append(p.pos, uint32(tk.Pos))
		p.forms |= domain.WordBit(tk.Word)
	}
	for _, w := range strings.Fields(strings.ToLower(d.Owner)) {
		term := ownerTerm + w
		if out[term] == nil {
			out[term] = &posting{doc: doc, kind: kindCode(d.Kind), day: day, n: n, pos: []uint32{0}}
		}
	}
	return out
}

// A chunk: count (4 bytes), last document (4), then each posting: document
// minus the previous one, kind, date (zigzag), words, positions count,
// position deltas, the forms' bits (varints).
func appendPosting(chunk []byte, p *posting) []byte {
	if len(chunk) < 8 {
		chunk = make([]byte, 8, 64)
	}
	count := binary.BigEndian.Uint32(chunk)
	last := binary.BigEndian.Uint32(chunk[4:])
	delta := p.doc
	if count > 0 {
		delta = p.doc - last
	}
	chunk = binary.AppendUvarint(chunk, uint64(delta))
	chunk = append(chunk, p.kind)
	chunk = binary.AppendVarint(chunk, int64(p.day))
	chunk = binary.AppendUvarint(chunk, uint64(p.n))
	chunk = binary.AppendUvarint(chunk, uint64(len(p.pos)))
	prev := uint32(0)
	for _, x := range p.pos {
		chunk = binary.AppendUvarint(chunk, uint64(x-prev))
		prev = x
	}
	chunk = binary.AppendUvarint(chunk, uint64(p.forms))
	binary.BigEndian.PutUint32(chunk, count+1)
	binary.BigEndian.PutUint32(chunk[4:], p.doc)
	return chunk
}

// decodeChunk appends the chunk's postings to out; positions go to pos
// (each posting's are pos[off:off+tf]) when withPos. A chunk that does not
// decode (a damaged file) is errDamagedChunk, with out and pos as they were.
func decodeChunk(chunk []byte, out []decoded, pos []uint32, withPos bool) ([]decoded, []uint32, error) {
	if len(chunk) < 8 {
		return out, pos, errDamagedChunk
	}
	count := binary.BigEndian.Uint32(chunk)
	b := chunk[8:]
	n0, p0 := len(out), len(pos)
	bad := func() ([]decoded, []uint32, error) { return out[:n0], pos[:p0], errDamagedChunk }
	uvarint := func() (uint64, bool) {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return x, true
	}
	doc := uint32(0)
	var i uint32
	for ; i < count && len(b) > 0; i++ {
		d, ok := uvarint()
		if !ok || len(b) == 0 || d > math.MaxUint32 {
			return bad()
		}
		doc += uint32(d)
		kind := b[0]
		b = b[1:]
		day, n := binary.Varint(b)
		if n <= 0 || day < math.MinInt32 || day > math.MaxInt32 {
			return bad()
		}
		b = b[n:]
		words, ok1 := uvarint()
		tf, ok2 := uvarint()
		if !ok1 || !ok2 || tf > uint64(len(b)) { // each position takes a byte at least
			return bad()
		}
		e := decoded{doc: doc, kind: kind, day: int32(day), n: uint32(words), tf: uint32(tf), off: uint32(len(pos))}
		prev := uint32(0)
		for j := uint64(0); j < tf; j++ {
			x, ok := uvarint()
			if !ok {
				return bad()
			}
			prev += uint32(x)
			if withPos {
				pos = append(pos, prev)
			}
		}
		forms, ok := uvarint()
		if !ok {
			return bad()
		}
		e.forms = uint32(forms)
		out = append(out, e)
	}
	if i != count || len(b) != 0 || (count > 0 && doc != binary.BigEndian.Uint32(chunk[4:])) {
		return bad() // fewer postings than it counts, bytes after them, or another last document
	}
	return out, pos, nil
}

// errDamagedChunk: a posting chunk that does not decode. The index is
// derived data: a write that meets one marks the index for a rebuild and
// goes through; tend check reports it.
var errDamagedChunk = errors.New("a search index chunk is damaged")

// decoded is a posting as read: its positions are in a shared slice.
type decoded struct {
	doc   uint32
	kind  byte
	exact byte // how many of the query's words it has as typed (the tier it ranks in)
	day   int32
	n, tf uint32
	off   uint32
	forms uint32
	score float64
}

func termKey(term string, doc uint32) []byte {
	k := make([]byte, 0, len(term)+5)
	k = append(k, term...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, doc)
}

// addPosting appends p to term's last chunk (document numbers only grow),
// or starts a chunk.
func addPosting(b *bolt.Bucket, term string, p *posting) error {
	c := b.Cursor()
	prefix := append([]byte(term), 0)
	k, v := seekBefore(c, append([]byte(term), 1))
	if k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+4 && binary.BigEndian.Uint32(v) < maxChunk {
		key := slices.Clone(k)
		return b.Put(key, appendPosting(slices.Clone(v), p))
	}
	return b.Put(termKey(term, p.doc), appendPosting(nil, p))
}

// removePosting takes doc out of term's list.
func removePosting(b *bolt.Bucket, term string, doc uint32) error {
	c := b.Cursor()
	prefix := append([]byte(term), 0)
	k, v := seekBefore(c, termKey(term, doc+1))
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+4 {
		return nil
	}
	key := slices.Clone(k)
	ps, pos, err := decodeChunk(v, nil, nil, true)
	if err != nil {
		return err
	}
	var out []byte
	for _, e := range ps {
		if e.doc == doc {
			continue
		}
		out = appendPosting(out, &posting{doc: e.doc, kind: e.kind, day: e.day, n: e.n, pos: pos[e.off : e.off+e.tf], forms: e.forms})
	}
	if len(out) == 0 {
		return b.Delete(key)
	}
	return b.Put(key, out)
}

// A document record: account (8), kind (1), record (8), field length (2),
// field, then its terms each ended by 0.
func encodeDocRec(d *domain.TextDoc, terms []string) []byte {
	v := make([]byte, 0, 19+len(d.Field)+8*len(terms))
	v = binary.BigEndian.AppendUint64(v, d.Acct)
	v = append(v, kindCode(d.Kind))
	v = binary.BigEndian.AppendUint64(v, d.RecID)
	v = binary.BigEndian.AppendUint16(v, uint16(len(d.Field)))
	v = append(v, d.Field...)
	for _, t := range terms {
		v = append(v, t...)
		v = append(v, 0)
	}
	return v
}

// TextRef names the record a document is.
type TextRef struct {
	Acct  uint64
	Kind  string
	RecID uint64
	Field string
}

func decodeDocRec(v []byte) (TextRef, []string) {
	if len(v) < 19 {
		return TextRef{}, nil
	}
	r := TextRef{Acct: binary.BigEndian.Uint64(v), Kind: kindName(v[8]), RecID: binary.BigEndian.Uint64(v[9:])}
	fl := int(binary.BigEndian.Uint16(v[17:]))
	if 19+fl > len(v) {
		return r, nil
	}
	r.Field = string(v[19 : 19+fl])
	var terms []string
	for rest := v[19+fl:]; len(rest) > 0; {
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			break
		}
		terms = append(terms, string(rest[:i]))
		rest = rest[i+1:]
	}
	return r, terms
}

func textBuckets(tx *bolt.Tx) (post, docs, refs *bolt.Bucket) {
	post, docs, refs = tx.Bucket(bTextPost), tx.Bucket(bTextDocs), tx.Bucket(bTextRefs)
	for _, b := range []*bolt.Bucket{post, docs, refs} {
		if b != nil {
			b.FillPercent = 0.9
		}
	}
	return
}

// addTextDoc indexes one document under a new number.
func (t *Tx) addTextDoc(d *domain.TextDoc, hash uint64, count *int64) error {
	post, docs, refs := textBuckets(t.tx)
	seq, err := docs.NextSequence()
	if err != nil {
		return err
	}
	doc := uint32(seq)
	ps := termPostings(d, doc)
	terms := make([]string, 0, len(ps))
	for term := range ps {
		terms = append(terms, term)
	}
	sort.Strings(terms)
	for _, term := range terms {
		if err := addPosting(post, term, ps[term]); err != nil {
			return err
		}
	}
	if err := docs.Put(binary.BigEndian.AppendUint32(nil, doc), encodeDocRec(d, terms)); err != nil {
		return err
	}
	*count++
	ref := binary.BigEndian.AppendUint32(nil, doc)
	ref = binary.BigEndian.AppendUint64(ref, hash)
	return refs.Put(refKey(d), ref)
}

// removeTextDoc takes a document out of the index.
func (t *Tx) removeTextDoc(doc uint32, count *int64) error {
	post, docs, _ := textBuckets(t.tx)
	dk := binary.BigEndian.AppendUint32(nil, doc)
	v := docs.Get(dk)
	if v == nil {
		return nil
	}
	_, terms := decodeDocRec(v)
	for _, term := range terms {
		if err := removePosting(post, term, doc); err != nil {
			return err
		}
	}
	*count--
	return docs.Delete(dk)
}

// indexText brings the account's documents in the index up to its records:
// documents whose record changed are indexed again, those of records gone
// are removed. Notes are many (10k on a busy account): unless all, only
// the notes numbered are looked at (the write's), the other records always.
func (t *Tx) indexText(acct uint64, count *int64, all bool, notes []uint64) error {
	_, _, refs := textBuckets(t.tx)
	type have struct {
		doc  uint32
		hash uint64
	}
	old := map[string]have{}
	p := u64(acct)
	note := kindCode(domain.TextNote)
	c := refs.Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if !all && len(k) > 8 && k[8] == note {
			k, v = c.Seek(append(u64(acct), note+1)) // past the notes
			if k == nil || !bytes.HasPrefix(k, p) {
				break
			}
		}
		if len(v) == 12 {
			old[string(k)] = have{binary.BigEndian.Uint32(v), binary.BigEndian.Uint64(v[4:])}
		}
	}
	docs, err := t.accountTextDocs(acct, all, func(key []byte, hash uint64) bool {
		h, ok := old[string(key)]
		if ok && h.hash == hash {
			delete(old, string(key)) // kept as it is
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	if !all && len(notes) > 0 {
		// The notes written, each as it is now (a document) or gone (none).
		a, err := t.Account(acct)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		oh := ownerHash(a.Owner)
		for _, id := range slices.Compact(slices.Sorted(slices.Values(notes))) {
			key := refKey(&domain.TextDoc{Acct: acct, Kind: domain.TextNote, RecID: id})
			if v := refs.Get(key); len(v) == 12 {
				old[string(key)] = have{binary.BigEndian.Uint32(v), binary.BigEndian.Uint64(v[4:])}
			}
			ik := t.b(bInterIDs).Get(u64(id))
			if ik == nil || !bytes.HasPrefix(ik, u64(acct)) {
				continue // deleted: its document goes with what is left in old
			}
			v := t.b(bInteractions).Get(ik)
			if v == nil {
				continue
			}
			d, ok, err := noteTextDoc(acct, ik, v, a.Owner, noteSum(v, oh))
			if err != nil {
				return err
			}
			if ok {
				docs = append(docs, d)
			}
		}
	}
	for i := range docs {
		d := &docs[i]
		k := string(refKey(&d.TextDoc))
		h, ok := old[k]
		delete(old, k)
		if ok && h.hash == d.hash {
			continue
		}
		if ok {
			if err := t.removeTextDoc(h.doc, count); err != nil {
				return err
			}
		}
		if err := t.addTextDoc(&d.TextDoc, d.hash, count); err != nil {
			return err
		}
	}
	for k, h := range old {
		if err := t.removeTextDoc(h.doc, count); err != nil {
			return err
		}
		if err := refs.Delete([]byte(k)); err != nil {
			return err
		}
	}
	return nil
}

// finishText indexes the touched accounts and stamps the index with the
// change counter, in the write's own transaction. An index that is not
// ready (missing, being built) is left alone: its rebuild catches up.
func (t *Tx) finishText(ids []uint64, counter uint64) error {
	if t.s.noTextIndex || !t.textReady() {
		return nil
	}
	m := t.b(bMeta)
	if decodeU64(m.Get(kTextApplied)) != counter-1 {
		return nil // already behind (an older tend wrote): left stale, caught up on the next search
	}
	count := int64(decodeU64(m.Get(kTextCount)))
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if err := t.indexText(id, &count, t.textAll[id], t.textNotes[id]); errors.Is(err, errDamagedChunk) {
			return t.markTextDamaged() // the write goes through; the index is rebuilt
		} else if err != nil {
			return err
		}
	}
	if err := m.Put(kTextCount, u64(uint64(max(count, 0)))); err != nil {
		return err
	}
	return m.Put(kTextApplied, u64(counter))
}

// markTextDamaged takes the index out of use (it is missing, for search and
// tend check): the next search, an open cockpit or tend rebuild builds it
// again from the records.
func (t *Tx) markTextDamaged() error {
	return t.b(bMeta).Put(kTextState, []byte("damaged"))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// textDoc is a document with the hash that says whether it changed.
type textDoc struct {
	domain.TextDoc
	hash uint64
}

// accountTextDocs lists the account's documents (none when it is gone);
// notes only when withNotes. Notes are many (10k on a busy account): each
// is hashed from its stored bytes, and left out when unchanged(ref key,
// hash) says the index has it as it is (unchanged nil: none is), so only
// changed notes are decoded.
func (t *Tx) accountTextDocs(acct uint64, withNotes bool, unchanged func(key []byte, hash uint64) bool) ([]textDoc, error) {
	var r domain.AccountRecords
	var err error
	if r.Account, err = t.Account(acct); domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if r.Contacts, err = t.Contacts(acct); err != nil {
		return nil, err
	}
	p, err := t.Plan(acct)
	if err != nil {
		return nil, err
	}
	r.Plan = &p
	if r.ActionItems, err = t.ActionItems(acct); err != nil {
		return nil, err
	}
	if r.Opportunities, err = t.Opportunities(acct); err != nil {
		return nil, err
	}
	if r.Risks, err = t.Risks(acct); err != nil {
		return nil, err
	}
	var out []textDoc
	for _, d := range domain.TextDocs(&r) { // every kind but notes: r has none
		out = append(out, textDoc{d, docHash(&d)})
	}
	if !withNotes {
		return out, nil
	}
	owner := r.Account.Owner
	oh := ownerHash(owner)
	pre := u64(acct)
	c := t.b(bInteractions).Cursor()
	for k, v := c.Seek(pre); k != nil && bytes.HasPrefix(k, pre); k, v = c.Next() {
		if len(k) != 24 {
			continue
		}
		sum := noteSum(v, oh)
		if unchanged != nil && unchanged(refKey(&domain.TextDoc{Acct: acct, Kind: domain.TextNote, RecID: binary.BigEndian.Uint64(k[16:])}), sum) {
			continue // the caller keeps what it has
		}
		d, ok, err := noteTextDoc(acct, k, v, owner, sum)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

func ownerHash(owner string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(owner))
	return h.Sum64()
}

// noteSum is the hash a note's document is kept under: two hardware CRCs
// of its stored bytes (a change is seen at the cost of a memory read; fnv
// took 3 ms for 10k notes) and its account's owner.
func noteSum(v []byte, ownerHash uint64) uint64 {
	return (uint64(crc32.Checksum(v, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(v))) ^ ownerHash
}

// noteTextDoc is the document of the note stored under k as v (false: it
// has no text).
func noteTextDoc(acct uint64, k, v []byte, owner string, sum uint64) (textDoc, bool, error) {
	var in domain.Interaction
	if err := json.Unmarshal(v, &in); err != nil {
		return textDoc{}, false, fmt.Errorf("interaction %x does not decode: %w", k, err)
	}
	if strings.TrimSpace(in.Summary) == "" {
		return textDoc{}, false, nil
	}
	d := domain.TextDoc{Acct: acct, Kind: domain.TextNote, RecID: binary.BigEndian.Uint64(k[16:]), Date: in.At.UTC(), Owner: owner, Text: strings.TrimSpace(in.Summary)}
	return textDoc{d, sum}, true, nil
}
