// Package config reads tend's settings file, $XDG_CONFIG_HOME/tend/config.toml:
// the theme and its colours, the "my accounts" owner, the currency and the
// defaults of new accounts, the editor, the portfolio's first sort, the
// triage coefficients and reasons shown, and the cockpit's keys. A file with a mistake is
// refused whole with one line naming the file, the line and the setting;
// tend then runs on the defaults.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// Settings are what the config file sets, with the defaults for the rest.
type Settings struct {
	Theme       string // auto, dark or light
	Owner       string // the portfolio's initial owner filter; "" all accounts
	Currency    string // of amounts typed without one
	Editor      string // "" is $VISUAL, else $EDITOR
	CadenceDays int    // check-in cadence of a new account
	NoticeDays  int    // renewal notice window of a new account
	Mouse       bool   // the cockpit takes the mouse (wheel and clicks)
	DateFormat  string // how dates are shown: one of domain.DateLayouts
	// SortColumn and SortReverse are the portfolio's initial sort.
	SortColumn  views.Column
	SortReverse bool
	// Columns are the portfolio's columns in order (nil: every column).
	Columns []views.Column
	// Triage are the urgency coefficients and the reasons the queue shows.
	Triage domain.TriageWeights
	// Colours are the theme's colours, the defaults but for the file's.
	Colours views.Colours
	// Keys are the remapped keys only (scope → action → keys); the others
	// keep their defaults.
	Keys views.KeyBindings
}

// Defaults are the settings without a config file.
func Defaults() Settings {
	return Settings{Theme: "auto", Currency: domain.DefaultCurrency, CadenceDays: domain.DefaultCadenceDays, NoticeDays: domain.DefaultNoticeDays, Mouse: true,
		DateFormat: domain.DateLayouts[0],
		SortColumn: views.ColName, Triage: domain.DefaultTriageWeights(), Colours: views.DefaultColours()}
}

// MouseOn reports whether the cockpit takes the mouse.
func (s Settings) MouseOn() bool { return s.Mouse }

// Path is the config file: flagValue (--config), else $TEND_CONFIG, else
// $XDG_CONFIG_HOME/tend/config.toml.
func Path(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv("TEND_CONFIG"); v != "" {
		return v
	}
	return filepath.Join(xdg.ConfigHome, "tend", "config.toml")
}

// Problem is a config file tend did not take (or whose keys it did not take).
type Problem struct {
	Path     string
	Line     int    // 0: not known
	Setting  string // "" for the file as a whole
	Msg      string
	KeysOnly bool // only the keys were refused: the other settings apply
}

func (p *Problem) Error() string {
	var b strings.Builder
	path := p.Path
	if home, err := os.UserHomeDir(); err == nil && home != "/" && strings.HasPrefix(path, home+string(filepath.Separator)) {
		path = "~" + path[len(home):]
	}
	b.WriteString("config " + path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Setting != "" {
		b.WriteString(p.Setting + ": ")
	}
	b.WriteString(p.Msg)
	if p.KeysOnly {
		b.WriteString("; using the default keys")
	} else {
		b.WriteString("; using the default settings")
	}
	return domain.Printable(b.String())
}

// file is the file's shape; values are checked by hand so that every
// mistake names its line and setting.
type file struct {
	Theme       any `toml:"theme"`
	Owner       any `toml:"owner"`
	Currency    any `toml:"currency"`
	Editor      any `toml:"editor"`
	CadenceDays any `toml:"cadence_days"`
	NoticeDays  any `toml:"notice_days"`
	Mouse       any `toml:"mouse"`
	DateFormat  any `toml:"date_format"`
	Portfolio   struct {
		Sort    any `toml:"sort"`
		Reverse any `toml:"reverse"`
		Columns any `toml:"columns"`
	} `toml:"portfolio"`
	Triage  triageFile                `toml:"triage"`
	Colours map[string]any            `toml:"colours"`
	Keys    map[string]map[string]any `toml:"keys"`
}

// triageFile is the [triage] table: the urgency coefficients and the
// reasons shown.
type triageFile struct {
	Reasons         any            `toml:"reasons"`
	Base            map[string]any `toml:"base"`
	Severity        map[string]any `toml:"severity"`
	PerDayLate      any            `toml:"per_day_late"`
	LateCap         any            `toml:"late_cap"`
	PerDayQuiet     any            `toml:"per_day_quiet"`
	QuietCap        any            `toml:"quiet_cap"`
	PerHealthPoint  any            `toml:"per_health_point"`
	RenewalWindow   any            `toml:"renewal_window"`
	PerStepBehind   any            `toml:"per_step_behind"`
	PerDayPastClose any            `toml:"per_day_past_close"`
	ARR             any            `toml:"arr"`
	KeyAccount      any            `toml:"key_account"`
}

// maxCoefficient bounds a triage coefficient (urgencies rank up to 655).
const maxCoefficient = 100

// Load reads the config file at path. A missing file is the defaults. On a
// mistake it returns the defaults (or, for a key conflict, the settings
// with the default keys) and a *Problem.
func Load(path string) (Settings, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		return Defaults(), &Problem{Path: path, Msg: err.Error()}
	}
	return Parse(path, string(data))
}

