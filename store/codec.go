package store

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/tend-cli/tend/domain"
)

// Summaries use a compact binary encoding instead of JSON: starting tend
// decodes one per account, and at 100k accounts JSON alone costs ~700 ms.
// Layout (version 1): a version byte, then fields in a fixed order; integers
// as varints, strings as a length varint and bytes, dates as varints.

const (
	summaryV1 = 1
	summaryV2 = 2 // v1 and then the account's UID
)

var errShort = errors.New("summary record is truncated or damaged")

func encodeSummary(b []byte, s *domain.Summary) []byte {
	b = append(b, summaryV2)
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
		int64(s.GoalProgress), int64(s.Contacts), int64(s.HealthMonth), int64(s.HealthLast), int64(s.HealthPrev), s.AcquisitionCost} {
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
	b = binary.AppendUvarint(b, uint64(len(s.Items)))
	for _, it := range s.Items {
		b = binary.AppendUvarint(b, it.ID)
		b = binary.AppendVarint(b, int64(it.Due))
		b = appendString(b, it.Text)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Escalations)))
	for _, r := range s.Escalations {
		b = binary.AppendUvarint(b, r.ID)
		b = appendString(b, string(r.Severity))
		b = appendString(b, r.Title)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Goals)))
	for _, g := range s.Goals {
		b = binary.AppendUvarint(b, g.ID)
		b = appendString(b, g.Title)
		b = binary.AppendVarint(b, int64(g.Start))
		b = binary.AppendVarint(b, int64(g.Due))
		b = binary.AppendUvarint(b, math.Float64bits(g.Progress))
	}
	b = binary.AppendUvarint(b, uint64(len(s.Opps)))
	for _, o := range s.Opps {
		b = binary.AppendUvarint(b, o.ID)
		b = appendString(b, o.Title)
		b = appendString(b, string(o.Kind))
		b = binary.AppendVarint(b, int64(o.CloseDate))
	}
	b = binary.AppendUvarint(b, uint64(len(s.Onboarding)))
	for _, d := range s.Onboarding {
		b = binary.AppendVarint(b, int64(d))
	}
	b = binary.AppendUvarint(b, uint64(len(s.Snoozes)))
	for _, z := range s.Snoozes {
		b = appendString(b, z.Key)
		b = binary.AppendVarint(b, int64(z.Until))
	}
	b = binary.AppendUvarint(b, uint64(len(s.ContactNames)))
	for _, c := range s.ContactNames {
		b = appendString(b, c)
	}
	return appendString(b, s.UID)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

type reader struct {
	b     []byte
	err   error
	blob  string // the whole record as one string: every string field is a slice of it
	total int
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

// str returns a string field. Strings must not point into bbolt's memory
// (valid only in the transaction): with a blob, the field is a slice of the
// record's one copy (no allocation per field); without, it is copied.
func (r *reader) str() string {
	b := r.bytes()
	if r.blob == "" || r.err != nil {
		return string(b)
	}
	end := r.total - len(r.b)
	return r.blob[end-len(b) : end]
}

// count reads a list length, refusing one longer than the bytes left.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = errShort
		return 0
	}
	return int(n)
}

