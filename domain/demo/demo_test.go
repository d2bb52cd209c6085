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
