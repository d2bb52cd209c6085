package domain

// An account with everything that belongs to it, as a full export carries it.

// AccountRecords is one account with everything that belongs to it, as a
// full export carries it (lossless: IDs and timestamps kept).
type AccountRecords struct {
	Account       Account          `json:"account"`
	Contacts      []Contact        `json:"contacts"`
	Interactions  []Interaction    `json:"interactions"`
	Plan          *Plan            `json:"plan,omitempty"`
	ActionItems   []ActionItem     `json:"action_items"`
	Opportunities []Opportunity    `json:"opportunities"`
	Risks         []Risk           `json:"risks"`
	Orders        []Order          `json:"orders"`
	Surveys       []SurveyResponse `json:"surveys"`
	Wins          []Win            `json:"wins"`
	ARRHistory    []ARRChange      `json:"arr_history"`
	Snoozes       []Snooze         `json:"snoozes,omitempty"`
	Draft         *Draft           `json:"draft,omitempty"`
}

// RecordRef is one record of an account, for code that treats every kind
// alike (checking identities, remembering what an import gave).
type RecordRef struct {
	Kind  string // "contact", "interaction", "action item", "opportunity", "risk", "order", "survey answer", "win", "goal"
	Label string // what a person recognises it by: a name, a title, a date
	ID    uint64
	UID   string
	Value any // a pointer to the record
}

// Records lists the account's records (not the account itself), goals
// included, in a fixed order of kinds.
func (r *AccountRecords) Records() []RecordRef {
	out := make([]RecordRef, 0, len(r.Contacts)+len(r.Interactions)+len(r.ActionItems)+len(r.Opportunities)+len(r.Risks)+len(r.Orders)+len(r.Surveys)+len(r.Wins))
	for i := range r.Contacts {
		x := &r.Contacts[i]
		out = append(out, RecordRef{"contact", x.Name, x.ID, x.UID, x})
	}
	for i := range r.Interactions {
		x := &r.Interactions[i]
		out = append(out, RecordRef{"interaction", x.At.UTC().Format("2006-01-02") + " " + string(x.Channel), x.ID, x.UID, x})
	}
	for i := range r.ActionItems {
		x := &r.ActionItems[i]
		out = append(out, RecordRef{"action item", x.Text, x.ID, x.UID, x})
	}
	for i := range r.Opportunities {
		x := &r.Opportunities[i]
		out = append(out, RecordRef{"opportunity", x.Title, x.ID, x.UID, x})
	}
	for i := range r.Risks {
		x := &r.Risks[i]
		out = append(out, RecordRef{"risk", x.Title, x.ID, x.UID, x})
	}
	for i := range r.Orders {
		x := &r.Orders[i]
		out = append(out, RecordRef{"order", x.Date.String(), x.ID, x.UID, x})
	}
	for i := range r.Surveys {
		x := &r.Surveys[i]
		out = append(out, RecordRef{"survey answer", string(x.Kind) + " " + x.Date.String(), x.ID, x.UID, x})
	}
	for i := range r.Wins {
		x := &r.Wins[i]
		out = append(out, RecordRef{"win", x.Title, x.ID, x.UID, x})
	}
	if r.Plan != nil {
		for i := range r.Plan.Goals {
			x := &r.Plan.Goals[i]
			out = append(out, RecordRef{"goal", x.Title, x.ID, x.UID, x})
		}
	}
	return out
}
