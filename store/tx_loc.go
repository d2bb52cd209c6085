package store

import "time"

// Loc is the user's zone, in which civil dates (due dates, "today") are read.
func (t *Tx) Loc() *time.Location { return t.s.loc() }
