package app

// Exchange rates: what the KPI report converts amounts in other currencies with.

import (
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// FXRates reads the book currency and its exchange rates.
func FXRates(st Store) (domain.FXRates, error) {
	var fx domain.FXRates
	err := st.View(func(tx *store.Tx) (err error) { fx, err = tx.FXRates(); return })
	return fx, err
}

// SetFXRate sets the rate of the currency cur (1 cur = rate units of the book
// currency) from the date from on (zero: from the beginning), as ParseRate
// reads it; the first rate set fixes the book currency. It fails with
// EINVALID on a code, a rate or the book's own currency.
func SetFXRate(st Store, cur, rate string, from domain.Date) (domain.FXRates, error) {
	code := strings.ToUpper(strings.TrimSpace(cur))
	if len(code) != 3 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return domain.FXRates{}, domain.Invalid("currency", cur, "want a currency code like EUR")
	}
	u, err := domain.ParseRate(rate)
	if err != nil {
		return domain.FXRates{}, err
	}
	var fx domain.FXRates
	err = st.Update(func(tx *store.Tx) error {
		if fx, err = tx.FXRates(); err != nil {
			return err
		}
		if code == fx.Currency {
			return domain.Invalid("currency", cur, "%s is the book currency: it needs no rate", code)
		}
		fx.Set(code, from, u)
		return tx.PutFXRates(fx)
	})
	return fx, err
}

// DeleteFXRate removes the rate of cur from the date from, or every rate of
// cur when all; ENOTFOUND when there is none.
func DeleteFXRate(st Store, cur string, from domain.Date, all bool) error {
	code := strings.ToUpper(strings.TrimSpace(cur))
	return st.Update(func(tx *store.Tx) error {
		fx, err := tx.FXRates()
		if err != nil {
			return err
		}
		if !fx.Delete(code, from, all) {
			if all {
				return domain.Errorf(domain.ENOTFOUND, "no %s rate", domain.Printable(code))
			}
			when := "from the beginning"
			if from != 0 {
				when = "from " + from.String()
			}
			return domain.Errorf(domain.ENOTFOUND, "no %s rate %s (tend fx list)", domain.Printable(code), when)
		}
		return tx.PutFXRates(fx)
	})
}
