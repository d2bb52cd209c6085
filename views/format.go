package views

import (
	"fmt"
	"math"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// FormatValue writes a KPI value for people in its unit: money in the
// currency (short form), percentages with one decimal, NPS signed, CSAT out
// of 5; a value that cannot be computed says why.
func FormatValue(v domain.Value, unit, currency string) string {
	if !v.OK {
		return "n/a: " + v.Reason
	}
	switch unit {
	case "money":
		return domain.Money{Amount: int64(math.Round(v.V)), Currency: currency}.Short()
	case "percent":
		return fmt.Sprintf("%.1f%%", v.V*100)
	case "score":
		return fmt.Sprintf("%+.0f", v.V)
	case "csat":
		return fmt.Sprintf("%.1f/5", v.V)
	}
	return fmt.Sprintf("%.2f", v.V)
}

// Sparkline draws values as block characters scaled between their lowest and
// highest; a value that cannot be computed is a blank.
func Sparkline(vs []domain.Value) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if v.OK {
			lo, hi = math.Min(lo, v.V), math.Max(hi, v.V)
		}
	}
	bars := []rune("▁▂▃▄▅▆▇█")
	var sb strings.Builder
	for _, v := range vs {
		switch {
		case !v.OK:
			sb.WriteRune(' ')
		case hi == lo:
			sb.WriteRune(bars[3])
		default:
			sb.WriteRune(bars[int((v.V-lo)/(hi-lo)*7+0.5)])
		}
	}
	return sb.String()
}

// ARRHistoryLines shows an ARR history (oldest first) newest first, one line
// per change: its date (in layout), the ARR from then, the change from the
// one before and its cause.
func ARRHistoryLines(h []domain.ARRChange, layout string) []string {
	out := make([]string, 0, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		c := h[i]
		prev := domain.Money{Currency: c.ARR.Currency}
		if i > 0 {
			prev = h[i-1].ARR
		}
		change := "—"
		if d := c.ARR.Amount - prev.Amount; d != 0 && prev.Currency == c.ARR.Currency {
			sign := "+"
			if d < 0 {
				sign, d = "−", -d
			}
			change = sign + domain.Money{Amount: d, Currency: c.ARR.Currency}.Short()
		}
		cause := c.Cause
		if cause == "" {
			cause = "—"
		}
		out = append(out, FitRight(c.Date.Format(layout), 10)+"  "+FitRight(c.ARR.Short(), 8)+"  "+FitRight(change, 8)+"  "+domain.Printable(cause))
	}
	return out
}
