package cli

// The records of an account, one command group per kind (contact, note,
// item, goal, strategy, step, opp, risk, win, survey, order), each with add,
// list, show, edit and delete, all through the use cases of app/crud.go.
// A kind declares its flags once (kindSpec.fields); add and edit share them,
// and edit changes only the flags given.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// kindSpec is one kind of record as the command line offers it.
type kindSpec struct {
	kind    app.Kind
	name    string   // the command: "contact"
	aliases []string // other names of the command
	what    string   // "contacts", for the Short of the group
	one     string   // "a contact", for the Shorts of its commands
	// main is add's argument after ACCOUNT ("NAME", "TEXT", "TITLE",
	// "AMOUNT"; "" for none), and mainFlag the flag edit changes it with.
	main, mainFlag string
	addExample     string
	editExample    string
	// zero is a new record before the flags are applied.
	zero func(c *call) any
	// fields declares the kind's flags and returns what applies the ones
	// given (and main, when not nil) to a record.
	fields func(fs *flag.FlagSet) setter
	// line is the record in a list (after its #N).
	line func(v any) string
	// extra subcommands of the group (done, progress).
	extra []*command
}

// setter applies the flags given, and main when not nil, to v.
type setter func(c *call, acct app.Ref, v any, main *string) (any, error)

// recordCommands are the command groups of the record kinds.
func recordCommands() []*command {
	var out []*command
	for _, k := range kindSpecs() {
		out = append(out, k.group())
	}
	return out
}

func (k *kindSpec) group() *command {
	n := k.name
	var subs []*command
	if k.kind == app.KindNote {
		subs = append(subs, &command{Name: "add", WritesNamed: true, Short: `log a note; "- [ ] text @fri" lines become action items`,
			Usage: "note add ACCOUNT TEXT|- [--channel call] [--sentiment positive]",
			Long: "Lines like \"- [ ] send pricing @fri\" become action items; \"-\" reads the note from standard input.\n" +
				"\"tend note ACCOUNT TEXT\" (without add) does the same, unless ACCOUNT is named like a subcommand\n" +
				"(list, show, edit, delete): then write add.\n\n" +
				"Examples:\n  tend note add \"Acme Robotics\" $'Call with Ana.\\n- [ ] send pricing @fri'\n" +
				"  tend note acme -- \"- [ ] send pricing @fri\"\n  echo \"notes from a script\" | tend note acme -\n\n",
			Define: noteCmd})
	} else {
		arg := ""
		if k.main != "" {
			arg = " " + k.main
		}
		subs = append(subs, &command{Name: "add", WritesNamed: true, Short: "add " + k.one + " to an account",
			Usage:  n + " add ACCOUNT" + arg + " [flags]",
			Long:   "ACCOUNT is a name, the beginning of one, #N or a UID.\n\nExample:\n  " + k.addExample + "\n\n",
			Define: k.addCmd})
	}
	subs = append(subs,
		&command{Name: "list", Aliases: []string{"ls"}, Short: "list an account's " + k.what,
			Usage:  n + " list ACCOUNT [--json]",
			Long:   "Each with its number (#N), by which show, edit and delete pick it.\n\nExample:\n  tend " + n + " list acme --json\n\n",
			Define: k.listCmd},
		&command{Name: "show", Short: "show " + k.one + " in full",
			Usage: n + " show ACCOUNT " + strings.ToUpper(n) + " [--json]",
			Long: strings.ToUpper(n) + " is #N (or N), a UID, or a unique part of its label.\n\n" +
				"Example:\n  tend " + n + " show acme 2 --json\n\n",
			Define: k.showCmd},
		&command{Name: "edit", WritesNamed: true, Short: "change " + k.one + " (only the flags given)",
			Usage: n + " edit ACCOUNT " + strings.ToUpper(n) + " [flags]",
			Long: strings.ToUpper(n) + " is #N (or N), a UID, or a unique part of its label.\n\n" +
				"Example:\n  " + k.editExample + "\n\n",
			Define: k.editCmd},
		&command{Name: "delete", Aliases: []string{"rm"}, WritesNamed: true, Short: "delete " + k.one,
			Usage: n + " delete ACCOUNT " + strings.ToUpper(n) + " --yes",
			Long: "Without --yes it only says what it would delete.\n\n" +
				"Example:\n  tend " + n + " delete acme 3 --yes\n\n",
			Define: k.deleteCmd},
	)
	subs = append(subs, k.extra...)
	g := &command{Name: n, Aliases: k.aliases, Short: "add, list, show, edit and delete " + k.what,
		Usage: n + " add|list|show|edit|delete ...", Subs: subs}
	if k.kind == app.KindNote {
		g.Default = "add"
		g.Short = "log notes; list, read, edit and delete them"
		g.Usage = "note [add|list|show|edit|delete] ..."
	}
	return g
}

