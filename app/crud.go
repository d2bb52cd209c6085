package app

// Create, read, edit and delete every kind of record of an account, the one
// way the command line and the cockpit both use. A record is picked as a Rec
// (its kind, number and UID as they were read); an edit or a delete acts on
// that record or on nothing (ENOTFOUND when it was deleted since, ECONFLICT
// when its number now names another record), and returns the Undo that
// takes it back, under the same rule.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Kind is a kind of record of an account.
type Kind string

// The kinds of record a person creates, reads, edits and deletes.
const (
	KindContact     Kind = "contact"
	KindNote        Kind = "note"
	KindItem        Kind = "item"
	KindGoal        Kind = "goal"
	KindStrategy    Kind = "strategy"
	KindStep        Kind = "step"
	KindOpportunity Kind = "opportunity"
	KindRisk        Kind = "risk"
	KindWin         Kind = "win"
	KindSurvey      Kind = "survey"
	KindOrder       Kind = "order"
)

// Kinds is every kind, in the order an account lists them.
var Kinds = []Kind{KindContact, KindNote, KindItem, KindGoal, KindStrategy, KindStep, KindOpportunity, KindRisk, KindWin, KindSurvey, KindOrder}

// ParseKind reads a kind as a person types it (singular or plural, a few
// common names: opp, task, nps, csat).
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	alias := map[string]Kind{
		"contacts": KindContact, "notes": KindNote, "interaction": KindNote, "interactions": KindNote,
		"items": KindItem, "action": KindItem, "task": KindItem, "tasks": KindItem, "action-item": KindItem,
		"goals": KindGoal, "strategies": KindStrategy, "steps": KindStep, "onboarding": KindStep,
		"opportunities": KindOpportunity, "opp": KindOpportunity, "opps": KindOpportunity, "deal": KindOpportunity,
		"risks": KindRisk, "escalation": KindRisk, "wins": KindWin, "surveys": KindSurvey, "nps": KindSurvey,
		"csat": KindSurvey, "answer": KindSurvey, "orders": KindOrder,
	}
	if k, ok := alias[s]; ok {
		return k, nil
	}
	if slices.Contains(Kinds, Kind(s)) {
		return Kind(s), nil
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", domain.Invalid("kind", s, "want one of %s", strings.Join(names, ", "))
}

// Rec is one record of an account as a person picked it.
type Rec struct {
	Kind Kind
	// ID is its number (#N); for strategies and onboarding steps, which have
	// none, its position in the plan from 1.
	ID uint64
	// UID is its global identity ("" for strategies and steps, which are
	// recognised by their text, Label).
	UID   string
	Label string
	// Value is the record: domain.Contact, domain.Interaction,
	// domain.ActionItem, domain.Goal, string (a strategy),
	// domain.ChecklistItem, domain.Opportunity, domain.Risk, domain.Win,
	// domain.SurveyResponse or domain.Order.
	Value any
	// Terms are what winning an opportunity by this save does to the book
	// (domain.WinTerms; zero: 12 months, the opportunity's value).
	Terms domain.WinTerms
	// Was is the record as the edit started from it (a form's first
	// values), nil for a whole write: an edit then writes only the fields
	// changed from it onto the record as stored (see overEdit).
	Was any
	// Moved is the ARR change the save recorded when it moved the book (a
	// won opportunity), nil otherwise.
	Moved *domain.ARRChange
}

// Records lists the account's records of the given kinds (every kind when
// none is given), in the order of Kinds; notes newest first, the rest in the
// order they were made.
func Records(st Store, acct Ref, kinds ...Kind) ([]Rec, error) {
	if len(kinds) == 0 {
		kinds = Kinds
	}
	var out []Rec
	err := st.View(func(tx *store.Tx) error {
		if err := tx.RequireAccount(acct.ID, acct.UID); err != nil {
			return err
		}
		for _, k := range Kinds {
			if !slices.Contains(kinds, k) {
				continue
			}
			recs, err := listKind(tx, acct.ID, k)
			if err != nil {
				return err
			}
			out = append(out, recs...)
		}
		return nil
	})
	return out, err
}

// FindRecord is the record of a kind the person named: #N or N (its
// number; a strategy's or step's position), a UID, or a unique part of its
// label (case aside). None or several is an error that lists what there is.
func FindRecord(st Store, acct Ref, k Kind, q string) (Rec, error) {
	recs, err := Records(st, acct, k)
	if err != nil {
		return Rec{}, err
	}
	return pickRecord(recs, k, q)
}

