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