func decodeSummary(b []byte, s *domain.Summary) error {
	if len(b) == 0 || (b[0] != summaryV1 && b[0] != summaryV2) {
		return errors.New("summary record has an unknown encoding")
	}
	version := b[0]
	// One allocation for all of the record's strings.
	r := reader{b: b[1:], blob: string(b[1:]), total: len(b) - 1}
	s.ID = r.uvarint()
	s.Name = r.str()
	s.Industry = r.str()
	s.Segment = r.str()
	s.Owner = r.str()
	s.Tier = domain.Tier(r.str())
	s.Stage = domain.Stage(r.str())
	s.ARR.Currency = r.str()
	if nt := r.uvarint(); nt > 0 && r.err == nil {
		if nt > uint64(len(r.b)) {
			return errShort
		}
		s.Tags = make([]string, nt)
		for i := range s.Tags {
			s.Tags[i] = r.str()
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
	if n := r.count(); n > 0 {
		s.Items = make([]domain.ItemRef, n)
		for i := range s.Items {
			s.Items[i] = domain.ItemRef{ID: r.uvarint(), Due: domain.Date(r.varint()), Text: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		s.Escalations = make([]domain.RiskRef, n)
		for i := range s.Escalations {
			s.Escalations[i] = domain.RiskRef{ID: r.uvarint(), Severity: domain.Severity(r.str()), Title: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		s.Goals = make([]domain.GoalRef, n)
		for i := range s.Goals {
			s.Goals[i] = domain.GoalRef{ID: r.uvarint(), Title: r.str(), Start: domain.Date(r.varint()), Due: domain.Date(r.varint()), Progress: math.Float64frombits(r.uvarint())}
		}
	}
	if n := r.count(); n > 0 {
		s.Opps = make([]domain.OppRef, n)
		for i := range s.Opps {
			s.Opps[i] = domain.OppRef{ID: r.uvarint(), Title: r.str(), Kind: domain.OppKind(r.str()), CloseDate: domain.Date(r.varint())}
		}
	}
	if n := r.count(); n > 0 {
		s.Onboarding = make([]domain.Date, n)
		for i := range s.Onboarding {
			s.Onboarding[i] = domain.Date(r.varint())
		}
	}
	if n := r.count(); n > 0 {
		s.Snoozes = make([]domain.SnoozeRef, n)
		for i := range s.Snoozes {
			s.Snoozes[i] = domain.SnoozeRef{Key: r.str(), Until: domain.Date(r.varint())}
		}
	}
	if n := r.count(); n > 0 {
		s.ContactNames = make([]string, n)
		for i := range s.ContactNames {
			s.ContactNames[i] = r.str()
		}
	}
	if version >= summaryV2 {
		s.UID = r.str()
	}
	return r.err
}

// Metrics are the dated facts of one account that the KPI report reads for
// the whole book: ARR history, orders, survey answers and won expansions.
// Derived from the JSON records on every write, like the summary; amounts are
// in the account's currency.
//
// Enums are written as stable codes (oppKindCode), never as the index of a Go
// slice: reordering domain.OppKinds must not change what stored bytes mean.
const (
	metricsV1 = 1 // opportunity kinds as the index of OppKinds as it was in schema 1
	metricsV2 = 2 // opportunity kinds as oppKindCode
	metricsV3 = 3 // as v2, then the currency of each amount that is not the account's (acquisition cost, ARR changes, orders, won opportunities)
)

var oppKindCode = map[domain.OppKind]byte{domain.OppUpsell: 1, domain.OppCrossSell: 2, domain.OppExpansion: 3, domain.OppRenewal: 4, domain.OppNewBusiness: 5}

// oppKindOfCode decodes an opportunity kind of a metrics record of version v.
func oppKindOfCode(v, c byte) (domain.OppKind, bool) {
	if v == metricsV1 {
		c++ // schema 1 wrote the index of [upsell, cross-sell, expansion, renewal]
	}
	for k, code := range oppKindCode {
		if code == c {
			return k, true
		}
	}
	return "", false
}

func encodeMetrics(b []byte, a *domain.Account, arr []domain.ARRChange, orders []domain.Order, surveys []domain.SurveyResponse, opps []domain.Opportunity) []byte {
	b = append(b, metricsV3)
	for _, s := range []string{a.Name, a.Segment, string(a.Tier), a.Owner, string(a.Stage), a.ARR.Currency} {
		b = appendString(b, s)
	}
	for _, v := range []int64{int64(a.ContractStart), int64(a.ClosedOn), a.AcquisitionCost.Amount} {
		b = binary.AppendVarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(arr)))
	for _, c := range arr {
		b = binary.AppendVarint(b, int64(c.Date))
		b = binary.AppendVarint(b, c.ARR.Amount)
	}
	b = binary.AppendUvarint(b, uint64(len(orders)))
	for _, o := range orders {
		b = binary.AppendVarint(b, int64(o.Date))
		b = binary.AppendVarint(b, o.Amount.Amount)
	}
	b = binary.AppendUvarint(b, uint64(len(surveys)))
	for _, r := range surveys {
		k := byte(0)
		if r.Kind == domain.SurveyCSAT {
			k = 1
		}
		b = append(b, k)
		b = binary.AppendVarint(b, int64(r.Date))
		b = binary.AppendVarint(b, int64(r.Score))
	}
	var won []domain.Opportunity
	for _, o := range opps {
		if o.Stage == domain.OppWon && o.Kind.Grows() {
			won = append(won, o)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(won)))
	for _, o := range won {
		b = append(b, oppKindCode[o.Kind])
		b = binary.AppendVarint(b, int64(o.ClosedOn))
		b = binary.AppendVarint(b, o.Value.Amount)
	}
	// v3: each amount's currency when it is not the account's ("" when it is).
	own := func(c string) string {
		if c == a.ARR.Currency {
			return ""
		}
		return c
	}
	b = appendString(b, own(a.AcquisitionCost.Currency))
	for _, c := range arr {
		b = appendString(b, own(c.ARR.Currency))
	}
	for _, o := range orders {
		b = appendString(b, own(o.Amount.Currency))
	}
	for _, o := range won {
		b = appendString(b, own(o.Value.Currency))
	}
	return b
}

// internStage is the stage as its constant, so that the report's many
// comparisons with it are pointer checks.
func internStage(st domain.Stage) domain.Stage {
	for _, c := range domain.Stages {
		if st == c {
			return c
		}
	}
	return st
}

// decodeMetrics reads one account's facts into acct and appends its dated
// records to the KPI input; it returns the account's currency.
func decodeMetrics(v []byte, acct *domain.KPIAccount, in *domain.KPIInput) (string, error) {
	if len(v) == 0 || (v[0] != metricsV1 && v[0] != metricsV2 && v[0] != metricsV3) {
		return "", errors.New("metrics record has an unknown encoding")
	}
	version := v[0]
	r := reader{b: v[1:], blob: string(v[1:]), total: len(v) - 1}
	acct.Name, acct.Segment, acct.Tier, acct.Owner, acct.Stage = r.str(), r.str(), domain.Tier(r.str()), r.str(), internStage(domain.Stage(r.str()))
	cur := domain.InternCurrency(r.str())
	acct.Currency = cur
	firstOrder, firstWin := len(in.Orders), len(in.Wins)
	acct.ContractStart, acct.ClosedOn, acct.AcquisitionCost = domain.Date(r.varint()), domain.Date(r.varint()), r.varint()
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		return cur, errShort
	}
	acct.ARR = make([]domain.ARRChange, n)
	for i := range acct.ARR {
		acct.ARR[i] = domain.ARRChange{AccountID: acct.ID, Date: domain.Date(r.varint()), ARR: domain.Money{Amount: r.varint(), Currency: cur}}
	}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		in.Orders = append(in.Orders, domain.KPIOrder{AccountID: acct.ID, Date: domain.Date(r.varint()), Amount: r.varint()})
	}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		if len(r.b) == 0 {
			return cur, errShort
		}
		csat := r.b[0] == 1
		r.b = r.b[1:]
		in.Surveys = append(in.Surveys, domain.KPISurvey{AccountID: acct.ID, CSAT: csat, Date: domain.Date(r.varint()), Score: int8(r.varint())})
	}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		if len(r.b) == 0 {
			return cur, errShort
		}
		k, ok := oppKindOfCode(version, r.b[0])
		if !ok {
			return cur, errors.New("metrics record names an unknown opportunity kind")
		}
		r.b = r.b[1:]
		in.Wins = append(in.Wins, domain.KPIWin{AccountID: acct.ID, Kind: k, Date: domain.Date(r.varint()), Value: r.varint()})
	}
	if version < metricsV3 || r.err != nil {
		return cur, r.err // before v3 every amount was taken to be in the account's currency
	}
	own := func(c string) string {
		if c == "" {
			return cur
		}
		return domain.InternCurrency(c)
	}
	acct.AcqCurrency = own(r.str())
	for i := range acct.ARR {
		acct.ARR[i].ARR.Currency = own(r.str())
	}
	for i := firstOrder; i < len(in.Orders); i++ {
		in.Orders[i].Currency = own(r.str())
	}
	for i := firstWin; i < len(in.Wins); i++ {
		in.Wins[i].Currency = own(r.str())
	}
	return cur, r.err
}
