package app

import (
	"io"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// AddAccount validates a new account and stores it; a on return carries its
// ID. An invalid account fails with EINVALID errors naming each field.
func AddAccount(st Store, a *domain.Account) error {
	return OneLine(st.Update(func(tx *store.Tx) error { return tx.PutAccount(a) }))
}

// AccountRow is one account of the book as a list shows it.
type AccountRow struct {
	ID        uint64       `json:"id"`
	Name      string       `json:"name"`
	Segment   string       `json:"segment,omitempty"`
	Tier      domain.Tier  `json:"tier"`
	Stage     domain.Stage `json:"stage"`
	Owner     string       `json:"owner,omitempty"`
	ARR       domain.Money `json:"arr"`
	Renewal   domain.Date  `json:"renewal,omitzero"`   // none once closed: a closed account does not renew
	ClosedOn  domain.Date  `json:"closed_on,omitzero"` // a closed account: the day it closed
	Health    int          `json:"health"`
	Band      string       `json:"health_band"`
	LastTouch domain.Date  `json:"last_touch,omitzero"`
	OpenItems int          `json:"open_items"`
	Overdue   int          `json:"overdue_items"`
}

// ListAccounts returns every account of the book with its health on today.
func ListAccounts(st Store, today domain.Date) ([]AccountRow, error) {
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		return nil, err
	}
	rows := make([]AccountRow, len(sums))
	for i := range sums {
		s := &sums[i]
		h := domain.Health(s, today)
		rows[i] = AccountRow{ID: s.ID, Name: s.Name, Segment: s.Segment, Tier: s.Tier, Stage: domain.StageShown(s.Stage, s.ContractStart), Owner: s.Owner, ARR: s.ARR,
			Renewal: s.Renewal, Health: h.Score, Band: h.Band, LastTouch: s.LastTouch, OpenItems: s.OpenItems(), Overdue: s.Overdue(today)}
		if s.Stage == domain.StageClosed {
			rows[i].Renewal, rows[i].ClosedOn = 0, s.ClosedOn
		}
	}
	return rows, nil
}

// AccountView is everything about one account, as `tend account show` gives it.
type AccountView struct {
	Account       domain.Account          `json:"account"`
	Health        domain.HealthReport     `json:"health"`
	Contacts      []domain.Contact        `json:"contacts"`
	Interactions  []domain.Interaction    `json:"recent_interactions"`
	Opportunities []domain.Opportunity    `json:"opportunities"`
	Risks         []domain.Risk           `json:"risks"`
	Wins          []domain.Win            `json:"wins"`
	Plan          domain.Plan             `json:"plan"`
	ActionItems   []domain.ActionItem     `json:"action_items"`
	Surveys       []domain.SurveyResponse `json:"surveys"`
	ARRHistory    []domain.ARRChange      `json:"arr_history"`
}

// ShowAccount reads one account, found by what a person typed (a name, a
// unique part of one, #N or a UID): ENOTFOUND or EAMBIGUOUS when it is not one.
func ShowAccount(st Store, q string, today domain.Date) (AccountView, error) {
	var d store.Detail
	err := st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccount(q)
		if err != nil {
			return err
		}
		d, err = tx.Detail(s.ID)
		return err
	})
	if err != nil {
		return AccountView{}, OneLine(err)
	}
	return AccountView{Account: d.Account, Health: domain.Health(&d.Summary, today), Contacts: d.Contacts, Interactions: d.Interactions,
		Opportunities: d.Opportunities, Risks: d.Risks, Wins: d.Wins, Plan: d.Plan, ActionItems: d.Items, Surveys: d.Surveys, ARRHistory: d.ARRHistory}, nil
}

// DeleteAccount deletes an account and everything it owns. It takes the exact
// name (case and spacing aside), #N or a UID, never a part of a name: a
// partial match deletes nothing and fails with EAMBIGUOUS listing the
// candidates. It returns what was deleted.
func DeleteAccount(st Store, q string) (domain.Summary, error) {
	var s domain.Summary
	err := st.Update(func(tx *store.Tx) (err error) {
		if s, err = tx.FindAccountExact(q); err != nil {
			return err
		}
		return tx.DeleteAccount(s.ID)
	})
	if err != nil {
		return domain.Summary{}, OneLine(err)
	}
	return s, nil
}

// WriteBrief writes the Markdown brief of one account (found as ShowAccount
// finds it): profile, stakeholders, plan and recent timeline.
func WriteBrief(st Store, w io.Writer, q string, today domain.Date) error {
	return st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccount(q)
		if err != nil {
			return err
		}
		d, err := tx.Detail(s.ID)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, formats.AccountBrief(&d.AccountDetail, today))
		return err
	})
}
