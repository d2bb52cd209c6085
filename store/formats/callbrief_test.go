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
