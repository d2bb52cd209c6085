package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
	"github.com/tend-cli/tend/store/formats/crmgen"
)

// Issue 16, problem 7: a plain sales data set. Its accounts' revenue is the
// customers' own revenue (never ARR); its pipeline is refused as accounts,
// imported with --kind deals as opportunities with the stages mapped (and
// the mapping said), each won deal an order; importing it again changes
// nothing.
func TestSalesPipelineImportsAsDeals(t *testing.T) {
	p := crmgen.SalesPipeline(9, 85, 800)
	st := emptyStore(t)
	opt := formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}
	res, err := ImportCSV(st, bytes.NewReader(p.Accounts), opt, ImportMode{}, nil)
	if err != nil || res.New != p.NAccounts || len(res.Rejected) != 0 {
		t.Fatalf("accounts: %v %+v", err, res)
	}
	_ = st.View(func(tx *store.Tx) error {
		accts, _ := tx.Accounts()
		for _, a := range accts {
			if a.ARR.Amount != 0 || a.CompanyRevenue.Amount == 0 {
				t.Fatalf("%s: ARR %s, company revenue %s", a.Name, a.ARR, a.CompanyRevenue)
			}
		}
		return nil
	})
	if _, err := ImportCSV(st, bytes.NewReader(p.Deals), opt, ImportMode{}, nil); err == nil || !strings.Contains(err.Error(), "--kind deals") {
		t.Fatalf("a pipeline read as accounts: %v", err)
	}
	opt.Kind = formats.KindDeals
	res, err = ImportCSV(st, bytes.NewReader(p.Deals), opt, ImportMode{}, nil)
	if err != nil || res.New != 800 || len(res.Rejected) != 0 {
		t.Fatalf("deals: %v %+v", err, res)
	}
	notes := strings.Join(res.Notes, "\n")
	for _, want := range []string{"Engaging → propose", "Lost → lost", "Prospecting → qualify", "Won → won", "recorded as orders"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q: %s", want, notes)
		}
	}
	won, open, orders := 0, 0, 0
	_ = st.View(func(tx *store.Tx) error {
		for _, id := range tx.AccountIDs() {
			os, _ := tx.Opportunities(id)
			for _, o := range os {
				switch {
				case o.Stage == domain.OppWon:
					won++
				case o.Open():
					open++
				}
			}
			ord, _ := tx.Orders(id)
			orders += len(ord)
		}
		return nil
	})
	if won != p.Stages["Won"] || open != p.Stages["Engaging"]+p.Stages["Prospecting"] || orders != p.Won {
		t.Errorf("won %d, open %d, orders %d; want %v", won, open, orders, p.Stages)
	}
	res, err = ImportCSV(st, bytes.NewReader(p.Deals), opt, ImportMode{}, nil)
	if err != nil || res.New != 0 || res.Updated != 0 || res.Skipped != 800 {
		t.Errorf("again: %v %d new %d updated %d unchanged", err, res.New, res.Updated, res.Skipped)
	}
	// Accounts asked of a deals file, deals of an accounts file: refused, with the hint.
	if _, err := ImportCSV(st, bytes.NewReader(p.Accounts), opt, ImportMode{}, nil); err == nil || !strings.Contains(err.Error(), "--kind accounts") {
		t.Errorf("accounts as deals: %v", err)
	}
}
