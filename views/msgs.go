package views

import (
	"github.com/tend-cli/tend/domain"
)

// Messages a pane sends to ask the app to act. The app does the I/O.
type (
	// OpenAccountMsg asks to open an account in the account pane.
	OpenAccountMsg struct{ ID uint64 }
	// MoreTimelineMsg asks for the next page of an account's interactions.
	MoreTimelineMsg struct{ AccountID uint64 }
	// SaveItemMsg asks to store an action item (new when ID is 0).
	SaveItemMsg struct{ Item domain.ActionItem }
	// SaveContactMsg asks to store a contact.
	SaveContactMsg struct{ Contact domain.Contact }
	// SaveRiskMsg asks to store a risk.
	SaveRiskMsg struct{ Risk domain.Risk }
	// SaveOpportunityMsg asks to store an opportunity.
	SaveOpportunityMsg struct{ Opportunity domain.Opportunity }
	// SaveWinMsg asks to store a win.
	SaveWinMsg struct{ Win domain.Win }
	// SavePlanMsg asks to store a plan (goals, strategies, onboarding).
	SavePlanMsg struct{ Plan domain.Plan }
	// ExportPlanMsg asks to write the account's plan as Markdown.
	ExportPlanMsg struct{ AccountID uint64 }
	// StatusMsg puts a line in the status bar.
	StatusMsg struct {
		Text string
		Err  bool
	}
)
