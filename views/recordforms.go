package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/tend-cli/tend/domain"
)

// Forms of the records browser: add (pick the kind, then its form), edit
// (one form per kind, filled in), delete (a confirmation naming the record)
// and a goal's progress. What they save is a SaveRecordMsg naming the record
// picked (its number and UID), so the write lands on that record or nowhere.

// NoteRequestMsg asks to open the note editor on an account (a new note).
type NoteRequestMsg struct{ Account Ref }

// maxFormNoteLines is the most lines a note's text may have to be edited in
// a form (the text area keeps no more: a longer note would lose its end).
const maxFormNoteLines = 99

// asRecord makes a form that saves a record of its own kind (SaveContactMsg,
// SaveRiskMsg …) save it as the record rec instead (SaveRecordMsg): the
// same fields, pinned to that record (its number and UID), and undoable.
func asRecord(f *Form, acct Ref, rec Record) *Form {
	inner := f.submit
	f.submit = func() (tea.Msg, error) {
		out, err := inner()
		if err != nil {
			return out, err
		}
		var v any
		switch m := out.(type) {
		case SaveContactMsg:
			v = m.Contact
		case SaveRiskMsg:
			v = m.Risk
		case SaveOpportunityMsg:
			v = m.Opportunity
		case SaveWinMsg:
			v = m.Win
		case SaveItemMsg:
			v = m.Item
		case AddGoalMsg:
			v = m.Goal
		default:
			return out, nil
		}
		return SaveRecordMsg{Account: acct, Record: Record{Kind: rec.Kind, ID: rec.ID, UID: rec.UID, Label: rec.Label, Value: v, Was: rec.Value}}, nil
	}
	return f
}

// recordOf is a record the account pane lists (a contact, a risk) as the
// record a form edits: its kind, number, UID and label.
func recordOf(kind string, v any) Record {
	r := Record{Kind: kind, Value: v}
	switch x := v.(type) {
	case domain.Contact:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Name
	case domain.Risk:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Title
	}
	return r
}

// AddRecordForm asks which kind of record to add, then opens its form (a
// note opens the note editor, whose drafts keep what is typed).
func AddRecordForm(acct Ref, contacts []domain.Contact, currency string, today domain.Date) *Form {
	kind := KindContact
	opts := make([]huh.Option[string], len(RecordKinds))
	for i, k := range RecordKinds {
		opts[i] = huh.NewOption(KindName(k), k)
	}
	return newForm("Add to "+domain.Printable(acct.Name), func() (tea.Msg, error) {
		if kind == KindNote {
			return NoteRequestMsg{Account: acct}, nil
		}
		return FormRequestMsg{Form: NewRecordForm(acct, kind, contacts, currency, today)}, nil
	}, huh.NewGroup(huh.NewSelect[string]().Title("Which kind of record?").Options(opts...).Value(&kind)))
}

// NewRecordForm is the form that adds a record of a kind (not a note: the
// note editor writes those).
func NewRecordForm(acct Ref, kind string, contacts []domain.Contact, currency string, today domain.Date) *Form {
	rec := Record{Kind: kind}
	switch kind {
	case KindContact:
		return asRecord(ContactForm(acct, domain.Contact{}), acct, rec)
	case KindItem:
		return asRecord(ItemForm(acct, domain.ActionItem{}, today), acct, rec)
	case KindGoal:
		return asRecord(GoalForm(acct, today), acct, rec)
	case KindOpportunity:
		return asRecord(OpportunityForm(acct, today, currency), acct, rec)
	case KindRisk:
		return asRecord(RiskForm(acct, today), acct, rec)
	case KindWin:
		return asRecord(WinForm(acct, today), acct, rec)
	case KindStrategy:
		return StrategyForm(acct, rec)
	case KindStep:
		return StepForm(acct, rec, today)
	case KindSurvey:
		return SurveyForm(acct, rec, contacts, today)
	case KindOrder:
		return OrderForm(acct, rec, currency, today)
	}
	return nil
}

