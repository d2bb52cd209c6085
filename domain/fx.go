package domain

// Exchange rates: amounts in another currency than the book's are converted
// with a rate the user set, in force on the amount's date, or not at all.

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// rateScale is the precision of a rate: 1 unit of a currency is Units/rateScale
// units of the book currency (eight decimals: 1.08, 0.00672, 151.37).
const rateScale = 100_000_000

// MaxRate is the largest rate accepted (one unit worth a million book units).
const MaxRate = 1_000_000

// FXRate is one dated exchange rate: from the date From on (from the
// beginning when From is zero), 1 unit of the currency is Rate units of the
// book currency. Rate is kept as decimal text, never as a float.
type FXRate struct {
	From Date   `json:"from,omitempty"`
	Rate string `json:"rate"`
}

// FXRates are the book's exchange rates: the book currency and, per other
// currency, its rates oldest first.
type FXRates struct {
	Currency string              `json:"currency"`
	Rates    map[string][]FXRate `json:"rates,omitempty"`
}

// ParseRate reads a rate as a person writes it (1.08, 0,92, 151.37) into
// units of 1e-8; it must be above zero and at most MaxRate.
func ParseRate(s string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	bad := Invalid("rate", s, "want a positive number like 1.08 (1 unit of the currency in the book currency)")
	whole, frac, dot := strings.Cut(t, ".")
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) || dot && frac == "" || len(whole) > 7 {
		return 0, bad
	}
	if len(frac) > 8 {
		return 0, Invalid("rate", s, "more than eight decimal places")
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00000000")[:8], 10, 64)
	u := w*rateScale + f
	if u <= 0 {
		return 0, Invalid("rate", s, "must be above zero")
	}
	if u > MaxRate*rateScale {
		return 0, Invalid("rate", s, "too large (at most %d)", MaxRate)
	}
	return u, nil
}

// FormatRate writes units of 1e-8 as the shortest decimal text (1.08).
func FormatRate(u int64) string {
	s := strconv.FormatInt(u/rateScale, 10)
	if f := u % rateScale; f != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%08d", f), "0")
	}
	return s
}

// Validate reports every problem with the rates: a book currency, currency
// codes, rates that read, one rate per date, oldest first.
func (x *FXRates) Validate() error {
	var v validator
	v.check(x.Currency == "" || isCurrencyCode(x.Currency) && x.Currency == strings.ToUpper(x.Currency), "currency", x.Currency, "want a currency code like USD")
	for cur, rs := range x.Rates {
		v.check(isCurrencyCode(cur) && cur == strings.ToUpper(cur), "rates", cur, "want a currency code like EUR")
		v.check(cur != x.Currency, "rates", cur, "the book currency needs no rate")
		for i, r := range rs {
			_, err := ParseRate(r.Rate)
			v.check(err == nil, "rates."+cur, r.Rate, "want a positive number like 1.08")
			v.check(i == 0 || r.From > rs[i-1].From, "rates."+cur, r.From.String(), "rates must be oldest first, one per date")
		}
	}
	return v.err()
}

// Set puts the rate of cur from the date from (zero: from the beginning),
// replacing one of that date.
func (x *FXRates) Set(cur string, from Date, rate int64) {
	if x.Rates == nil {
		x.Rates = map[string][]FXRate{}
	}
	rs := x.Rates[cur]
	i, found := slices.BinarySearchFunc(rs, from, func(r FXRate, d Date) int { return int(r.From) - int(d) })
	r := FXRate{From: from, Rate: FormatRate(rate)}
	if found {
		rs[i] = r
	} else {
		rs = slices.Insert(rs, i, r)
	}
	x.Rates[cur] = rs
}

// Delete removes the rate of cur from the date from, or every rate of cur
// when all; false when there was none.
func (x *FXRates) Delete(cur string, from Date, all bool) bool {
	rs, ok := x.Rates[cur]
	if !ok {
		return false
	}
	if all {
		delete(x.Rates, cur)
		return true
	}
	i := slices.IndexFunc(rs, func(r FXRate) bool { return r.From == from })
	if i < 0 {
		return false
	}
	rs = slices.Delete(rs, i, i+1)
	if len(rs) == 0 {
		delete(x.Rates, cur)
	} else {
		x.Rates[cur] = rs
	}
	return true
}

// Converter turns amounts into the book currency with the rates in force.
type Converter struct {
	Currency string
	rates    map[string][]fxUnits
}

type fxUnits struct {
	from  Date
	units int64
}

// Converter returns the converter of these rates; the book currency is cur
// when the rates name none.
func (x *FXRates) Converter(cur string) *Converter {
	c := &Converter{Currency: InternCurrency(cur), rates: map[string][]fxUnits{}}
	if x == nil {
		return c
	}
	if x.Currency != "" {
		c.Currency = InternCurrency(x.Currency)
	}
	for k, rs := range x.Rates {
		for _, r := range rs {
			if u, err := ParseRate(r.Rate); err == nil {
				c.rates[k] = append(c.rates[k], fxUnits{r.From, u})
			}
		}
		slices.SortFunc(c.rates[k], func(a, b fxUnits) int { return int(a.from) - int(b.from) })
	}
	return c
}

// Convert is amount (minor units of cur) in minor units of the book currency
// with the rate in force on d, rounded half away from zero; false when cur
// has no rate on d. An empty currency is the book's.
func (c *Converter) Convert(amount int64, cur string, d Date) (int64, bool) {
	if cur == "" || cur == c.Currency || amount == 0 {
		return amount, true
	}
	rs := c.rates[cur]
	i, _ := slices.BinarySearchFunc(rs, d, func(r fxUnits, d Date) int {
		if r.from <= d {
			return -1
		}
		return 1
	})
	if i == 0 {
		return 0, false
	}
	u := rs[i-1].units
	neg := amount < 0
	a := uint64(amount)
	if neg {
		a = uint64(-amount)
	}
	hi, lo := bits.Mul64(a, uint64(u))
	lo, carry := bits.Add64(lo, rateScale/2, 0)
	hi += carry
	if hi >= rateScale { // the quotient would not fit
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, rateScale)
	if q > 1<<62 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

// NoRate is the reason a figure is missing for want of a rate for cur.
func NoRate(cur string) string { return fmt.Sprintf("no %s rate; tend fx set %s RATE", cur, cur) }
