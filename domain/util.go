package domain

import (
	"errors"
	"math"
	"strconv"
)

func itoa(n int) string       { return strconv.Itoa(n) }
func ftoa(f float64) string   { return strconv.FormatFloat(f, 'g', -1, 64) }
func isNaNInf(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }

func joinErrs(errs []error) error {
	var keep []error
	for _, e := range errs {
		if e != nil {
			keep = append(keep, e)
		}
	}
	return errors.Join(keep...)
}