// account is the account a person named: for a command that writes to it
// (a part in the middle of a name is not enough) or that reads it.
func (c *call) account(q string, write bool) (domain.Account, app.Ref, error) {
	a, err := app.FindAccount(c.store(), q, write)
	if err != nil {
		return a, app.Ref{}, err
	}
	return a, app.RefOf(&a), nil
}

// recordArg is the record named by the arguments after ACCOUNT (several
// words are one name: tend contact show acme Dana Ruiz).
func recordArg(pos []string, path, kind string) (string, error) {
	if len(pos) < 2 {
		return "", usagef("%s needs an ACCOUNT and the %s (#N, a UID or a part of its label)", path, kind)
	}
	return strings.Join(pos[1:], " "), nil
}

func (k *kindSpec) addCmd(fs *flag.FlagSet) runFunc {
	apply := k.fields(fs)
	asJSON := fs.Bool("json", false, "print the new record as JSON")
	return func(c *call, pos []string) error {
		var main *string
		switch {
		case len(pos) == 0:
			return usagef("%s needs an ACCOUNT", c.path)
		case k.main == "" && len(pos) > 1:
			return usagef("%s takes only an ACCOUNT (the rest is flags)", c.path)
		case k.main != "" && len(pos) < 2:
			return usagef("%s needs an ACCOUNT and the %s", c.path, k.main)
		case k.main != "":
			s := strings.Join(pos[1:], " ")
			main = &s
		}
		a, ref, err := c.account(pos[0], true)
		if err != nil {
			return err
		}
		v, err := apply(c, ref, k.zero(c), main)
		if err != nil {
			return err
		}
		prior, err := app.Records(c.store(), ref, k.kind)
		if err != nil {
			return err
		}
		rec, _, err := app.SaveRecord(c.store(), ref, app.Rec{Kind: k.kind, Value: v, Terms: c.terms}, c.today())
		if err != nil {
			return app.OneLine(err)
		}
		sayMoved(c, rec.Moved)
		k.warnAlike(c, a.Name, rec, prior)
		if *asJSON {
			return writeJSON(c.env.Stdout, recView(rec, c.contactNames(ref, k.kind)))
		}
		fmt.Fprintf(c.env.Stdout, "added %s #%d %s to %s\n", k.name, rec.ID, excerpt(rec.Label), domain.Printable(a.Name))
		return nil
	}
}

// warnAlike says on standard error which records of the account rec looks
// like (the same name or title, a contact's email): both are kept, and the
// person knows. Survey answers, orders and notes alike are many, not doubles.
func (k *kindSpec) warnAlike(c *call, account string, rec app.Rec, prior []app.Rec) {
	if k.kind == app.KindSurvey || k.kind == app.KindOrder || k.kind == app.KindNote {
		return
	}
	email := func(r app.Rec) string {
		if ct, ok := r.Value.(domain.Contact); ok {
			return strings.ToLower(strings.TrimSpace(ct.Email))
		}
		return ""
	}
	for _, p := range prior {
		if domain.Fold(p.Label) == domain.Fold(rec.Label) || (email(rec) != "" && email(p) == email(rec)) {
			fmt.Fprintf(c.env.Stderr, "tend: note: %s already had %s #%d %s; both are kept (tend %s delete removes one)\n",
				domain.Printable(account), k.name, p.ID, excerpt(p.Label), k.name)
		}
	}
}

func (k *kindSpec) listCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("%s needs one ACCOUNT", c.path)
		}
		a, ref, err := c.account(pos[0], false)
		if err != nil {
			return err
		}
		recs, err := app.Records(c.store(), ref, k.kind)
		if err != nil {
			return err
		}
		if len(recs) == 0 && !*asJSON {
			fmt.Fprintf(c.env.Stderr, "tend: %s has no %s yet (tend %s add)\n", domain.Printable(a.Name), k.what, k.name)
		}
		if *asJSON {
			out := make([]any, 0, len(recs))
			names := c.contactNames(ref, k.kind)
			for _, r := range recs {
				out = append(out, recView(r, names))
			}
			return writeJSON(c.env.Stdout, out)
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		for _, r := range recs {
			fmt.Fprintf(w, "%s  %s\n", views.FitRight(fmt.Sprintf("#%d", r.ID), 5), k.line(r.Value))
		}
		return nil
	}
}

