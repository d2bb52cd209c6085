package formats

import (
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// CallBrief is the pre-call brief in Markdown (tend brief): talking points
// first, each with the records it comes from, then who is likely on the
// call, what we promised, what they told us, the pipeline and the risks.
func CallBrief(b *domain.Brief) string {
	var w strings.Builder
	today := b.Today
	fmt.Fprintf(&w, "# Pre-call brief: %s\n\n", md(b.Name))
	owner := "no owner"
	if strings.TrimSpace(b.Owner) != "" {
		owner = "owner " + md(b.Owner)
	}
	fmt.Fprintf(&w, "_%s · %s · %s · ARR %s · %s_\n\n", today, b.Tier, b.Stage, b.ARR, owner)
	fmt.Fprintf(&w, "- **Health:** %s\n", b.HealthText())
	fmt.Fprintf(&w, "- **Renewal:** %s\n", b.RenewalText())
	if b.NextCheckIn != 0 {
		fmt.Fprintf(&w, "- **Next check-in:** %s (cadence %d days)\n", b.NextCheckIn, b.CadenceDays)
	}
	w.WriteString("\n## Talking points\n\n")
	if len(b.Points) == 0 {
		w.WriteString("Nothing stands out in the records.\n")
	}
	for _, p := range b.Points {
		var cites []string
		for _, c := range p.Cites {
			cites = append(cites, c.String())
		}
		fmt.Fprintf(&w, "- %s _(%s)_\n", md(p.Text), strings.Join(cites, ", "))
	}
	w.WriteString("\n## Likely on the call\n\n")
	if len(b.Contacts) == 0 {
		w.WriteString("No contacts recorded.\n")
	}
	for _, c := range b.Contacts {
		mark := ""
		if c.Likely {
			mark = " **(likely)**"
		}
		who := domain.JoinNonEmpty([]string{md(c.Name), md(c.Title), string(c.Role)}) // no "Engineer, —"
		fmt.Fprintf(&w, "- %s: last spoke %s%s (contact #%d)\n", who, spoke(c.LastSpoke, today), mark, c.ID)
	}
	w.WriteString("\n## What we promised\n\n")
	if len(b.Promised) == 0 {
		w.WriteString("No open action items.\n")
	}
	for _, it := range b.Promised {
		state := "due " + it.Due.String()
		switch {
		case it.Due == 0:
			state = "no date"
		case it.Overdue:
			state = fmt.Sprintf("**overdue** since %s", it.Due)
		}
		fmt.Fprintf(&w, "- %s (%s, item #%d)\n", md(it.Text), state, it.ID)
	}
	w.WriteString("\n## What they told us\n\n")
	if len(b.Told) == 0 {
		w.WriteString("No notes yet.\n")
	}
	for _, n := range b.Told {
		fmt.Fprintf(&w, "- %s %s, %s: %s (interaction #%d)\n", n.On, n.Channel, orDash(string(n.Sentiment)), md(n.First), n.ID)
	}
	w.WriteString("\n## Open opportunities\n\n")
	if len(b.Opps) == 0 {
		w.WriteString("None.\n")
	}
	for _, o := range b.Opps {
		fmt.Fprintf(&w, "- %s: %s, %s, %d%%, %s (opportunity #%d)\n", md(o.Title), o.Kind, o.Value, o.Probability, o.CloseText(today, domain.Date.String), o.ID)
	}
	w.WriteString("\n## Open risks\n\n")
	if len(b.Risks) == 0 {
		w.WriteString("None.\n")
	}
	for _, r := range b.Risks {
		fmt.Fprintf(&w, "- %s: %s %s, %s since %s (risk #%d)\n", md(r.Title), r.Severity, r.Kind, r.Status, r.Opened, r.ID)
	}
	w.WriteString("\n## Goals off track\n\n")
	if len(b.GoalsOff) == 0 {
		w.WriteString("None.\n")
	}
	for _, g := range b.GoalsOff {
		fmt.Fprintf(&w, "- %s: %s, %d%% done, due %s (goal #%d)\n", md(g.Title), g.Status, g.Progress, dateOr(g.Due), g.ID)
	}
	return w.String()
}

func spoke(d, today domain.Date) string {
	if d == 0 {
		return "never"
	}
	return d.Describe(today)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func dateOr(d domain.Date) string {
	if d == 0 {
		return "—"
	}
	return d.String()
}
