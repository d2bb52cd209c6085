package app

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Booking the next check-in twice (two follow-ups, two cockpits) books it
// once; the agenda and the calendar then show the item, not the cadence's
// check-in beside it.
func TestBookCheckInOnceAndAgendaShowsItOnce(t *testing.T) {
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	a := domain.NewAccount("Acme")
	a.CadenceDays = 7
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	res, err := SaveNote(st, Note{AccountID: a.ID, Text: "Call about SSO", At: testNow.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	ref := Ref{ID: a.ID, UID: a.UID}
	checkIns := func() (agenda, cal int) {
		t.Helper()
		today := domain.DateOf(testNow)
		ag, err := Agenda(st, today, 30, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ag.Events {
			if e.Kind == domain.AgendaCheckIn || e.Kind == domain.AgendaItem && domain.IsCheckIn(e.Title) {
				agenda++
			}
		}
		var b bytes.Buffer
		if err := ExportICS(st, &b, today, 30, "", testNow); err != nil {
			t.Fatal(err)
		}
		c, err := ics.ParseCalendar(&b)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Events() {
			if strings.Contains(strings.ToLower(e.GetProperty(ics.ComponentPropertySummary).Value), "check-in") {
				cal++
			}
		}
		return agenda, cal
	}
	if ag, cal := checkIns(); ag != 1 || cal != 1 {
		t.Fatalf("before booking: %d check-ins on the agenda, %d in the calendar; want 1 each", ag, cal)
	}
	f, err := LoadFollowUp(st, ref, res.Interaction.ID)
	if err != nil || f.Booked != nil {
		t.Fatalf("follow-up %+v, %v: nothing booked yet", f.Booked, err)
	}
	it, err := BookCheckIn(st, ref, f)
	if err != nil || it.ID == 0 || it.Due != f.NextMeeting {
		t.Fatalf("booked %+v, %v", it, err)
	}
	// The same follow-up again (a second cockpit), then one loaded afresh.
	var booked *BookedError
	if _, err := BookCheckIn(st, ref, f); !errors.As(err, &booked) || booked.Item.ID != it.ID || !strings.Contains(err.Error(), "already booked") {
		t.Fatalf("booking again: %v, want it named as already booked by item #%d", err, it.ID)
	}
	if f, err = LoadFollowUp(st, ref, res.Interaction.ID); err != nil || f.Booked == nil || f.Booked.ID != it.ID {
		t.Fatalf("the follow-up loaded again does not know the booking: %+v, %v", f.Booked, err)
	}
	var items []domain.ActionItem
	_ = st.View(func(tx *store.Tx) (err error) { items, err = tx.ActionItems(a.ID); return err })
	if len(items) != 1 {
		t.Fatalf("%d items, want the one check-in: %+v", len(items), items)
	}
	if ag, cal := checkIns(); ag != 1 || cal != 1 {
		t.Fatalf("after booking: %d check-ins on the agenda, %d in the calendar; want 1 each (the item)", ag, cal)
	}
	// Done, the next one can be booked.
	if err := SetItemDone(st, ref, items[0], true, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := BookCheckIn(st, ref, f); err != nil {
		t.Fatalf("with the check-in done, booking the next: %v", err)
	}
}

// A check-in typed in a note books it: i names that item and writes
// nothing; the calendar's check-in keeps the one UID of the account's
// check-in before and after, its summary names the account once.
func TestTypedCheckInBooksAndKeepsTheCalendarUID(t *testing.T) {
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	a := domain.NewAccount("Acme Robotics Inc.")
	a.CadenceDays = 7
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	ref := Ref{ID: a.ID, UID: a.UID}
	today := domain.DateOf(testNow)
	checkIn := func() (uids []string, summaries []string) {
		t.Helper()
		var b bytes.Buffer
		if err := ExportICS(st, &b, today, 30, "", testNow); err != nil {
			t.Fatal(err)
		}
		c, err := ics.ParseCalendar(&b)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Events() {
			s := e.GetProperty(ics.ComponentPropertySummary).Value
			if strings.Contains(strings.ToLower(s), "check-in") {
				uids, summaries = append(uids, e.Id()), append(summaries, s)
			}
		}
		return uids, summaries
	}
	if _, err := SaveNote(st, Note{AccountID: a.ID, Text: "Call about SSO", At: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	before, _ := checkIn()
	want := []string{a.UID + "-check-in@tend"}
	if !slices.Equal(before, want) {
		t.Fatalf("by the cadence: check-in UIDs %q, want %q", before, want)
	}
	res, err := SaveNote(st, Note{AccountID: a.ID, Text: "Call with Raj\n- [ ] check-in call with Raj @2026-12-15", At: testNow})
	if err != nil {
		t.Fatal(err)
	}
	f, err := LoadFollowUp(st, ref, res.Interaction.ID)
	if err != nil || f.Booked == nil {
		t.Fatalf("the follow-up does not see the typed check-in: %+v, %v", f.Booked, err)
	}
	var booked *BookedError
	if _, err := BookCheckIn(st, ref, f); !errors.As(err, &booked) || booked.Item.Text != "check-in call with Raj" {
		t.Fatalf("booking beside a typed check-in: %v, want it named", err)
	}
	after, sums := checkIn()
	if !slices.Equal(after, want) || len(sums) != 1 || strings.Count(sums[0], "Acme Robotics") != 1 {
		t.Fatalf("booked: check-in UIDs %q summaries %q, want the one UID %q, the account named once", after, sums, want)
	}
}

// The follow-up of an account (ctrl+y on it) is of its newest call up to
// now: a note dated later today (a demo's, an import's) is no call yet.
func TestFollowUpOfAnAccountSkipsNotesAhead(t *testing.T) {
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	a := domain.NewAccount("Acme")
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	for _, n := range []Note{{AccountID: a.ID, Text: "The call just held", At: testNow.Add(-time.Minute)}, {AccountID: a.ID, Text: "Dated this evening", At: testNow.Add(8 * time.Hour)}} {
		if _, err := SaveNote(st, n); err != nil {
			t.Fatal(err)
		}
	}
	f, err := LoadFollowUp(st, Ref{ID: a.ID, UID: a.UID}, 0)
	if err != nil || !strings.Contains(f.Text(), "The call just held") {
		t.Errorf("the follow-up is not of the call just held (%v):\n%s", err, f.Text())
	}
}
