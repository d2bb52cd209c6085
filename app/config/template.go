package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// quoted is xs each in quotes.
func quoted(xs []string) []string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return q
}

// Write renders settings s as a config file. With commented, every
// setting is a comment showing its value (tend config init writes the
// defaults so); else the settings are in effect (tend config show).
func Write(s Settings, commented bool) string {
	var b strings.Builder
	c := ""
	if commented {
		c = "# "
		b.WriteString("# tend's settings (tend config path says where this file is; tend config show\n" +
			"# prints the settings in effect). Every setting is here with its default,\n" +
			"# commented out: remove the leading \"# \" of a line to change it. A mistake in\n" +
			"# this file is reported with its line, and tend then runs on the defaults.\n\n")
	}
	q := func(v string) string { return fmt.Sprintf("%q", v) }
	setting := func(help, name, value string) {
		for _, l := range strings.Split(help, "\n") {
			b.WriteString("# " + l + "\n")
		}
		fmt.Fprintf(&b, "%s%s = %s\n\n", c, name, value)
	}
	setting("The colour theme: \"auto\" (from $COLORFGBG, else dark), \"dark\" or \"light\".\n$TEND_THEME, when set, wins.", "theme", q(s.Theme))
	setting("Your accounts: the portfolio opens filtered on this owner (one word of the\nowner's name, as in the filter owner:maya); esc shows every account. \"\": all.", "owner", q(s.Owner))
	setting("The currency of amounts typed without one (account add --arr 120k, import).", "currency", q(s.Currency))
	setting("The editor for ctrl+o in a note and for tend config edit; \"\": $VISUAL, else\n$EDITOR (tend config edit then tries nano, then vi).", "editor", q(s.Editor))
	setting("The check-in cadence of a new account (tend account add), in days.", "cadence_days", fmt.Sprint(s.CadenceDays))
	setting("The renewal notice window of a new account (tend account add), in days.", "notice_days", fmt.Sprint(s.NoticeDays))
	setting("How dates are shown (the cockpit, tend account list and show, triage's reasons):\n"+
		strings.Join(quoted(domain.DateLayouts), ", ")+" (2006 the year, 01 the month,\n02 the day). Dates you type and exports stay 2006-01-02.", "date_format", q(s.DateFormat))
	setting("The mouse in the cockpit: the wheel scrolls, a click selects a row or a tab.\nNothing needs it; false leaves the terminal's own selection and scrolling.", "mouse", fmt.Sprint(s.Mouse))

	b.WriteString("# The portfolio's sort when the cockpit starts: sort is a column, one of\n" +
		"# " + strings.Join(views.ColumnNames(), ", ") + ";\n" +
		"# reverse = true sorts the other way round. The pane's sort and reverse keys\n" +
		"# change it as you work.\n[portfolio]\n")
	fmt.Fprintf(&b, "%ssort = %s\n%sreverse = %v\n", c, q(s.SortColumn.Name()), c, s.SortReverse)
	b.WriteString("# The columns shown, in this order; \"name\" must be one. The sort column is\n" +
		"# shown too; a narrow terminal drops owner, stage, segment, touch, tier, items\n" +
		"# and renewal, in that order, until the names fit.\n")
	fmt.Fprintf(&b, "%scolumns = [%s]\n\n", c, columnList(s.Columns))

	w := s.Triage
	b.WriteString("# The triage queue: a row's urgency is the sum of coefficient × term (tend\n" +
		"# triage --json and ? in the cockpit show each row's terms). Coefficients are\n" +
		"# numbers from 0 to 100. reasons are the kinds of rows shown.\n[triage]\n")
	reasons := w.Reasons
	if reasons == nil {
		reasons = domain.Reasons
	}
	rs := make([]string, len(reasons))
	for i, r := range reasons {
		rs[i] = q(string(r))
	}
	fmt.Fprintf(&b, "%sreasons = [%s]\n", c, strings.Join(rs, ", "))
	num := func(name string, v float64, help string) {
		fmt.Fprintf(&b, "%s%s = %s # %s\n", c, name, strconv.FormatFloat(v, 'f', -1, 64), help)
	}
	num("per_day_late", w.PerDayLate, "per day overdue or past a date…")
	num("late_cap", w.LateCap, "…up to this many points")
	num("per_day_quiet", w.PerDayQuiet, "per day silent beyond the check-in cadence…")
	num("quiet_cap", w.QuietCap, "…up to this many points")
	num("per_health_point", w.PerHealthPt, "per health point dropped beyond 10 in a month")
	num("renewal_window", w.RenewalWindow, "× the share of the renewal notice window gone")
	num("per_step_behind", w.PerStepBehind, "per onboarding step past due")
	num("per_day_past_close", w.PerDayPast, "per day an opportunity is past its close date (30 at most)")
	num("arr", w.ARR, "× the account's ARR percentile (0 to 1)")
	num("key_account", w.KeyAccount, "a key account")
	b.WriteString("\n# What each reason alone is worth.\n[triage.base]\n")
	for _, r := range domain.Reasons {
		fmt.Fprintf(&b, "%s%s = %s\n", c, r, strconv.FormatFloat(w.Base[r], 'f', -1, 64))
	}
	b.WriteString("\n# What an escalation's severity adds.\n[triage.severity]\n")
	for _, sev := range slices.Backward(domain.Severities) {
		fmt.Fprintf(&b, "%s%s = %s\n", c, sev, strconv.FormatFloat(w.Severity[sev], 'f', -1, 64))
	}
	b.WriteString("\n")

	b.WriteString("# The theme's colours, each a \"#RRGGBB\" for a dark terminal and one for a\n" +
		"# light one. The defaults pass WCAG AA contrast on black and on white; yours\n" +
		"# are your choice. NO_COLOR=1 shows none (every cue is in the text too).\n[colours]\n")
	for _, t := range views.ColourTokens {
		for _, v := range []string{"dark", "light"} {
			hex, _ := s.Colours.Colour(t.Name + "_" + v)
			fmt.Fprintf(&b, "%s%s_%s = %s # %s\n", c, t.Name, v, q(hex), t.Help)
		}
	}
	b.WriteString("\n")

	b.WriteString("# The cockpit's keys: each action takes a list of keys, which replace its\n" +
		"# default ones. Keys: one character (\"F\", \"?\"), a name (enter, esc, tab,\n" +
		"# shift+tab, space, up, down, left, right, home, end, pgup, pgdown, f1…),\n" +
		"# ctrl+LETTER or alt+KEY. ctrl+c always quits. Two actions of one pane, or a\n" +
		"# pane's action and a global one, cannot share a key: tend refuses the keys\n" +
		"# then, names both actions, and starts with the default keys.\n")
	for _, sc := range views.KeyScopes(s.Keys) {
		if sc.Name == views.GlobalScope {
			b.WriteString("\n# Keys that work in every pane.\n")
		} else if sc.Overlay {
			fmt.Fprintf(&b, "\n# %s\n", sc.About)
		} else {
			fmt.Fprintf(&b, "\n# The %s pane.\n", sc.Name)
		}
		fmt.Fprintf(&b, "[keys.%s]\n", sc.Name)
		for _, a := range sc.Actions {
			qs := make([]string, len(a.Keys))
			for i, k := range a.Keys {
				qs[i] = q(k)
			}
			fmt.Fprintf(&b, "%s%s = [%s] # %s\n", c, a.Name, strings.Join(qs, ", "), a.Help)
		}
	}
	return b.String()
}

// columnList is cols (nil: every column) as a TOML list's items.
func columnList(cols []views.Column) string {
	names := views.ColumnNames()
	if cols != nil {
		names = names[:0:0]
		for _, c := range cols {
			names = append(names, c.Name())
		}
	}
	qs := make([]string, len(names))
	for i, n := range names {
		qs[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(qs, ", ")
}
