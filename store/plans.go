package store

// Plans: goals, strategies and onboarding, one per account.

import (
	"github.com/tend-cli/tend/domain"
)

// Plan of the account (an empty plan when none is stored).
func (t *Tx) Plan(acct uint64) (domain.Plan, error) {
	p := domain.Plan{AccountID: acct}
	_, err := getJSON(t.b(bPlans), u64(acct), &p)
	return p, err
}

// PutPlan validates and stores the plan, giving new goals IDs.
func (t *Tx) PutPlan(p *domain.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.mustAccount(p.AccountID); err != nil {
		return err
	}
	var stored domain.Plan
	if _, err := getJSON(t.b(bPlans), u64(p.AccountID), &stored); err != nil {
		return err
	}
	for i := range p.Goals {
		g := &p.Goals[i]
		if g.ID == 0 {
			id, err := t.nextID(bPlans)
			if err != nil {
				return err
			}
			g.ID = id
		} else if err := keepID(t.b(bPlans), g.ID); err != nil {
			return err
		}
		g.UID = uidOf(g.UID, func() string {
			for _, o := range stored.Goals {
				if o.ID == g.ID {
					return o.UID
				}
			}
			return ""
		})
	}
	p.Updated = t.now()
	t.touch(p.AccountID)
	return putJSON(t.b(bPlans), u64(p.AccountID), p)
}
