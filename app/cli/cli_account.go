package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// accountRow is one account in `tend account list --json`.
type accountRow struct {
	ID        uint64       `json:"id"`
	Name      string       `json:"name"`
	Segment   string       `json:"segment,omitempty"`
	Tier      domain.Tier  `json:"tier"`
	Stage     domain.Stage `json:"stage"`
	Owner     string       `json:"owner,omitempty"`
	ARR       domain.Money `json:"arr"`
	Renewal   domain.Date  `json:"renewal,omitzero"`
	Health    int          `json:"health"`
	Band      string       `json:"health_band"`
	LastTouch domain.Date  `json:"last_touch,omitzero"`
	OpenItems int          `json:"open_items"`
	Overdue   int          `json:"overdue_items"`
}

func cmdAccountList(st *store.Store, args []string, env *Env) error {
	fs := newFlags("account list", "Usage: tend account list [--json]\n\n")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		return err
	}
	today := domain.DateOf(env.Now())
	rows := make([]accountRow, len(sums))
	for i := range sums {
		s := &sums[i]
		h := domain.Health(s, today)
		rows[i] = accountRow{ID: s.ID, Name: s.Name, Segment: s.Segment, Tier: s.Tier, Stage: s.Stage, Owner: s.Owner, ARR: s.ARR,
			Renewal: s.Renewal, Health: h.Score, Band: h.Band, LastTouch: s.LastTouch, OpenItems: s.OpenItems(), Overdue: s.Overdue(today)}
	}
	if *asJSON {
		return writeJSON(env.Stdout, rows)
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "%s %s %s %s %s %s %s %s\n", views.FitRight("ID", 6), views.Fit("NAME", 34), views.Fit("SEGMENT", 11), views.Fit("TIER", 14),
		views.FitRight("ARR", 9), views.Fit("RENEWAL", 10), views.FitRight("HEALTH", 6), views.FitRight("ITEMS", 5))
	for _, r := range rows {
		health := "—"
		if r.Health >= 0 {
			health = fmt.Sprint(r.Health)
		}
		fmt.Fprintf(w, "%s %s %s %s %s %s %s %s\n", views.FitRight(fmt.Sprint(r.ID), 6), views.Fit(r.Name, 34), views.Fit(r.Segment, 11), views.Fit(string(r.Tier), 14),
			views.FitRight(r.ARR.Short(), 9), views.Fit(r.Renewal.String(), 10), views.FitRight(health, 6), views.FitRight(fmt.Sprint(r.OpenItems), 5))
	}
	return nil
}

// accountView is `tend account show --json`.
type accountView struct {
	Account       domain.Account          `json:"account"`
	Health        domain.HealthReport     `json:"health"`
	Contacts      []domain.Contact        `json:"contacts"`
	Interactions  []domain.Interaction    `json:"recent_interactions"`
	Opportunities []domain.Opportunity    `json:"opportunities"`
	Risks         []domain.Risk           `json:"risks"`
	Wins          []domain.Win            `json:"wins"`
	Plan          domain.Plan             `json:"plan"`
	ActionItems   []domain.ActionItem     `json:"action_items"`
	Surveys       []domain.SurveyResponse `json:"surveys"`
}

func cmdAccountShow(st *store.Store, args []string, env *Env) error {
	fs := newFlags("account show", "Usage: tend account show ACCOUNT [--json]\n\nACCOUNT is a name (or a unique part of one) or #ID.\n\n")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account show needs one ACCOUNT (a name or #ID)")
	}
	var d store.Detail
	err = st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccount(pos[0])
		if err != nil {
			return err
		}
		d, err = tx.Detail(s.ID)
		return err
	})
	if err != nil {
		return err
	}
	today := domain.DateOf(env.Now())
	v := accountView{Account: d.Account, Health: domain.Health(&d.Summary, today), Contacts: d.Contacts, Interactions: d.Interactions,
		Opportunities: d.Opportunities, Risks: d.Risks, Wins: d.Wins, Plan: d.Plan, ActionItems: d.Items, Surveys: d.Surveys}
	if *asJSON {
		return writeJSON(env.Stdout, v)
	}
	return printAccount(env.Stdout, &v, today)
}

