package store

import (
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// A note's time outside the years every date is held to is refused, from
// any path (a JSON import is PutAccountRecords), naming the value; the
// store refuses a time its keys cannot hold whatever validation allows.
func TestANoteTimeOutsideTheDatesYearsIsRefused(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	for _, at := range []time.Time{time.Date(1500, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC)} {
		in := domain.Interaction{AccountID: a.ID, At: at, Channel: domain.ChannelCall, Summary: "x"}
		err := s.Update(func(tx *Tx) error { return tx.AddInteraction(&in) })
		if err == nil || !strings.Contains(err.Error(), at.Format(time.RFC3339)) {
			t.Errorf("a note at %v: %v", at, err)
		}
	}
	if err := keyable("at", time.Date(2263, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("2263 is keyable")
	}
	if err := keyable("at", time.Date(1677, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("1677 is keyable")
	}
	if err := keyable("at", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Error(err)
	}
}