// EditRecordCmd opens the form that edits rec, or says why it cannot.
func EditRecordCmd(acct Ref, rec Record, contacts []domain.Contact, today domain.Date) tea.Cmd {
	if in, ok := rec.Value.(domain.Interaction); ok {
		if n := strings.Count(in.Summary, "\n") + 1; n > maxFormNoteLines {
			return msgCmd(StatusMsg{Text: fmt.Sprintf("note #%d has %d lines, more than a form edits (%d): nothing changed", rec.ID, n, maxFormNoteLines), Err: true})
		}
	}
	if f := EditRecordForm(acct, rec, contacts, today); f != nil {
		return formCmd(f)
	}
	return nil
}

// EditRecordForm is the form that edits rec, filled in with its fields.
func EditRecordForm(acct Ref, rec Record, contacts []domain.Contact, today domain.Date) *Form {
	switch v := rec.Value.(type) {
	case domain.Contact:
		return asRecord(ContactForm(acct, v), acct, rec)
	case domain.ActionItem:
		return asRecord(ItemForm(acct, v, today), acct, rec)
	case domain.Risk:
		return asRecord(RiskEditForm(acct, v, today), acct, rec)
	case domain.Opportunity:
		// Moving an opportunity (won, lost) is the lifecycle's own form and
		// write (a won renewal rolls the renewal date): its message goes as is.
		return OpportunityEditForm(acct, v, today)
	case domain.Win:
		return WinEditForm(acct, rec, v, today)
	case domain.Goal:
		return GoalEditForm(acct, rec, v, today)
	case string:
		return StrategyForm(acct, rec)
	case domain.ChecklistItem:
		return StepForm(acct, rec, today)
	case domain.SurveyResponse:
		return SurveyForm(acct, rec, contacts, today)
	case domain.Order:
		return OrderForm(acct, rec, v.Amount.Currency, today)
	case domain.Interaction:
		return NoteEditForm(acct, rec, v)
	}
	return nil
}

func recordSave(acct Ref, rec Record, v any) tea.Msg {
	return SaveRecordMsg{Account: acct, Record: Record{Kind: rec.Kind, ID: rec.ID, UID: rec.UID, Label: rec.Label, Value: v, Was: rec.Value}}
}

func titled(rec Record, what string) string {
	if rec.ID == 0 {
		return "New " + what
	}
	return fmt.Sprintf("Edit %s #%d", what, rec.ID)
}

// NoteEditForm edits a note's text, channel and sentiment; the text it
// replaces is kept as a revision.
func NoteEditForm(acct Ref, rec Record, in domain.Interaction) *Form {
	v := in
	// The text area keeps no control characters and reads \r as a line
	// break: a CRLF note (an import) is edited with plain line breaks.
	v.Summary = strings.ReplaceAll(v.Summary, "\r\n", "\n")
	return newForm(fmt.Sprintf("Edit note #%d (the old text is kept)", rec.ID), func() (tea.Msg, error) {
		return recordSave(acct, rec, v), v.Validate()
	}, huh.NewGroup(
		huh.NewText().Title("Text").Description("alt+enter or ctrl+j: new line · enter: next").Value(&v.Summary).CharLimit(0).Lines(8).ExternalEditor(false),
		huh.NewSelect[domain.Channel]().Title("Channel").Options(options(domain.Channels)...).Value(&v.Channel),
		huh.NewSelect[domain.Sentiment]().Title("Sentiment").Options(options(append([]domain.Sentiment{""}, domain.Sentiments[1:]...))...).Value(&v.Sentiment),
	))
}

// WinEditForm edits a win.
func WinEditForm(acct Ref, rec Record, w domain.Win, today domain.Date) *Form {
	v := w
	date := v.Date.String()
	return newForm(titled(rec, "win"), func() (tea.Msg, error) {
		v.Date = parseDateOr(date, today)
		return recordSave(acct, rec, v), v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("What went well?").Value(&v.Title).Validate(required),
		huh.NewInput().Title("Date").Value(&date).Validate(dateRule(today, "", notFuture(today))),
		huh.NewText().Title("Detail").Value(&v.Detail).CharLimit(10000).ExternalEditor(false),
	))
}

func number(s string) error {
	if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
		return errors.New("a number")
	}
	return nil
}

