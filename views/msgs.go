package views

import (
	"github.com/tend-cli/tend/domain"
)

// Ref names the account an action was started on, by what cannot change
// under it: its number and its global UID (a restore of another book, or a
// renumbering, can put another account under the number). A request that
// completes later (after a prompt, a confirmation, a form) carries it, and
// the app acts on that account or on nothing.
type Ref struct {
	ID   uint64
	UID  string
	Name string
}

// RefOf names an account.
func RefOf(a *domain.Account) Ref { return Ref{ID: a.ID, UID: a.UID, Name: a.Name} }

// Messages a pane sends to ask the app to act. The app does the I/O.
type (
	// OpenAccountMsg asks to open an account in the account pane.
	OpenAccountMsg struct{ ID uint64 }
	// MoreTimelineMsg asks for the next page of an account's interactions.
	MoreTimelineMsg struct{ AccountID uint64 }
	// SaveItemMsg asks to store an action item (new when ID is 0). An
	// existing one changes only what the request is about: Done when
	// Toggle, else its text and due date.
	SaveItemMsg struct {
		Account Ref
		Item    domain.ActionItem
		Toggle  bool
	}
	// SaveContactMsg asks to store a contact.
	SaveContactMsg struct {
		Account Ref
		Contact domain.Contact
	}
	// SaveRiskMsg asks to store a risk.
	SaveRiskMsg struct {
		Account Ref
		Risk    domain.Risk
	}
	// SaveOpportunityMsg asks to store an opportunity.
	SaveOpportunityMsg struct {
		Account     Ref
		Opportunity domain.Opportunity
		Terms       domain.WinTerms     // what winning it does to the book (app.SaveOpportunityWith)
		Said        string              // what it does, in words, for the status line ("" for a plain save)
		Was         *domain.Opportunity // as the form opened with it: only what changed from it is written
	}
	// SaveWinMsg asks to store a win.
	SaveWinMsg struct {
		Account Ref
		Win     domain.Win
	}
	// AddGoalMsg asks to add a goal to the account's plan (as stored when it is written).
	AddGoalMsg struct {
		Account Ref
		Goal    domain.Goal
	}
	// ToggleStepMsg asks to mark an onboarding step done (or not): the
	// step at Index of the stored plan, if it still has that text.
	ToggleStepMsg struct {
		Account Ref
		Index   int
		Text    string
		Done    bool
	}
	// ExportPlanMsg asks to write the account's plan as Markdown.
	ExportPlanMsg struct{ AccountID uint64 }
	// StatusMsg puts a line in the status bar.
	StatusMsg struct {
		Text string
		Err  bool
	}
)
