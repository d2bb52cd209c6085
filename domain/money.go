package domain

import (
	"math"
	"strconv"
	"strings"
)

// Money is an amount in integer minor units (cents) of a currency. Never float.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// DefaultCurrency is used when an amount is typed without one.
const DefaultCurrency = "USD"

// MaxMoney is the largest amount tend accepts: 1e13 major units (ten trillion).
const MaxMoney = int64(1e13) * 100

var symbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "CHF": "CHF"}
var currencySymbol = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

// InternCurrency returns the common currency codes as one shared string
// each, so that comparing them (millions of times in a report) is a pointer
// check, not a byte comparison; others are returned as they are.
func InternCurrency(s string) string {
	switch s {
	case "USD":
		return "USD"
	case "EUR":
		return "EUR"
	case "GBP":
		return "GBP"
	case "CHF":
		return "CHF"
	case "JPY":
		return "JPY"
	case "CAD":
		return "CAD"
	case "AUD":
		return "AUD"
	case "":
		return ""
	}
	return s
}

// Cents builds Money from whole minor units.
func Cents(n int64, currency string) Money { return Money{Amount: n, Currency: currency} }

// ParseMoney reads an amount as people write it: 12,500  12.5k  $1.2M  €3,400.50
// USD 100  100 eur  1_000. Negative amounts, more than two decimals without a
// suffix, and absurd amounts are rejected with the reason.
func ParseMoney(s, defaultCurrency string) (Money, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Money{}, Invalid("amount", s, "empty; want an amount like 12,500 or 1.2M")
	}
	cur := ""
	for sym, code := range symbols {
		if strings.HasPrefix(in, sym) {
			cur, in = code, strings.TrimSpace(in[len(sym):])
		} else if strings.HasSuffix(in, sym) && len(in) > len(sym) {
			cur, in = code, strings.TrimSpace(in[:len(in)-len(sym)])
		}
	}
	if f := strings.Fields(in); len(f) == 2 {
		switch {
		case isCurrencyCode(f[0]):
			cur, in = strings.ToUpper(f[0]), f[1]
		case isCurrencyCode(f[1]):
			cur, in = strings.ToUpper(f[1]), f[0]
		}
	}
	if strings.HasPrefix(in, "-") || strings.HasPrefix(in, "(") {
		return Money{}, Invalid("amount", s, "must not be negative")
	}
	in = strings.TrimPrefix(in, "+")
	mult := int64(1)
	if n := len(in); n > 0 {
		switch in[n-1] {
		case 'k', 'K':
			mult, in = 1_000, in[:n-1]
		case 'm', 'M':
			mult, in = 1_000_000, in[:n-1]
		case 'b', 'B':
			mult, in = 1_000_000_000, in[:n-1]
		}
	}
	in = strings.NewReplacer("_", "", " ", "", "\u00a0", "", "'", "").Replace(in)
	in = normaliseSeparators(in)
	whole, frac, hasDot := strings.Cut(in, ".")
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) || (hasDot && frac == "") {
		return Money{}, Invalid("amount", s, "not a number; want an amount like 12,500 or 1.2M")
	}
	if mult == 1 && len(frac) > 2 {
		return Money{}, Invalid("amount", s, "more than two decimal places")
	}
	// value in minor units = (whole + frac) * mult * 100, computed exactly.
	w, err := strconv.ParseInt("0"+whole, 10, 64)
	if err != nil || w > MaxMoney/100/mult {
		return Money{}, Invalid("amount", s, "too large (more than 10 trillion)")
	}
	minor := w * mult * 100
	if frac != "" {
		if len(frac) > 12 {
			frac = frac[:12]
		}
		f, _ := strconv.ParseInt(frac, 10, 64)
		scale := int64(math.Pow10(len(frac)))
		// frac/scale * mult * 100, rounded half up.
		num := f * mult * 100
		if f != 0 && num/f != mult*100 { // overflow: too many digits for the multiplier
			return Money{}, Invalid("amount", s, "too many decimal places")
		}
		minor += (num + scale/2) / scale
	}
	if minor > MaxMoney {
		return Money{}, Invalid("amount", s, "too large (more than 10 trillion)")
	}
	if cur == "" {
		cur = defaultCurrency
	}
	if cur == "" {
		cur = DefaultCurrency
	}
	return Money{Amount: minor, Currency: cur}, nil
}

// normaliseSeparators turns the ways people group digits into one: commas
// group thousands (1,200,000.50); so do dots when there are several or a
// decimal comma follows (1.250.000 or 1.250.000,50, as in much of Europe); a
// lone comma before one or two digits is a decimal comma (12,5 or 12,50).
func normaliseSeparators(s string) string {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case commas == 1 && dots > 0 && lastComma > lastDot && grouped(s[:lastComma], '.'): // 1.250.000,50
		s = strings.ReplaceAll(s, ".", "")
		return strings.Replace(s, ",", ".", 1)
	case dots > 1 && commas == 0 && grouped(s, '.'): // 1.250.000
		return strings.ReplaceAll(s, ".", "")
	case commas == 1 && dots == 0 && len(s)-lastComma-1 <= 2: // 12,50
		return strings.Replace(s, ",", ".", 1)
	}
	if whole, _, _ := strings.Cut(s, "."); commas > 0 && !grouped(whole, ',') {
		return s // "1,2,3" is no number (left for the caller to refuse), never 123
	}
	return strings.ReplaceAll(s, ",", "")
}

// grouped reports whether every group after the first has three digits.
func grouped(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return len(parts[0]) >= 1 && len(parts[0]) <= 3
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func (m Money) symbol() string {
	if s, ok := currencySymbol[m.Currency]; ok {
		return s
	}
	if m.Currency == "" {
		return "$"
	}
	return m.Currency + " "
}

// String is the full amount: $1,250,000.50 (cents shown only when non-zero).
func (m Money) String() string {
	neg := m.Amount < 0
	a := m.Amount
	if neg {
		a = -a
	}
	s := m.symbol() + groupThousands(a/100)
	if c := a % 100; c != 0 {
		s += "." + strconv.FormatInt(100+c, 10)[1:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Short is a compact amount for tables: $950, $12.5k, $1.2M, $3.4B.
func (m Money) Short() string {
	a := m.Amount / 100
	neg := a < 0
	if neg {
		a = -a
	}
	var s string
	switch {
	case a >= 999_950_000:
		s = tenths(a, 1e9) + "B"
	case a >= 999_950:
		s = tenths(a, 1e6) + "M"
	case a >= 10_000:
		s = strconv.FormatInt((a+500)/1000, 10) + "k"
	case a >= 1_000:
		s = tenths(a, 1e3) + "k"
	default:
		s = strconv.FormatInt(a, 10)
	}
	s = m.symbol() + s
	if neg {
		s = "-" + s
	}
	return s
}

// tenths is a/unit rounded half up to one decimal, without a trailing .0.
func tenths(a, unit int64) string {
	t := (a*10 + unit/2) / unit
	s := strconv.FormatInt(t/10, 10)
	if t%10 != 0 {
		s += "." + strconv.FormatInt(t%10, 10)
	}
	return s
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
