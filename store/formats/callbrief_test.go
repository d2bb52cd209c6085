package formats

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// An account without an owner keeps the brief's italic line whole (an empty
// owner left a stray "_" that broke the Markdown).
func TestCallBriefWithoutAnOwner(t *testing.T) {
	out := CallBrief(&domain.Brief{Name: "Acme", Tier: domain.TierRelationship, Stage: domain.StageRetention})
	line := strings.Split(out, "\n")[2]
	if !strings.HasSuffix(line, "no owner_") || strings.Contains(line, "owner _") {
		t.Errorf("%q", line)
	}
}

// A contact without a role (a CRM import) reads "Ana · Engineer", not
// "Ana, Engineer, —"; an overdue opportunity says it in the talking
// points' words.
func TestCallBriefContactWithoutRoleAndOverdueClose(t *testing.T) {
	today := domain.NewDate(2026, 11, 29)
	out := CallBrief(&domain.Brief{Name: "Acme", Today: today,
		Contacts: []domain.BriefContact{{ID: 3, Name: "Ana", Title: "Engineer"}},
		Opps:     []domain.BriefOpp{{ID: 4, Title: "Renewal", Kind: domain.OppRenewal, CloseDate: today.AddDays(-1)}}})
	if !strings.Contains(out, "- Ana · Engineer: last spoke never (contact #3)") || strings.Contains(out, "—") {
		t.Errorf("the contact line:\n%s", out)
	}
	if !strings.Contains(out, "was due to close on 2026-11-28") {
		t.Errorf("the overdue opportunity:\n%s", out)
	}
}
