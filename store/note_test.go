package store

import "github.com/tend-cli/tend/domain"

// Note and SaveNote give the store's own tests a quick way to write a note
// and the action items its "- [ ]" lines name (the use case itself, which
// also drops the draft and checks the account, is app.SaveNote).
type Note struct {
	AccountID uint64
	Text      string
}

func (t *Tx) SaveNote(n Note) (domain.Interaction, error) {
	in := domain.Interaction{AccountID: n.AccountID, Channel: domain.ChannelCall, Summary: n.Text}
	if err := t.AddInteraction(&in); err != nil {
		return in, err
	}
	for _, it := range domain.ParseNote(n.Text, t.Today()).Items {
		if err := t.PutActionItem(&domain.ActionItem{AccountID: n.AccountID, Text: it.Text, Due: it.Due, Source: in.ID}); err != nil {
			return in, err
		}
	}
	return in, nil
}
