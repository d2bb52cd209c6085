package store

// Derived records: the summary of each account (what the portfolio, triage and
// search read) and the change log, refreshed at the end of every write.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/tend-cli/tend/domain"
)

// Summaries decodes every account summary, in ID order. A large book is
// decoded in two halves at once, one per core (a read-only transaction's
// cursors only read the mapped file).
func (t *Tx) Summaries() ([]domain.Summary, error) {
	b := t.b(bSummaries)
	// The accounts' ID sequence bounds the count without walking the bucket:
	// account k is at most at position k-1.
	seq := min(t.b(bAccounts).Sequence(), 10_000_000)
	out := make([]domain.Summary, seq)
	if seq < parallelSummaries {
		n, err := decodeSummaries(b.Cursor(), 0, nil, out)
		if err == errBeyondSequence {
			return t.summariesGrowing()
		}
		return out[:n], err
	}
	mid := seq/2 + 1 // the first ID of the second half, which goes from position mid-1
	var n2 int
	var err2 error
	second := b.Cursor() // made here: a cursor is used by one goroutine only
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				err2 = fmt.Errorf("decoding summaries: %v", p)
			}
		}()
		n2, err2 = decodeSummaries(second, mid, nil, out[mid-1:])
	}()
	n1, err := decodeSummaries(b.Cursor(), 0, u64(mid), out[:mid-1])
	<-done
	if err == nil {
		err = err2
	}
	if err == errBeyondSequence {
		return t.summariesGrowing()
	}
	if err != nil {
		return nil, err
	}
	if n1 < int(mid-1) { // deleted accounts in the first half: close the gap
		copy(out[n1:], out[mid-1:int(mid-1)+n2])
		clear(out[n1+n2:])
	}
	return out[:n1+n2], nil
}

// parallelSummaries is the book size from which Summaries decodes on two cores.
var parallelSummaries uint64 = 20_000

// decodeSummaries decodes the summaries from ID from (0: the first) up to,
// not including, the key end (nil: to the last) into out, in order, and
// returns how many; out has room for them (IDs are positions + 1 at most).
func decodeSummaries(c *bolt.Cursor, from uint64, end []byte, out []domain.Summary) (int, error) {
	k, v := c.First()
	if from > 0 {
		k, v = c.Seek(u64(from))
	}
	n := 0
	for ; k != nil && (end == nil || bytes.Compare(k, end) < 0); k, v = c.Next() {
		if n == len(out) {
			return n, errBeyondSequence
		}
		if err := decodeSummary(v, &out[n]); err != nil {
			return n, fmt.Errorf("summary of account %d: %w", decodeU64(k), err)
		}
		n++
	}
	return n, nil
}

// errBeyondSequence: more summaries than the accounts' ID sequence allows
// (a file written by hand): Summaries reads them one by one instead.
var errBeyondSequence = errors.New("more summaries than account numbers")

// summariesGrowing decodes every summary in order, growing the slice as it goes.
func (t *Tx) summariesGrowing() ([]domain.Summary, error) {
	var out []domain.Summary
	c := t.b(bSummaries).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		out = append(out, domain.Summary{})
		if err := decodeSummary(v, &out[len(out)-1]); err != nil {
			return nil, fmt.Errorf("summary of account %d: %w", decodeU64(k), err)
		}
	}
	return out, nil
}

