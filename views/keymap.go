package views

import (
	"reflect"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
)

// Keys from the config file: the cockpit's key maps are the defaults with
// these bindings in place of theirs. A scope is "global" or a pane's name
// (ScopeName of its title); an action is a field of the pane's key map, in
// snake case (page_down, edit_contact), or for the global scope one of
// next, prev, jump, note, help, back, quit and the panes' names (go to it).

// KeyBindings are remapped keys: scope → action → keys.
type KeyBindings map[string]map[string][]string

// GlobalScope is the scope of the keys that work from every pane.
const GlobalScope = "global"

// KeyAction is one remappable action with its (default) keys.
type KeyAction struct {
	Name string
	Keys []string
	Help string // what it does, as its help says
}

// KeyScope is a scope's actions, in the order of its key map.
type KeyScope struct {
	Name    string
	Actions []KeyAction
	// Overlay: the scope's keys work in an overlay, which takes every key
	// while it is open, so they may share keys with the global ones.
	Overlay bool
	About   string // what the overlay is and where it opens (the config template says it)
}

// ScopeName is the config's name of the pane titled title ("KPIs" → "kpis").
func ScopeName(title string) string { return strings.ToLower(title) }

// KeyScopes are the scopes and their actions with the keys of kb applied
// over the defaults: the global keys first, then each pane's.
func KeyScopes(kb KeyBindings) []KeyScope {
	ctx := NewContext(NewTheme(), nil, false)
	ctx.Keys = kb
	panes := []Pane{NewTriage(ctx), NewPortfolio(ctx), NewAccount(ctx), NewPlan(ctx), NewKPI(ctx), NewAgenda(ctx)}
	titles := make([]string, len(panes))
	for i, p := range panes {
		titles[i] = p.Title()
	}
	g := DefaultGlobalKeys(titles...).Remap(kb)
	out := []KeyScope{{Name: GlobalScope, Actions: actionsOf(&g, titles)}}
	for _, p := range panes {
		km := p.KeyMap()
		out = append(out, KeyScope{Name: ScopeName(p.Title()), Actions: actionsOf(&km, nil)})
	}
	// The records browser and its reader (an overlay, opened with l), the
	// pre-call brief (b) and the follow-up (ctrl+y), overlays too.
	rk := remapKeys(ctx, RecordsTitle, DefaultRecordsKeys())
	bk := remapKeys(ctx, BriefScope, DefaultBriefKeys())
	fk := remapKeys(ctx, FollowUpScope, DefaultFollowUpKeys())
	return append(out, KeyScope{Name: ScopeName(RecordsTitle), Actions: actionsOf(&rk, nil), Overlay: true,
		About: "The records browser and its reader (l on the account or the plan; esc, q and ? stay)."},
		KeyScope{Name: BriefScope, Actions: actionsOf(&bk, nil), Overlay: true,
			About: "The pre-call brief (b on a triage or portfolio row, an agenda entry, the account)."},
		KeyScope{Name: FollowUpScope, Actions: actionsOf(&fk, nil), Overlay: true,
			About: "The follow-up of a saved note (ctrl+y)."})
}

var bindingType = reflect.TypeOf(key.Binding{})

// actionsOf lists the bindings of the key map *km (a struct of key.Binding
// fields; GoTo, a slice, is named by titles).
func actionsOf(km any, titles []string) []KeyAction {
	v := reflect.ValueOf(km).Elem()
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	var out []KeyAction
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case f.Type() == bindingType:
			b := f.Interface().(key.Binding)
			out = append(out, KeyAction{Name: snake(v.Type().Field(i).Name), Keys: configKeys(b.Keys()), Help: b.Help().Desc})
		case f.Kind() == reflect.Slice && f.Type().Elem() == bindingType:
			for j := 0; j < f.Len() && j < len(titles); j++ {
				b := f.Index(j).Interface().(key.Binding)
				out = append(out, KeyAction{Name: ScopeName(titles[j]), Keys: configKeys(b.Keys()), Help: "go to " + b.Help().Desc})
			}
		}
	}
	return out
}

// configKeys are keys as the config file writes them: " " is "space".
func configKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if k == " " {
			k = "space"
		}
		if !contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// snake is PageDown as page_down.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// rebind gives b the keys (as the config writes them), and help naming them.
func rebind(b *key.Binding, keys []string) {
	var ks, shown []string
	for _, k := range keys {
		switch k {
		case "space", " ":
			ks = append(ks, " ", "space")
			shown = append(shown, "space")
		case "up":
			ks, shown = append(ks, k), append(shown, "↑")
		case "down":
			ks, shown = append(ks, k), append(shown, "↓")
		case "ctrl+c": // always quits: not worth the room in help
			ks = append(ks, k)
			if len(keys) == 1 {
				shown = append(shown, k)
			}
		default:
			ks, shown = append(ks, k), append(shown, k)
		}
	}
	b.SetKeys(ks...)
	b.SetHelp(strings.Join(shown, "/"), b.Help().Desc)
}

// remapKeys is the key map km of the pane titled title with the context's
// remapped keys in place of its defaults.
func remapKeys[K any](ctx *Context, title string, km K) K {
	if ctx != nil {
		applyKeys(&km, ctx.Keys[ScopeName(title)], nil)
	}
	return km
}

// Remap is k with the global keys of kb in place of the defaults.
func (k GlobalKeys) Remap(kb KeyBindings) GlobalKeys {
	over := kb[GlobalScope]
	if len(over) == 0 {
		return k
	}
	k.GoTo = append([]key.Binding(nil), k.GoTo...)
	var names []string
	for _, b := range k.GoTo {
		names = append(names, b.Help().Desc)
	}
	applyKeys(&k, over, names)
	return k
}

// applyKeys rebinds the actions of *km that over names; GoTo's bindings are
// named by the pane names.
func applyKeys(km any, over map[string][]string, goTo []string) {
	if len(over) == 0 {
		return
	}
	v := reflect.ValueOf(km).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case f.Type() == bindingType:
			if keys, ok := over[snake(v.Type().Field(i).Name)]; ok {
				rebind(f.Addr().Interface().(*key.Binding), keys)
			}
		case f.Kind() == reflect.Slice && f.Type().Elem() == bindingType:
			for j := 0; j < f.Len() && j < len(goTo); j++ {
				if keys, ok := over[ScopeName(goTo[j])]; ok {
					rebind(f.Index(j).Addr().Interface().(*key.Binding), keys)
				}
			}
		}
	}
}
