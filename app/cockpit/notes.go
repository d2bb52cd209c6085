package cockpit

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// The note editor (an overlay) and what it asks for: drafts, saves, $EDITOR.

type pickNoteAccountMsg struct{ id uint64 }

// fallbackEditors are tried, in order, when neither $VISUAL nor $EDITOR is set.
var fallbackEditors = []string{"nano", "vi"}

// editorFoundMsg: the fallback editor found on the PATH ("": none).
type editorFoundMsg struct {
	draft  domain.Draft
	editor string
	follow bool // for the follow-up's text
}

// findEditorCmd looks for a fallback editor on the PATH (off the event loop).
func findEditorCmd(d domain.Draft, follow bool) tea.Cmd {
	return func() tea.Msg {
		for _, e := range fallbackEditors {
			if _, err := exec.LookPath(e); err == nil {
				return editorFoundMsg{draft: d, editor: e, follow: follow}
			}
		}
		return editorFoundMsg{draft: d, follow: follow}
	}
}

// note is the open note editor, or nil.
func (m *Model) note() *views.Note {
	for _, o := range m.overlays {
		if n, ok := o.(*views.Note); ok && !n.Done() {
			return n
		}
	}
	return nil
}

func (m *Model) handleNote(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.SaveDraftMsg:
		return saveDraftCmd(m.writer(), msg.Draft, m.opt.Now), true
	case views.SaveNoteMsg:
		return saveNoteCmd(m.writer(), msg.Draft, m.opt.Now()), true
	case noteSavedMsg:
		n := m.note()
		if msg.err != nil {
			// The editor keeps the text; the draft stays saved.
			if n != nil {
				n.Saving = false
			}
			m.setStatus("note NOT saved: "+app.OneLine(msg.err).Error()+" (your text is still in the editor)", true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true // reload; the reload keeps the note for its account or as a detached draft
			}
			if c := domain.ErrorCode(msg.err); c == domain.ENOTFOUND || c == domain.ECONFLICT {
				// Its account is gone (its draft went with it): keep the
				// text in a file of its own, so that quitting loses nothing.
				return keepOrphanNoteCmd(m.st, msg.draft, m.opt.Now()), true
			}
			return nil, true
		}
		delete(m.drafts, keyOf(msg.draft))
		m.lastNote = &savedNote{acct: app.Ref{ID: msg.acct, UID: msg.draft.AccountUID}, note: msg.res.Interaction.ID}
		if n != nil && n.AccountID() == msg.acct {
			n.Close()
		}
		s := fmt.Sprintf("note saved %s", msg.res.Interaction.At.Local().Format("15:04"))
		if k := len(msg.res.Items); k > 0 {
			s += fmt.Sprintf(", %d action item(s) created", k)
		}
		if len(msg.res.Problems) > 0 {
			s += " · " + msg.res.Problems[0]
		}
		s += " · " + m.keys.FollowUp.Help().Key + " drafts the follow-up"
		if msg.res.KeptDraft {
			s += " · another cockpit's draft on this account is kept: " + m.keys.Drafts.Help().Key + " lists it"
		}
		m.setStatus(s, false)
		return tea.Batch(m.afterWrite(msg.acct), m.refreshBrief(msg.acct), accountDraftsCmd(m.st, msg.acct, false)), true
	case draftSavedMsg:
		if msg.err != nil {
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true // the reload keeps the note
			}
			if c := domain.ErrorCode(msg.err); c == domain.ENOTFOUND || c == domain.ECONFLICT {
				return keepOrphanNoteCmd(m.st, msg.draft, m.opt.Now()), true // its account is gone
			}
			m.setStatus("draft not saved: "+msg.err.Error(), true)
			return nil, true
		}
		if msg.kept != "" {
			m.setStatus("the book is busy (another process is writing): your draft is kept in "+msg.kept+" until it can be saved", true)
			return nil, true
		}
		m.drafts[keyOf(msg.draft)] = msg.draft
		if n := m.note(); n != nil && n.AccountID() == msg.acct && n.Draft().Writer == msg.draft.Writer {
			n.SavedAt = msg.at
			n.Kept(msg.draft)
		}
		if msg.moved {
			m.setStatus("another cockpit keeps a different draft on "+m.draftName(msg.acct)+": yours is kept beside it, nothing is lost ("+m.keys.Drafts.Help().Key+" lists both)", true)
			return accountDraftsCmd(m.st, msg.acct, false), true
		}
		return nil, true
	case orphanNoteKeptMsg:
		if msg.err != nil {
			m.setStatus("note NOT saved and NOT kept in a file ("+msg.err.Error()+"): copy your text before you quit", true)
		} else {
			m.setStatus("note NOT saved: its account is gone; your text is kept in "+msg.path, true)
			if o, ok := m.top().(*views.OrphanNote); ok {
				o.Kept(msg.path)
			}
		}
		return nil, true
	case views.KeepOrphanFileMsg:
		if m.orphan == nil {
			return nil, true
		}
		return keepOrphanNoteCmd(m.st, *m.orphan, m.opt.Now()), true
	case views.AttachOrphanMsg:
		p := m.attachTo
		m.attachTo = nil
		if p == nil {
			return nil, true
		}
		if !msg.Yes {
			cmd := m.openNoteOn(p.detail, p.attendees, leaveOrphan) // a new note, without it
			m.setStatus("the note typed for "+m.orphanName+" stays kept (not attached): n on an account asks again", false)
			return cmd, true
		}
		return m.openNoteOn(p.detail, p.attendees, attachOrphan), true
	case views.CloseNoteMsg:
		if msg.HasText {
			m.drafts[keyOf(msg.Draft)] = msg.Draft
			m.setStatus("note on "+domain.Printable(msg.Name)+" closed; its draft is kept (n resumes it)", false)
			// Kept on disk as it is now: another cockpit may have discarded
			// the draft saved a moment ago.
			return saveDraftCmd(m.writer(), msg.Draft, m.opt.Now), true
		}
		return nil, true
	case views.EditExternallyMsg:
		if m.opt.Editor == "" {
			return findEditorCmd(msg.Draft, false), true
		}
		return editorCmd(msg.Draft, m.opt.Editor, filepath.Dir(m.st.Path)), true
	case editorFoundMsg:
		if msg.editor == "" {
			m.setStatus("no editor: set $VISUAL or $EDITOR (neither nano nor vi is on the PATH); the note stays here", true)
			return nil, true
		}
		m.setStatus("$VISUAL and $EDITOR are not set: editing in "+msg.editor, false)
		if msg.follow {
			return followEditor(editorCmd(msg.draft, msg.editor, filepath.Dir(m.st.Path))), true
		}
		return editorCmd(msg.draft, msg.editor, filepath.Dir(m.st.Path)), true
	case editorReadyMsg:
		return runEditor(msg), true
	case editorExitedMsg:
		return readEditorFileCmd(msg), true
	case editorDoneMsg:
		if msg.follow {
			return m.followUpEdited(msg), true
		}
		if msg.err != nil {
			m.setStatus("editor: "+msg.err.Error()+" (the note in tend is unchanged)", true)
			return nil, true
		}
		if n := m.note(); n != nil && n.AccountID() == msg.acct {
			n.SetText(msg.text)
			m.setStatus("note taken back from the editor", false)
		}
		return nil, true
	case pickNoteAccountMsg:
		return m.startNote(msg.id), true
	}
	return nil, false
}