func pickRecord(recs []Rec, k Kind, q string) (Rec, error) {
	q = strings.TrimSpace(q)
	num := strings.TrimPrefix(q, "#")
	for _, r := range recs {
		if fmt.Sprint(r.ID) == num || (r.UID != "" && strings.EqualFold(r.UID, q)) {
			return r, nil
		}
	}
	// A number names a record by its number only: never, when that record
	// is gone, another whose text holds the digits (a retried delete would
	// delete a second record).
	if _, err := strconv.ParseUint(num, 10, 64); err == nil && num != "" {
		return Rec{}, domain.Errorf(domain.ENOTFOUND, "no %s #%s on this account%s", k, num, listRecs(recs))
	}
	var hits []Rec
	for _, r := range recs {
		if strings.EqualFold(r.Label, q) {
			return r, nil
		}
		if q != "" && strings.Contains(strings.ToLower(r.Label), strings.ToLower(q)) {
			hits = append(hits, r)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return Rec{}, domain.Errorf(domain.ENOTFOUND, "no %s %q on this account%s", k, domain.Printable(q), listRecs(recs))
	}
	return Rec{}, domain.Errorf(domain.EAMBIGUOUS, "%q matches %d of the account's %s records; name one by number:%s", domain.Printable(q), len(hits), k, listRecs(hits))
}

func listRecs(recs []Rec) string {
	if len(recs) == 0 {
		return ""
	}
	var b strings.Builder
	for i, r := range recs {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(recs)-10)
			break
		}
		fmt.Fprintf(&b, "\n  #%d %s", r.ID, domain.Printable(domain.Excerpt(r.Label, 60)))
	}
	return b.String()
}

// SaveRecord stores r on the account acct: a new record when r.ID is 0,
// else over the record r names, if it is still that record. A note's edit
// keeps its previous text (domain.Interaction.Edit); an opportunity moves
// to its stage and a risk to its status on today. It returns the record as
// stored (with its number and UID) and the Undo that takes the change back.
func SaveRecord(st Store, acct Ref, r Rec, today domain.Date) (Rec, Undo, error) {
	u := Undo{acct: acct}
	var saved Rec
	err := onAccount(st, acct, func(tx *store.Tx) error {
		var prev any
		if r.ID != 0 {
			cur, err := current(tx, acct.ID, r)
			if err != nil {
				return err
			}
			prev = cur.Value
			if r.Was != nil {
				what := fmt.Sprintf("%s #%d %q", r.Kind, r.ID, domain.Excerpt(cur.Label, 40))
				if r.Value, err = overAny(what, r.Was, r.Value, cur.Value); err != nil {
					return err
				}
			}
		}
		before, err := planOf(tx, acct.ID, r.Kind)
		if err != nil {
			return err
		}
		book, err := bookStateOf(tx, acct.ID) // a won opportunity moves it: the undo puts it back
		if err != nil {
			return err
		}
		s, err := putKind(tx, acct.ID, r, prev, today)
		if err != nil {
			return err
		}
		saved = s
		u.fn, err = undoOf(tx, acct.ID, r.Kind, prev, s, before)
		if undo := u.fn; err == nil && r.Kind == KindOpportunity && book.moved(tx) {
			if h, herr := tx.ARRHistory(acct.ID); herr == nil && len(h) > 0 {
				saved.Moved = &h[len(h)-1]
			}
			u.fn = func(tx *store.Tx) error {
				if err := undo(tx); err != nil {
					return err
				}
				return book.restore(tx)
			}
		}
		return err
	})
	if err != nil {
		return Rec{}, Undo{}, err
	}
	return saved, u, nil
}

// DeleteRecord removes the record r names from the account acct, if it is
// still that record, and returns the Undo that puts it back (same number
// and UID).
func DeleteRecord(st Store, acct Ref, r Rec) (Undo, error) {
	u := Undo{acct: acct}
	err := onAccount(st, acct, func(tx *store.Tx) error {
		cur, err := current(tx, acct.ID, r)
		if err != nil {
			return err
		}
		before, err := planOf(tx, acct.ID, r.Kind)
		if err != nil {
			return err
		}
		relink := func(*store.Tx) error { return nil }
		if r.Kind == KindContact {
			if relink, err = unlinkContact(tx, acct.ID, cur.ID); err != nil {
				return err
			}
		}
		if err := delKind(tx, acct.ID, cur); err != nil {
			return err
		}
		put, err := undoOf(tx, acct.ID, r.Kind, cur.Value, Rec{}, before)
		u.fn = func(tx *store.Tx) error {
			if err := put(tx); err != nil {
				return err
			}
			return relink(tx)
		}
		return err
	})
	if err != nil {
		return Undo{}, err
	}
	return u, nil
}