// record is the record of kind k that a command's arguments name (ACCOUNT
// then the record), on its account; write: the command changes it.
func (k *kindSpec) record(c *call, pos []string, write bool) (domain.Account, app.Ref, app.Rec, error) {
	q, err := recordArg(pos, c.path, k.name)
	if err != nil {
		return domain.Account{}, app.Ref{}, app.Rec{}, err
	}
	a, ref, err := c.account(pos[0], write)
	if err != nil {
		return a, ref, app.Rec{}, err
	}
	r, err := app.FindRecord(c.store(), ref, k.kind, q)
	return a, ref, r, err
}

func (k *kindSpec) showCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, pos []string) error {
		_, ref, r, err := k.record(c, pos, false)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, recView(r, c.contactNames(ref, k.kind)))
		}
		return printRecord(c.env.Stdout, r, c.contactNames(ref, k.kind))
	}
}

func (k *kindSpec) editCmd(fs *flag.FlagSet) runFunc {
	apply := k.fields(fs)
	mainVal := new(string)
	if k.mainFlag != "" {
		usage := "the new " + strings.ToLower(k.main)
		if k.kind == app.KindNote {
			usage = "the new `TEXT` (- reads it from standard input; the text it replaces is kept)"
		}
		mainVal = fs.String(k.mainFlag, "", usage)
	}
	asJSON := fs.Bool("json", false, "print the record as saved, as JSON")
	return func(c *call, pos []string) error {
		q, err := recordArg(pos, c.path, k.name)
		if err != nil {
			return err
		}
		var changed []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "json" {
				changed = append(changed, f.Name)
			}
		})
		if len(changed) == 0 {
			var names []string
			fs.VisitAll(func(f *flag.Flag) {
				if f.Name != "json" {
					names = append(names, "--"+f.Name)
				}
			})
			return usagef("%s: nothing to change; give any of %s", c.path, strings.Join(names, " "))
		}
		var main *string
		if k.mainFlag != "" && set(fs, k.mainFlag) {
			s := *mainVal
			if k.kind == app.KindNote && s == "-" {
				if s, err = readStdin(c, "the note"); err != nil {
					return err
				}
			}
			main = &s
		}
		a, ref, err := c.account(pos[0], true)
		if err != nil {
			return err
		}
		r, err := app.FindRecord(c.store(), ref, k.kind, q)
		if err != nil {
			return err
		}
		if r.Value, err = apply(c, ref, r.Value, main); err != nil {
			return err
		}
		r.Terms = c.terms
		saved, _, err := app.SaveRecord(c.store(), ref, r, c.today())
		if err != nil {
			return app.OneLine(err)
		}
		sayMoved(c, saved.Moved)
		if *asJSON {
			return writeJSON(c.env.Stdout, recView(saved, c.contactNames(ref, k.kind)))
		}
		fmt.Fprintf(c.env.Stdout, "changed %s of %s #%d %s on %s\n", strings.Join(changed, ", "), k.name, saved.ID, excerpt(saved.Label), domain.Printable(a.Name))
		return nil
	}
}

func (k *kindSpec) deleteCmd(fs *flag.FlagSet) runFunc {
	yes := fs.Bool("yes", false, "really delete")
	return func(c *call, pos []string) error {
		a, ref, r, err := k.record(c, pos, true)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("%s #%d %s from %s", k.name, r.ID, excerpt(r.Label), domain.Printable(a.Name))
		if !*yes {
			return usagef("%s needs --yes: it would delete %s", c.path, what)
		}
		if _, err := app.DeleteRecord(c.store(), ref, r); err != nil {
			return app.OneLine(err)
		}
		fmt.Fprintf(c.env.Stdout, "deleted %s\n", what)
		return nil
	}
}

func excerpt(s string) string { return domain.Printable(domain.Excerpt(s, 60)) }