func parseNum(s string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f
}

// GoalEditForm edits a goal's words, baseline, target and dates (its
// progress is recorded with p, and kept in its history).
func GoalEditForm(acct Ref, rec Record, g domain.Goal, today domain.Date) *Form {
	v := g
	base, target, start, due := num(v.Baseline), num(v.Target), v.Start.String(), v.Due.String()
	optDate := func(s string) domain.Date {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		return parseDateOr(s, today)
	}
	return newForm(titled(rec, "goal"), func() (tea.Msg, error) {
		v.Baseline, v.Target = parseNum(base), parseNum(target)
		v.Start, v.Due = optDate(start), optDate(due)
		return recordSave(acct, rec, v), v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("Goal").Value(&v.Title).Validate(required),
		huh.NewInput().Title("Metric").Value(&v.Metric).Validate(required),
		huh.NewInput().Title("Unit (optional)").Value(&v.Unit),
		huh.NewInput().Title("Baseline").Value(&base).Validate(number),
		huh.NewInput().Title("Target").Value(&target).Validate(func(s string) error {
			if err := number(s); err != nil {
				return err
			}
			if parseNum(s) == parseNum(base) {
				return errors.New("must differ from the baseline")
			}
			return nil
		}),
		huh.NewInput().Title("Start").Value(&start).Validate(dateCheck(today, true)),
		huh.NewInput().Title("Due").Value(&due).Validate(dateCheck(today, true)),
	))
}

// GoalProgressForm records a goal's progress: its value on a day, with a note.
func GoalProgressForm(acct Ref, rec Record, today domain.Date) *Form {
	g, _ := rec.Value.(domain.Goal)
	value, on, note := "", "", ""
	return newForm(fmt.Sprintf("Progress of goal #%d %s", rec.ID, domain.Excerpt(g.Title, 40)), func() (tea.Msg, error) {
		return GoalProgressMsg{Account: acct, Goal: rec, Value: parseNum(value), On: parseDateOr(orDefault(on, "today"), today), Note: strings.TrimSpace(note)}, nil
	}, huh.NewGroup(
		huh.NewInput().Title(fmt.Sprintf("%s now (was %s, target %s)", domain.Excerpt(g.Metric, 30), num(g.Current), num(g.Target))).Value(&value).Validate(number),
		defaulted("Measured on", "today", &on).Validate(dateRule(today, "today", notFuture(today))),
		huh.NewInput().Title("Note (optional)").Value(&note).CharLimit(1000),
	))
}

// StrategyForm adds or edits a strategy of the plan.
func StrategyForm(acct Ref, rec Record) *Form {
	text, _ := rec.Value.(string)
	return newForm(titled(rec, "strategy"), func() (tea.Msg, error) {
		return recordSave(acct, rec, strings.TrimSpace(text)), required(text)
	}, huh.NewGroup(
		huh.NewInput().Title("Strategy").Description("e.g. Land the data team through the SSO roll-out").Value(&text).CharLimit(500).Validate(required),
	))
}

// StepForm adds or edits an onboarding step.
func StepForm(acct Ref, rec Record, today domain.Date) *Form {
	v, _ := rec.Value.(domain.ChecklistItem)
	due := v.Due.String()
	return newForm(titled(rec, "onboarding step"), func() (tea.Msg, error) {
		v.Due = 0
		if strings.TrimSpace(due) != "" {
			v.Due = parseDateOr(due, today)
		}
		v.Text = strings.TrimSpace(v.Text)
		return recordSave(acct, rec, v), required(v.Text)
	}, huh.NewGroup(
		huh.NewInput().Title("Step").Value(&v.Text).CharLimit(500).Validate(required),
		huh.NewInput().Title("Due (empty for none)").Value(&due).Validate(dateCheck(today, true)),
		huh.NewConfirm().Title("Done?").Affirmative("Done").Negative("Open").Value(&v.Done),
	))
}

