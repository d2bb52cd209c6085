package views

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/tend-cli/tend/domain"
)

// Adding an account in the cockpit (a on the portfolio), the profile
// form's pages of lists and free text (tags, competitors, the hand-off
// brief, the description, custom fields), and the channel t on triage asks.

// AddAccountMsg asks to add a new account.
type AddAccountMsg struct{ Account domain.Account }

// TouchChannelMsg asks to log a touch on a channel with a triage row's account.
type TouchChannelMsg struct {
	Row     domain.TriageRow
	Channel domain.Channel
}

// Num writes a number without trailing zeros (12.5, 40).
func Num(f float64) string { return num(f) }

// NewAccountDefaults are the settings a new account starts with (the
// config's currency, cadence_days and notice_days); zero values are tend's defaults.
type NewAccountDefaults struct {
	Currency                string
	CadenceDays, NoticeDays int
}

// NewAccountForm asks for a new account's name and profile; the cockpit
// adds it and opens it.
func NewAccountForm(today domain.Date, def NewAccountDefaults, book *domain.Book) *Form {
	v := domain.NewAccount("")
	currency := domain.DefaultCurrency
	if def.Currency != "" {
		currency = def.Currency
	}
	if def.CadenceDays > 0 {
		v.CadenceDays = def.CadenceDays
	}
	if def.NoticeDays > 0 {
		v.NoticeDays = def.NoticeDays
	}
	v.ARR, v.AcquisitionCost = domain.Money{Currency: currency}, domain.Money{Currency: currency}
	arr, start, renewal, cadence, defCadence := "", "", "", "", strconv.Itoa(v.CadenceDays)
	optDate := func(s string) domain.Date {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		return parseDateOr(s, today)
	}
	check := func(field string, set func(*domain.Account, string)) func(string) error {
		return func(s string) error {
			x := v
			set(&x, s)
			return fieldErr(x.Validate(), field)
		}
	}
	nameIn := huh.NewInput().Title("Name").Value(&v.Name)
	f := newForm("New account", func() (tea.Msg, error) {
		v.ARR = domain.Money{Currency: currency}
		if strings.TrimSpace(arr) != "" {
			m, err := domain.ParseMoney(arr, currency)
			if err != nil {
				return nil, err
			}
			v.ARR = m
		}
		v.ContractStart, v.Renewal = optDate(start), optDate(renewal)
		v.CadenceDays, _ = strconv.Atoi(strings.TrimSpace(orDefault(cadence, defCadence)))
		v.Name = strings.TrimSpace(v.Name)
		return AddAccountMsg{Account: v}, v.Validate()
	},
		huh.NewGroup(
			nameIn.Validate(check("name", func(x *domain.Account, s string) { x.Name = s })),
			huh.NewInput().Title("Segment").Description("e.g. Enterprise, Mid-Market, SMB").Value(&v.Segment),
			huh.NewSelect[domain.Tier]().Title("Tier").Options(options(domain.Tiers)...).Value(&v.Tier),
			huh.NewSelect[domain.Stage]().Title("Lifecycle stage").Options(options(domain.Stages[:len(domain.Stages)-1])...).Value(&v.Stage),
			huh.NewInput().Title("Owner").Value(&v.Owner),
		),
		huh.NewGroup(
			huh.NewInput().Title("Website").Description("e.g. example.com").Value(&v.Website).Validate(check("website", func(x *domain.Account, s string) { x.Website = s })),
			huh.NewInput().Title("ARR (empty: none yet)").Description("e.g. 120k").Value(&arr).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				if _, err := domain.ParseMoney(s, currency); err != nil {
					return errors.New(domain.FieldErrors(err)[0].Message)
				}
				return nil
			}),
			huh.NewInput().Title("Contract start").Description("e.g. 2026-01-01").Value(&start).Validate(dateCheck(today, true)),
			huh.NewInput().Title("Renewal").Description("e.g. 2027-01-01 or +1y").Value(&renewal).Validate(func(s string) error {
				if err := dateCheck(today, true)(s); err != nil {
					return err
				}
				if r, st := optDate(s), optDate(start); r != 0 && st != 0 && r <= st {
					return fmt.Errorf("must be after the contract start %s", st)
				}
				return nil
			}),
			defaulted("Check-in cadence (days)", defCadence, &cadence).Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(orDefault(s, defCadence)))
				if err != nil || n < 1 || n > 365 {
					return errors.New("a whole number from 1 to 365")
				}
				return nil
			}),
		),
	)
	// A name another account has is allowed, and said under the form as it is typed.
	f.note = func() string { return SameNameNote(book, nameIn.GetValue().(string)) }
	return f
}

// descriptionKey is the custom field that holds an account's description
// (a CRM import keeps its "Description" column there), "" when it has none.
func descriptionKey(custom map[string]string) string {
	for k := range custom {
		if strings.EqualFold(strings.TrimSpace(k), "description") {
			return k
		}
	}
	return ""
}

