package store

import (
	"time"

	"github.com/tend-cli/tend/domain"
)

// Note is a note to save: the text and how the conversation happened.
type Note struct {
	AccountID uint64
	Text      string
	Channel   domain.Channel
	Sentiment domain.Sentiment
	Attendees []uint64
	At        time.Time // when the conversation happened; now when zero
}

// NoteResult says what saving a note created.
type NoteResult struct {
	Interaction domain.Interaction
	Items       []domain.ActionItem
	Problems    []string
}

// SaveNote stores the note as an interaction, turns its `- [ ] text @due`
// lines into action items linked to it, and drops the account's draft, in one
// transaction: either all of it is committed (and fsynced) or none.
func (t *Tx) SaveNote(n Note) (NoteResult, error) {
	var res NoteResult
	if n.Channel == "" {
		n.Channel = domain.ChannelCall
	}
	in := domain.Interaction{AccountID: n.AccountID, At: n.At, Channel: n.Channel, Sentiment: n.Sentiment, Attendees: n.Attendees, Summary: n.Text}
	if err := t.AddInteraction(&in); err != nil {
		return res, err
	}
	res.Interaction = in
	parsed := domain.ParseNote(n.Text, domain.DateOf(in.At.In(t.s.loc())))
	res.Problems = parsed.Problems
	for _, it := range parsed.Items {
		a := domain.ActionItem{AccountID: n.AccountID, Text: it.Text, Due: it.Due, Source: in.ID}
		if err := t.PutActionItem(&a); err != nil {
			return res, err
		}
		res.Items = append(res.Items, a)
	}
	return res, t.DeleteDraft(n.AccountID)
}

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
	return d, nil
}
