package store

import (
	"github.com/tend-cli/tend/domain/demo"
)

// PutBundle writes one generated account with everything that belongs to it.
func (t *Tx) PutBundle(b *demo.Bundle) error {
	a := b.Account
	a.ID = 0
	if err := t.PutAccount(&a); err != nil {
		return err
	}
	// PutAccount recorded today's ARR; the generated history replaces it.
	if err := deletePrefix(t.b(bARR), u64(a.ID)); err != nil {
		return err
	}
	for _, h := range b.ARRHistory {
		h.AccountID = a.ID
		if err := t.PutARRChange(&h); err != nil {
			return err
		}
	}
	ids := make([]uint64, len(b.Contacts))
	for i := range b.Contacts {
		c := b.Contacts[i]
		c.AccountID = a.ID
		if err := t.PutContact(&c); err != nil {
			return err
		}
		ids[i] = c.ID
	}
	contact := func(idx uint64) uint64 {
		if idx >= 1 && int(idx) <= len(ids) {
			return ids[idx-1]
		}
		return 0
	}
	for i := range b.Interactions {
		in := b.Interactions[i]
		in.AccountID = a.ID
		att := make([]uint64, 0, len(in.Attendees))
		for _, x := range in.Attendees {
			if id := contact(x); id != 0 {
				att = append(att, id)
			}
		}
		in.Attendees = att
		if err := t.AddInteraction(&in); err != nil {
			return err
		}
	}
	if len(b.Plan.Goals)+len(b.Plan.Strategies)+len(b.Plan.Onboarding) > 0 {
		p := b.Plan
		p.AccountID = a.ID
		if err := t.PutPlan(&p); err != nil {
			return err
		}
	}
	for _, x := range b.Items {
		x.AccountID = a.ID
		if err := t.PutActionItem(&x); err != nil {
			return err
		}
	}
	for _, x := range b.Opportunities {
		x.AccountID = a.ID
		if err := t.PutOpportunity(&x); err != nil {
			return err
		}
	}
	for _, x := range b.Risks {
		x.AccountID = a.ID
		if err := t.PutRisk(&x); err != nil {
			return err
		}
	}
	for _, x := range b.Orders {
		x.AccountID = a.ID
		if err := t.PutOrder(&x); err != nil {
			return err
		}
	}
	for _, x := range b.Surveys {
		x.AccountID = a.ID
		x.ContactID = contact(x.ContactID)
		if err := t.PutSurvey(&x); err != nil {
			return err
		}
	}
	for _, x := range b.Wins {
		x.AccountID = a.ID
		if err := t.PutWin(&x); err != nil {
			return err
		}
	}
	if b.HealthLastMonth >= 0 {
		t.healthPrev(a.ID, b.HealthLastMonth)
	}
	return nil
}

// healthPrev seeds the previous month's health of a freshly written account
// (applied when its summary is refreshed at commit).
func (t *Tx) healthPrev(acct uint64, score int) {
	if t.seedPrev == nil {
		t.seedPrev = map[uint64]int{}
	}
	t.seedPrev[acct] = score
}

// Generate writes a generated book in batches of accounts, each batch one
// transaction, calling progress after each batch with the accounts written.
func (s *Store) Generate(o demo.Options, progress func(done int)) error {
	const batch = 500
	var pending []demo.Bundle
	done := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := s.Update(func(tx *Tx) error {
			for i := range pending {
				if err := tx.PutBundle(&pending[i]); err != nil {
					return err
				}
			}
			return nil
		})
		done += len(pending)
		pending = pending[:0]
		if err == nil && progress != nil {
			progress(done)
		}
		return err
	}
	err := demo.Generate(o, func(b *demo.Bundle) error {
		pending = append(pending, *b)
		if len(pending) == batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