// Description is an account's description: its custom field "Description".
func Description(a *domain.Account) string {
	if k := descriptionKey(a.Custom); k != "" {
		return a.Custom[k]
	}
	return ""
}

// CustomFields are an account's custom fields but the description, sorted by name.
func CustomFields(a *domain.Account) [][2]string {
	desc := descriptionKey(a.Custom)
	var out [][2]string
	for k, v := range a.Custom {
		if k != desc {
			out = append(out, [2]string{k, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func splitList(s, sep string) []string {
	var out []string
	for _, x := range strings.Split(s, sep) {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// parseCustom reads custom fields written one a line as "name: value".
func parseCustom(s string) (map[string]string, error) {
	out := map[string]string{}
	for i, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("line %d: write a custom field as name: value", i+1)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}

// withProfile adds to the account form f (AccountForm over a) the pages of
// lists and free text: tags and competitors, the hand-off brief (products,
// promises, concerns), the description and the custom fields. What they
// hold is put into the account the form saves, and checked with it.
func withProfile(f *Form, a domain.Account) *Form {
	tags, comps := strings.Join(a.Tags, ", "), strings.Join(a.Competitors, ", ")
	products := strings.Join(a.Handoff.Products, ", ")
	promises, concerns := strings.Join(a.Handoff.Promises, "\n"), strings.Join(a.Handoff.Concerns, "\n")
	desc := Description(&a)
	var custom []string
	for _, kv := range CustomFields(&a) {
		custom = append(custom, kv[0]+": "+kv[1])
	}
	fields := strings.Join(custom, "\n")
	checkTags := func(s string) error {
		x := domain.Account{Tags: splitList(s, ",")}
		return fieldErr(x.Validate(), "tags")
	}
	f.groups = append(f.groups,
		huh.NewGroup(
			huh.NewInput().Title("Tags (comma between)").Value(&tags).Validate(checkTags).CharLimit(2000),
			huh.NewInput().Title("Competitors present (comma between)").Value(&comps).CharLimit(2000),
			huh.NewInput().Title("Hand-off: products bought (comma between)").Value(&products).CharLimit(2000),
			huh.NewText().Title("Hand-off: promises made (one a line)").Value(&promises).Lines(3).CharLimit(10000).ExternalEditor(false),
			huh.NewText().Title("Hand-off: concerns raised (one a line)").Value(&concerns).Lines(3).CharLimit(10000).ExternalEditor(false),
		),
		huh.NewGroup(
			huh.NewText().Title("Description").Value(&desc).Lines(4).CharLimit(20000).ExternalEditor(false),
			huh.NewText().Title("Custom fields (name: value, one a line)").Value(&fields).Lines(5).CharLimit(20000).ExternalEditor(false).
				Validate(func(s string) error { _, err := parseCustom(s); return err }),
		),
	)
	f.build()
	inner := f.submit
	f.submit = func() (tea.Msg, error) {
		out, err := inner()
		sa, ok := out.(SaveAccountMsg)
		if !ok {
			return out, err
		}
		x := sa.Account
		x.Tags, x.Competitors = splitList(tags, ","), splitList(comps, ",")
		x.Handoff = domain.Handoff{Products: splitList(products, ","), Promises: splitList(promises, "\n"), Concerns: splitList(concerns, "\n")}
		cf, cerr := parseCustom(fields)
		if cerr != nil {
			return nil, cerr
		}
		if k := descriptionKey(a.Custom); strings.TrimSpace(desc) != "" {
			if k == "" {
				k = "Description"
			}
			cf[k] = strings.TrimSpace(desc)
		}
		x.Custom = nil
		if len(cf) > 0 {
			x.Custom = cf
		}
		return SaveAccountMsg{Account: x, Was: &a}, x.Validate()
	}
	return f
}

// TouchChannelForm asks the channel of a touch logged from triage (call first, so t enter is quick).
func TouchChannelForm(row domain.TriageRow) *Form {
	ch := domain.ChannelCall
	return newForm("Log a touch with "+domain.Printable(row.Account), func() (tea.Msg, error) {
		return TouchChannelMsg{Row: row, Channel: ch}, nil
	}, huh.NewGroup(huh.NewSelect[domain.Channel]().Title("How?").Options(options(domain.Channels)...).Value(&ch)))
}

// accountAbout draws an account's description (at most 6 lines, e edits
// it) and its custom fields, one a line, on the account pane.
func accountAbout(a *domain.Account, w int, line func(string), t *Theme) {
	if d := strings.TrimSpace(Description(a)); d != "" {
		ls := wrapText(d, w-2)
		for i, l := range ls {
			if i == 6 {
				line(t.Muted.Render(Clip(fmt.Sprintf("  … %d more lines (e shows the whole description)", len(ls)-6), w)))
				break
			}
			line("  " + l)
		}
	}
	for _, kv := range CustomFields(a) {
		line(t.Muted.Render(Clip(domain.Printable(kv[0])+": ", w/2)) + Clip(kv[1], max(10, w-Width(Clip(kv[0], w/2))-2)))
	}
}
