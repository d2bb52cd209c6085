package cockpit

import (
	"slices"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// b on the portfolio opens the brief; n in it starts the call note with
// the likely contacts ticked; the saved note carries them as attendees and
// the brief, under the editor, shows the new note.
func TestBriefThenNoteWithAttendees(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "b")
	waitFor(t, tm, "Brief · Acme Robotics Inc.", "Talking points", "Likely on the call")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.", "[x]")
	typeText(tm, "Walked through the SSO rollout.")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "note saved", "Walked through the SSO rollout.")
	_ = tm.Quit()
	var notes []domain.Interaction
	var contacts []domain.Contact
	_ = st.View(func(tx *store.Tx) (err error) {
		if notes, _, err = tx.Interactions(1, store.Cursor{}, 1); err != nil {
			return err
		}
		contacts, err = tx.Contacts(1)
		return err
	})
	if len(notes) != 1 || notes[0].Summary != "Walked through the SSO rollout." || len(notes[0].Attendees) == 0 {
		t.Fatalf("saved %+v", notes)
	}
	for _, id := range notes[0].Attendees {
		i := slices.IndexFunc(contacts, func(c domain.Contact) bool { return c.ID == id })
		if i < 0 {
			t.Errorf("attendee #%d is no contact of the account", id)
		}
	}
}