// Parse reads the text of the config file named path.
func Parse(path, data string) (Settings, error) {
	s := Defaults()
	var f file
	md, err := toml.Decode(data, &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			if pos := pe.Position; pos.Line > 1 && pos.Start < len(data) && data[pos.Start] == '\n' {
				pe.Position.Line-- // the end of the line before is the mistake (toml counts the newline as the next line's)
			}
			return Defaults(), &Problem{Path: path, Line: pe.Position.Line, Setting: pe.LastKey, Msg: "not valid TOML: " + pe.Message}
		}
		return Defaults(), &Problem{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	bad := func(key []string, format string, args ...any) (Settings, error) {
		return Defaults(), &Problem{Path: path, Line: lineOf(data, key), Setting: strings.Join(key, "."), Msg: fmt.Sprintf(format, args...)}
	}
	if u := md.Undecoded(); len(u) > 0 {
		return bad(u[0], "unknown setting (tend config init writes every setting tend knows)")
	}
	str := func(name string, v any, dst *string, check func(string) string) error {
		if v == nil {
			return nil
		}
		x, ok := v.(string)
		if !ok {
			_, err := bad([]string{name}, "want a string in quotes, not %v", v)
			return err
		}
		if check != nil {
			if msg := check(x); msg != "" {
				_, err := bad([]string{name}, "%q %s", x, msg)
				return err
			}
		}
		*dst = x
		return nil
	}
	boolean := func(key []string, v any, dst *bool) error {
		if v == nil {
			return nil
		}
		x, ok := v.(bool)
		if !ok {
			_, err := bad(key, "%v: want true or false", v)
			return err
		}
		*dst = x
		return nil
	}
	days := func(name string, v any, dst *int, lo int) error {
		if v == nil {
			return nil
		}
		x, ok := v.(int64)
		if !ok || x < int64(lo) || x > 365 {
			_, err := bad([]string{name}, "%v: want a whole number of days from %d to 365", v, lo)
			return err
		}
		*dst = int(x)
		return nil
	}
	for _, err := range []error{
		str("theme", f.Theme, &s.Theme, func(x string) string {
			if !slices.Contains([]string{"auto", "dark", "light"}, x) {
				return `is not a theme: want "auto", "dark" or "light"`
			}
			return ""
		}),
		str("owner", f.Owner, &s.Owner, func(x string) string {
			if strings.ContainsFunc(x, unicode.IsSpace) || strings.Contains(x, ":") {
				return `is not one word: give one word of the owner's name, as in the filter owner:maya`
			}
			return ""
		}),
		str("currency", f.Currency, &s.Currency, func(x string) string {
			if len(x) != 3 || strings.ContainsFunc(x, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII }) {
				return "is not a currency code: want three letters, like USD or EUR"
			}
			return ""
		}),
		str("editor", f.Editor, &s.Editor, nil),
		days("cadence_days", f.CadenceDays, &s.CadenceDays, 1),
		days("notice_days", f.NoticeDays, &s.NoticeDays, 0),
		boolean([]string{"mouse"}, f.Mouse, &s.Mouse),
		str("date_format", f.DateFormat, &s.DateFormat, checkDateFormat),
		func() error {
			if f.Portfolio.Sort == nil {
				return nil
			}
			where := []string{"portfolio", "sort"}
			x, ok := f.Portfolio.Sort.(string)
			if !ok {
				_, err := bad(where, "want a column's name in quotes, not %v", f.Portfolio.Sort)
				return err
			}
			c, ok := views.ColumnNamed(x)
			if !ok {
				_, err := bad(where, "%q is not a portfolio column: want %s", x, strings.Join(views.ColumnNames(), ", "))
				return err
			}
			s.SortColumn = c
			return nil
		}(),
		boolean([]string{"portfolio", "reverse"}, f.Portfolio.Reverse, &s.SortReverse),
		columns(f.Portfolio.Columns, &s.Columns, bad),
		triage(f.Triage, &s.Triage, bad),
		colours(f.Colours, &s.Colours, bad),
	} {
		if err != nil {
			return Defaults(), err
		}
	}
	s.Currency = strings.ToUpper(s.Currency)
	s.Owner = strings.ToLower(s.Owner)
	// The keys: known scopes and actions, valid key names.
	scopes := views.KeyScopes(nil)
	kb := views.KeyBindings{}
	for _, sc := range sortedKeys(f.Keys) {
		i := slices.IndexFunc(scopes, func(x views.KeyScope) bool { return x.Name == sc })
		if i < 0 {
			return bad([]string{"keys", sc}, "unknown scope: want %s", scopeNames(scopes))
		}
		for _, action := range sortedKeys(f.Keys[sc]) {
			where := []string{"keys", sc, action}
			if !slices.ContainsFunc(scopes[i].Actions, func(a views.KeyAction) bool { return a.Name == action }) {
				return bad(where, "unknown action of %s: want %s", sc, actionNames(scopes[i]))
			}
			list, ok := f.Keys[sc][action].([]any)
			if !ok || len(list) == 0 {
				return bad(where, `want a list of one or more keys, like ["F"] or ["ctrl+f", "f"]`)
			}
			var keys []string
			for _, k := range list {
				ks, ok := k.(string)
				if !ok {
					return bad(where, "%v is not a key: write keys in quotes", k)
				}
				if msg := checkKey(ks); msg != "" {
					return bad(where, "%q %s", ks, msg)
				}
				if ks == "ctrl+c" && (sc != views.GlobalScope || action != "quit") {
					return bad(where, `"ctrl+c" always quits; choose another key`)
				}
				keys = append(keys, ks)
			}
			if kb[sc] == nil {
				kb[sc] = map[string][]string{}
			}
			kb[sc][action] = keys
		}
	}
	if len(kb) > 0 {
		s.Keys = kb
	}
	if err := Conflicts(s.Keys); err != "" {
		s.Keys = nil
		return s, &Problem{Path: path, Setting: "keys", Msg: err, KeysOnly: true}
	}
	return s, nil
}

