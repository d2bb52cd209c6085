package cockpit

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"
)

// At 60×16 the KPI table scrolls to keep the selected row in view, the
// explanation of a figure below it is reachable, and the footer keeps [ and ]
// together (a golden of the screen).
func TestKPIPaneAt60x16ScrollsAndExplains(t *testing.T) {
	tm, _ := cockpit(t, 30, 60, 16)
	waitFor(t, tm, "to do")
	keys(tm, "5")
	waitFor(t, tm, "CURRENT", "LAST 6")
	keys(tm, "down", "down", "down", "down", "down", "down", "down", "down", "down", "down")
	waitFor(t, tm, "11/11")
	keys(tm, "enter")
	waitFor(t, tm, "Behind the figure")
	v := finalView(t, tm)
	if !regexp.MustCompile(`(?m)^› +Revenue con`).MatchString(v) {
		t.Errorf("the selected row is not in view:\n%s", v)
	}
	if !strings.Contains(v, "Behind the figure") || !strings.Contains(v, "total") {
		t.Errorf("the explanation is not in view:\n%s", v)
	}
	if strings.Contains(v, "] next period") {
		t.Errorf("the footer splits [ and ]:\n%s", v)
	}
	teatest.RequireEqualOutput(t, []byte(v))
}
