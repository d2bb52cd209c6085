package cli

// What an account holds that is not a record: its profile (account edit),
// tags, competitors, custom fields and the sales hand-off brief. Each
// command reads the account, changes it and saves it through
// app.SaveAccount, pinned to the account it read.

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
)

// descriptionKey is the custom field that holds an account's description
// (a CRM export's "Description" column is kept under it).
const descriptionKey = "Description"

// Description is the account's description, kept as a custom field.
func description(a *domain.Account) (key, text string) {
	for k, v := range a.Custom {
		if strings.EqualFold(k, descriptionKey) {
			return k, v
		}
	}
	return descriptionKey, ""
}

// changeAccount reads the account q names (for a write), applies change and
// saves it; it returns the account as saved.
func changeAccount(c *call, q string, change func(a *domain.Account) error) (domain.Account, error) {
	a, ref, err := c.account(q, true)
	if err != nil {
		return a, err
	}
	if err := change(&a); err != nil {
		return a, err
	}
	if err := app.SaveAccount(c.store(), ref, a); err != nil {
		return a, app.OneLine(err)
	}
	return a, nil
}

// plain checks one line of text a person gave for field (at most max characters).
func plain(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if err := cleanText(field, s, false); err != nil {
		return "", err
	}
	if utf8.RuneCountInString(s) > max {
		return "", domain.Invalid(field, domain.Excerpt(s, 40), "longer than %d characters", max)
	}
	return s, nil
}

func accountEditCommand() *command {
	return &command{Name: "edit", WritesNamed: true, Short: "change an account's profile (only the flags given)",
		Usage: "account edit ACCOUNT [--name N] [--segment S] [--tier T] [--stage S] [--owner O] [--website W] [--arr A] [--start D] [--renewal D] [--cadence DAYS] [--notice DAYS] [--industry I] [--employees N] [--description TEXT|-]",
		Long: "ACCOUNT is the name, its beginning, #N or a UID. An empty value clears a text or a date.\n\n" +
			"Examples:\n  tend account edit acme --renewal 2027-03-31 --arr 140k\n  tend account edit '#12' --tier key --owner \"Sam Lee\"\n" +
			"  cat about-acme.txt | tend account edit acme --description -\n\n",
		Define: accountEditCmd}
}

func accountEditCmd(fs *flag.FlagSet) runFunc {
	name := fs.String("name", "", "the account's name")
	seg := fs.String("segment", "", "segment")
	tier := enum(fs, "tier", "", tiers, "the account strategy")
	stage := enum(fs, "stage", "", stages, "lifecycle stage")
	owner := fs.String("owner", "", "account owner")
	web := fs.String("website", "", "website, e.g. acme.com")
	arr := fs.String("arr", "", "annual recurring revenue, e.g. 120k")
	start := fs.String("start", "", "contract start `DATE`")
	renewal := fs.String("renewal", "", "renewal `DATE`")
	cadence := fs.String("cadence", "", "check-in cadence in `DAYS`")
	notice := fs.String("notice", "", "renewal notice in `DAYS`")
	ind := fs.String("industry", "", "industry")
	emp := fs.String("employees", "", "number of employees")
	desc := fs.String("description", "", "what the customer does (- reads it from standard input)")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("account edit needs one ACCOUNT (quote names with spaces)")
		}
		var changed []string
		fs.Visit(func(f *flag.Flag) { changed = append(changed, f.Name) })
		if len(changed) == 0 {
			return usagef("account edit: nothing to change; give any of --name --segment --tier --stage --owner --website --arr --start --renewal --cadence --notice --industry --employees --description")
		}
		text := *desc
		if set(fs, "description") && text == "-" {
			var err error
			if text, err = readStdin(c, "the description"); err != nil {
				return err
			}
		}
		a, err := changeAccount(c, pos[0], func(a *domain.Account) error {
			r := &flagReader{fs: fs, c: c}
			r.text("name", name, &a.Name, false)
			r.text("segment", seg, &a.Segment, false)
			enumFlag(r, "tier", tier, domain.Tiers, &a.Tier)
			enumFlag(r, "stage", stage, domain.Stages, &a.Stage)
			r.text("owner", owner, &a.Owner, false)
			r.text("website", web, &a.Website, false)
			r.money("arr", arr, &a.ARR)
			r.date("start", start, &a.ContractStart)
			r.date("renewal", renewal, &a.Renewal)
			r.text("industry", ind, &a.Industry, false)
			for _, f := range []struct {
				name string
				val  *string
				dst  *int
			}{{"cadence", cadence, &a.CadenceDays}, {"notice", notice, &a.NoticeDays}, {"employees", emp, &a.Employees}} {
				if !r.given(f.name) {
					continue
				}
				n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(*f.val), ",", ""))
				if err != nil {
					r.errs = append(r.errs, domain.Invalid("--"+f.name, *f.val, "want a whole number"))
					continue
				}
				*f.dst = n
			}
			if set(fs, "description") {
				if err := cleanText("--description", text, true); err != nil {
					r.errs = append(r.errs, err)
				} else if len(text) > 20000 {
					r.errs = append(r.errs, domain.Invalid("--description", domain.Excerpt(text, 40), "longer than 20,000 bytes"))
				} else {
					setCustom(a, descriptionKey, strings.TrimSpace(text))
				}
			}
			if r.given("stage") && a.Stage == domain.StageClosed && a.ClosedOn.IsZero() {
				r.usage = append(r.usage, "closing an account needs its date and reason: tend account close")
			}
			return r.err()
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "changed %s of #%d %s\n", strings.Join(changed, ", "), a.ID, domain.Printable(a.Name))
		return nil
	}
}

