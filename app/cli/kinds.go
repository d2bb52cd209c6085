package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
)

var (
	roles        = enumOf(domain.Roles)
	oppKinds     = enumOf(domain.OppKinds)
	oppStages    = enumOf(domain.OppStages)
	riskKinds    = enumOf(domain.RiskKinds)
	severities   = enumOf(domain.Severities)
	riskStatuses = enumOf(domain.RiskStatuses)
)

// joinDot joins the parts that are not empty with " · ", each printable.
func joinDot(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, domain.Printable(p))
		}
	}
	return strings.Join(out, " · ")
}

func dueText(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return "due " + d.String()
}

func check(done bool) string {
	if done {
		return "[x]"
	}
	return "[ ]"
}

// kindSpecs is every kind of record, in the order of app.Kinds.
func kindSpecs() []*kindSpec {
	return []*kindSpec{
		{kind: app.KindContact, name: "contact", aliases: []string{"contacts"}, what: "contacts", one: "a contact", main: "NAME", mainFlag: "name",
			addExample:  `tend contact add acme "Dana Ruiz" --email dana@acme.com --title CFO --role champion`,
			editExample: `tend contact edit acme Dana --phone "+1 555 0100" --role decision-maker`,
			zero:        func(*call) any { return domain.Contact{} },
			fields: func(fs *flag.FlagSet) setter {
				title := fs.String("title", "", "job title")
				email := fs.String("email", "", "email address")
				phone := fs.String("phone", "", "phone number")
				role := enum(fs, "role", "", roles, "stakeholder role")
				ch := enum(fs, "channel", "", channels, "the channel they prefer")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Contact), &flagReader{fs: fs, c: c}
					r.main("name", main, &x.Name, false)
					r.text("title", title, &x.Title, false)
					r.text("email", email, &x.Email, false)
					r.text("phone", phone, &x.Phone, false)
					enumFlag(r, "role", role, domain.Roles, &x.Role)
					enumFlag(r, "channel", ch, domain.Channels, &x.Channel)
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Contact)
				return joinDot(x.Name, string(x.Role), x.Title, x.Email, x.Phone)
			}},
		{kind: app.KindNote, name: "note", what: "notes", one: "a note", main: "TEXT", mainFlag: "text",
			editExample: "tend note edit acme 12 --text \"Call with Ana: renewal in March\"\n  pbpaste | tend note edit acme 12 --text -",
			zero:        func(*call) any { return domain.Interaction{} },
			fields: func(fs *flag.FlagSet) setter {
				ch := enum(fs, "channel", "", channels, "how the conversation happened")
				sent := enum(fs, "sentiment", "", sentiments, "how it went")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Interaction), &flagReader{fs: fs, c: c}
					if main != nil && strings.TrimSpace(*main) == "" {
						return nil, usagef("the note is empty (to delete it: tend note delete)")
					}
					r.main("text", main, &x.Summary, true)
					if x.Channel == "" {
						x.Channel = domain.ChannelCall
					}
					if r.given("channel") && *ch == "" {
						*ch = "call"
					}
					enumFlag(r, "channel", ch, domain.Channels, &x.Channel)
					enumFlag(r, "sentiment", sent, domain.Sentiments, &x.Sentiment)
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Interaction)
				edited := ""
				if len(x.Revisions) > 0 {
					edited = "(edited)"
				}
				return joinDot(x.Stamp(time.UTC), string(x.Channel), domain.Excerpt(firstLine(x.Summary), 70), edited)
			}},
		{kind: app.KindItem, name: "item", aliases: []string{"items", "task"}, what: "action items", one: "an action item", main: "TEXT", mainFlag: "text",
			addExample:  "tend item add acme \"Send the pricing sheet\" --due fri",
			editExample: "tend item edit acme pricing --due 2026-12-15",
			zero:        func(*call) any { return domain.ActionItem{} },
			fields: func(fs *flag.FlagSet) setter {
				due := fs.String("due", "", "due `DATE` (2026-12-01, fri, +3d; none clears it)")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.ActionItem), &flagReader{fs: fs, c: c}
					r.main("text", main, &x.Text, false)
					r.date("due", due, &x.Due)
					if today := c.today(); x.ID == 0 && !x.Due.IsZero() && x.Due < today && r.err() == nil {
						// kept (an overdue promise is logged as it is), but said
						n, days := today.Sub(x.Due), "days"
						if n == 1 {
							days = "day"
						}
						fmt.Fprintf(c.env.Stderr, "tend: note: due %s is %d %s ago\n", x.Due.Format(c.settings().DateFormat), n, days)
					}
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.ActionItem)
				return check(x.Done) + " " + joinDot(x.Text, dueText(x.Due))
			},
			extra: []*command{{Name: "done", WritesNamed: true, Short: "mark an action item done (or --reopen it)",
				Usage: "item done ACCOUNT ITEM [--reopen]", Long: "Example:\n  tend item done acme pricing\n\n",
				Define: doneCmd(app.KindItem)}}},
		{kind: app.KindGoal, name: "goal", aliases: []string{"goals"}, what: "goals", one: "a goal", main: "TITLE", mainFlag: "title",
			addExample:  "tend goal add acme \"Grow seats\" --metric seats --baseline 120 --target 200 --due 2027-06-30",
			editExample: "tend goal edit acme seats --target 250",
			zero:        func(c *call) any { return domain.Goal{Start: c.today()} },
			fields: func(fs *flag.FlagSet) setter {
				metric := fs.String("metric", "", "what is measured (seats, NPS, …); required")
				unit := fs.String("unit", "", "its unit (%, users, …)")
				base := fs.String("baseline", "", "the value at the start")
				target := fs.String("target", "", "the value to reach")
				start := fs.String("start", "", "start `DATE` (default today)")
				due := fs.String("due", "", "due `DATE`")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Goal), &flagReader{fs: fs, c: c}
					isNew := x.ID == 0
					r.main("title", main, &x.Title, false)
					r.text("metric", metric, &x.Metric, false)
					r.text("unit", unit, &x.Unit, false)
					r.number("baseline", base, &x.Baseline)
					r.number("target", target, &x.Target)
					r.date("start", start, &x.Start)
					r.date("due", due, &x.Due)
					if isNew {
						x.Current = x.Baseline
						if !r.given("metric") {
							r.usage = append(r.usage, "goal add needs --metric (what is measured) and --target")
						}
					}
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Goal)
				return joinDot(x.Title, fmt.Sprintf("%s %s of %s %s", x.Metric, num(x.Current), num(x.Target), x.Unit), dueText(x.Due))
			},
			extra: []*command{{Name: "progress", WritesNamed: true, Short: "record a goal's value as measured on a day",
				Usage:  "goal progress ACCOUNT GOAL VALUE [--on DATE] [--note TEXT]",
				Long:   "The goal keeps every update in its history (tend goal show).\n\nExample:\n  tend goal progress acme seats 164 --on 2026-11-30 --note \"after the EMEA rollout\"\n\n",
				Define: goalProgressCmd}}},
		{kind: app.KindStrategy, name: "strategy", aliases: []string{"strategies"}, what: "strategies", one: "a strategy", main: "TEXT", mainFlag: "text",
			addExample:  "tend strategy add acme \"Land the EMEA team through the CFO\"",
			editExample: "tend strategy edit acme 2 --text \"Land EMEA through the COO\"",
			zero:        func(*call) any { return "" },
			fields: func(fs *flag.FlagSet) setter {
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(string), &flagReader{fs: fs, c: c}
					r.main("text", main, &x, false)
					return x, r.err()
				}
			},
			line: func(v any) string { return domain.Printable(v.(string)) }},
		{kind: app.KindStep, name: "step", aliases: []string{"steps", "onboarding"}, what: "onboarding steps", one: "an onboarding step", main: "TEXT", mainFlag: "text",
			addExample:  "tend step add acme \"Kick-off with IT\" --due +7d",
			editExample: "tend step edit acme kick-off --due 2026-12-10",
			zero:        func(*call) any { return domain.ChecklistItem{} },
			fields: func(fs *flag.FlagSet) setter {
				due := fs.String("due", "", "due `DATE` (none clears it)")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.ChecklistItem), &flagReader{fs: fs, c: c}
					r.main("text", main, &x.Text, false)
					r.date("due", due, &x.Due)
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.ChecklistItem)
				return check(x.Done) + " " + joinDot(x.Text, dueText(x.Due))
			},
			extra: []*command{{Name: "done", WritesNamed: true, Short: "mark an onboarding step done (or --reopen it)",
				Usage: "step done ACCOUNT STEP [--reopen]", Long: "Example:\n  tend step done acme kick-off\n\n",
				Define: doneCmd(app.KindStep)}}},
		{kind: app.KindOpportunity, name: "opp", aliases: []string{"opportunity", "opportunities", "opps"}, what: "opportunities", one: "an opportunity", main: "TITLE", mainFlag: "title",
			addExample:  "tend opp add acme \"EMEA seats\" --kind expansion --value 40k --close 2027-02-28",
			editExample: "tend opp edit acme emea --stage won",
			zero: func(c *call) any {
				return domain.Opportunity{Kind: domain.OppExpansion, Stage: domain.OppQualify, Probability: 10, Value: domain.Money{Currency: c.settings().Currency}}
			},
			fields: func(fs *flag.FlagSet) setter {
				kind := enum(fs, "kind", "", oppKinds, "upsell, cross-sell, expansion (default) or renewal")
				value := fs.String("value", "", "its value, e.g. 40k or €12,000")
				stage := enum(fs, "stage", "", oppStages, "sales stage (default qualify)")
				prob := fs.String("probability", "", "chance to win, 0 to 100 (default 10)")
				closeD := fs.String("close", "", "expected close `DATE`")
				term := fs.Int("term", domain.DefaultTermMonths, "a renewal won: `MONTHS` the renewal date moves")
				newARR := fs.String("new-arr", "", "a renewal won: the ARR from its close date (default its value, else the current ARR)")
				keep := fs.Bool("keep-arr", false, "an expansion, upsell or cross-sell won: do not raise the ARR by its value")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Opportunity), &flagReader{fs: fs, c: c}
					c.terms = domain.WinTerms{TermMonths: *term, KeepARR: *keep}
					if *term < 1 || *term > domain.MaxTermMonths {
						r.errs = append(r.errs, domain.Invalid("--term", strconv.Itoa(*term), "want a whole number of months from 1 to %d", domain.MaxTermMonths))
					}
					if *newARR != "" {
						r.money("new-arr", newARR, &c.terms.NewARR)
					}
					r.main("title", main, &x.Title, false)
					enumFlag(r, "kind", kind, domain.OppKinds, &x.Kind)
					r.money("value", value, &x.Value)
					enumFlag(r, "stage", stage, domain.OppStages, &x.Stage)
					if r.given("probability") {
						p, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(*prob), "%"))
						if err != nil || p < 0 || p > 100 {
							r.errs = append(r.errs, domain.Invalid("--probability", *prob, "want a whole number from 0 to 100"))
						}
						x.Probability = p
					}
					if r.given("stage") && x.Open() {
						// back to an open stage: the probability given stays, else
						// the one closing set goes to the stage's default (Move)
						p := x.Probability
						x.Move(x.Stage, c.today())
						if r.given("probability") {
							x.Probability = p
						}
					}
					r.date("close", closeD, &x.CloseDate)
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Opportunity)
				cl := ""
				if !x.CloseDate.IsZero() {
					cl = "close " + x.CloseDate.String()
				}
				return joinDot(x.Title, string(x.Kind), string(x.Stage), x.Value.String(), fmt.Sprintf("%d%%", x.Probability), cl)
			}},
		{kind: app.KindRisk, name: "risk", aliases: []string{"risks"}, what: "risks and escalations", one: "a risk", main: "TITLE", mainFlag: "title",
			addExample:  "tend risk add acme \"Champion leaving\" --severity high --detail \"Ana moves to the parent company in Q1\"",
			editExample: "tend risk edit acme champion --status resolved",
			zero: func(c *call) any {
				return domain.Risk{Kind: domain.RiskConcern, Severity: domain.SevMedium, Status: domain.RiskOpen, Opened: c.today()}
			},
			fields: func(fs *flag.FlagSet) setter {
				kind := enum(fs, "kind", "", riskKinds, "escalation or concern (default)")
				sev := enum(fs, "severity", "", severities, "how bad (default medium)")
				status := enum(fs, "status", "", riskStatuses, "open (default), mitigating or resolved")
				detail := fs.String("detail", "", "what is known")
				opened := fs.String("opened", "", "the `DATE` it was raised (default today)")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Risk), &flagReader{fs: fs, c: c}
					r.main("title", main, &x.Title, false)
					enumFlag(r, "kind", kind, domain.RiskKinds, &x.Kind)
					enumFlag(r, "severity", sev, domain.Severities, &x.Severity)
					enumFlag(r, "status", status, domain.RiskStatuses, &x.Status)
					r.text("detail", detail, &x.Detail, true)
					r.date("opened", opened, &x.Opened)
					if x.Opened > c.today() {
						r.errs = append(r.errs, domain.Invalid("--opened", x.Opened.String(), "is in the future"))
					}
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Risk)
				return joinDot(x.Title, string(x.Kind), string(x.Severity), string(x.Status), "opened "+x.Opened.String())
			}},
		{kind: app.KindWin, name: "win", aliases: []string{"wins"}, what: "wins", one: "a win", main: "TITLE", mainFlag: "title",
			addExample:  "tend win add acme \"Cut ticket backlog by half\" --date 2026-11-20",
			editExample: "tend win edit acme backlog --detail \"from 400 to 190 open tickets\"",
			zero:        func(c *call) any { return domain.Win{Date: c.today()} },
			fields: func(fs *flag.FlagSet) setter {
				date := fs.String("date", "", "the `DATE` (default today)")
				detail := fs.String("detail", "", "what happened")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Win), &flagReader{fs: fs, c: c}
					r.main("title", main, &x.Title, false)
					r.date("date", date, &x.Date)
					if x.Date > c.today() {
						r.errs = append(r.errs, domain.Invalid("--date", x.Date.String(), "is in the future: a win is recorded once it has happened"))
					}
					r.text("detail", detail, &x.Detail, true)
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Win)
				return joinDot(x.Date.String(), x.Title)
			}},
		{kind: app.KindSurvey, name: "survey", aliases: []string{"surveys", "answer"}, what: "survey answers (NPS, CSAT)", one: "a survey answer",
			addExample:  "tend survey add acme --nps 9 --contact Dana --comment \"support is great\"\n  tend survey add acme --csat 4 --date 2026-11-02",
			editExample: "tend survey edit acme 3 --nps 8",
			zero:        func(c *call) any { return domain.SurveyResponse{Date: c.today()} },
			fields: func(fs *flag.FlagSet) setter {
				nps := fs.String("nps", "", "an NPS answer, 0 to 10")
				csat := fs.String("csat", "", "a CSAT answer, 1 to 5")
				date := fs.String("date", "", "the `DATE` it was given (default today)")
				contact := fs.String("contact", "", "the contact who answered (a name, #N; \"\" for none)")
				comment := fs.String("comment", "", "what they said")
				return func(c *call, acct app.Ref, v any, _ *string) (any, error) {
					x, r := v.(domain.SurveyResponse), &flagReader{fs: fs, c: c}
					score := func(kind domain.SurveyKind, s string, lo, hi int) {
						n, err := strconv.Atoi(strings.TrimSpace(s))
						if err != nil || n < lo || n > hi {
							r.errs = append(r.errs, domain.Invalid("--"+string(kind), s, "%s answer is a whole number from %d to %d", map[domain.SurveyKind]string{domain.SurveyNPS: "an NPS", domain.SurveyCSAT: "a CSAT"}[kind], lo, hi))
						}
						x.Kind, x.Score = kind, n
					}
					switch {
					case r.given("nps") && r.given("csat"):
						r.usage = append(r.usage, "give --nps or --csat, not both")
					case r.given("nps"):
						score(domain.SurveyNPS, *nps, 0, 10)
					case r.given("csat"):
						score(domain.SurveyCSAT, *csat, 1, 5)
					case x.Kind == "":
						r.usage = append(r.usage, "survey add needs --nps N (0 to 10) or --csat N (1 to 5)")
					}
					r.date("date", date, &x.Date)
					if x.Date > c.today() {
						r.errs = append(r.errs, domain.Invalid("--date", x.Date.String(), "is in the future"))
					}
					r.text("comment", comment, &x.Comment, true)
					if r.given("contact") {
						x.ContactID = 0
						if strings.TrimSpace(*contact) != "" {
							ct, err := app.FindRecord(c.store(), acct, app.KindContact, *contact)
							if err != nil {
								return nil, fmt.Errorf("--contact: %w", app.OneLine(err))
							}
							x.ContactID = ct.ID
						}
					}
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.SurveyResponse)
				return joinDot(fmt.Sprintf("%s %d", strings.ToUpper(string(x.Kind)), x.Score), x.Date.String(), domain.Excerpt(firstLine(x.Comment), 60))
			}},
		{kind: app.KindOrder, name: "order", aliases: []string{"orders"}, what: "orders", one: "an order", main: "AMOUNT", mainFlag: "amount",
			addExample:  "tend order add acme 1.2k --date 2026-11-15",
			editExample: "tend order edit acme 2 --amount \"EUR 1,350\"",
			zero:        func(c *call) any { return domain.Order{Date: c.today()} },
			fields: func(fs *flag.FlagSet) setter {
				date := fs.String("date", "", "the order `DATE` (default today)")
				return func(c *call, _ app.Ref, v any, main *string) (any, error) {
					x, r := v.(domain.Order), &flagReader{fs: fs, c: c}
					if main != nil {
						cur := x.Amount.Currency // an edit keeps the order's currency
						if cur == "" {
							cur = c.settings().Currency
						}
						m, err := domain.ParseMoney(*main, cur)
						if err != nil {
							r.errs = append(r.errs, err)
						}
						x.Amount = m
					}
					r.date("date", date, &x.Date)
					if x.Date > c.today() {
						r.errs = append(r.errs, domain.Invalid("--date", x.Date.String(), "is in the future"))
					}
					return x, r.err()
				}
			},
			line: func(v any) string {
				x := v.(domain.Order)
				return joinDot(x.Date.String(), x.Amount.String())
			}},
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// doneCmd marks an action item or onboarding step done (--reopen: not done).
func doneCmd(k app.Kind) func(fs *flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		reopen := fs.Bool("reopen", false, "mark it not done")
		return func(c *call, pos []string) error {
			q, err := recordArg(pos, c.path, string(k))
			if err != nil {
				return err
			}
			a, ref, err := c.account(pos[0], true)
			if err != nil {
				return err
			}
			r, err := app.FindRecord(c.store(), ref, k, q)
			if err != nil {
				return err
			}
			switch x := r.Value.(type) {
			case domain.ActionItem:
				x.SetDone(!*reopen, c.env.Now())
				r.Value = x
			case domain.ChecklistItem:
				x.Done = !*reopen
				r.Value = x
			}
			saved, _, err := app.SaveRecord(c.store(), ref, r, c.today())
			if err != nil {
				return app.OneLine(err)
			}
			verb := "done"
			if *reopen {
				verb = "reopened"
			}
			fmt.Fprintf(c.env.Stdout, "%s: %s #%d %s on %s\n", verb, k, saved.ID, excerpt(saved.Label), domain.Printable(a.Name))
			return nil
		}
	}
}

