package domain

import (
	"net/url"
	"strings"
	"time"
)

// Handoff is the sales hand-off brief: what the customer bought and was told.
type Handoff struct {
	Products []string `json:"products,omitempty"`
	Promises []string `json:"promises,omitempty"`
	Concerns []string `json:"concerns,omitempty"`
}

// Account is one customer.
//
// Every record has two ids: ID is the short per-book number (#N) people type,
// assigned by the book that stores the record and never used to match records
// across books; UID is the global identity (a UUIDv7, time-ordered) that the
// record keeps in exports, imports and (later) sync.
type Account struct {
	ID         uint64 `json:"id"`
	UID        string `json:"uid,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
	// ExternalCRM is whose record id ExternalID is ("hubspot", "salesforce",
	// or "csv:<column>" for another export): an id matches only the same
	// CRM's. "" (an account from before it was kept): any import's.
	ExternalCRM     string            `json:"external_crm,omitempty"`
	Name            string            `json:"name"`
	Industry        string            `json:"industry,omitempty"`
	Segment         string            `json:"segment,omitempty"`
	Employees       int               `json:"employees,omitempty"`
	Tier            Tier              `json:"tier"`
	Stage           Stage             `json:"stage"`
	ClosedOn        Date              `json:"closed_on,omitzero"`
	ClosedReason    string            `json:"closed_reason,omitempty"`
	ExitFeedback    string            `json:"exit_feedback,omitempty"`
	Owner           string            `json:"owner,omitempty"`
	AccountExec     string            `json:"account_exec,omitempty"`
	Website         string            `json:"website,omitempty"`
	Tags            []string          `json:"tags,omitempty"`
	ARR             Money             `json:"arr"`
	CompanyRevenue  Money             `json:"company_revenue,omitzero"` // the customer company's own annual revenue (a CRM's "Annual Revenue"), never ARR
	ContractStart   Date              `json:"contract_start,omitzero"`
	Renewal         Date              `json:"renewal,omitzero"`
	NoticeDays      int               `json:"renewal_notice_days"`
	CadenceDays     int               `json:"cadence_days"`
	AcquisitionCost Money             `json:"acquisition_cost"`
	GrowthPotential int               `json:"growth_potential"`
	Replaceability  int               `json:"replaceability"`
	Handoff         Handoff           `json:"handoff"`
	Competitors     []string          `json:"competitors,omitempty"`
	Custom          map[string]string `json:"custom,omitempty"`
	Created         time.Time         `json:"created"`
	Updated         time.Time         `json:"updated"`
}

// Defaults for new accounts.
const (
	DefaultNoticeDays  = 90
	DefaultCadenceDays = 30
)

// NewAccount is an account with the defaults a person would expect.
func NewAccount(name string) Account {
	return Account{
		Name: name, Tier: TierRelationship, Stage: StageOnboarding,
		ARR: Money{Currency: DefaultCurrency}, AcquisitionCost: Money{Currency: DefaultCurrency},
		NoticeDays: DefaultNoticeDays, CadenceDays: DefaultCadenceDays,
		GrowthPotential: 3, Replaceability: 3,
	}
}

// CustomerOn is the one rule for "a customer on day d": not a prospect, a
// contract start on or before d, and not closed on or before d. An account
// without a contract start is a prospect: it is a customer in no period, so
// that adding or importing one today never changes a past period's figures.
// Accounts, summaries, triage, key accounts and the KPI report all ask it.
func CustomerOn(stage Stage, start, closed, d Date) bool {
	if stage == StageProspecting || start.IsZero() || start > d {
		return false
	}
	return closed.IsZero() || closed > d
}

// StageShown is the lifecycle stage to show for an account: its stage, except
// that an account that is not closed and has no contract start is a prospect
// whatever its stage says (see CustomerOn).
func StageShown(stage Stage, start Date) Stage {
	if start.IsZero() && stage != StageClosed {
		return StageProspecting
	}
	return stage
}

// Active reports whether the account is a customer on d (see CustomerOn).
func (a *Account) Active(d Date) bool { return CustomerOn(a.Stage, a.ContractStart, a.ClosedOn, d) }

// Validate reports every problem with the account, each naming its field.
func (a *Account) Validate() error {
	var v validator
	checkUID(&v, a.UID)
	checkName(&v, "name", a.Name, true, 200)
	checkTime(&v, "created", a.Created)
	checkTime(&v, "updated", a.Updated)
	for _, f := range []struct{ name, val string }{{"industry", a.Industry}, {"segment", a.Segment}, {"owner", a.Owner}, {"account_exec", a.AccountExec}, {"closed_reason", a.ClosedReason}} {
		checkName(&v, f.name, f.val, false, 200)
	}
	checkName(&v, "exit_feedback", a.ExitFeedback, false, 10000)
	v.check(oneOf(Tiers, a.Tier), "tier", string(a.Tier), "want one of transactional, relationship, strategic, key")
	v.check(oneOf(Stages, a.Stage), "stage", string(a.Stage), "want one of prospecting, onboarding, relationship-building, development, retention, closed")
	if a.Stage == StageClosed {
		v.check(!a.ClosedOn.IsZero(), "closed_on", "", "a closed account needs the date it closed")
		v.check(strings.TrimSpace(a.ClosedReason) != "", "closed_reason", "", "a closed account needs the reason it closed")
	}
	v.check(a.Employees >= 0 && a.Employees <= 10_000_000, "employees", itoa(a.Employees), "must be between 0 and 10,000,000")
	if a.Website != "" {
		v.check(validWebsite(a.Website), "website", a.Website, "want a domain like example.com")
	}
	checkMoney(&v, "arr", a.ARR)
	checkMoney(&v, "acquisition_cost", a.AcquisitionCost)
	checkMoney(&v, "company_revenue", a.CompanyRevenue)
	checkDate(&v, "contract_start", a.ContractStart)
	checkDate(&v, "renewal", a.Renewal)
	checkDate(&v, "closed_on", a.ClosedOn)
	if !a.ContractStart.IsZero() && !a.Renewal.IsZero() {
		v.check(a.Renewal > a.ContractStart, "renewal", a.Renewal.String(), "must be after the contract start %s", a.ContractStart)
	}
	v.check(a.NoticeDays >= 0 && a.NoticeDays <= 365, "renewal_notice_days", itoa(a.NoticeDays), "must be between 0 and 365")
	v.check(a.CadenceDays >= 1 && a.CadenceDays <= 365, "cadence_days", itoa(a.CadenceDays), "must be between 1 and 365")
	v.check(a.GrowthPotential >= 1 && a.GrowthPotential <= 5, "growth_potential", itoa(a.GrowthPotential), "must be 1 to 5")
	v.check(a.Replaceability >= 1 && a.Replaceability <= 5, "replaceability", itoa(a.Replaceability), "must be 1 to 5")
	v.check(len(a.Tags) <= 50, "tags", "", "at most 50 tags")
	for _, t := range a.Tags {
		checkName(&v, "tags", t, true, 50)
	}
	return v.err()
}

// ValidateLifecycle refuses what cannot happen in an account's life: a
// closure before its contract start. It is asked where an account is
// written (store.PutAccount, an import's rows), not by Validate, so that a
// file written before the rule still checks and restores.
func (a *Account) ValidateLifecycle() error {
	if !a.ContractStart.IsZero() && !a.ClosedOn.IsZero() && a.ClosedOn < a.ContractStart {
		return Invalid("closed_on", a.ClosedOn.String(), "the account closed before its contract started (%s)", a.ContractStart)
	}
	return nil
}

// Domain is the website's host without www., lowercased, for matching.
func Domain(website string) string {
	w := strings.ToLower(strings.TrimSpace(website))
	if !strings.Contains(w, "://") {
		w = "http://" + w
	}
	u, err := url.Parse(w)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func validWebsite(s string) bool {
	d := Domain(s)
	return d != "" && strings.Contains(d, ".") && !strings.ContainsAny(d, " \t") && len(s) <= 300
}
