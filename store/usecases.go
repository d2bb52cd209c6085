package store

import (
	"github.com/tend-cli/tend/domain"
)

// Detail is everything the account pane shows, read in one transaction,
// and the cursor of the interactions' next page.
type Detail struct {
	domain.AccountDetail
	Next Cursor
}

// PageSize is how many interactions a page holds.
const PageSize = 50

// Detail reads the account pane's data.
func (t *Tx) Detail(id uint64) (Detail, error) {
	var d Detail
	var err error
	if d.Account, err = t.Account(id); err != nil {
		return d, err
	}
	if d.Summary, err = t.Summary(id); err != nil {
		return d, err
	}
	if d.Contacts, err = t.Contacts(id); err != nil {
		return d, err
	}
	if d.Interactions, d.Next, err = t.Interactions(id, Cursor{}, PageSize); err != nil {
		return d, err
	}
	if d.Opportunities, err = t.Opportunities(id); err != nil {
		return d, err
	}
	if d.Risks, err = t.Risks(id); err != nil {
		return d, err
	}
	if d.Wins, err = t.Wins(id); err != nil {
		return d, err
	}
	if d.Plan, err = t.Plan(id); err != nil {
		return d, err
	}
	if d.Items, err = t.ActionItems(id); err != nil {
		return d, err
	}
	if d.Surveys, err = t.Surveys(id); err != nil {
		return d, err
	}
	if d.ARRHistory, err = t.ARRHistory(id); err != nil {
		return d, err
	}
	return d, nil
}