// checkDateFormat refuses a date_format not in domain.DateLayouts.
func checkDateFormat(x string) string {
	if !slices.Contains(domain.DateLayouts, x) {
		return "is not a date format: want " + quotedList(domain.DateLayouts)
	}
	return ""
}

// quotedList is "a", "b" or "c".
func quotedList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// triage reads the [triage] table into w (the defaults), checking each
// coefficient and reason.
func triage(f triageFile, w *domain.TriageWeights, bad func([]string, string, ...any) (Settings, error)) error {
	num := func(key []string, v any, dst *float64) error {
		if v == nil {
			return nil
		}
		var x float64
		switch n := v.(type) {
		case int64:
			x = float64(n)
		case float64:
			x = n
		default:
			_, err := bad(key, "%v: want a number from 0 to %d", v, maxCoefficient)
			return err
		}
		if x < 0 || x > maxCoefficient || math.IsNaN(x) {
			_, err := bad(key, "%v: want a number from 0 to %d", v, maxCoefficient)
			return err
		}
		*dst = x
		return nil
	}
	reasons := make([]string, len(domain.Reasons))
	for i, r := range domain.Reasons {
		reasons[i] = string(r)
	}
	for _, name := range sortedKeys(f.Base) {
		key := []string{"triage", "base", name}
		if !slices.Contains(reasons, name) {
			_, err := bad(key, "unknown reason: want %s", strings.Join(reasons, ", "))
			return err
		}
		x := w.Base[domain.Reason(name)]
		if err := num(key, f.Base[name], &x); err != nil {
			return err
		}
		w.Base[domain.Reason(name)] = x
	}
	for _, name := range sortedKeys(f.Severity) {
		key := []string{"triage", "severity", name}
		if !slices.Contains(domain.Severities, domain.Severity(name)) {
			_, err := bad(key, "unknown severity: want low, medium, high or critical")
			return err
		}
		x := w.Severity[domain.Severity(name)]
		if err := num(key, f.Severity[name], &x); err != nil {
			return err
		}
		w.Severity[domain.Severity(name)] = x
	}
	for _, c := range []struct {
		name string
		v    any
		dst  *float64
	}{
		{"per_day_late", f.PerDayLate, &w.PerDayLate}, {"late_cap", f.LateCap, &w.LateCap},
		{"per_day_quiet", f.PerDayQuiet, &w.PerDayQuiet}, {"quiet_cap", f.QuietCap, &w.QuietCap},
		{"per_health_point", f.PerHealthPoint, &w.PerHealthPt}, {"renewal_window", f.RenewalWindow, &w.RenewalWindow},
		{"per_step_behind", f.PerStepBehind, &w.PerStepBehind}, {"per_day_past_close", f.PerDayPastClose, &w.PerDayPast},
		{"arr", f.ARR, &w.ARR}, {"key_account", f.KeyAccount, &w.KeyAccount},
	} {
		if err := num([]string{"triage", c.name}, c.v, c.dst); err != nil {
			return err
		}
	}
	if f.Reasons == nil {
		return nil
	}
	key := []string{"triage", "reasons"}
	list, ok := f.Reasons.([]any)
	if !ok || len(list) == 0 {
		_, err := bad(key, `want a list of one or more reasons, like ["overdue_item", "escalation"]`)
		return err
	}
	var shown []domain.Reason
	for _, v := range list {
		r, ok := v.(string)
		if !ok || !slices.Contains(reasons, r) {
			_, err := bad(key, "%v is not a reason: want %s", v, strings.Join(reasons, ", "))
			return err
		}
		if slices.Contains(shown, domain.Reason(r)) {
			_, err := bad(key, "%q is listed twice", r)
			return err
		}
		shown = append(shown, domain.Reason(r))
	}
	if len(shown) < len(domain.Reasons) {
		w.Reasons = shown
	}
	return nil
}