// RecordGoalProgress records the goal's metric as measured on a day, kept in
// its history with every other measure (domain.Goal.RecordProgress: a day
// before the goal's start or after today is refused).
func RecordGoalProgress(st Store, acct Ref, goal Rec, value float64, on, today domain.Date, note string) (Rec, Undo, error) {
	g, ok := goal.Value.(domain.Goal)
	if !ok || goal.Kind != KindGoal {
		return Rec{}, Undo{}, fmt.Errorf("not a goal: %s", goal.Kind)
	}
	var saved Rec
	u := Undo{acct: acct}
	err := onAccount(st, acct, func(tx *store.Tx) error {
		cur, err := current(tx, acct.ID, goal)
		if err != nil {
			return err
		}
		g = cur.Value.(domain.Goal)
		prev := g
		g.History = slices.Clone(g.History)
		if err := g.RecordProgress(value, on, today, note); err != nil {
			return err
		}
		goal.Value = g
		s, err := putKind(tx, acct.ID, goal, prev, today)
		if err != nil {
			return err
		}
		saved = s
		u.fn, err = undoOf(tx, acct.ID, KindGoal, prev, s, nil)
		return err
	})
	if err != nil {
		return Rec{}, Undo{}, err
	}
	return saved, u, nil
}

// LogTouchVia records a touch (an interaction without text) on a channel
// with the row's account at at; its undo deletes it. LogTouch is a call.
func LogTouchVia(st Store, row domain.TriageRow, at time.Time, ch domain.Channel) (Undo, error) {
	if !slices.Contains(domain.Channels, ch) {
		return Undo{}, domain.Invalid("channel", string(ch), "want one of call, email, meeting, qbr, chat, note")
	}
	return act(st, row, func(tx *store.Tx) (func(*store.Tx) error, error) {
		in := domain.Interaction{AccountID: row.AccountID, At: at, Channel: ch}
		if err := tx.AddInteraction(&in); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error { return tx.DeleteInteraction(row.AccountID, in.ID) }, nil
	})
}

// current reads the record r names as stored now, if it is still that
// record: ENOTFOUND when it is gone, ECONFLICT when its number (or, for a
// strategy or step, its position) now holds another one.
func current(tx *store.Tx, acct uint64, r Rec) (Rec, error) {
	what := fmt.Sprintf("%s %q", r.Kind, domain.Excerpt(r.Label, 60))
	var recs []Rec
	if r.Kind == KindNote { // by its number: an account may hold 10k notes
		in, err := tx.Interaction(acct, r.ID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return Rec{}, err
		} else if err == nil {
			recs = []Rec{recOf(KindNote, in)}
		}
	} else {
		var err error
		if recs, err = listKind(tx, acct, r.Kind); err != nil {
			return Rec{}, err
		}
	}
	for _, c := range recs {
		if c.ID != r.ID {
			continue
		}
		if r.UID == "" && (r.Kind == KindStrategy || r.Kind == KindStep) && c.Label != r.Label {
			return Rec{}, domain.Errorf(domain.ECONFLICT, "%s changed elsewhere", what)
		}
		if err := sameRecord(what, r.UID, c.UID, true); err != nil {
			return Rec{}, err
		}
		return c, nil
	}
	return Rec{}, sameRecord(what, r.UID, "", false)
}

// planOf is the stored plan when k lives in it (goals, strategies, steps),
// for an undo that puts a list back as it was.
func planOf(tx *store.Tx, acct uint64, k Kind) (*domain.Plan, error) {
	if k != KindStrategy && k != KindStep {
		return nil, nil
	}
	p, err := tx.Plan(acct)
	if err != nil {
		return nil, err
	}
	p.Strategies, p.Onboarding = slices.Clone(p.Strategies), slices.Clone(p.Onboarding)
	return &p, nil
}

