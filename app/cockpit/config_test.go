package cockpit

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// The theme is $TEND_THEME, else the config's, else from COLORFGBG.
func TestThemeFromConfig(t *testing.T) {
	defer lipgloss.SetHasDarkBackground(lipgloss.HasDarkBackground())
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tc := range []struct {
		vars  map[string]string
		theme string
		dark  bool
	}{
		{nil, "light", false},
		{nil, "dark", true},
		{map[string]string{"TEND_THEME": "dark"}, "light", true},
		{map[string]string{"COLORFGBG": "0;15"}, "auto", false},
		{map[string]string{"COLORFGBG": "0;15"}, "dark", true},
	} {
		setupTerminalStyle(env(tc.vars), tc.theme)
		if lipgloss.HasDarkBackground() != tc.dark {
			t.Errorf("%v theme %s: dark %v", tc.vars, tc.theme, !tc.dark)
		}
	}
}
