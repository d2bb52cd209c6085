package views

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/tend-cli/tend/domain"
)

// Golden views of every pane, dialog and form at 80×24 and 140×40 in the dark
// and light themes (true colour, the escape sequences kept) and with NO_COLOR
// (the Ascii profile: plain text). `go test ./views -run Golden -update`
// rewrites testdata/golden; read every diff before committing it.
//
// A pane or overlay gets what the cockpit gives it in a terminal of that
// size: the full width and the height less the frame's four lines (tab bar,
// blank line, status, footer). The data is the seeded demo book and the
// clock is fixed (testCtx, testToday), so the views are deterministic.

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// look is a colour setting of the terminal.
type look struct {
	name    string
	profile termenv.Profile
	dark    bool
}

var looks = []look{
	{"dark", termenv.TrueColor, true},
	{"light", termenv.TrueColor, false},
	{"nocolor", termenv.Ascii, true},
}

var goldenSizes = [][2]int{{80, 24}, {140, 40}}

// frameLines is what the cockpit's frame takes of the terminal's height.
const frameLines = 4

func setLook(t *testing.T, l look) {
	t.Helper()
	oldProfile, oldDark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	lipgloss.SetColorProfile(l.profile)
	lipgloss.SetHasDarkBackground(l.dark)
	t.Cleanup(func() {
		lipgloss.SetColorProfile(oldProfile)
		lipgloss.SetHasDarkBackground(oldDark)
	})
}

// golden compares got with testdata/golden/name.golden (or writes it with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./views -run Golden -update writes it)", err)
	}
	if string(want) == got {
		return
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Errorf("%s differs from line %d:\nwant %q\ngot  %q\n(go test ./views -run Golden -update rewrites it; check the diff)", path, i+1, w, g)
			return
		}
	}
}

func TestGoldenPanes(t *testing.T) {
	for _, c := range paneCases() {
		for _, sz := range goldenSizes {
			for _, l := range looks {
				name := fmt.Sprintf("%s-%dx%d-%s", c.name, sz[0], sz[1], l.name)
				t.Run(name, func(t *testing.T) {
					setLook(t, l)
					p := c.make(t)
					p.SetSize(sz[0], sz[1]-frameLines)
					for range c.prep {
						press(t, p, "down")
					}
					golden(t, name, p.View())
				})
			}
		}
	}
}

// overlayCases are a confirmation, a pick list and a form, each after a key
// that moves its focus (so the golden shows a focus that is not the default).
func overlayCases() []struct {
	name string
	make func() *Form
	keys []string
} {
	acct := Ref{ID: 1, UID: "u1", Name: "Acme Robotics Inc."}
	return []struct {
		name string
		make func() *Form
		keys []string
	}{
		{"confirm-delete", func() *Form { return DeleteAccountForm(acct) }, []string{"left"}},
		{"pick-contact", func() *Form {
			return PickForm("Edit a contact", []string{"Mona Rahman (decision-maker)", "Hugo Eriksen (champion)", "Paul Rahman (user)"},
				func(int) *Form { return nil })
		}, []string{"down"}},
		{"form-risk", func() *Form { return RiskForm(acct, testToday) }, nil},
	}
}

func TestGoldenOverlays(t *testing.T) {
	for _, c := range overlayCases() {
		for _, sz := range goldenSizes {
			for _, l := range looks {
				name := fmt.Sprintf("%s-%dx%d-%s", c.name, sz[0], sz[1], l.name)
				t.Run(name, func(t *testing.T) {
					setLook(t, l)
					f := c.make().WithContext(testCtx())
					f.SetSize(sz[0], sz[1]-frameLines)
					f.Init()
					for _, k := range c.keys {
						press(t, f, k)
					}
					golden(t, name, f.View())
				})
			}
		}
	}
}

// TestGoldenNote is the note editor on an account with eleven contacts,
// choosing attendees with the second one ticked: at 80 the choices wrap.
func TestGoldenNote(t *testing.T) {
	for _, sz := range goldenSizes {
		for _, l := range looks {
			name := fmt.Sprintf("note-%dx%d-%s", sz[0], sz[1], l.name)
			t.Run(name, func(t *testing.T) {
				setLook(t, l)
				_, d := testData(t)
				d.Contacts = append([]domain.Contact(nil), d.Contacts...)
				for i := range d.Contacts {
					d.Contacts[i].ID = uint64(100 + i) // the demo's contacts have no ids of a store
				}
				for i := len(d.Contacts); i < 11; i++ {
					d.Contacts = append(d.Contacts, domain.Contact{ID: uint64(200 + i), AccountID: d.Account.ID, Name: fmt.Sprintf("Guest Number %02d", i+1)})
				}
				n := NewNote(testCtx(), *d, nil)
				n.SetSize(sz[0], sz[1]-frameLines)
				n.Update(tea.KeyMsg{Type: tea.KeyF4})
				press(t, n, "2")
				golden(t, name, n.View())
			})
		}
	}
}
