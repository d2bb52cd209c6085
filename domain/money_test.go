package domain

import "testing"

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in     string
		amount int64
		cur    string
	}{
		{"12,500", 1_250_000, "USD"},
		{"12500", 1_250_000, "USD"},
		{"12.5k", 1_250_000, "USD"},
		{"$1.2M", 120_000_000, "USD"},
		{"€3,400.50", 340_050, "EUR"},
		{"£99.9", 9_990, "GBP"},
		{"EUR 100", 10_000, "EUR"},
		{"100 gbp", 10_000, "GBP"},
		{"$1,200,000.00", 120_000_000, "USD"},
		{"0", 0, "USD"},
		{"1.234567k", 123_457, "USD"}, // rounded to the cent
		{"2B", 200_000_000_000, "USD"},
		{"1_000", 100_000, "USD"},
		{"1.250.000", 125_000_000, "USD"},
		{"1.250.000,50", 125_000_050, "USD"},
		{"€12,50", 1_250, "EUR"},
		{"12,500", 1_250_000, "USD"},
		{"1 200 000", 120_000_000, "USD"},
	}
	for _, c := range cases {
		m, err := ParseMoney(c.in, "USD")
		if err != nil || m.Amount != c.amount || m.Currency != c.cur {
			t.Errorf("ParseMoney(%q) = %+v, %v; want %d %s", c.in, m, err, c.amount, c.cur)
		}
	}
	for _, bad := range []string{"", "-5", "(100)", "abc", "12.345", "1.2.3", "$", "99999999999999999999", "20000B", "1e5", "12.", "k"} {
		if m, err := ParseMoney(bad, "USD"); err == nil {
			t.Errorf("ParseMoney(%q) = %+v; want an error", bad, m)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	cases := []struct {
		m           Money
		full, short string
	}{
		{Money{125_000_050, "USD"}, "$1,250,000.50", "$1.3M"},
		{Money{95_000, "USD"}, "$950", "$950"},
		{Money{1_250_000, "EUR"}, "€12,500", "€13k"},
		{Money{150_000, "USD"}, "$1,500", "$1.5k"},
		{Money{-150_000, "USD"}, "-$1,500", "-$1.5k"},
		{Money{300_000_000_000, "CHF"}, "CHF 3,000,000,000", "CHF 3B"},
	}
	for _, c := range cases {
		if got := c.m.String(); got != c.full {
			t.Errorf("%+v.String() = %q; want %q", c.m, got, c.full)
		}
		if got := c.m.Short(); got != c.short {
			t.Errorf("%+v.Short() = %q; want %q", c.m, got, c.short)
		}
	}
}

// Issue 16, finding 14: digits grouped otherwise than in threes are no number.
func TestParseMoneyRefusesOddGrouping(t *testing.T) {
	for _, s := range []string{"1,2,3", "12,34,567", "1,23.50"} {
		if m, err := ParseMoney(s, "USD"); err == nil {
			t.Errorf("ParseMoney(%q) = %v", s, m)
		}
	}
	if m, err := ParseMoney("1,234,567.50", "USD"); err != nil || m.Amount != 123_456_750 {
		t.Errorf("1,234,567.50: %v %v", m, err)
	}
}
