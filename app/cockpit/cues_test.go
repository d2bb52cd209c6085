package cockpit

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"
)

// The whole cockpit with NO_COLOR (TestMain sets the Ascii profile): every
// pane at 80×24 and 140×40, the active tab marked in the plain text, and a
// golden of the screen (testdata/TestNoColourScreens/…; -update rewrites them).
func TestNoColourScreens(t *testing.T) {
	type step struct {
		keys []string
		wait []string // drawn after the keys (the stream is read once: wait for new text only)
	}
	portfolio := step{[]string{"2"}, []string{"30 of 30 accounts"}}
	account := step{[]string{"j", "j", "enter"}, []string{"Health: why", "Contacts ("}}
	panes := []struct {
		title string
		steps []step // from the start (triage focused) to the pane, with an account open
	}{
		{"Triage", nil},
		{"Portfolio", []step{portfolio}},
		{"Account", []step{portfolio, account}},
		{"Plan", []step{portfolio, account, {[]string{"4"}, []string{"Action items"}}}},
		{"KPIs", []step{{[]string{"5"}, []string{"CURRENT", "Churn rate", "LAST 12"}}}},
	}
	tab := regexp.MustCompile(`\[\d [A-Za-z]+\]`)
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		for i, p := range panes {
			t.Run(fmt.Sprintf("%s-%dx%d", p.title, sz[0], sz[1]), func(t *testing.T) {
				tm, _ := cockpit(t, 30, sz[0], sz[1])
				// The book loaded first: a key pressed before the load would
				// leave its status ("30 accounts"), one after clears it.
				waitFor(t, tm, "to do")
				for _, st := range p.steps {
					keys(tm, st.keys...)
					waitFor(t, tm, st.wait...)
				}
				v := finalView(t, tm)
				header, _, _ := strings.Cut(v, "\n")
				if got := tab.FindAllString(header, -1); len(got) != 1 || got[0] != fmt.Sprintf("[%d %s]", i+1, p.title) {
					t.Errorf("the tab bar marks %q, want only [%d %s]:\n%s", got, i+1, p.title, header)
				}
				if strings.Contains(v, "\x1b[") {
					t.Errorf("escape sequences with NO_COLOR:\n%q", v)
				}
				teatest.RequireEqualOutput(t, []byte(v))
			})
		}
	}
}
