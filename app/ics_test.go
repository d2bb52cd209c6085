package app

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// parseICS reads an export back with the library: event UIDs in order,
// and the events by UID.
func parseICS(t *testing.T, b []byte) ([]string, map[string]*ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the export does not parse: %v", err)
	}
	var uids []string
	byUID := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		uids = append(uids, e.Id())
		byUID[e.Id()] = e
	}
	return uids, byUID
}

func TestICSExportParsesBackAndKeepsUIDs(t *testing.T) {
	st := newBook(t, 30)
	today := domain.DateOf(testNow)
	var first bytes.Buffer
	if err := ExportICS(st, &first, today, ICSDays, "", testNow); err != nil {
		t.Fatal(err)
	}
	uids, byUID := parseICS(t, first.Bytes())
	ag, err := Agenda(st, today, ICSDays, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(uids) != len(ag.Events) || len(uids) == 0 {
		t.Fatalf("%d events in the file, %d on the agenda", len(uids), len(ag.Events))
	}
	if u := slices.Compact(slices.Sorted(slices.Values(uids))); len(u) != len(uids) {
		t.Fatalf("%d UIDs for %d events: some repeat", len(u), len(uids))
	}
	// An item's UID is its record's; a renewal's is its account's.
	var items []domain.ActionItem
	var acct domain.Account
	_ = st.View(func(tx *store.Tx) (err error) {
		if items, err = tx.ActionItems(ag.Events[0].AccountID); err != nil {
			return err
		}
		acct, err = tx.Account(ag.Events[0].AccountID)
		return err
	})
	for _, e := range ag.Events {
		switch {
		case e.Kind == domain.AgendaItem && e.AccountID == acct.ID:
			i := slices.IndexFunc(items, func(it domain.ActionItem) bool { return it.ID == e.RecordID })
			if byUID[items[i].UID+"@tend"] == nil {
				t.Errorf("item #%d: no event with its UID %s", e.RecordID, items[i].UID)
			}
		case e.Kind == domain.AgendaRenewal:
			ev := byUID[e.AccountUID+"-renewal@tend"]
			if ev == nil {
				t.Fatalf("renewal of %s: no event with its account's UID", e.Account)
			}
			start, err := ev.GetAllDayStartAt()
			if err != nil || domain.DateOf(start) != e.On {
				t.Errorf("renewal of %s starts %v (%v), want %s", e.Account, start, err, e.On)
			}
			if !strings.Contains(ev.GetProperty(ics.ComponentPropertySummary).Value, e.Account) {
				t.Errorf("renewal summary %q", ev.GetProperty(ics.ComponentPropertySummary).Value)
			}
		}
	}

	// A week later, after an item's due date moved, the export has the
	// same UIDs for what is still ahead, and the moved item keeps its UID.
	var moved domain.ActionItem
	for _, e := range ag.Events {
		if e.Kind == domain.AgendaItem {
			_ = st.View(func(tx *store.Tx) error {
				its, err := tx.ActionItems(e.AccountID)
				for _, it := range its {
					if it.ID == e.RecordID {
						moved = it
					}
				}
				return err
			})
			break
		}
	}
	moved.Due = moved.Due.AddDays(20)
	if err := SaveActionItem(st, Ref{ID: moved.AccountID, UID: accountUID(t, st, moved.AccountID)}, moved); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := ExportICS(st, &again, today, ICSDays, "", testNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	uids2, byUID2 := parseICS(t, again.Bytes())
	if !slices.Equal(slices.Sorted(slices.Values(uids)), slices.Sorted(slices.Values(uids2))) {
		t.Errorf("re-export changed the UIDs: %d then %d", len(uids), len(uids2))
	}
	ev := byUID2[moved.UID+"@tend"]
	if ev == nil {
		t.Fatal("the moved item has no event")
	}
	if start, _ := ev.GetAllDayStartAt(); domain.DateOf(start) != moved.Due {
		t.Errorf("the moved item's event starts %v, want %s", start, moved.Due)
	}
}

func accountUID(t *testing.T, st *store.Store, id uint64) string {
	var a domain.Account
	if err := st.View(func(tx *store.Tx) (err error) { a, err = tx.Account(id); return }); err != nil {
		t.Fatal(err)
	}
	return a.UID
}

// Hostile text in a record reaches the file neutralised, and one account's
// export lists only its events; the writer never replaces a database.
func TestICSExportOfOneAccountAndHostileText(t *testing.T) {
	st := newBook(t, 5)
	today := domain.DateOf(testNow)
	a := accountUID(t, st, 1)
	evil := domain.ActionItem{AccountID: 1, Text: "pwn\r\nBEGIN:VEVENT\x1b]52;c;aGk=\x07", Due: today.AddDays(2)}
	if err := SaveActionItem(st, Ref{ID: 1, UID: a}, evil); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ExportICS(st, &b, today, 30, "#1", testNow); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") || strings.Contains(out, "\r\nBEGIN:VEVENT\x1b") {
		t.Errorf("control characters reached the file:\n%q", out)
	}
	_, byUID := parseICS(t, b.Bytes())
	ag, _ := Agenda(st, today, 30, "#1")
	if len(byUID) != len(ag.Events) {
		t.Errorf("%d events for account #1, want %d", len(byUID), len(ag.Events))
	}
	if err := WriteOutput(st, st.Path, nil, func(io.Writer) error { return nil }); err == nil {
		t.Error("the writer would replace the data file")
	}
}
