package domain

// Full-text search: the documents a book's records make (one per note,
// contact, item, goal, risk, opportunity, hand-off brief and custom field).

import (
	"sort"
	"strings"
	"time"
)

// TextDoc is one searchable record of an account.
type TextDoc struct {
	Acct  uint64
	Kind  string // one of TextKinds
	RecID uint64 // the record's number; 0 for the hand-off brief
	Field string // a custom field's name
	Date  time.Time
	Owner string // the account's owner
	Text  string
}

// TextDocs lists the searchable documents of one account. Notes are indexed
// with their current text only: the revisions an edit keeps are history,
// shown by the note's reader, and a search that found words a note no
// longer says would open a note that does not say them.
func TextDocs(r *AccountRecords) []TextDoc {
	a := &r.Account
	out := make([]TextDoc, 0, len(r.Interactions)+len(r.Contacts)+len(r.ActionItems)+len(r.Risks)+len(r.Opportunities)+len(a.Custom)+8)
	add := func(kind string, id uint64, date time.Time, text ...string) {
		t := JoinNonEmpty(text)
		if t == "" {
			return
		}
		out = append(out, TextDoc{Acct: a.ID, Kind: kind, RecID: id, Date: date.UTC(), Owner: a.Owner, Text: t})
	}
	for i := range r.Interactions {
		x := &r.Interactions[i]
		add(TextNote, x.ID, x.At, x.Summary)
	}
	for i := range r.Contacts {
		x := &r.Contacts[i]
		add(TextContact, x.ID, x.Created, x.Name, x.Title, x.Email)
	}
	for i := range r.ActionItems {
		x := &r.ActionItems[i]
		d := x.Created
		if !x.Due.IsZero() {
			d = x.Due.Time()
		}
		add(TextItem, x.ID, d, x.Text)
	}
	if r.Plan != nil {
		for i := range r.Plan.Goals {
			g := &r.Plan.Goals[i]
			d := g.Due.Time()
			if g.Due.IsZero() {
				d = r.Plan.Updated
			}
			add(TextGoal, g.ID, d, g.Title, g.Metric)
		}
	}
	for i := range r.Risks {
		x := &r.Risks[i]
		add(TextRisk, x.ID, x.Opened.Time(), x.Title, x.Detail)
	}
	for i := range r.Opportunities {
		x := &r.Opportunities[i]
		d := x.CloseDate.Time()
		if x.CloseDate.IsZero() {
			d = a.Updated
		}
		add(TextOpportunity, x.ID, d, x.Title)
	}
	h := &a.Handoff
	hd := a.Created
	if !a.ContractStart.IsZero() {
		hd = a.ContractStart.Time()
	}
	add(TextHandoff, 0, hd, HandoffText(h))
	names := make([]string, 0, len(a.Custom))
	for k := range a.Custom {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if v := a.Custom[k]; strings.TrimSpace(v) != "" {
			out = append(out, TextDoc{Acct: a.ID, Kind: TextField, Field: k, Date: a.Updated.UTC(), Owner: a.Owner, Text: k + ": " + v})
		}
	}
	return out
}

// HandoffText is the brief as one text: products, promises, concerns.
func HandoffText(h *Handoff) string {
	var parts []string
	if len(h.Products) > 0 {
		parts = append(parts, "Bought: "+strings.Join(h.Products, ", "))
	}
	if len(h.Promises) > 0 {
		parts = append(parts, "Promised: "+strings.Join(h.Promises, "; "))
	}
	if len(h.Concerns) > 0 {
		parts = append(parts, "Concerns: "+strings.Join(h.Concerns, "; "))
	}
	return strings.Join(parts, ". ")
}

// JoinNonEmpty joins the non-blank strings with " · ".
func JoinNonEmpty(s []string) string {
	var parts []string
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			parts = append(parts, x)
		}
	}
	return strings.Join(parts, " · ")
}