func goalProgressCmd(fs *flag.FlagSet) runFunc {
	on := fs.String("on", "", "the `DATE` it was measured (default today)")
	note := fs.String("note", "", "what moved it")
	return func(c *call, pos []string) error {
		if len(pos) < 3 {
			return usagef("goal progress needs an ACCOUNT, the GOAL and the VALUE")
		}
		value, err := parseNumber(pos[len(pos)-1])
		if err != nil {
			return domain.Invalid("VALUE", pos[len(pos)-1], "%v", err)
		}
		day := c.today()
		r := &flagReader{fs: fs, c: c}
		r.date("on", on, &day)
		var text string
		r.text("note", note, &text, false)
		if day > c.today() {
			r.errs = append(r.errs, domain.Invalid("--on", day.String(), "is in the future"))
		}
		if err := r.err(); err != nil {
			return err
		}
		a, ref, err := c.account(pos[0], true)
		if err != nil {
			return err
		}
		g, err := app.FindRecord(c.store(), ref, app.KindGoal, strings.Join(pos[1:len(pos)-1], " "))
		if err != nil {
			return err
		}
		saved, _, err := app.RecordGoalProgress(c.store(), ref, g, value, day, c.today(), text)
		if err != nil {
			return app.OneLine(err)
		}
		x := saved.Value.(domain.Goal)
		fmt.Fprintf(c.env.Stdout, "goal #%d %s on %s: %s on %s (target %s)\n", saved.ID, excerpt(saved.Label), domain.Printable(a.Name), strings.TrimSpace(num(value)+" "+domain.Printable(x.Unit)), day, num(x.Target))
		return nil
	}
}