// openPalette opens the fuzzy jump.
func (m *Model) openPalette() tea.Cmd {
	if m.book == nil {
		return nil
	}
	cmd := m.palette.Open(m.book)
	m.push(m.palette)
	return tea.Batch(cmd, loadViewsCmd(m.st, false)) // the saved views it lists, as they are now
}

// startNote opens the note editor on an account, asking which one first when there is none.
func (m *Model) startNote(id uint64) tea.Cmd {
	if m.book == nil {
		return nil
	}
	if id == 0 {
		cmd := m.openPalette()
		m.palette.Title = "Note on which account?"
		m.palette.Pick = func(id uint64) tea.Msg { return pickNoteAccountMsg{id: id} }
		return cmd
	}
	if d := m.detail; d != nil && d.Account.ID == id {
		return m.openNote(*d)
	}
	m.pendingNote = id
	return m.loadDetail(id)
}

func (m *Model) openNote(d domain.AccountDetail) tea.Cmd { return m.openNoteWith(d, nil) }

// pendingAttach is the note editor asked for while a note kept from a
// replaced book waits (m.orphan): opened once the user says whether that
// note goes to this account.
type pendingAttach struct {
	detail    domain.AccountDetail
	attendees []uint64
}

// openNoteWith opens the note editor on d with the contacts attendees
// ticked (added to those of a draft it resumes). A note kept from a
// replaced book is attached to it only when the user says so.
func (m *Model) openNoteWith(d domain.AccountDetail, attendees []uint64) tea.Cmd {
	return m.openNoteOn(d, attendees, askOrphan)
}