// undoOf is the undo of a change of kind k, made in tx, from prev (nil: it
// did not exist) to now (zero Rec: it was deleted). Strategies and steps
// put their list back as it was (before), if it is still as the change left it.
func undoOf(tx *store.Tx, acct uint64, k Kind, prev any, now Rec, before *domain.Plan) (func(*store.Tx) error, error) {
	if before != nil {
		after, err := listKind(tx, acct, k)
		if err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error {
			cur, err := listKind(tx, acct, k)
			if err != nil {
				return err
			}
			if !slices.EqualFunc(cur, after, func(a, b Rec) bool { return a.Label == b.Label }) {
				return domain.Errorf(domain.ECONFLICT, "the plan's %s list changed elsewhere since", k)
			}
			p, err := tx.Plan(acct)
			if err != nil {
				return err
			}
			p.Strategies, p.Onboarding = before.Strategies, before.Onboarding
			return tx.PutPlan(&p)
		}, nil
	}
	// The record as the change left it (as stored): the undo refuses when it
	// was changed since (elsewhere), rather than overwrite that change.
	var left []byte
	if now.ID != 0 {
		cur, err := current(tx, acct, now)
		if err != nil {
			return nil, err
		}
		if left, err = json.Marshal(cur.Value); err != nil {
			return nil, err
		}
	}
	return func(tx *store.Tx) error {
		if now.ID != 0 { // it exists now: it must still be the one the change left
			cur, err := current(tx, acct, now)
			if err != nil {
				return err
			}
			if b, err := json.Marshal(cur.Value); err != nil {
				return err
			} else if !bytes.Equal(b, left) {
				return domain.Errorf(domain.ECONFLICT, "%s %q changed elsewhere since", k, domain.Excerpt(cur.Label, 60))
			}
			if prev == nil {
				return delKind(tx, acct, cur)
			}
		} else if r := recOf(k, prev); r.ID != 0 { // deleted: its number must still be free
			recs, err := listKind(tx, acct, k)
			if err != nil {
				return err
			}
			for _, c := range recs {
				if c.ID == r.ID {
					return domain.Errorf(domain.ECONFLICT, "%s #%d is now another record", k, r.ID)
				}
				if r.UID != "" && c.UID == r.UID { // an import brought it back meanwhile
					return domain.Errorf(domain.ECONFLICT, "%s #%d is back already as #%d (an import brought it back)", k, r.ID, c.ID)
				}
			}
		}
		r := recOf(k, prev)
		_, err := putKind(tx, acct, r, nil, 0)
		return err
	}, nil
}

func removeAt(p *domain.Plan, k Kind, i int) {
	if k == KindStrategy && i < len(p.Strategies) {
		p.Strategies = slices.Delete(p.Strategies, i, i+1)
	}
	if k == KindStep && i < len(p.Onboarding) {
		p.Onboarding = slices.Delete(p.Onboarding, i, i+1)
	}
}

func setAt(p *domain.Plan, k Kind, i int, v any) {
	switch k {
	case KindStrategy:
		s, _ := v.(string)
		if i >= len(p.Strategies) {
			p.Strategies = append(p.Strategies, s)
		} else {
			p.Strategies[i] = s
		}
	case KindStep:
		c, _ := v.(domain.ChecklistItem)
		if i >= len(p.Onboarding) {
			p.Onboarding = append(p.Onboarding, c)
		} else {
			p.Onboarding[i] = c
		}
	}
}

// listKind reads every record of one kind of the account.
func listKind(tx *store.Tx, acct uint64, k Kind) ([]Rec, error) {
	var out []Rec
	add := func(v any) { out = append(out, recOf(k, v)) }
	var err error
	switch k {
	case KindContact:
		err = each(tx.Contacts, acct, add)
	case KindNote:
		var list []domain.Interaction
		list, _, err = tx.Interactions(acct, store.Cursor{}, 1<<30)
		for _, x := range list {
			add(x)
		}
	case KindItem:
		err = each(tx.ActionItems, acct, add)
	case KindOpportunity:
		err = each(tx.Opportunities, acct, add)
	case KindRisk:
		err = each(tx.Risks, acct, add)
	case KindWin:
		err = each(tx.Wins, acct, add)
	case KindSurvey:
		err = each(tx.Surveys, acct, add)
	case KindOrder:
		err = each(tx.Orders, acct, add)
	case KindGoal, KindStrategy, KindStep:
		var p domain.Plan
		p, err = tx.Plan(acct)
		out = planRecs(&p, k)
	default:
		err = fmt.Errorf("unknown kind of record %q", k)
	}
	return out, err
}

func each[T any](list func(uint64) ([]T, error), acct uint64, add func(any)) error {
	xs, err := list(acct)
	for _, x := range xs {
		add(x)
	}
	return err
}

