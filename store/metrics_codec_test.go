package store

import (
	"testing"

	"github.com/tend-cli/tend/domain"
)

// Metrics v3 carries the currency of every amount that is not the account's;
// a v2 record (written before) still reads, every amount in the account's
// currency.
func TestMetricsCarryTheirCurrencies(t *testing.T) {
	a := domain.Account{Name: "A", Tier: domain.TierKey, Stage: domain.StageRetention, ContractStart: 100,
		ARR: domain.Money{Amount: 500, Currency: "USD"}, AcquisitionCost: domain.Money{Amount: 7, Currency: "GBP"}}
	arr := []domain.ARRChange{{Date: 100, ARR: domain.Money{Amount: 400, Currency: "USD"}}, {Date: 200, ARR: domain.Money{Amount: 500, Currency: "USD"}}}
	orders := []domain.Order{{Date: 150, Amount: domain.Money{Amount: 9, Currency: "EUR"}}, {Date: 160, Amount: domain.Money{Amount: 3, Currency: "USD"}}}
	opps := []domain.Opportunity{{Kind: domain.OppUpsell, Stage: domain.OppWon, ClosedOn: 170, Value: domain.Money{Amount: 50, Currency: "CHF"}}}
	v3 := encodeMetrics(nil, &a, arr, orders, nil, opps)
	var acct domain.KPIAccount
	var in domain.KPIInput
	cur, err := decodeMetrics(v3, &acct, &in)
	if err != nil || cur != "USD" || acct.Currency != "USD" || acct.AcqCurrency != "GBP" || acct.ARR[1].ARR.Currency != "USD" ||
		in.Orders[0].Currency != "EUR" || in.Orders[1].Currency != "USD" || in.Wins[0].Currency != "CHF" {
		t.Fatalf("v3: %v %q %+v %+v", err, cur, acct, in)
	}
	// The same record as v2 wrote it: no currencies after the wins.
	// Trailer: the acquisition cost's currency, one per ARR change, order and win.
	trailer := len(appendString(nil, "GBP")) + 2*len(appendString(nil, "")) + len(appendString(nil, "EUR")) + len(appendString(nil, "")) + len(appendString(nil, "CHF"))
	v2 := append([]byte{metricsV2}, v3[1:len(v3)-trailer]...)
	acct, in = domain.KPIAccount{}, domain.KPIInput{}
	cur, err = decodeMetrics(v2, &acct, &in)
	if err != nil || cur != "USD" || acct.Currency != "USD" || acct.AcqCurrency != "" || len(in.Orders) != 2 || in.Orders[0].Currency != "" || in.Wins[0].Value != 50 {
		t.Fatalf("v2: %v %q %+v %+v", err, cur, acct, in)
	}
	if _, err := decodeMetrics(v3[:len(v3)-1], &acct, &in); err == nil {
		t.Error("a cut v3 record reads")
	}
}
