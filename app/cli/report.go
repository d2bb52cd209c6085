package cli

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

func reportCmd(fs *flag.FlagSet) runFunc {
	period := fs.String("period", "", "reporting `PERIOD`: 2026-11, 2026-Q4 or 2026 (default: this quarter)")
	scope := fs.String("scope", "book", "which accounts: book, segment:NAME, tier:NAME, owner:NAME or account:NAME (a name, its beginning or #ID)")
	format := enum(fs, "format", "table", reportFormats, "how to print the report")
	explain := enum(fs, "explain", "", app.KPIKeys(), "list the records behind one KPI")
	return func(c *call, _ []string) error {
		p := domain.PeriodOf(domain.Quarter, c.today())
		if *period != "" {
			var err error
			if p, err = domain.ParsePeriod(*period); err != nil {
				return usagef("--period %q: want %s", *period, domain.PeriodForms)
			}
		}
		sc, err := domain.ParseScope(*scope)
		if err != nil {
			return usagef("--scope: %v", err)
		}
		if *explain != "" {
			if _, ok := domain.KPIDefOf(*explain); !ok {
				return usagef("--explain: unknown KPI %q (want one of %s)", *explain, strings.Join(app.KPIKeys(), ", "))
			}
		}
		if !slices.Contains(reportFormats, *format) {
			return usagef("--format: want table, json, csv or md")
		}
		r, err := app.BuildReport(c.store(), sc, p, *explain)
		if err != nil {
			return err
		}
		env := c.env
		if *explain != "" {
			if *format == "json" {
				row := majorRow(r.Row)
				return writeJSON(env.Stdout, map[string]any{"kpi": row, "period": r.Period, "period_status": r.Status, "scope": r.Scope, "scope_name": r.ScopeName,
					"currency": r.Currency, "money_unit": moneyUnit, "records": r.Explain[1:]})
			}
			w := bufio.NewWriter(env.Stdout)
			defer w.Flush()
			for _, l := range r.Explain {
				fmt.Fprintln(w, l)
			}
			return nil
		}
		switch *format {
		case "json":
			return writeJSON(env.Stdout, reportJSON{KPIReport: majorUnits(r.KPIReport), MoneyUnit: moneyUnit})
		case "csv":
			return reportCSV(env, &r.KPIReport)
		case "md":
			fmt.Fprint(env.Stdout, reportMarkdown(&r.KPIReport))
			return nil
		}
		return reportTable(env, &r.KPIReport)
	}
}

// customers counts the customers of a report's period.
func customers(n int) string {
	if n == 1 {
		return "1 customer"
	}
	return fmt.Sprintf("%d customers", n)
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
	fmt.Fprintf(w, "KPIs · %s · %s · %s\n\n", r.ScopeName, r.PeriodLabel(), customers(r.Customers))
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

// moneyUnit says how the CSV and JSON of the report write money.
const moneyUnit = "major units of the currency (4200000.00 is 4,200,000.00)"

// reportJSON is the report as `--format json` writes it: money in major units.
type reportJSON struct {
	domain.KPIReport
	MoneyUnit string `json:"money_unit"`
}

// major turns a money figure in minor units into major units, to the cent.
func major(v float64) float64 { return math.Round(v) / 100 }

// majorRow is the row with its money figures in major units.
func majorRow(x domain.KPIRow) domain.KPIRow {
	if x.Unit != "money" {
		return x
	}
	conv := func(v domain.Value) domain.Value {
		if v.OK {
			v.V = major(v.V)
		}
		return v
	}
	x.Current, x.Previous, x.YTD = conv(x.Current), conv(x.Previous), conv(x.YTD)
	x.Trend = slices.Clone(x.Trend)
	for i := range x.Trend {
		x.Trend[i] = conv(x.Trend[i])
	}
	if x.Target != nil {
		t := domain.Target{Value: major(x.Target.Value)}
		x.Target = &t
	}
	return x
}

// majorUnits is the report with every money figure in major units.
func majorUnits(r domain.KPIReport) domain.KPIReport {
	r.Rows = slices.Clone(r.Rows)
	for i := range r.Rows {
		r.Rows[i] = majorRow(r.Rows[i])
	}
	return r
}

// reportCSV writes one row per KPI: money in major units with its currency
// (the currency column is empty for other units), percentages as fractions
// (0.25 is 25%).
func reportCSV(env *Env, r *domain.KPIReport) error {
	w := csv.NewWriter(env.Stdout)
	_ = w.Write([]string{"kpi", "name", "unit", "currency", "period", "period_status", "scope", "scope_name", "current", "previous", "ytd", "target", "on_target", "trend"})
	for _, x := range r.Rows {
		cur, digits := "", 4
		if x.Unit == "money" {
			cur, digits = r.Currency, 2
		}
		x = majorRow(x)
		num := func(v domain.Value) string {
			if !v.OK {
				return ""
			}
			return strconv.FormatFloat(v.V, 'f', digits, 64)
		}
		var trend []string
		for _, v := range x.Trend {
			trend = append(trend, num(v))
		}
		t := ""
		if x.Target != nil {
			t = strconv.FormatFloat(x.Target.Value, 'f', digits, 64)
		}
		_ = w.Write([]string{x.Key, x.Name, x.Unit, cur, r.Period, r.Status, r.Scope, r.ScopeName, num(x.Current), num(x.Previous), num(x.YTD), t, onTargetText(&x), strings.Join(trend, ";")})
	}
	w.Flush()
	return w.Error()
}

func reportMarkdown(r *domain.KPIReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Account management report: %s\n\nScope: %s · %s · amounts in %s\n\n", r.PeriodLabel(), r.ScopeName, customers(r.Customers), r.Currency)
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

func targetListCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, _ []string) error {
		t, err := app.ReadTargets(c.store())
		if err != nil {
			return err
		}
		for _, d := range domain.KPIDefs {
			if x, ok := t.Targets[d.Key]; ok {
				fmt.Fprintf(c.env.Stdout, "%-14s %s\n", d.Key, views.FormatValue(domain.Value{V: x.Value, OK: true}, d.Unit, domain.DefaultCurrency))
			}
		}
		fmt.Fprintf(c.env.Stdout, "%-14s %.0f%%\n", app.GrossMarginKey, t.GrossMargin*100)
		return nil
	}
}

func targetSetCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, args []string) error {
		if len(args) != 2 {
			return usagef("target set needs a KPI and a value, e.g. tend target set nps 40")
		}
		d, v, err := app.ParseTarget(args[0], args[1])
		if err != nil {
			return usagef("%v", err) // a value on the command line that does not read
		}
		if err := app.SetTarget(c.store(), d.Key, v); err != nil {
			return err
		}
		if d.Key == app.GrossMarginKey {
			return nil
		}
		fmt.Fprintf(c.env.Stdout, "target for %s: %s (%s)\n", d.Name, views.FormatValue(domain.Value{V: v, OK: true}, d.Unit, domain.DefaultCurrency),
			map[bool]string{true: "lower is better", false: "higher is better"}[d.LowerBetter])
		return nil
	}
}