func planRecs(p *domain.Plan, k Kind) []Rec {
	var out []Rec
	switch k {
	case KindGoal:
		for _, g := range p.Goals {
			out = append(out, recOf(k, g))
		}
	case KindStrategy:
		for i, s := range p.Strategies {
			out = append(out, Rec{Kind: k, ID: uint64(i + 1), Label: s, Value: s})
		}
	case KindStep:
		for i, c := range p.Onboarding {
			out = append(out, Rec{Kind: k, ID: uint64(i + 1), Label: c.Text, Value: c})
		}
	}
	return out
}

// recOf wraps a record value (strategies and steps get no number here: their
// position is set by planRecs).
func recOf(k Kind, v any) Rec {
	r := Rec{Kind: k, Value: v}
	switch x := v.(type) {
	case domain.Contact:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Name
	case domain.Interaction:
		first, _, _ := strings.Cut(strings.TrimSpace(x.Summary), "\n")
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Stamp(time.UTC)+" "+string(x.Channel)+" "+first
	case domain.ActionItem:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Text
	case domain.Goal:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Title
	case domain.Opportunity:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Title
	case domain.Risk:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Title
	case domain.Win:
		r.ID, r.UID, r.Label = x.ID, x.UID, x.Title
	case domain.SurveyResponse:
		r.ID, r.UID, r.Label = x.ID, x.UID, fmt.Sprintf("%s %d on %s", strings.ToUpper(string(x.Kind)), x.Score, x.Date)
	case domain.Order:
		r.ID, r.UID, r.Label = x.ID, x.UID, fmt.Sprintf("%s on %s", x.Amount, x.Date)
	case string:
		r.Label = x
	case domain.ChecklistItem:
		r.Label = x.Text
	}
	return r
}

// putKind stores r (prev: the record it replaces, nil for a new one) and
// returns it as stored.
func putKind(tx *store.Tx, acct uint64, r Rec, prev any, today domain.Date) (Rec, error) {
	var err error
	v := r.Value
	switch x := v.(type) {
	case domain.Contact:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		err, v = tx.PutContact(&x), x
	case domain.Interaction:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		if p, ok := prev.(domain.Interaction); ok && today != 0 {
			text := x.Summary
			x.Summary, x.Revisions = p.Summary, slices.Clone(p.Revisions)
			x.Edit(text, tx.Now())
		}
		err, v = tx.PutInteraction(&x), x
	case domain.ActionItem:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		err, v = tx.PutActionItem(&x), x
	case domain.Opportunity:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		if today != 0 {
			x.Move(x.Stage, today)
			if err := domain.CheckOpportunityDates(&x, today); err != nil {
				return Rec{}, err
			}
		}
		if err = tx.PutOpportunity(&x); err == nil && today != 0 { // a person's save: a win moves the book (lifecycle.go)
			var before *domain.Opportunity
			if p, ok := prev.(domain.Opportunity); ok {
				before = &p
			}
			_, err = moveBook(tx, acct, before, &x, r.Terms)
		}
		v = x
	case domain.Risk:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		if today != 0 {
			x.SetStatus(x.Status, today)
			if err := domain.CheckRiskDates(&x, today); err != nil {
				return Rec{}, err
			}
		}
		err, v = tx.PutRisk(&x), x
	case domain.Win:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		if today != 0 {
			if err := domain.CheckWinDates(&x, today); err != nil {
				return Rec{}, err
			}
		}
		err, v = tx.PutWin(&x), x
	case domain.SurveyResponse:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		err, v = tx.PutSurvey(&x), x
	case domain.Order:
		x.AccountID, x.ID, x.UID = acct, r.ID, keepUID(r.UID, x.UID)
		err, v = tx.PutOrder(&x), x
	case domain.Goal, string, domain.ChecklistItem:
		return putPlanKind(tx, acct, r)
	default:
		return Rec{}, fmt.Errorf("a %s cannot be stored as %T", r.Kind, v)
	}
	if err != nil {
		return Rec{}, err
	}
	return recOf(r.Kind, v), nil
}

func keepUID(picked, given string) string {
	if picked != "" {
		return picked
	}
	return given
}