func printAccount(out io.Writer, v *accountView, today domain.Date) error {
	w := bufio.NewWriter(out)
	defer w.Flush()
	a := &v.Account
	p := domain.Printable
	fmt.Fprintf(w, "#%d %s\n", a.ID, p(a.Name))
	fmt.Fprintf(w, "  %s · %s · %s · %s · owner %s\n", p(a.Segment), a.Tier, a.Stage, p(a.Industry), p(a.Owner))
	fmt.Fprintf(w, "  ARR %s · renewal %s (%s) · health %d (%s)\n", a.ARR, a.Renewal, a.Renewal.Describe(today), v.Health.Score, v.Health.Band)
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
		fmt.Fprintf(w, "  %s %-7s %s\n", in.At.Local().Format("2006-01-02 15:04"), in.Channel, views.Clip(firstLine(in.Summary), 80))
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
			fmt.Fprintf(w, "  [ ] %s %s\n", p(it.Text), it.Due)
		}
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func cmdNote(st *store.Store, args []string, env *Env) error {
	fs := newFlags("note", "Usage: tend note ACCOUNT TEXT|- [--channel call] [--sentiment positive]\n\nLines like \"- [ ] send pricing @fri\" become action items.\nExample: tend note \"Acme Robotics\" $'Call with Ana.\\n- [ ] send pricing @fri'\n         tend note acme -- \"- [ ] send pricing @fri\"\n\n")
	ch := fs.String("channel", "call", "call, email, meeting, qbr, chat or note")
	sent := fs.String("sentiment", "", "positive, neutral or negative")
	asJSON := fs.Bool("json", false, "print what was saved as JSON")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("note needs an ACCOUNT and the TEXT (or - to read it from standard input)")
	}
	text := strings.Join(pos[1:], " ")
	if text == "-" {
		if env.Stdin == nil {
			return usagef("note -: no standard input")
		}
		b, err := io.ReadAll(io.LimitReader(env.Stdin, domain.MaxNoteLen+1))
		if err != nil {
			return fmt.Errorf("reading the note from standard input: %w", err)
		}
		text = string(b)
	}
	text = strings.TrimRight(text, "\n")
	if strings.TrimSpace(text) == "" {
		return usagef("the note is empty")
	}
	n := app.Note{Text: text, Account: pos[0]}
	if n.Channel, err = domain.ParseEnum("channel", *ch, domain.Channels); err != nil {
		return usagef("%v", err)
	}
	if *sent != "" {
		if n.Sentiment, err = domain.ParseEnum("sentiment", *sent, domain.Sentiments); err != nil {
			return usagef("%v", err)
		}
	}
	res, err := app.SaveNote(st, n)
	name := res.AccountName
	if domain.ErrorCode(err) == domain.EAMBIGUOUS {
		return usagef("note: %s", app.OneLine(err))
	}
	if err != nil {
		return app.OneLine(err)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(env.Stderr, "tend: note: %s\n", p)
	}
	if *asJSON {
		return writeJSON(env.Stdout, res)
	}
	fmt.Fprintf(env.Stdout, "saved note #%d on %s at %s", res.Interaction.ID, domain.Printable(name), res.Interaction.At.In(time.Local).Format("15:04"))
	if len(res.Items) > 0 {
		fmt.Fprintf(env.Stdout, ", %d action item(s)", len(res.Items))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}

func cmdAccountDelete(st *store.Store, args []string, env *Env) error {
	fs := newFlags("account delete", "Usage: tend account delete ACCOUNT --yes\n\nDeletes the account with its contacts, timeline, plan, items, opportunities, risks, orders and surveys.\nACCOUNT is the exact name (case and spacing aside) or #N; a part of a name is refused.\nTake a backup first: tend backup\n\n")
	yes := fs.Bool("yes", false, "really delete")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account delete needs one ACCOUNT (the exact name or #N)")
	}
	if !*yes {
		return usagef("account delete needs --yes: it deletes the account and everything it owns")
	}
	var name string
	var id uint64
	err = st.Update(func(tx *store.Tx) error {
		s, err := tx.FindAccountExact(pos[0]) // never a part of a name: this deletes
		if err != nil {
			return err
		}
		name, id = s.Name, s.ID
		return tx.DeleteAccount(s.ID)
	})
	if domain.ErrorCode(err) == domain.EAMBIGUOUS {
		return usagef("account delete: %s", app.OneLine(err))
	}
	if err != nil {
		return app.OneLine(err)
	}
	fmt.Fprintf(env.Stdout, "deleted %s (#%d)\n", domain.Printable(name), id)
	return nil
}