// columns reads [portfolio] columns: known column names, each once, "name"
// among them.
func columns(v any, dst *[]views.Column, bad func([]string, string, ...any) (Settings, error)) error {
	if v == nil {
		return nil
	}
	key := []string{"portfolio", "columns"}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		_, err := bad(key, `want a list of columns, like ["name", "arr", "health"]`)
		return err
	}
	var cols []views.Column
	for _, x := range list {
		n, ok := x.(string)
		c, known := views.ColumnNamed(n)
		if !ok || !known {
			_, err := bad(key, "%v is not a portfolio column: want %s", x, strings.Join(views.ColumnNames(), ", "))
			return err
		}
		if slices.Contains(cols, c) {
			_, err := bad(key, "%q is listed twice", n)
			return err
		}
		cols = append(cols, c)
	}
	if !slices.Contains(cols, views.ColName) {
		_, err := bad(key, `"name" is missing: the name column is always shown, so tend refuses a list without it; add "name"`)
		return err
	}
	*dst = cols
	return nil
}

// colours reads the [colours] table into c (the defaults): token_dark and
// token_light, each a "#RRGGBB".
func colours(f map[string]any, c *views.Colours, bad func([]string, string, ...any) (Settings, error)) error {
	for _, name := range sortedKeys(f) {
		key := []string{"colours", name}
		if _, ok := c.Colour(name); !ok {
			var names []string
			for _, t := range views.ColourTokens {
				names = append(names, t.Name)
			}
			_, err := bad(key, "unknown colour: want TOKEN_dark or TOKEN_light, TOKEN one of %s", strings.Join(names, ", "))
			return err
		}
		x, ok := f[name].(string)
		if !ok || !isHex(x) {
			_, err := bad(key, `%v is not a colour: want "#RRGGBB", like "#5A3FC0"`, f[name])
			return err
		}
		c.SetColour(name, strings.ToUpper(x))
	}
	return nil
}

