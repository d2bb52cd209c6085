package app

import "time"

var testNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
