package domain

import (
	"fmt"
	"slices"
	"time"
)

// TrendDays is how far back an account's health change looks (the brief's
// and the account pane's alike).
const TrendDays = 30

// HealthChange is how an account's health moved over the last TrendDays:
// the score now and TrendDays ago, both recomputed from the records as
// they stood on the day, and the signal that moved most. The brief and the account pane both say it.
type HealthChange struct {
	Now   HealthReport
	Then  HealthReport
	Moved *SignalMove // nil when no signal moved half a point
}

// NewHealthChange is the health change of the account d on today (loc:
// the user's zone, for the day a note was written).
func NewHealthChange(d *AccountDetail, today Date, loc *time.Location) HealthChange {
	if loc == nil {
		loc = time.UTC
	}
	notes := slices.Clone(d.Interactions)
	slices.SortStableFunc(notes, func(x, y Interaction) int { return y.At.Compare(x.At) }) // newest first
	thenDay := today.AddDays(-TrendDays)
	c := HealthChange{Now: Health(ptr(asOf(d, notes, today, loc)), today), Then: Health(ptr(asOf(d, notes, thenDay, loc)), thenDay)}
	if c.Then.Score < 0 || c.Now.Score < 0 {
		return c
	}
	for _, s := range c.Now.Signals {
		var was float64
		for _, t := range c.Then.Signals {
			if t.Name == s.Name {
				was = t.Points
			}
		}
		m := SignalMove{Name: s.Name, Value: s.Value, Then: was, Now: s.Points}
		if c.Moved == nil || abs(m.Delta()) > abs(c.Moved.Delta()) {
			c.Moved = &m
		}
	}
	if c.Moved != nil && abs(c.Moved.Delta()) < 0.5 {
		c.Moved = nil
	}
	return c
}

// Delta is the points gained over TrendDays (negative: lost), and whether
// both ends are known.
func (c *HealthChange) Delta() (int, bool) {
	if c.Now.Score < 0 || c.Then.Score < 0 {
		return 0, false
	}
	return c.Now.Score - c.Then.Score, true
}

// Words is the change in words: "up 5 in 30 days", "steady over 30 days";
// "" when it is not known.
func (c *HealthChange) Words() string {
	d, ok := c.Delta()
	switch {
	case !ok:
		return ""
	case d > 0:
		return fmt.Sprintf("up %d in %d days", d, TrendDays)
	case d < 0:
		return fmt.Sprintf("down %d in %d days", -d, TrendDays)
	}
	return fmt.Sprintf("steady over %d days", TrendDays)
}
