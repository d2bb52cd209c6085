package demo

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

func generate(t *testing.T, o Options) []Bundle {
	t.Helper()
	var out []Bundle
	if err := Generate(o, func(b *Bundle) error { out = append(out, *b); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTheSameSeedGivesTheSameBook(t *testing.T) {
	o := Options{Accounts: 50, Seed: 9, Today: domain.NewDate(2026, 11, 28), Loc: time.UTC}
	a, _ := json.Marshal(generate(t, o))
	b, _ := json.Marshal(generate(t, o))
	if string(a) != string(b) {
		t.Fatal("two runs with one seed differ")
	}
	o.Seed = 10
	c, _ := json.Marshal(generate(t, o))
	if string(a) == string(c) {
		t.Fatal("another seed gives the same book")
	}
}

func TestTheBookIsValidAndVaried(t *testing.T) {
	today := domain.NewDate(2026, 11, 28)
	books := generate(t, Options{Accounts: 300, Interactions: 3000, Seed: 1, Today: today, Loc: time.UTC})
	if len(books) != 300 {
		t.Fatalf("%d accounts", len(books))
	}
	names := map[string]bool{}
	interactions, closed, onboarding, overdue, escalations := 0, 0, 0, 0, 0
	for _, b := range books {
		if err := b.Account.Validate(); err != nil {
			t.Fatalf("%s: %v", b.Account.Name, err)
		}
		if names[b.Account.Name] {
			t.Fatalf("duplicate name %s", b.Account.Name)
		}
		names[b.Account.Name] = true
		for _, c := range b.Contacts {
			if err := c.Validate(); err != nil {
				t.Fatalf("contact: %v", err)
			}
		}
		for i, in := range b.Interactions {
			in.AccountID = 1
			if err := in.Validate(); err != nil {
				t.Fatalf("interaction: %v", err)
			}
			if i > 0 && in.At.Before(b.Interactions[i-1].At) {
				t.Fatal("interactions out of time order")
			}
		}
		interactions += len(b.Interactions)
		if err := b.Plan.Validate(); err != nil {
			t.Fatalf("plan: %v", err)
		}
		for _, it := range b.Items {
			if it.Overdue(today) {
				overdue++
			}
		}
		for _, r := range b.Risks {
			if err := r.Validate(); err != nil {
				t.Fatalf("risk: %v", err)
			}
			if r.Open() && r.Kind == domain.RiskEscalation {
				escalations++
			}
		}
		for _, o := range b.Opportunities {
			if err := o.Validate(); err != nil {
				t.Fatalf("opportunity: %v", err)
			}
		}
		switch b.Account.Stage {
		case domain.StageClosed:
			closed++
		case domain.StageOnboarding:
			onboarding++
		}
	}
	if interactions != 3000 {
		t.Errorf("%d interactions, asked for 3000", interactions)
	}
	if closed == 0 || onboarding == 0 || overdue == 0 || escalations == 0 {
		t.Errorf("a realistic book has churned (%d), new (%d), overdue items (%d) and escalations (%d)", closed, onboarding, overdue, escalations)
	}
}

// Every record of a generated book keeps the lifecycle's rules: every
// customer has a contract start; whatever is dated happened while the
// account was a customer; a won expansion raised ARR by its value from the
// day it closed; a won renewal rolled the renewal date a year on.
func TestTheBookKeepsTheLifecycleRules(t *testing.T) {
	today := domain.NewDate(2026, 11, 28)
	for seed := uint64(1); seed <= 5; seed++ {
		for _, b := range generate(t, Options{Accounts: 200, Seed: seed, Today: today, Loc: time.UTC}) {
			a := &b.Account
			name := a.Name
			if a.ContractStart.IsZero() || a.ContractStart > today {
				t.Fatalf("%s: contract start %s", name, a.ContractStart)
			}
			lastDay := today
			if a.Stage == domain.StageClosed {
				if a.ClosedOn <= a.ContractStart || a.ClosedOn > today || !a.Renewal.IsZero() {
					t.Fatalf("%s: closed %s, started %s, renewal %s", name, a.ClosedOn, a.ContractStart, a.Renewal)
				}
				lastDay = a.ClosedOn.AddDays(-1)
			} else if a.Renewal <= today || (a.Renewal.Sub(a.ContractStart)%365 > 2 && a.Renewal.Sub(a.ContractStart)%366 > 2) {
				t.Fatalf("%s: renewal %s, not the next anniversary of %s", name, a.Renewal, a.ContractStart)
			}
			in := func(what string, d domain.Date) {
				if d < a.ContractStart || d > lastDay {
					t.Fatalf("%s: %s dated %s, outside the contract %s to %s", name, what, d, a.ContractStart, lastDay)
				}
			}
			h := b.ARRHistory
			if len(h) == 0 || h[0].Date != a.ContractStart || h[len(h)-1].ARR != a.ARR {
				t.Fatalf("%s: ARR history %+v, ARR %v", name, h, a.ARR)
			}
			arrOn := func(d domain.Date) int64 {
				v := int64(0)
				for i, c := range h {
					in("ARR change", c.Date)
					if i > 0 && c.Date <= h[i-1].Date {
						t.Fatalf("%s: ARR history out of order", name)
					}
					if c.Date <= d {
						v = c.ARR.Amount
					}
				}
				return v
			}
			for _, o := range b.Opportunities {
				if o.Stage != domain.OppWon {
					continue
				}
				in("won "+string(o.Kind), o.ClosedOn)
				switch o.Kind {
				case domain.OppRenewal:
					if o.ClosedOn.AddMonths(12) != a.Renewal {
						t.Fatalf("%s: renewal won %s, renewal date %s not rolled a year on", name, o.ClosedOn, a.Renewal)
					}
				default:
					if up := arrOn(o.ClosedOn) - arrOn(o.ClosedOn-1); up != o.Value.Amount {
						t.Fatalf("%s: won %s of %v on %s raised ARR by %d", name, o.Kind, o.Value, o.ClosedOn, up)
					}
				}
			}
			for _, o := range b.Orders {
				in("order", o.Date)
			}
			for _, s := range b.Surveys {
				in("survey answer", s.Date)
			}
			for _, w := range b.Wins {
				in("win", w.Date)
			}
			for _, r := range b.Risks {
				in("risk", r.Opened)
				if r.Open() && a.Stage == domain.StageClosed {
					t.Fatalf("%s: an open risk on a closed account", name)
				}
			}
			for _, x := range b.Interactions {
				in("interaction", domain.DateOf(x.At))
			}
		}
	}
}
