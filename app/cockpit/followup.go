package cockpit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// After the call: the follow-up of the last note saved, copied to the
// clipboard (OSC 52, a file when the terminal may not take it), edited in
// $EDITOR, its next check-in booked as an action item.

// savedNote is a note saved in this cockpit.
type savedNote struct {
	acct app.Ref
	note uint64
}

type followUpLoadedMsg struct {
	acct app.Ref
	f    domain.FollowUp
	err  error
}

type copiedMsg struct {
	text string // what was copied
	osc  bool   // the OSC 52 sequence was written to the terminal
	path string // the file the text was written to, "" none
	why  string // why a file: the terminal may not take OSC 52
	err  error
}

func loadFollowUpCmd(st app.File, n savedNote) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		f, err := app.LoadFollowUp(&st, n.acct, n.note)
		return followUpLoadedMsg{acct: n.acct, f: f, err: err}
	}
}

// followUp drafts the follow-up of the account acct's last note: the one
// saved here, else the newest in the store (read in the command).
func (m *Model) followUp(acct uint64) tea.Cmd {
	if acct == 0 || m.book == nil || m.book.Pos(acct) < 0 {
		m.setStatus("open an account first: "+m.keys.FollowUp.Help().Key+" drafts the follow-up of its last note", true)
		return nil
	}
	if n := m.lastNote; n != nil && n.acct.ID == acct {
		return loadFollowUpCmd(m.st, *n)
	}
	return loadFollowUpCmd(m.st, savedNote{acct: app.Ref{ID: acct, UID: m.book.Sums[m.book.Pos(acct)].UID}})
}

// followUpView is the open follow-up, or nil.
func (m *Model) followUpView() *views.FollowUp {
	for _, o := range m.overlays {
		if f, ok := o.(*views.FollowUp); ok && !f.Done() {
			return f
		}
	}
	return nil
}

func (m *Model) getenv(k string) string {
	if m.opt.Getenv != nil {
		return m.opt.Getenv(k)
	}
	return os.Getenv(k)
}

func (m *Model) handleFollowUp(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.FollowUpRequestMsg:
		if msg.NoteID != 0 {
			return loadFollowUpCmd(m.st, savedNote{acct: app.Ref{ID: msg.AccountID, UID: msg.AccountUID}, note: msg.NoteID}), true
		}
		return m.followUp(msg.AccountID), true
	case followUpLoadedMsg:
		if errors.Is(msg.err, app.ErrNoNote) {
			m.setStatus("no note on "+m.draftName(msg.acct.ID)+" yet: n writes one, ctrl+s saves it, then "+m.keys.FollowUp.Help().Key+" drafts its follow-up", true)
			return nil, true
		}
		if msg.err != nil {
			m.setStatus("no follow-up: "+app.OneLine(msg.err).Error(), true)
			return nil, true
		}
		ref := views.Ref{ID: msg.acct.ID, UID: msg.acct.UID, Name: msg.f.Account}
		m.push(views.NewFollowUp(m.ctx, ref, msg.f))
		return nil, true
	case views.CopyTextMsg:
		dir := filepath.Join(filepath.Dir(m.st.Path), "follow-ups")
		path := filepath.Join(dir, slug(msg.Name)+"-"+m.opt.Now().Format("20060102-150405")+".txt")
		if msg.File {
			st, text := m.st, msg.Text
			return func() tea.Msg {
				defer catchPanic()
				p, err := app.SaveNewText(&st, path, text)
				return copiedMsg{text: text, path: p, err: err}
			}, true
		}
		return copyCmd(m.st, msg.Text, path, m.clipboard(), m.getenv), true
	case copiedMsg:
		if f := m.followUpView(); f != nil && msg.err == nil {
			f.Kept(msg.text)
		}
		switch {
		case msg.err != nil:
			m.setStatus("not copied: "+msg.err.Error(), true)
		case !msg.osc && msg.why == "":
			m.setStatus("follow-up written to "+msg.path, false)
		case msg.osc && msg.path != "":
			m.setStatus("copied (OSC 52) and written to "+msg.path+": "+msg.why, false)
		case msg.osc:
			m.setStatus("copied (OSC 52) to the clipboard", false)
		default:
			m.setStatus(msg.why+": written to "+msg.path, false)
		}
		return nil, true
	case views.BookCheckInMsg:
		f := msg.FollowUp
		return m.writeOn(msg.Account, "next check-in booked as an item", func(st app.Store, acct app.Ref) error {
			_, err := app.BookCheckIn(st, acct, f)
			return err
		}), true
	case views.EditTextMsg:
		d := domain.Draft{AccountID: msg.AccountID, Text: msg.Text}
		if m.opt.Editor == "" {
			return findEditorCmd(d, true), true
		}
		return followEditor(editorCmd(d, m.opt.Editor, filepath.Dir(m.st.Path))), true
	}
	return nil, false
}

// followEditor marks the editor's messages as the follow-up's.
func followEditor(cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case editorReadyMsg:
			msg.follow = true
			return msg
		case editorDoneMsg:
			msg.follow = true
			return msg
		default:
			return msg
		}
	}
}

// followUpEdited takes the follow-up's text back from the editor.
func (m *Model) followUpEdited(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus("editor: "+msg.err.Error()+" (the follow-up is unchanged)", true)
		return nil
	}
	if f := m.followUpView(); f != nil && f.AccountID() == msg.acct {
		f.SetText(msg.text)
		m.setStatus("follow-up taken back from the editor: c copies it", false)
	}
	return nil
}

// clipboard is where the OSC 52 sequence goes: the configured writer, else
// standard error when it is a terminal (the screen is drawn on standard
// output), else nowhere.
func (m *Model) clipboard() io.Writer {
	if m.opt.Clipboard != nil {
		return m.opt.Clipboard
	}
	if term.IsTerminal(os.Stderr.Fd()) {
		return os.Stderr
	}
	return nil
}

// copyCmd copies text with OSC 52 to out and, when out is nil or the
// terminal may not pass OSC 52 on (a multiplexer, the Linux console, a
// dumb terminal), also writes it to path.
func copyCmd(st app.File, text, path string, out io.Writer, getenv func(string) string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		msg := copiedMsg{text: text}
		seq := osc52.New(text)
		switch {
		case out == nil:
			msg.why = "the screen is not a terminal tend can copy through"
		case getenv("TMUX") != "":
			seq = seq.Tmux()
			msg.why = "tmux passes the copy on only with set-clipboard on"
		case getenv("STY") != "":
			seq = seq.Screen()
			msg.why = "screen may not pass the copy on"
		}
		switch t := getenv("TERM"); {
		case out == nil:
		case t == "" || t == "dumb" || t == "linux":
			msg.why = fmt.Sprintf("the terminal (TERM=%q) may not take a copy", t)
		}
		if out != nil {
			if _, err := seq.WriteTo(out); err != nil {
				msg.err = err
				return msg
			}
			msg.osc = true
		}
		if msg.why != "" {
			msg.path, msg.err = app.SaveNewText(&st, path, text)
		}
		return msg
	}
}