// What becomes of a note kept from a replaced book (m.orphan) when a note is opened.
type orphanChoice int

const (
	askOrphan    orphanChoice = iota // ask first whether it goes to this account
	attachOrphan                     // the user said yes
	leaveOrphan                      // the user said no: it stays kept
)

func (m *Model) openNoteOn(d domain.AccountDetail, attendees []uint64, choice orphanChoice) tea.Cmd {
	if o := m.orphan; o != nil && choice == askOrphan {
		// Never attached without asking: it was typed for another account.
		m.attachTo = &pendingAttach{detail: d, attendees: attendees}
		target := domain.Printable(d.Account.Name)
		if target == m.orphanName {
			target += " of the restored book" // another account of that name
		}
		m.push(views.NewOrphanNote(m.ctx, m.orphanName, o.Text, target))
		return nil
	}
	draft := &domain.Draft{AccountID: d.Account.ID, Channel: domain.ChannelCall, Started: m.opt.Now()}
	if dr, ok := m.accountDraft(d.Account.ID, m.resumeSlot); ok {
		draft = &dr
		draft.Base = dr.Text
		if dr.Saved.IsZero() {
			m.setStatus("resumed the draft", false)
		} else {
			m.setStatus("resumed the draft from "+dr.Saved.Local().Format("Jan 2 15:04"), false)
		}
	}
	m.resumeSlot = 0
	m.notesOpen++
	draft.Writer = fmt.Sprintf("%s.%d", m.writerID, m.notesOpen)
	var save tea.Cmd
	if o := m.orphan; o != nil && choice == attachOrphan {
		// Attach the note kept from the replaced book to this account, the one the user chose.
		dr := domain.Draft{AccountID: d.Account.ID, AccountUID: d.Account.UID, Text: o.Text, Channel: o.Channel, Sentiment: o.Sentiment, Started: o.Started, Saved: o.Saved,
			Slot: draft.Slot, Writer: draft.Writer, Base: draft.Base}
		switch have := strings.TrimSpace(draft.Text); {
		case have == "" || strings.Contains(strings.TrimSpace(o.Text), have):
			// nothing here, or what is here is the kept note's own beginning (its draft, restored)
		case strings.Contains(have, strings.TrimSpace(o.Text)):
			dr.Text, dr.Attendees = draft.Text, draft.Attendees // already here whole
		default:
			dr.Text = draft.Text + "\n\n" + o.Text
			dr.Attendees = draft.Attendees
		}
		draft = &dr
		m.setStatus("attached the note typed for "+m.orphanName+" to "+domain.Printable(d.Account.Name)+" and kept it as its draft: ctrl+s saves it", false)
		m.orphan, m.orphanName, m.orphanWarned = nil, "", false
		// On disk at once: from here a quit or a crash keeps it as this account's draft.
		save = saveDraftCmd(m.writer(), dr, m.opt.Now)
	}
	for _, id := range attendees {
		if !slices.Contains(draft.Attendees, id) {
			draft.Attendees = append(draft.Attendees, id)
		}
	}
	n := views.NewNote(m.ctx, d, draft)
	m.push(n)
	// What the store keeps now: a draft typed since in another cockpit.
	return tea.Batch(n.Init(), save, accountDraftsCmd(m.st, d.Account.ID, true))
}

func (m *Model) quit() tea.Cmd {
	if m.orphan != nil && !m.orphanWarned {
		m.orphanWarned = true
		m.setStatus("the note typed for "+m.orphanName+" (not in the restored book) is not saved: n on an account attaches it; quit again to discard it", true)
		return nil
	}
	if n := m.note(); n != nil && n.Dirty() {
		// Keep the last keystrokes: write the draft before leaving.
		return tea.Sequence(saveDraftCmd(m.writer(), n.Draft(), m.opt.Now), tea.Quit)
	}
	return tea.Quit
}

// orphanNoteKeptMsg says where the text of a note whose account is gone was kept.
type orphanNoteKeptMsg struct {
	path string
	err  error
}

func keepOrphanNoteCmd(st app.File, d domain.Draft, now time.Time) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		path, err := app.KeepOrphanNote(&st, d, now)
		return orphanNoteKeptMsg{path: path, err: err}
	}
}
