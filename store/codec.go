package store

import (
	"encoding/binary"
	"errors"

	"github.com/tend-cli/tend/domain"
)

// Summaries use a compact binary encoding instead of JSON: starting tend
// decodes one per account, and at 100k accounts JSON alone costs ~700 ms.
// Layout (version 1): a version byte, then fields in a fixed order; integers
// as varints, strings as a length varint and bytes, dates as varints.

const summaryV1 = 1

var errShort = errors.New("summary record is truncated or damaged")

func encodeSummary(b []byte, s *domain.Summary) []byte {
	b = append(b, summaryV1)
	b = binary.AppendUvarint(b, s.ID)
	for _, str := range []string{s.Name, s.Industry, s.Segment, s.Owner, string(s.Tier), string(s.Stage), s.ARR.Currency} {
		b = appendString(b, str)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Tags)))
	for _, t := range s.Tags {
		b = appendString(b, t)
	}
	for _, v := range []int64{s.ARR.Amount, s.ARRYearAgo, int64(s.ContractStart), int64(s.Renewal), int64(s.ClosedOn),
		int64(s.NoticeDays), int64(s.CadenceDays), int64(s.GrowthPotential), int64(s.Replaceability), int64(s.LastTouch),
		int64(s.NPS), int64(s.CSAT), int64(s.Risks[0]), int64(s.Risks[1]), int64(s.Risks[2]), int64(s.Risks[3]),
		int64(s.Escalations), int64(s.GoalProgress), int64(s.Contacts), int64(s.HealthMonth), int64(s.HealthLast), int64(s.HealthPrev), s.AcquisitionCost} {
		b = binary.AppendVarint(b, v)
	}
	var flags byte
	if s.RenewalOpp {
		flags |= 1
	}
	if s.Champion {
		flags |= 2
	}
	if s.DecisionMaker {
		flags |= 4
	}
	b = append(b, flags)
	for _, ds := range [][]domain.Date{s.ItemsDue, s.GoalsBehind} {
		b = binary.AppendUvarint(b, uint64(len(ds)))
		for _, d := range ds {
			b = binary.AppendVarint(b, int64(d))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.ContactNames)))
	for _, c := range s.ContactNames {
		b = appendString(b, c)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// interner shares the strings that repeat across accounts (segment, owner,
// industry, tier, currency, tags), so decoding 100k summaries allocates little.
type interner map[string]string

func newInterner() interner { return make(interner, 256) }

type reader struct {
	b   []byte
	err error
	in  interner
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errShort
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// str copies a string out of the mmap (bbolt's memory is only valid in the transaction).
func (r *reader) str() string { return string(r.bytes()) }

// common interns a string that repeats across accounts.
func (r *reader) common() string {
	b := r.bytes()
	if r.in == nil {
		return string(b)
	}
	if s, ok := r.in[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.in) < 4096 {
		r.in[s] = s
	}
	return s
}

func (r *reader) dates() []domain.Date {
	n := r.uvarint()
	if n == 0 || r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errShort
		return nil
	}
	out := make([]domain.Date, n)
	for i := range out {
		out[i] = domain.Date(r.varint())
	}
	return out
}

func decodeSummary(b []byte, s *domain.Summary, in interner) error {
	if len(b) == 0 || b[0] != summaryV1 {
		return errors.New("summary record has an unknown encoding")
	}
	r := reader{b: b[1:], in: in}
	s.ID = r.uvarint()
	s.Name = r.str()
	s.Industry = r.common()
	s.Segment = r.common()
	s.Owner = r.common()
	s.Tier = domain.Tier(r.common())
	s.Stage = domain.Stage(r.common())
	s.ARR.Currency = r.common()
	if nt := r.uvarint(); nt > 0 && r.err == nil {
		if nt > uint64(len(r.b)) {
			return errShort
		}
		s.Tags = make([]string, nt)
		for i := range s.Tags {
			s.Tags[i] = r.common()
		}
	}
	s.ARR.Amount = r.varint()
	s.ARRYearAgo = r.varint()
	s.ContractStart = domain.Date(r.varint())
	s.Renewal = domain.Date(r.varint())
	s.ClosedOn = domain.Date(r.varint())
	s.NoticeDays = int(r.varint())
	s.CadenceDays = int(r.varint())
	s.GrowthPotential = int(r.varint())
	s.Replaceability = int(r.varint())
	s.LastTouch = domain.Date(r.varint())
	s.NPS = int(r.varint())
	s.CSAT = int(r.varint())
	for i := range s.Risks {
		s.Risks[i] = int(r.varint())
	}
	s.Escalations = int(r.varint())
	s.GoalProgress = int(r.varint())
	s.Contacts = int(r.varint())
	s.HealthMonth = int(r.varint())
	s.HealthLast = int(r.varint())
	s.HealthPrev = int(r.varint())
	s.AcquisitionCost = r.varint()
	if r.err != nil || len(r.b) < 1 {
		return errShort
	}
	flags := r.b[0]
	r.b = r.b[1:]
	s.RenewalOpp, s.Champion, s.DecisionMaker = flags&1 != 0, flags&2 != 0, flags&4 != 0
	s.ItemsDue = r.dates()
	s.GoalsBehind = r.dates()
	if nc := r.uvarint(); nc > 0 && r.err == nil {
		if nc > uint64(len(r.b)) {
			return errShort
		}
		s.ContactNames = make([]string, nc)
		for i := range s.ContactNames {
			s.ContactNames[i] = r.str()
		}
	}
	return r.err
}
