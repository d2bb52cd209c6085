package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// accountRow is one account in `tend account list --json`.
type accountRow = app.AccountRow

// accountView is what `tend account show` reads.
type accountView = app.AccountView

// shownAccount is an account as the command line prints it in JSON: its
// stage as shown everywhere (domain.StageShown: an account without a
// contract start is prospecting), the stage stored in the book as
// stored_stage when that differs.
type shownAccount struct {
	domain.Account
	Stage       domain.Stage `json:"stage"`
	StoredStage domain.Stage `json:"stored_stage,omitempty"`
}

func accountShown(a domain.Account) shownAccount {
	v := shownAccount{Account: a, Stage: domain.StageShown(a.Stage, a.ContractStart)}
	if v.Stage != a.Stage {
		v.StoredStage = a.Stage
	}
	return v
}

// accountJSON is `tend account show --json`.
type accountJSON struct {
	Account shownAccount `json:"account"`
	accountView
}

func accountAddCmd(fs *flag.FlagSet) runFunc {
	seg := fs.String("segment", "", "segment, e.g. Enterprise, Mid-Market, SMB")
	ind := fs.String("industry", "", "industry")
	tier := enum(fs, "tier", "relationship", tiers, "the account strategy: how much attention it gets")
	stage := enum(fs, "stage", "onboarding", stages, "where the account is in its lifecycle")
	owner := fs.String("owner", "", "account owner")
	web := fs.String("website", "", "website, e.g. acme.com")
	arr := fs.String("arr", "0", "annual recurring revenue, e.g. 120k or $1.2M")
	start := fs.String("start", "", "contract start `DATE` (2026-01-15, today, …)")
	renewal := fs.String("renewal", "", "renewal `DATE`")
	cadence := fs.Int("cadence", 0, "check-in cadence in `DAYS` (default: cadence_days of the settings file, else 30)")
	asJSON := fs.Bool("json", false, "print the new account as JSON")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("account add needs exactly one NAME (quote names with spaces)")
		}
		for _, f := range []struct{ name, val string }{{"NAME", pos[0]}, {"--segment", *seg}, {"--industry", *ind}, {"--owner", *owner}, {"--website", *web}} {
			if err := cleanText(f.name, f.val, false); err != nil {
				return err
			}
		}
		today := c.today()
		cfg := c.settings()
		a := domain.NewAccount(pos[0])
		a.Segment, a.Industry, a.Owner, a.Website, a.CadenceDays, a.NoticeDays = *seg, *ind, *owner, *web, cfg.CadenceDays, cfg.NoticeDays
		if set(fs, "cadence") {
			a.CadenceDays = *cadence
		}
		var errs []error
		var err error
		if a.Tier, err = domain.ParseEnum("tier", *tier, domain.Tiers); err != nil {
			errs = append(errs, err)
		}
		if a.Stage, err = domain.ParseEnum("stage", *stage, domain.Stages); err != nil {
			errs = append(errs, err)
		}
		if a.ARR, err = domain.ParseMoney(*arr, cfg.Currency); err != nil {
			errs = append(errs, err)
		}
		if *start != "" {
			if a.ContractStart, err = domain.ParseDateIn(*start, today, cfg.DateFormat); err != nil {
				errs = append(errs, fmt.Errorf("--start: %w", err))
			}
		}
		if *renewal != "" {
			if a.Renewal, err = domain.ParseDateIn(*renewal, today, cfg.DateFormat); err != nil {
				errs = append(errs, fmt.Errorf("--renewal: %w", err))
			}
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		same, err := app.AddAccountNamed(c.store(), &a)
		if err != nil {
			return err
		}
		if w := app.DuplicateWarning(a.Name, same); w != "" {
			fmt.Fprintf(c.env.Stderr, "tend: %s\n", w)
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, accountShown(a))
		}
		fmt.Fprintf(c.env.Stdout, "added #%d %s\n", a.ID, domain.Printable(a.Name))
		if a.ContractStart.IsZero() {
			fmt.Fprintf(c.env.Stdout, "no contract start: it counts as a prospect, not a customer, until it has one (--start DATE)\n")
		}
		return nil
	}
}

func accountListCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, _ []string) error {
		rows, err := app.ListAccounts(c.store(), c.today())
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, rows)
		}
		layout := c.settings().DateFormat
		dw := max(10, len(domain.NewDate(2000, time.December, 28).Format(layout))) // the renewal column's width
		for _, r := range rows {
			if !r.ClosedOn.IsZero() { // "closed DATE" instead of a renewal
				dw = max(dw, len("closed ")+len(r.ClosedOn.Format(layout)))
			}
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		fmt.Fprintf(w, "%s %s %s %s %s %s %s %s\n", views.FitRight("ID", 6), views.Fit("NAME", 34), views.Fit("SEGMENT", 11), views.Fit("TIER", 14),
			views.FitRight("ARR", 9), views.Fit("RENEWAL", dw), views.FitRight("HEALTH", 6), views.FitRight("ITEMS", 5))
		for _, r := range rows {
			health := "—"
			if r.Health >= 0 {
				health = fmt.Sprint(r.Health)
			}
			renewal := r.Renewal.Format(layout)
			if !r.ClosedOn.IsZero() {
				renewal = "closed " + r.ClosedOn.Format(layout)
			}
			fmt.Fprintf(w, "%s %s %s %s %s %s %s %s\n", views.FitRight(fmt.Sprint(r.ID), 6), views.Fit(r.Name, 34), views.Fit(r.Segment, 11), views.Fit(string(r.Tier), 14),
				views.FitRight(r.ARR.Short(), 9), views.Fit(renewal, dw), views.FitRight(health, 6), views.FitRight(fmt.Sprint(r.OpenItems), 5))
		}
		return nil
	}
}

func accountShowCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("account show needs one ACCOUNT (a name or #ID)")
		}
		v, err := app.ShowAccount(c.store(), pos[0], c.today())
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, accountJSON{accountShown(v.Account), v})
		}
		return printAccount(c.env.Stdout, &v, c.today(), c.settings().DateFormat)
	}
}

// printAccount shows v with its dates in layout (one of domain.DateLayouts).
func printAccount(out io.Writer, v *accountView, today domain.Date, layout string) error {
	w := bufio.NewWriter(out)
	defer w.Flush()
	a := &v.Account
	p := domain.Printable
	fmt.Fprintf(w, "#%d %s\n", a.ID, p(a.Name))
	owner := ""
	if a.Owner != "" {
		owner = "owner " + p(a.Owner)
	}
	fmt.Fprintf(w, "  %s\n", joinSet(" · ", p(a.Segment), string(a.Tier), string(domain.StageShown(a.Stage, a.ContractStart)), p(a.Industry), owner))
	health := fmt.Sprintf("%d (%s)", v.Health.Score, v.Health.Band)
	if v.Health.Score < 0 {
		health = v.Health.Reason
	}
	renewal := ""
	switch {
	case a.Stage == domain.StageClosed && !a.ClosedOn.IsZero(): // a closed account does not renew
		renewal = fmt.Sprintf("closed on %s (%s)", a.ClosedOn.Format(layout), a.ClosedOn.Describe(today))
	case a.Stage == domain.StageClosed:
		renewal = "closed"
	case !a.Renewal.IsZero():
		renewal = fmt.Sprintf("renewal %s (%s)", a.Renewal.Format(layout), a.Renewal.Describe(today))
	}
	fmt.Fprintf(w, "  %s\n", joinSet(" · ", "ARR "+a.ARR.String(), renewal, "health "+health))
	switch {
	case a.Stage == domain.StageClosed:
		fmt.Fprintf(w, "  why it closed: %s\n", p(a.ClosedReason))
	case a.ContractStart.IsZero():
		fmt.Fprintf(w, "  no contract start: a prospect until one is set\n")
	default:
		fmt.Fprintf(w, "  customer since %s\n", a.ContractStart.Format(layout))
	}
	if a.CompanyRevenue.Amount > 0 {
		fmt.Fprintf(w, "  company revenue %s (the customer's own, not ARR)\n", a.CompanyRevenue)
	}
	printProfileExtras(w, a)
	if len(v.ARRHistory) > 0 {
		fmt.Fprintf(w, "\nARR history\n")
		for _, line := range views.ARRHistoryLines(v.ARRHistory, layout) {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	fmt.Fprintf(w, "\nContacts (%d)\n", len(v.Contacts))
	for _, c := range v.Contacts {
		fmt.Fprintf(w, "  %-28s %-16s %s\n", p(c.Name), c.Role, p(c.Title))
	}
	fmt.Fprintf(w, "\nRecent interactions\n")
	for i, in := range v.Interactions {
		if i == 10 {
			fmt.Fprintf(w, "  …\n")
			break
		}
		fmt.Fprintf(w, "  %-16s %-7s %s\n", in.Stamp(time.Local), in.Channel, views.Clip(firstLine(in.Summary), 80))
	}
	open := 0
	for _, it := range v.ActionItems {
		if !it.Done {
			open++
		}
	}
	fmt.Fprintf(w, "\nOpen action items (%d)\n", open)
	for _, it := range v.ActionItems {
		if !it.Done {
			fmt.Fprintf(w, "  [ ] %s %s\n", p(it.Text), it.Due.Format(layout))
		}
	}
	return nil
}

// joinSet joins the parts that are not empty: a field with no value leaves
// no gap ("· ·") behind.
func joinSet(sep string, parts ...string) string {
	set := parts[:0:0]
	for _, x := range parts {
		if strings.TrimSpace(x) != "" {
			set = append(set, x)
		}
	}
	return strings.Join(set, sep)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func accountDeleteCmd(fs *flag.FlagSet) runFunc {
	yes := fs.Bool("yes", false, "really delete")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("account delete needs one ACCOUNT (the exact name or #N)")
		}
		if !*yes {
			return usagef("account delete needs --yes: it deletes the account and everything it owns")
		}
		s, err := app.DeleteAccount(c.store(), pos[0]) // never a part of a name: this deletes
		if err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "deleted %s (#%d)\n", domain.Printable(s.Name), s.ID)
		return nil
	}
}