// putPlanKind stores a goal, strategy or step in the stored plan.
func putPlanKind(tx *store.Tx, acct uint64, r Rec) (Rec, error) {
	p, err := tx.Plan(acct)
	if err != nil {
		return Rec{}, err
	}
	p.AccountID = acct
	i := int(r.ID) - 1
	switch x := r.Value.(type) {
	case domain.Goal:
		x.ID, x.UID = r.ID, keepUID(r.UID, x.UID)
		i = slices.IndexFunc(p.Goals, func(g domain.Goal) bool { return r.ID != 0 && g.ID == r.ID })
		if i < 0 {
			p.Goals = append(p.Goals, x)
			i = len(p.Goals) - 1
		} else {
			p.Goals[i] = x
		}
		if err := tx.PutPlan(&p); err != nil {
			return Rec{}, err
		}
		return recOf(KindGoal, p.Goals[i]), nil
	default:
		if r.ID == 0 {
			i = len(planRecs(&p, r.Kind))
		}
		setAt(&p, r.Kind, i, r.Value)
		if err := tx.PutPlan(&p); err != nil {
			return Rec{}, err
		}
		return planRecs(&p, r.Kind)[i], nil
	}
}

// delKind removes the record r (as read now).
func delKind(tx *store.Tx, acct uint64, r Rec) error {
	switch r.Kind {
	case KindContact:
		return tx.DeleteContact(acct, r.ID)
	case KindNote:
		return tx.DeleteInteraction(acct, r.ID)
	case KindItem:
		return tx.DeleteActionItem(acct, r.ID)
	case KindOpportunity:
		return tx.DeleteOpportunity(acct, r.ID)
	case KindRisk:
		return tx.DeleteRisk(acct, r.ID)
	case KindWin:
		return tx.DeleteWin(acct, r.ID)
	case KindSurvey:
		return tx.DeleteSurvey(acct, r.ID)
	case KindOrder:
		return tx.DeleteOrder(acct, r.ID)
	}
	p, err := tx.Plan(acct)
	if err != nil {
		return err
	}
	switch r.Kind {
	case KindGoal:
		p.Goals = slices.DeleteFunc(p.Goals, func(g domain.Goal) bool { return g.ID == r.ID })
	default:
		removeAt(&p, r.Kind, int(r.ID-1))
	}
	return tx.PutPlan(&p)
}

// unlinkContact takes the contact id out of the notes it attended and the
// survey answers it gave (so that no record names a contact that is gone),
// and returns what links it back (on the notes and answers still there).
func unlinkContact(tx *store.Tx, acct, id uint64) (func(*store.Tx) error, error) {
	notes, _, err := tx.Interactions(acct, store.Cursor{}, 1<<30)
	if err != nil {
		return nil, err
	}
	var inNotes, inSurveys []uint64
	for _, in := range notes {
		if i := slices.Index(in.Attendees, id); i >= 0 {
			in.Attendees = slices.Delete(slices.Clone(in.Attendees), i, i+1)
			if err := tx.PutInteraction(&in); err != nil {
				return nil, err
			}
			inNotes = append(inNotes, in.ID)
		}
	}
	surveys, err := tx.Surveys(acct)
	if err != nil {
		return nil, err
	}
	for _, s := range surveys {
		if s.ContactID == id {
			s.ContactID = 0
			if err := tx.PutSurvey(&s); err != nil {
				return nil, err
			}
			inSurveys = append(inSurveys, s.ID)
		}
	}
	return func(tx *store.Tx) error {
		for _, n := range inNotes {
			in, err := tx.Interaction(acct, n)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			if !slices.Contains(in.Attendees, id) {
				in.Attendees = append(in.Attendees, id)
				if err := tx.PutInteraction(&in); err != nil {
					return err
				}
			}
		}
		for _, n := range inSurveys {
			s, err := tx.Survey(acct, n)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			if s.ContactID == 0 {
				s.ContactID = id
				if err := tx.PutSurvey(&s); err != nil {
					return err
				}
			}
		}
		return nil
	}, nil
}

// FindAccount is the account a person named, read in full, for a command
// that acts on its records: as ShowAccount finds it when write is false;
// when write is true a part in the middle of a name is not enough (as a
// note's account). Its RefOf pins the writes that follow.
func FindAccount(st Store, q string, write bool) (domain.Account, error) {
	var a domain.Account
	err := st.View(func(tx *store.Tx) error {
		find := tx.FindAccount
		if write {
			find = tx.FindAccountForWrite
		}
		s, err := find(q)
		if err != nil {
			return err
		}
		a, err = tx.Account(s.ID)
		return err
	})
	if err != nil {
		return domain.Account{}, OneLine(err)
	}
	return a, nil
}