// SurveyForm adds or edits a survey answer: NPS (0–10) or CSAT (1–5), its
// date, the contact who gave it (one of the account's) and a comment.
func SurveyForm(acct Ref, rec Record, contacts []domain.Contact, today domain.Date) *Form {
	v, _ := rec.Value.(domain.SurveyResponse)
	if v.Kind == "" {
		v.Kind = domain.SurveyNPS
	}
	score, date := "", ""
	if rec.ID != 0 {
		score, date = strconv.Itoa(v.Score), v.Date.String()
	}
	who := []huh.Option[uint64]{huh.NewOption("nobody in particular", uint64(0))}
	for _, c := range contacts {
		who = append(who, huh.NewOption(domain.Printable(c.Name)+" · "+string(c.Role), c.ID))
	}
	scoreOK := func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil:
			return errors.New("a whole number")
		case v.Kind == domain.SurveyNPS && (n < 0 || n > 10):
			return errors.New("an NPS score is 0 to 10")
		case v.Kind == domain.SurveyCSAT && (n < 1 || n > 5):
			return errors.New("a CSAT score is 1 to 5")
		}
		return nil
	}
	return newForm(titled(rec, "survey answer"), func() (tea.Msg, error) {
		v.Score, _ = strconv.Atoi(strings.TrimSpace(score))
		v.Date = parseDateOr(orDefault(date, "today"), today)
		if err := scoreOK(score); err != nil {
			return nil, err
		}
		return recordSave(acct, rec, v), v.Validate()
	}, huh.NewGroup(
		huh.NewSelect[domain.SurveyKind]().Title("Survey").Options(huh.NewOption("NPS (0–10)", domain.SurveyNPS), huh.NewOption("CSAT (1–5)", domain.SurveyCSAT)).Value(&v.Kind),
		huh.NewInput().Title("Score").Value(&score).Validate(scoreOK),
		defaulted("Date", "today", &date).Validate(dateRule(today, "today", notFuture(today))),
		huh.NewSelect[uint64]().Title("Who answered").Options(who...).Value(&v.ContactID),
		huh.NewInput().Title("Comment (optional)").Value(&v.Comment).CharLimit(2000),
	))
}

// OrderForm adds or edits an order: its date and amount.
func OrderForm(acct Ref, rec Record, currency string, today domain.Date) *Form {
	v, _ := rec.Value.(domain.Order)
	amount, date := "", ""
	if rec.ID != 0 {
		amount, date = v.Amount.String(), v.Date.String()
	}
	if currency == "" {
		currency = domain.DefaultCurrency
	}
	return newForm(titled(rec, "order"), func() (tea.Msg, error) {
		m, err := domain.ParseMoney(amount, currency)
		if err != nil {
			return nil, err
		}
		v.Amount, v.Date = m, parseDateOr(orDefault(date, "today"), today)
		return recordSave(acct, rec, v), v.Validate()
	}, huh.NewGroup(
		defaulted("Date", "today", &date).Validate(dateRule(today, "today", notFuture(today))),
		huh.NewInput().Title("Amount").Description("e.g. 1,250 or 1.2k").Value(&amount).Validate(func(s string) error {
			m, err := domain.ParseMoney(s, currency)
			if err != nil {
				return errors.New(domain.FieldErrors(err)[0].Message)
			}
			if m.Amount <= 0 {
				return errors.New("must be more than zero")
			}
			return nil
		}),
	))
}

// DeleteRecordForm asks before deleting a record, naming it.
func DeleteRecordForm(acct Ref, rec Record) *Form {
	sure := false
	name := rec.Name()
	what := "Delete " + name + " of " + domain.Printable(acct.Name) + "?"
	desc := "u undoes it afterwards."
	if rec.Kind == KindContact {
		desc = "Its notes and survey answers stay, without it; u undoes it afterwards."
	}
	f := newForm("Delete "+KindName(rec.Kind)+"?", func() (tea.Msg, error) {
		if !sure {
			return StatusMsg{Text: "kept " + name + ": nothing deleted"}, nil
		}
		return DeleteRecordMsg{Account: acct, Record: rec}, nil
	}, huh.NewGroup(huh.NewConfirm().Title(what).Description(desc).Affirmative("Delete").Negative("Keep").Value(&sure)))
	f.confirm = true
	return f
}