// isHex reports whether s is a #RRGGBB colour.
func isHex(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// Conflicts names the first key two actions of one scope share (a pane's
// action and a global one count as one scope), or "".
func Conflicts(kb views.KeyBindings) string {
	scopes := views.KeyScopes(kb)
	owner := map[string]string{} // key → global action
	for _, a := range scopes[0].Actions {
		for _, k := range a.Keys {
			if o, ok := owner[k]; ok && o != a.Name {
				return fmt.Sprintf("global %s and global %s both use %q", o, a.Name, k)
			}
			owner[k] = a.Name
		}
	}
	for _, sc := range scopes[1:] {
		mine := map[string]string{}
		for _, a := range sc.Actions {
			for _, k := range a.Keys {
				if o, ok := mine[k]; ok && o != a.Name {
					return fmt.Sprintf("%s %s and %s %s both use %q", sc.Name, o, sc.Name, a.Name, k)
				}
				mine[k] = a.Name
				if o, ok := owner[k]; ok && !sc.Overlay {
					return fmt.Sprintf("%s %s and global %s both use %q", sc.Name, a.Name, o, k)
				}
			}
		}
	}
	return ""
}

// named are the keys with names that the cockpit knows.
var named = map[string]bool{"enter": true, "esc": true, "tab": true, "shift+tab": true, "backspace": true, "delete": true,
	"insert": true, "space": true, "up": true, "down": true, "left": true, "right": true, "home": true, "end": true,
	"pgup": true, "pgdown": true}

// checkKey says what is wrong with the key name k, or "".
func checkKey(k string) string {
	const want = `is not a key: want one character ("F", "?"), a name (enter, esc, tab, space, up, pgdown, f1…), ctrl+LETTER or alt+KEY`
	base := k
	if rest, ok := strings.CutPrefix(k, "alt+"); ok {
		base = rest
	}
	switch {
	case utf8.RuneCountInString(base) == 1:
		r, _ := utf8.DecodeRuneInString(base)
		if !unicode.IsPrint(r) {
			return want
		}
		return ""
	case named[base]:
		return ""
	case strings.HasPrefix(base, "ctrl+") && len(base) == 6 && base[5] >= 'a' && base[5] <= 'z',
		strings.HasPrefix(base, "ctrl+") && named[base[5:]] && base[5:] != "space",
		strings.HasPrefix(base, "shift+") && slices.Contains([]string{"up", "down", "left", "right", "home", "end"}, base[6:]):
		return ""
	}
	for i := 1; i <= 20; i++ {
		if base == fmt.Sprintf("f%d", i) {
			return ""
		}
	}
	if strings.ToLower(k) != k && utf8.RuneCountInString(k) > 1 {
		return want + " (names are lower case)"
	}
	return want
}

// lineOf is the line of data that sets key (a table's header for a table),
// or 0 when it cannot tell.
func lineOf(data string, key []string) int {
	var table []string
	for i, line := range strings.Split(data, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			h := strings.Trim(strings.SplitN(t, "#", 2)[0], " []")
			table = splitKey(h)
			if slices.Equal(table, key) {
				return i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(t, "=")
		if !ok || strings.HasPrefix(t, "#") {
			continue
		}
		if slices.Equal(append(slices.Clone(table), splitKey(k)...), key) {
			return i + 1
		}
	}
	return 0
}

func splitKey(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ".") {
		out = append(out, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func scopeNames(scopes []views.KeyScope) string {
	var n []string
	for _, s := range scopes {
		n = append(n, s.Name)
	}
	return strings.Join(n, ", ")
}

func actionNames(s views.KeyScope) string {
	var n []string
	for _, a := range s.Actions {
		n = append(n, a.Name)
	}
	return strings.Join(n, ", ")
}