// readStdin reads what (a note's text) from standard input.
func readStdin(c *call, what string) (string, error) {
	if c.env.Stdin == nil {
		return "", usagef("-: no standard input to read %s from", what)
	}
	b, err := io.ReadAll(io.LimitReader(c.env.Stdin, domain.MaxNoteLen+1))
	if err != nil {
		return "", fmt.Errorf("reading %s from standard input: %w", what, err)
	}
	return strings.TrimRight(string(b), "\n"), nil
}

// cleanText refuses text with control characters (an escape sequence would
// rewrite a terminal that shows it); multiline text may hold newlines and tabs.
func cleanText(field, s string, multiline bool) error { return domain.CheckPlain(field, s, multiline) }

// flagReader reads the flags of one kind into a record, collecting every
// mistake: each method does nothing unless its flag was given.
type flagReader struct {
	fs    *flag.FlagSet
	c     *call
	errs  []error
	usage []string // flags given wrongly together, or missing: exit 2
}

func (r *flagReader) given(name string) bool { return set(r.fs, name) }

func (r *flagReader) text(name string, val *string, dst *string, multiline bool) {
	if !r.given(name) {
		return
	}
	if err := cleanText("--"+name, *val, multiline); err != nil {
		r.errs = append(r.errs, err)
		return
	}
	*dst = strings.TrimSpace(*val)
	if multiline {
		*dst = strings.TrimRight(*val, " \n")
	}
}

func (r *flagReader) date(name string, val *string, dst *domain.Date) {
	if !r.given(name) {
		return
	}
	if strings.TrimSpace(*val) == "" || *val == "none" {
		*dst = 0
		return
	}
	d, err := domain.ParseDate(*val, r.c.today())
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("--%s: %w", name, err))
		return
	}
	*dst = d
}

// money reads an amount; one typed without a currency keeps the currency
// dst has (an edit), else takes the settings' currency.
func (r *flagReader) money(name string, val *string, dst *domain.Money) {
	if !r.given(name) {
		return
	}
	cur := dst.Currency
	if cur == "" {
		cur = r.c.settings().Currency
	}
	m, err := domain.ParseMoney(*val, cur)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("--%s: %w", name, err))
		return
	}
	*dst = m
}

func (r *flagReader) number(name string, val *string, dst *float64) {
	if !r.given(name) {
		return
	}
	f, err := parseNumber(*val)
	if err != nil {
		r.errs = append(r.errs, domain.Invalid("--"+name, *val, "%v", err))
		return
	}
	*dst = f
}

func parseNumber(s string) (float64, error) {
	s = strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), "%")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f || f > 1e15 || f < -1e15 {
		return 0, errors.New("want a number like 42 or 12.5")
	}
	return f, nil
}

func enumFlag[T ~string](r *flagReader, name string, val *string, all []T, dst *T) {
	if !r.given(name) {
		return
	}
	if *val == "" {
		var zero T
		*dst = zero
		return
	}
	v, err := domain.ParseEnum(name, *val, all)
	if err != nil {
		r.errs = append(r.errs, err)
		return
	}
	*dst = v
}

func (r *flagReader) err() error {
	if len(r.usage) > 0 {
		return usagef("%s", strings.Join(r.usage, "; "))
	}
	return errors.Join(r.errs...)
}

// main applies add's argument (or edit's flag) to dst as text.
func (r *flagReader) main(field string, main *string, dst *string, multiline bool) {
	if main == nil {
		return
	}
	if err := cleanText(field, *main, multiline); err != nil {
		r.errs = append(r.errs, err)
		return
	}
	*dst = strings.TrimSpace(*main)
}

// recView is a record as --json gives it: the record's own fields (as the
// JSON export names them), money in major units with its currency, and
// strategies and steps with their position as id, a survey answer with
// the name of the contact who gave it (names: contact id → name).
func recView(r app.Rec, names map[uint64]string) any {
	switch v := r.Value.(type) {
	case domain.SurveyResponse:
		return struct {
			domain.SurveyResponse
			Contact string `json:"contact,omitempty"`
		}{v, names[v.ContactID]}
	case domain.Opportunity:
		return struct {
			domain.Opportunity
			Value    moneyJSON `json:"value"`
			Weighted moneyJSON `json:"weighted_value"`
		}{v, moneyOf(v.Value), moneyOf(v.Weighted())}
	case domain.Order:
		return struct {
			domain.Order
			Amount moneyJSON `json:"amount"`
		}{v, moneyOf(v.Amount)}
	case string:
		return struct {
			ID   uint64 `json:"id"`
			Text string `json:"text"`
		}{r.ID, v}
	case domain.ChecklistItem:
		return struct {
			ID uint64 `json:"id"`
			domain.ChecklistItem
		}{r.ID, v}
	}
	return r.Value
}

