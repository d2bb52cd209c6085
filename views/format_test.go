package views

import (
	"testing"

	"github.com/tend-cli/tend/domain"
)

func TestFormatValueAndSparkline(t *testing.T) {
	cases := []struct {
		v    domain.Value
		unit string
		want string
	}{
		{domain.Value{Reason: "no churn"}, "money", "n/a: no churn"},
		{domain.Value{V: 123456789, OK: true}, "money", "$1.2M"},
		{domain.Value{V: 0.0375, OK: true}, "percent", "3.8%"},
		{domain.Value{V: 42, OK: true}, "score", "+42"},
		{domain.Value{V: 4.25, OK: true}, "csat", "4.2/5"},
	}
	for _, c := range cases {
		if got := FormatValue(c.v, c.unit, "USD"); got != c.want {
			t.Errorf("%+v %s: %q, want %q", c.v, c.unit, got, c.want)
		}
	}
	if s := Sparkline([]domain.Value{{V: 1, OK: true}, {}, {V: 3, OK: true}, {V: 2, OK: true}}); s != "▁ █▅" {
		t.Errorf("sparkline %q", s)
	}
}
