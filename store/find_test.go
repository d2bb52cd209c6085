package store

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// Issue 11, part 5: a destructive command never resolves a part of a name.
func TestFindAccountExact(t *testing.T) {
	s := newTestStore(t)
	robotics := addAccount(t, s, "Acme Robotics")
	addAccount(t, s, "Acme Logistics")
	addAccount(t, s, "Twin")
	addAccount(t, s, "twin")
	hash := addAccount(t, s, "#A Customer")
	_ = s.View(func(tx *Tx) error {
		for _, q := range []string{"Acme Robotics", "  acme   ROBOTICS ", "#1"} {
			if got, err := tx.FindAccountExact(q); err != nil || got.ID != robotics.ID {
				t.Errorf("%q: %v %v", q, got.ID, err)
			}
		}
		if got, err := tx.FindAccountExact("#a customer"); err != nil || got.ID != hash.ID {
			t.Errorf("a name that starts with #: %v %v", got.ID, err)
		}
		for q, want := range map[string]string{
			"bot":    "Acme Robotics (#1)",
			"acme":   "Acme Logistics (#2)",
			"Acme R": "Acme Robotics (#1)",
			"TWIN":   "twin (#4)",
		} {
			_, err := tx.FindAccountExact(q)
			if domain.ErrorCode(err) != domain.EAMBIGUOUS || !strings.Contains(err.Error(), want) {
				t.Errorf("%q: %v", q, err)
			}
		}
		for _, q := range []string{"zeta", "1", "#9", "#x"} {
			if _, err := tx.FindAccountExact(q); err == nil || domain.ErrorCode(err) == domain.EAMBIGUOUS {
				t.Errorf("%q: %v", q, err)
			}
		}
		return nil
	})
}