// moneyJSON is an amount for people: major units, with its currency.
type moneyJSON struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

func moneyOf(m domain.Money) moneyJSON {
	a := m.Amount
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	return moneyJSON{Amount: json.Number(fmt.Sprintf("%s%d.%02d", sign, a/100, a%100)), Currency: m.Currency}
}

// printRecord shows a record in full, a field a line (its JSON fields, in
// order); a note shows its whole text and the texts it had before.
func printRecord(out io.Writer, r app.Rec, names map[uint64]string) error {
	w := bufio.NewWriter(out)
	defer w.Flush()
	p := domain.Printable
	if in, ok := r.Value.(domain.Interaction); ok {
		when := in.Stamp(time.UTC) + " UTC"
		if in.DateOnly {
			when = in.Stamp(time.UTC) // a date alone
		}
		fmt.Fprintf(w, "note #%d · %s · %s", in.ID, when, in.Channel)
		if in.Sentiment != "" {
			fmt.Fprintf(w, " · %s", in.Sentiment)
		}
		fmt.Fprintf(w, "\nuid: %s\n\n", p(in.UID))
		for _, l := range strings.Split(in.Summary, "\n") {
			fmt.Fprintf(w, "%s\n", p(l))
		}
		if len(in.Revisions) > 0 {
			fmt.Fprintf(w, "\nEarlier texts (%d), newest first\n", len(in.Revisions))
			for i := len(in.Revisions) - 1; i >= 0; i-- {
				rv := in.Revisions[i]
				fmt.Fprintf(w, "\n  until %s:\n", rv.At.UTC().Format("2006-01-02 15:04 UTC"))
				for _, l := range strings.Split(rv.Summary, "\n") {
					fmt.Fprintf(w, "    %s\n", p(l))
				}
			}
		}
		return nil
	}
	b, err := json.Marshal(recView(r, names))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s #%d\n", r.Kind, r.ID)
	return writeFields(w, b, "")
}

// writeFields writes the fields of the JSON object b, in order, a line each.
func writeFields(w io.Writer, b []byte, indent string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if key == "account_id" {
			continue
		}
		switch raw[0] {
		case '[':
			var items []json.RawMessage
			_ = json.Unmarshal(raw, &items)
			if len(items) == 0 {
				continue
			}
			fmt.Fprintf(w, "%s%s:\n", indent, key)
			for _, it := range items {
				fmt.Fprintf(w, "%s  - %s\n", indent, flat(it))
			}
		default:
			fmt.Fprintf(w, "%s%s: %s\n", indent, key, flat(raw))
		}
	}
	return nil
}

// flat is a JSON value on one line for people: a string unquoted, money as
// "1200.00 USD", an object as key value pairs.
func flat(raw json.RawMessage) string {
	switch raw[0] {
	case '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		return domain.Printable(s)
	case '{':
		var m moneyJSON
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if dec.Decode(&m) == nil && m.Currency != "" {
			return string(m.Amount) + " " + domain.Printable(m.Currency)
		}
		var b strings.Builder
		_ = writeFields(&b, raw, "")
		return strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "\n", " · ")
	}
	return domain.Printable(string(raw))
}

// contactNames are the names of the account's contacts by id, for a kind
// of record that names them (survey answers); nil for the others.
func (c *call) contactNames(ref app.Ref, k app.Kind) map[uint64]string {
	if k != app.KindSurvey {
		return nil
	}
	recs, err := app.Records(c.store(), ref, app.KindContact)
	if err != nil {
		return nil
	}
	names := make(map[uint64]string, len(recs))
	for _, r := range recs {
		names[r.ID] = r.Label
	}
	return names
}

// sayMoved says, on standard error, how a won opportunity moved the book.
func sayMoved(c *call, ch *domain.ARRChange) {
	if ch != nil {
		fmt.Fprintf(c.env.Stderr, "tend: %s: ARR %s from %s\n", domain.Printable(ch.Cause), ch.ARR, ch.Date.Format(c.settings().DateFormat))
	}
}