func noteCmd(fs *flag.FlagSet) runFunc {
	ch := enum(fs, "channel", "call", channels, "how the conversation happened")
	sent := enum(fs, "sentiment", "", sentiments, "how it went")
	asJSON := fs.Bool("json", false, "print what was saved as JSON")
	return func(c *call, pos []string) error {
		if len(pos) < 2 {
			return usagef("note needs an ACCOUNT and the TEXT (or - to read it from standard input)")
		}
		text := strings.Join(pos[1:], " ")
		if text == "-" {
			if c.env.Stdin == nil {
				return usagef("note -: no standard input")
			}
			b, err := io.ReadAll(io.LimitReader(c.env.Stdin, domain.MaxNoteLen+1))
			if err != nil {
				return fmt.Errorf("reading the note from standard input: %w", err)
			}
			text = string(b)
		}
		text = strings.TrimRight(text, "\n")
		if strings.TrimSpace(text) == "" {
			return usagef("the note is empty")
		}
		if err := cleanText("text", text, true); err != nil {
			return err
		}
		n := app.Note{Text: text, Account: pos[0]}
		var err error
		if n.Channel, err = domain.ParseEnum("channel", *ch, domain.Channels); err != nil {
			return usagef("%v", err)
		}
		if *sent != "" {
			if n.Sentiment, err = domain.ParseEnum("sentiment", *sent, domain.Sentiments); err != nil {
				return usagef("%v", err)
			}
		}
		res, err := app.SaveNote(c.store(), n)
		if err != nil {
			return app.OneLine(err)
		}
		for _, p := range res.Problems {
			fmt.Fprintf(c.env.Stderr, "tend: note: %s\n", p)
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, res)
		}
		fmt.Fprintf(c.env.Stdout, "saved note #%d on %s at %s", res.Interaction.ID, domain.Printable(res.AccountName), res.Interaction.At.In(time.Local).Format("15:04"))
		if len(res.Items) > 0 {
			fmt.Fprintf(c.env.Stdout, ", %d action item(s)", len(res.Items))
		}
		fmt.Fprintln(c.env.Stdout)
		return nil
	}
}

// set reports whether the flag name was given.
func set(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

func accountCloseCmd(fs *flag.FlagSet) runFunc {
	on := fs.String("on", "today", "the `DATE` it closed (2026-11-20, yesterday, …)")
	reason := fs.String("reason", "", "why it closed (`TEXT`, required)")
	asJSON := fs.Bool("json", false, "print the closed account as JSON")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("account close needs one ACCOUNT (the exact name or #N)")
		}
		if strings.TrimSpace(*reason) == "" {
			return usagef("account close needs --reason TEXT: why it closed")
		}
		if err := cleanText("--reason", *reason, false); err != nil {
			return err
		}
		today := c.today()
		d, err := domain.ParseDateIn(*on, today, c.settings().DateFormat)
		if err != nil {
			return usagef("--on: %v", err)
		}
		a, err := app.CloseAccountNamed(c.store(), pos[0], d, *reason, today)
		if err != nil {
			return err
		}
		if *asJSON {
			v, err := app.ShowAccount(c.store(), fmt.Sprintf("#%d", a.ID), today)
			if err != nil {
				return err
			}
			return writeJSON(c.env.Stdout, accountShown(v.Account))
		}
		as := "churned"
		if domain.NeverCustomer(&a) {
			as = domain.CauseLost
		}
		fmt.Fprintf(c.env.Stdout, "closed %s (#%d) as %s on %s", domain.Printable(a.Name), a.ID, as, d.Format(c.settings().DateFormat))
		if a.ARR.Amount != 0 {
			fmt.Fprintf(c.env.Stdout, ": ARR %s → %s", a.ARR, domain.Money{Currency: a.ARR.Currency})
		}
		fmt.Fprintln(c.env.Stdout)
		return nil
	}
}
