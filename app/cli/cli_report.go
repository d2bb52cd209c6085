package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

func cmdReport(st *store.Store, args []string, env *Env) error {
	fs := newFlags("report", "Usage: tend report [--period P] [--scope S] [--format table|json|csv|md] [--explain KPI]\n\n"+
		"P: a month (2026-11), quarter (2026-Q4) or year (2026); default the current quarter.\n"+
		"S: book, segment:NAME, tier:NAME, owner:NAME or account:ID.\n"+
		"Example: tend report --period 2026-Q4 --scope segment:Enterprise --format md\n\n")
	period := fs.String("period", "", "reporting period (default: this quarter)")
	scope := fs.String("scope", "book", "which accounts")
	format := fs.String("format", "table", "table, json, csv or md")
	explain := fs.String("explain", "", "list the records behind one KPI (e.g. nps, churn, cac)")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	p := domain.PeriodOf(domain.Quarter, domain.DateOf(env.Now()))
	if *period != "" {
		var err error
		if p, err = domain.ParsePeriod(*period); err != nil {
			return usagef("--period: %v", err)
		}
	}
	sc, err := domain.ParseScope(*scope)
	if err != nil {
		return usagef("--scope: %v", err)
	}
	var key string
	if *explain != "" {
		d, ok := domain.KPIDefOf(*explain)
		if !ok {
			keys := make([]string, len(domain.KPIDefs))
			for i, d := range domain.KPIDefs {
				keys[i] = d.Key
			}
			return usagef("--explain: unknown KPI %q (want one of %s)", *explain, strings.Join(keys, ", "))
		}
		key = d.Key
	}
	var in domain.KPIInput
	if err := st.View(func(tx *store.Tx) (err error) { in, err = tx.KPIInput(); return }); err != nil {
		return err
	}
	r := in.Report(sc, p)
	if r.Accounts == 0 {
		return fmt.Errorf("scope %s has no accounts", sc)
	}
	if key != "" {
		lines := in.Explain(key, sc, p)
		if *format == "json" {
			var row domain.KPIRow
			for _, x := range r.Rows {
				if x.Key == key {
					row = x
				}
			}
			return writeJSON(env.Stdout, map[string]any{"kpi": row, "period": r.Period, "scope": r.Scope, "records": lines[1:]})
		}
		w := bufio.NewWriter(env.Stdout)
		defer w.Flush()
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
		return nil
	}
	switch *format {
	case "json":
		return writeJSON(env.Stdout, r)
	case "csv":
		return reportCSV(env, &r)
	case "md":
		fmt.Fprint(env.Stdout, reportMarkdown(&r))
		return nil
	case "table":
		return reportTable(env, &r)
	}
	return usagef("--format: want table, json, csv or md")
}

func targetText(r *domain.KPIRow, cur string) string {
	if r.Target == nil {
		return "—"
	}
	return views.FormatValue(domain.Value{V: r.Target.Value, OK: true}, r.Unit, cur)
}

func onTargetText(r *domain.KPIRow) string {
	switch {
	case r.OnTarget == nil:
		return ""
	case *r.OnTarget:
		return "on target"
	}
	return "off target"
}

func reportTable(env *Env, r *domain.KPIReport) error {
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "KPIs · %s · %s · %d accounts\n\n", r.Scope, r.Period, r.Accounts)
	fmt.Fprintf(w, "%s %s %s %s %s  %s  %s\n", views.Fit("KPI", 32), views.FitRight("CURRENT", 11), views.FitRight("PREVIOUS", 11), views.FitRight("YTD", 11), views.FitRight("TARGET", 11), views.Fit("LAST 12", 12), "")
	for i := range r.Rows {
		x := &r.Rows[i]
		f := func(v domain.Value) string { return short(views.FormatValue(v, x.Unit, r.Currency), 11) }
		fmt.Fprintf(w, "%s %s %s %s %s  %s  %s\n", views.Fit(x.Name, 32), views.FitRight(f(x.Current), 11), views.FitRight(f(x.Previous), 11), views.FitRight(f(x.YTD), 11),
			views.FitRight(targetText(x, r.Currency), 11), views.Sparkline(x.Trend), onTargetText(x))
	}
	var notes []string
	for _, x := range r.Rows {
		if !x.Current.OK {
			notes = append(notes, fmt.Sprintf("%s: n/a, %s", x.Key, x.Current.Reason))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
	}
	return nil
}

func short(s string, w int) string {
	if strings.HasPrefix(s, "n/a") && len(s) > w {
		return "n/a"
	}
	return s
}