// SummariesOf decodes the summaries of the given accounts; missing ones (deleted) are left out.
func (t *Tx) SummariesOf(ids []uint64) ([]domain.Summary, error) {
	b := t.b(bSummaries)
	var out []domain.Summary
	for _, id := range ids {
		v := b.Get(u64(id))
		if v == nil {
			continue
		}
		var s domain.Summary
		if err := decodeSummary(v, &s); err != nil {
			return nil, fmt.Errorf("summary of account %d: %w", id, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Summary of one account.
func (t *Tx) Summary(id uint64) (domain.Summary, error) {
	var s domain.Summary
	v := t.b(bSummaries).Get(u64(id))
	if v == nil {
		return s, notFound("account", id)
	}
	return s, decodeSummary(v, &s)
}

// refresh rebuilds the summary of one account from its records.
func (t *Tx) refresh(acct uint64) error {
	var prev *domain.Summary
	if old, err := t.Summary(acct); err == nil {
		prev = &old
	}
	var a domain.Account
	if prev != nil && prev.UID != "" && !t.touched[acct] && t.hasAccountKey(acct) && t.b(bMetrics).Get(u64(acct)) != nil {
		// Contacts or interactions only: the account is as its summary
		// says, and its key record is written; its JSON (half of the
		// refresh of an import's every touched account) is not decoded.
		a = accountOfSummary(prev)
	} else {
		var err error
		a, err = t.Account(acct)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return t.deleteAccountKey(acct) // deleted
		} else if err != nil {
			return err
		}
		if err := t.putAccountKey(&a); err != nil {
			return err
		}
	}
	var err error
	var f domain.Facts
	if f.Contacts, err = t.Contacts(acct); err != nil {
		return err
	}
	f.LastTouch = t.lastInteraction(acct)
	if f.Items, err = t.ActionItems(acct); err != nil {
		return err
	}
	if f.Risks, err = t.Risks(acct); err != nil {
		return err
	}
	if f.Opps, err = t.Opportunities(acct); err != nil {
		return err
	}
	plan, err := t.Plan(acct)
	if err != nil {
		return err
	}
	f.Plan = &plan
	if f.Snoozes, err = listPrefix[domain.Snooze](t.b(bSnoozes), acct); err != nil {
		return err
	}
	surveys, err := t.Surveys(acct)
	if err != nil {
		return err
	}
	for i := range surveys {
		r := &surveys[i]
		switch {
		case r.Kind == domain.SurveyNPS && (f.LatestNPS == nil || r.Date >= f.LatestNPS.Date):
			f.LatestNPS = r
		case r.Kind == domain.SurveyCSAT && (f.LatestCSAT == nil || r.Date >= f.LatestCSAT.Date):
			f.LatestCSAT = r
		}
	}
	today := t.Today()
	f.ARRYearAgo = t.arrAt(acct, today.AddMonths(-12))
	s := domain.Summarize(&a, f, prev, today, t.s.loc())
	if p, ok := t.seedPrev[acct]; ok {
		s.HealthPrev = p
	}
	if err := t.b(bSummaries).Put(u64(acct), encodeSummary(nil, &s)); err != nil {
		return err
	}
	if !t.touched[acct] && t.b(bMetrics).Get(u64(acct)) != nil {
		return nil // contacts or interactions only: the metrics are as they were
	}
	orders, err := t.Orders(acct)
	if err != nil {
		return err
	}
	arr, err := t.ARRHistory(acct)
	if err != nil {
		return err
	}
	return t.b(bMetrics).Put(u64(acct), encodeMetrics(nil, &a, arr, orders, surveys, f.Opps))
}

// accountOfSummary is the account as its summary holds it: every field
// domain.Summarize reads (TestPeopleOnlyRefreshIsAFullRefresh checks that
// a summary so rebuilt is the one the account's JSON gives).
func accountOfSummary(s *domain.Summary) domain.Account {
	return domain.Account{ID: s.ID, UID: s.UID, Name: s.Name, Industry: s.Industry, Segment: s.Segment, Owner: s.Owner,
		Tags: s.Tags, Tier: s.Tier, Stage: s.Stage, ARR: s.ARR, ContractStart: s.ContractStart, Renewal: s.Renewal, ClosedOn: s.ClosedOn,
		NoticeDays: s.NoticeDays, CadenceDays: s.CadenceDays, GrowthPotential: s.GrowthPotential, Replaceability: s.Replaceability,
		AcquisitionCost: domain.Money{Amount: s.AcquisitionCost, Currency: s.ARR.Currency}}
}

// finish refreshes touched summaries and logs the change.
func (t *Tx) finish() error {
	if len(t.order) == 0 {
		return nil
	}
	sort.Slice(t.order, func(i, j int) bool { return t.order[i] < t.order[j] })
	for _, id := range t.order {
		if id == 0 {
			continue
		}
		if err := t.refresh(id); err != nil {
			return err
		}
	}
	m := t.b(bMeta)
	n := decodeU64(m.Get(kCounter)) + 1
	if err := m.Put(kCounter, u64(n)); err != nil {
		return err
	}
	if err := t.finishText(t.order, n); err != nil {
		return err
	}
	log := t.b(bChanges)
	// One entry per write; up to 64 account IDs, else "many" (readers reload all).
	var v []byte
	if len(t.order) <= 64 {
		v = make([]byte, 0, 8*len(t.order))
		for _, id := range t.order {
			v = binary.BigEndian.AppendUint64(v, id)
		}
	}
	if err := log.Put(u64(n), v); err != nil {
		return err
	}
	if n > maxChangeLog {
		c := log.Cursor()
		for k, _ := c.First(); k != nil && decodeU64(k) <= n-maxChangeLog; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Changes is the change counter: the number of writes the file has seen.
func (t *Tx) Changes() uint64 { return decodeU64(t.b(bMeta).Get(kCounter)) }

// ChangedSince lists the accounts written after change number since; all is
// true when the log no longer reaches back that far or a write touched many
// accounts (reload everything).
func (t *Tx) ChangedSince(since uint64) (ids []uint64, all bool) {
	now := t.Changes()
	if now <= since {
		return nil, false
	}
	log := t.b(bChanges)
	if log.Get(u64(since+1)) == nil {
		return nil, true
	}
	seen := map[uint64]bool{}
	c := log.Cursor()
	for k, v := c.Seek(u64(since + 1)); k != nil; k, v = c.Next() {
		if len(v) == 0 {
			return nil, true
		}
		for i := 0; i+8 <= len(v); i += 8 {
			id := binary.BigEndian.Uint64(v[i:])
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, false
}