// setCustom sets (value "" removes) the custom field key, matched case aside.
func setCustom(a *domain.Account, key, value string) {
	m := make(map[string]string, len(a.Custom)+1)
	for k, v := range a.Custom {
		if strings.EqualFold(k, key) {
			key = k // keep the spelling it has
			continue
		}
		m[k] = v
	}
	if value != "" {
		m[key] = value
	}
	if len(m) == 0 {
		m = nil
	}
	a.Custom = m
}

// fieldCommands are the groups for tags, competitors, custom fields and the hand-off.
func fieldCommands() []*command {
	listEdit := func(name, what, arg, example string, get func(*domain.Account) *[]string, max int) *command {
		sub := func(add bool) *command {
			verb, short := "add", "add "+what+" to an account"
			if !add {
				verb, short = "remove", "remove "+what+" from an account"
			}
			return &command{Name: verb, Aliases: map[bool][]string{true: nil, false: {"rm"}}[add], WritesNamed: true, Short: short,
				Usage: name + " " + verb + " ACCOUNT " + arg, Long: "Example:\n  tend " + name + " " + verb + " acme " + example + "\n\n",
				Define: func(fs *flag.FlagSet) runFunc {
					return func(c *call, pos []string) error {
						if len(pos) < 2 {
							return usagef("%s needs an ACCOUNT and %s", c.path, arg)
						}
						items := pos[1:]
						if name == "competitor" {
							items = []string{strings.Join(pos[1:], " ")}
						}
						var did []string
						a, err := changeAccount(c, pos[0], func(a *domain.Account) error {
							list := get(a)
							*list = slices.Clone(*list)
							for _, it := range items {
								v, err := plain(name, it, max)
								if err != nil {
									return err
								}
								if v == "" {
									return usagef("%s: an empty %s", c.path, name)
								}
								i := slices.IndexFunc(*list, func(s string) bool { return strings.EqualFold(s, v) })
								switch {
								case add && i < 0:
									*list = append(*list, v)
									did = append(did, v)
								case !add && i >= 0:
									did = append(did, (*list)[i])
									*list = slices.Delete(*list, i, i+1)
								case !add:
									return domain.Errorf(domain.ENOTFOUND, "no %s %q on this account (it has: %s)", name, domain.Printable(v), domain.Printable(orNone(*list)))
								}
							}
							return nil
						})
						if err != nil {
							return err
						}
						switch {
						case len(did) == 0:
							fmt.Fprintf(c.env.Stdout, "#%d %s has that %s already; nothing changed\n", a.ID, domain.Printable(a.Name), name)
						case add:
							fmt.Fprintf(c.env.Stdout, "added %s %s to #%d %s\n", name, domain.Printable(strings.Join(did, ", ")), a.ID, domain.Printable(a.Name))
						default:
							fmt.Fprintf(c.env.Stdout, "removed %s %s from #%d %s\n", name, domain.Printable(strings.Join(did, ", ")), a.ID, domain.Printable(a.Name))
						}
						return nil
					}
				}}
		}
		return &command{Name: name, Aliases: []string{name + "s"}, Short: "add and remove an account's " + what,
			Usage: name + " add|remove ...", Subs: []*command{sub(true), sub(false)}}
	}
	return []*command{
		listEdit("tag", "tags", "TAG…", "renewal-2027 emea", func(a *domain.Account) *[]string { return &a.Tags }, 50),
		listEdit("competitor", "competitors", "NAME", `"Globex CRM"`, func(a *domain.Account) *[]string { return &a.Competitors }, 200),
		{Name: "field", Aliases: []string{"fields"}, Short: "set and unset an account's custom fields",
			Usage: "field set|unset ...",
			Subs: []*command{
				{Name: "set", WritesNamed: true, Short: "set a custom field of an account",
					Usage:  "field set ACCOUNT KEY VALUE",
					Long:   "Custom fields are kept as text; a CRM import keeps the columns tend does not know as custom fields.\n\nExample:\n  tend field set acme \"Support plan\" Premium\n\n",
					Define: fieldSetCmd(true)},
				{Name: "unset", Aliases: []string{"rm"}, WritesNamed: true, Short: "remove a custom field of an account",
					Usage:  "field unset ACCOUNT KEY",
					Long:   "Example:\n  tend field unset acme \"Support plan\"\n\n",
					Define: fieldSetCmd(false)},
			}},
		{Name: "handoff", Short: "set and show the sales hand-off brief of an account",
			Usage: "handoff set|show ...",
			Subs: []*command{
				{Name: "set", WritesNamed: true, Short: "set what the customer bought, was promised and worries about",
					Usage: "handoff set ACCOUNT [--product P]... [--promise P]... [--concern C]...",
					Long: "Each list given replaces that list (repeat a flag for several; --product \"\" empties it); the lists not given are kept.\n\n" +
						"Example:\n  tend handoff set acme --product \"Core\" --product \"Analytics\" --promise \"SSO by March\" --concern \"migration downtime\"\n\n",
					Define: handoffSetCmd},
				{Name: "show", Short: "show the sales hand-off brief of an account",
					Usage: "handoff show ACCOUNT [--json]", Long: "Example:\n  tend handoff show acme --json\n\n",
					Define: handoffShowCmd},
			}},
	}
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

func fieldSetCmd(setting bool) func(fs *flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		return func(c *call, pos []string) error {
			switch {
			case setting && len(pos) != 3:
				return usagef("field set needs an ACCOUNT, a KEY and a VALUE (quote them when they hold spaces)")
			case !setting && len(pos) != 2:
				return usagef("field unset needs an ACCOUNT and a KEY")
			}
			key, err := plain("KEY", pos[1], 100)
			if err != nil {
				return err
			}
			if key == "" {
				return usagef("%s: the KEY is empty", c.path)
			}
			var value string
			a, err := changeAccount(c, pos[0], func(a *domain.Account) error {
				had := false
				for k := range a.Custom {
					if strings.EqualFold(k, key) {
						had, key = true, k
					}
				}
				if !setting {
					if !had {
						var keys []string
						for k := range a.Custom {
							keys = append(keys, k)
						}
						slices.Sort(keys)
						return domain.Errorf(domain.ENOTFOUND, "no custom field %q on this account (it has: %s)", domain.Printable(key), domain.Printable(orNone(keys)))
					}
					setCustom(a, key, "")
					return nil
				}
				if value, err = plain("VALUE", pos[2], 1000); err != nil {
					return err
				}
				if value == "" {
					return usagef("%s: the VALUE is empty (to remove the field: tend field unset)", c.path)
				}
				setCustom(a, key, value)
				return nil
			})
			if err != nil {
				return err
			}
			if setting {
				fmt.Fprintf(c.env.Stdout, "set %s = %s on #%d %s\n", domain.Printable(key), domain.Printable(domain.Excerpt(value, 60)), a.ID, domain.Printable(a.Name))
			} else {
				fmt.Fprintf(c.env.Stdout, "unset %s on #%d %s\n", domain.Printable(key), a.ID, domain.Printable(a.Name))
			}
			return nil
		}
	}
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func handoffSetCmd(fs *flag.FlagSet) runFunc {
	var products, promises, concerns listFlag
	fs.Var(&products, "product", "a product they bought (repeat)")
	fs.Var(&promises, "promise", "a promise made in the sale (repeat)")
	fs.Var(&concerns, "concern", "a concern they raised (repeat)")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("handoff set needs one ACCOUNT (quote names with spaces)")
		}
		var changed []string
		fs.Visit(func(f *flag.Flag) { changed = append(changed, f.Name) })
		if len(changed) == 0 {
			return usagef("handoff set: nothing to change; give --product, --promise or --concern")
		}
		a, err := changeAccount(c, pos[0], func(a *domain.Account) error {
			var errs []error
			for _, f := range []struct {
				name string
				in   listFlag
				dst  *[]string
			}{{"product", products, &a.Handoff.Products}, {"promise", promises, &a.Handoff.Promises}, {"concern", concerns, &a.Handoff.Concerns}} {
				if !set(fs, f.name) {
					continue
				}
				var out []string
				for _, s := range f.in {
					v, err := plain("--"+f.name, s, 1000)
					if err != nil {
						errs = append(errs, err)
					} else if v != "" {
						out = append(out, v)
					}
				}
				*f.dst = out
			}
			return errors.Join(errs...)
		})
		if err != nil {
			return err
		}
		h := a.Handoff
		fmt.Fprintf(c.env.Stdout, "set the hand-off of #%d %s: %s, %s, %s\n", a.ID, domain.Printable(a.Name),
			count(len(h.Products), "product"), count(len(h.Promises), "promise"), count(len(h.Concerns), "concern"))
		return nil
	}
}

func handoffShowCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("handoff show needs one ACCOUNT")
		}
		a, _, err := c.account(pos[0], false)
		if err != nil {
			return err
		}
		h := a.Handoff
		if *asJSON {
			for _, l := range []*[]string{&h.Products, &h.Promises, &h.Concerns} {
				if *l == nil {
					*l = []string{}
				}
			}
			return writeJSON(c.env.Stdout, struct {
				Products []string `json:"products"`
				Promises []string `json:"promises"`
				Concerns []string `json:"concerns"`
			}{h.Products, h.Promises, h.Concerns})
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		fmt.Fprintf(w, "Hand-off of #%d %s\n", a.ID, domain.Printable(a.Name))
		for _, part := range []struct {
			title string
			list  []string
		}{{"Products", h.Products}, {"Promises", h.Promises}, {"Concerns", h.Concerns}} {
			fmt.Fprintf(w, "\n%s (%d)\n", part.title, len(part.list))
			for _, s := range part.list {
				fmt.Fprintf(w, "  - %s\n", domain.Printable(s))
			}
		}
		return nil
	}
}

// printProfileExtras writes the account's tags, competitors and description
// (account show).
func printProfileExtras(w io.Writer, a *domain.Account) {
	if len(a.Tags) > 0 {
		fmt.Fprintf(w, "  tags: %s\n", domain.Printable(strings.Join(a.Tags, ", ")))
	}
	if len(a.Competitors) > 0 {
		fmt.Fprintf(w, "  competitors: %s\n", domain.Printable(strings.Join(a.Competitors, ", ")))
	}
	if _, d := description(a); strings.TrimSpace(d) != "" {
		fmt.Fprintln(w)
		for _, l := range strings.Split(strings.TrimSpace(d), "\n") {
			fmt.Fprintf(w, "  %s\n", domain.Printable(strings.TrimRight(l, "\r")))
		}
	}
}

// count writes n things: "1 product", "2 products".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