func reportCSV(env *Env, r *domain.KPIReport) error {
	w := csv.NewWriter(env.Stdout)
	_ = w.Write([]string{"kpi", "name", "unit", "period", "scope", "current", "previous", "ytd", "target", "on_target", "trend"})
	num := func(v domain.Value) string {
		if !v.OK {
			return ""
		}
		return strconv.FormatFloat(v.V, 'f', 4, 64)
	}
	for _, x := range r.Rows {
		var trend []string
		for _, v := range x.Trend {
			trend = append(trend, num(v))
		}
		t := ""
		if x.Target != nil {
			t = strconv.FormatFloat(x.Target.Value, 'f', 4, 64)
		}
		_ = w.Write([]string{x.Key, x.Name, x.Unit, r.Period, r.Scope, num(x.Current), num(x.Previous), num(x.YTD), t, onTargetText(&x), strings.Join(trend, ";")})
	}
	w.Flush()
	return w.Error()
}

func reportMarkdown(r *domain.KPIReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Account management report: %s\n\nScope: %s · %d accounts\n\n", r.Period, r.Scope, r.Accounts)
	b.WriteString("| KPI | Current | Previous | YTD | Target | Status | Last 12 |\n|---|---:|---:|---:|---:|---|---|\n")
	for i := range r.Rows {
		x := &r.Rows[i]
		f := func(v domain.Value) string { return views.FormatValue(v, x.Unit, r.Currency) }
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", x.Name, f(x.Current), f(x.Previous), f(x.YTD), targetText(x, r.Currency), onTargetText(x), views.Sparkline(x.Trend))
	}
	b.WriteString("\n**Definitions**\n\n")
	for _, d := range domain.KPIDefs {
		fmt.Fprintf(&b, "- **%s**: %s.\n", d.Name, d.Formula)
	}
	return b.String()
}

func cmdTarget(st *store.Store, args []string, env *Env) error {
	fs := newFlags("target", "Usage: tend target set KPI VALUE | tend target list | tend target set gross_margin 75%\n\n"+
		"Examples: tend target set nps 40 · tend target set churn 2% · tend target set cac 12k · tend target set csat 4.5\n\n")
	if _, err := parse(fs, nil, env); err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("target needs set or list")
	}
	switch args[0] {
	case "list":
		var t map[string]domain.Target
		var margin float64
		err := st.View(func(tx *store.Tx) error {
			if _, err := tx.Setting(store.SettingTargets, &t); err != nil {
				return err
			}
			_, err := tx.Setting(store.SettingGrossMargin, &margin)
			return err
		})
		if err != nil {
			return err
		}
		for _, d := range domain.KPIDefs {
			if x, ok := t[d.Key]; ok {
				fmt.Fprintf(env.Stdout, "%-14s %s\n", d.Key, views.FormatValue(domain.Value{V: x.Value, OK: true}, d.Unit, domain.DefaultCurrency))
			}
		}
		if margin == 0 {
			margin = domain.DefaultGrossMargin
		}
		fmt.Fprintf(env.Stdout, "%-14s %.0f%%\n", "gross_margin", margin*100)
		return nil
	case "set":
	default:
		return usagef("unknown target subcommand %q (want set or list)", args[0])
	}
	if len(args) != 3 {
		return usagef("target set needs a KPI and a value, e.g. tend target set nps 40")
	}
	if args[1] == "gross_margin" || args[1] == "margin" {
		v, err := parsePercent(args[2])
		if err != nil || v <= 0 || v > 1 {
			return usagef("gross margin: want a percentage between 0 and 100, e.g. 75%%")
		}
		return st.Update(func(tx *store.Tx) error { return tx.PutSetting(store.SettingGrossMargin, v) })
	}
	d, ok := domain.KPIDefOf(args[1])
	if !ok {
		return usagef("unknown KPI %q", args[1])
	}
	var v float64
	var err error
	switch d.Unit {
	case "money":
		var m domain.Money
		if m, err = domain.ParseMoney(args[2], domain.DefaultCurrency); err == nil {
			v = float64(m.Amount)
		}
	case "percent":
		v, err = parsePercent(args[2])
	case "csat":
		v, err = strconv.ParseFloat(args[2], 64)
		if err == nil && (v < 1 || v > 5) {
			err = fmt.Errorf("a CSAT target is between 1 and 5")
		}
	default:
		v, err = strconv.ParseFloat(args[2], 64)
		if err == nil && (v < -100 || v > 100) {
			err = fmt.Errorf("an NPS target is between -100 and 100")
		}
	}
	if err != nil {
		return usagef("target %s %q: %v", d.Key, args[2], err)
	}
	err = st.Update(func(tx *store.Tx) error {
		t := map[string]domain.Target{}
		if _, err := tx.Setting(store.SettingTargets, &t); err != nil {
			return err
		}
		t[d.Key] = domain.Target{Value: v}
		return tx.PutSetting(store.SettingTargets, t)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "target for %s: %s (%s)\n", d.Name, views.FormatValue(domain.Value{V: v, OK: true}, d.Unit, domain.DefaultCurrency),
		map[bool]string{true: "lower is better", false: "higher is better"}[d.LowerBetter])
	return nil
}

// parsePercent reads 75%, 75 or 0.75 as 0.75.
func parsePercent(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("not a number")
	}
	if pct || v > 1 {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, fmt.Errorf("a percentage is between 0 and 100")
	}
	return v, nil
}
