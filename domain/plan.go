package domain

// The account plan: SMART goals, strategies, onboarding, action items.

import (
	"time"
)

// SetDone marks the action item done at an instant, or open again: done
// stamps when (unless it has a time), open clears it.
func (a *ActionItem) SetDone(done bool, at time.Time) {
	a.Done = done
	switch {
	case done && a.DoneAt.IsZero():
		a.DoneAt = at
	case !done:
		a.DoneAt = time.Time{}
	}
}

// Goal is a SMART goal: a metric moving from a baseline to a target by a date.
type Goal struct {
	ID       uint64  `json:"id"`
	UID      string  `json:"uid,omitempty"`
	Title    string  `json:"title"`
	Metric   string  `json:"metric"`
	Unit     string  `json:"unit,omitempty"`
	Baseline float64 `json:"baseline"`
	Target   float64 `json:"target"`
	Current  float64 `json:"current"`
	Start    Date    `json:"start,omitzero"`
	Due      Date    `json:"due,omitzero"`
	// History is every progress update, oldest first: the goal's track record.
	History []GoalProgress `json:"history,omitempty"`
}

// GoalProgress is the goal's metric as measured on a day.
type GoalProgress struct {
	On    Date    `json:"on"`
	Value float64 `json:"value"`
	Note  string  `json:"note,omitempty"`
}

// MaxGoalHistory bounds a goal's history (a measure a day for years).
const MaxGoalHistory = 5000

// RecordProgress records the goal's metric as measured on a day (today is
// the day it is recorded): every measure is kept in the history, in date
// order, measures of one day in the order they were given; the current value
// is the latest measure. A measure dated before the goal's start or after
// today is refused (EINVALID) and changes nothing.
func (g *Goal) RecordProgress(v float64, on, today Date, note string) error {
	switch {
	case on.IsZero():
		return Invalid("measured on", "", "needs a date")
	case on > today:
		return Invalid("measured on", on.String(), "is in the future (today is %s); record a measure once it is taken", today)
	case !g.Start.IsZero() && on < g.Start:
		return Invalid("measured on", on.String(), "is before the goal's start %s", g.Start)
	case len(g.History) >= MaxGoalHistory:
		return Invalid("history", itoa(len(g.History)), "at most %d progress updates", MaxGoalHistory)
	}
	p := GoalProgress{On: on, Value: v, Note: note}
	i := len(g.History)
	for i > 0 && g.History[i-1].On > on {
		i--
	}
	g.History = append(g.History, GoalProgress{})
	copy(g.History[i+1:], g.History[i:])
	g.History[i] = p
	g.Current = g.History[len(g.History)-1].Value
	return nil
}

// Progress is how far current has moved from baseline to target, 0–1.
// It works for goals that go down (target below baseline) too.
func (g *Goal) Progress() float64 {
	span := g.Target - g.Baseline
	if span == 0 {
		if g.Current == g.Target {
			return 1
		}
		return 0
	}
	p := (g.Current - g.Baseline) / span
	return max(0, min(1, p))
}

// GoalStatus is a goal's standing on a day.
type GoalStatus string

const (
	GoalDone    GoalStatus = "done"
	GoalOnTrack GoalStatus = "on track"
	GoalAtRisk  GoalStatus = "at risk"
	GoalOverdue GoalStatus = "overdue"
)

// Status says whether the goal is done, overdue, or on track against the time
// elapsed between start and due (at risk when more than 20 points behind).
func (g *Goal) Status(today Date) GoalStatus {
	p := g.Progress()
	switch {
	case p >= 1:
		return GoalDone
	case !g.Due.IsZero() && today > g.Due:
		return GoalOverdue
	case g.Due.IsZero() || g.Start.IsZero() || g.Due <= g.Start:
		return GoalOnTrack
	}
	expected := float64(today.Sub(g.Start)) / float64(g.Due.Sub(g.Start))
	if expected-p > 0.2 {
		return GoalAtRisk
	}
	return GoalOnTrack
}

// Validate reports every problem with the goal.
func (g *Goal) Validate() error {
	var v validator
	checkUID(&v, g.UID)
	checkName(&v, "title", g.Title, true, 200)
	checkName(&v, "metric", g.Metric, true, 100)
	v.check(g.Target != g.Baseline, "target", ftoa(g.Target), "must differ from the baseline")
	v.check(!isNaNInf(g.Baseline), "baseline", ftoa(g.Baseline), "not a number")
	v.check(!isNaNInf(g.Target), "target", ftoa(g.Target), "not a number")
	v.check(!isNaNInf(g.Current), "current", ftoa(g.Current), "not a number")
	checkDate(&v, "due", g.Due)
	v.check(len(g.History) <= MaxGoalHistory, "history", itoa(len(g.History)), "at most %d progress updates", MaxGoalHistory)
	for _, h := range g.History {
		checkDate(&v, "history", h.On)
		v.check(!isNaNInf(h.Value), "history", ftoa(h.Value), "not a number")
		checkName(&v, "history", h.Note, false, 1000)
	}
	if !g.Start.IsZero() && !g.Due.IsZero() {
		v.check(g.Due > g.Start, "due", g.Due.String(), "must be after the start %s", g.Start)
	}
	return v.err()
}

// ChecklistItem is one step of onboarding.
type ChecklistItem struct {
	Text string `json:"text"`
	Due  Date   `json:"due,omitzero"`
	Done bool   `json:"done"`
}

// Plan is the account plan: goals, strategies, onboarding checklist.
// Action items live beside it (they are many and come from notes).
type Plan struct {
	AccountID  uint64          `json:"account_id"`
	Goals      []Goal          `json:"goals,omitempty"`
	Strategies []string        `json:"strategies,omitempty"`
	Onboarding []ChecklistItem `json:"onboarding,omitempty"`
	Updated    time.Time       `json:"updated"`
}

// Validate reports every problem with the plan.
func (p *Plan) Validate() error {
	var errs []error
	for i := range p.Goals {
		if err := p.Goals[i].Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	var v validator
	for _, s := range p.Strategies {
		checkName(&v, "strategy", s, true, 1000)
	}
	for _, c := range p.Onboarding {
		checkName(&v, "onboarding", c.Text, true, 500)
	}
	errs = append(errs, v.err())
	return joinErrs(errs)
}

// ActionItem is something to do for the account.
type ActionItem struct {
	ID           uint64    `json:"id"`
	UID          string    `json:"uid,omitempty"`
	AccountID    uint64    `json:"account_id"`
	Text         string    `json:"text"`
	Due          Date      `json:"due,omitzero"`
	Done         bool      `json:"done"`
	DoneAt       time.Time `json:"done_at,omitzero"`
	SnoozedUntil Date      `json:"snoozed_until,omitzero"`
	Source       uint64    `json:"source_interaction,omitempty"`
	Created      time.Time `json:"created"`
}

// Overdue reports whether the item is open and past due on today.
func (a *ActionItem) Overdue(today Date) bool {
	return !a.Done && !a.Due.IsZero() && a.Due < today && a.SnoozedUntil <= today
}

// Validate reports every problem with the action item.
func (a *ActionItem) Validate() error {
	var v validator
	checkUID(&v, a.UID)
	checkName(&v, "text", a.Text, true, 1000)
	checkDate(&v, "due", a.Due)
	checkTime(&v, "created", a.Created)
	checkTime(&v, "done_at", a.DoneAt)
	checkDate(&v, "snoozed_until", a.SnoozedUntil)
	return v.err()
}
