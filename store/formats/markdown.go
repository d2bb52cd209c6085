// Package formats reads and writes the book in the formats people exchange:
// a lossless JSON book, CSV from and for spreadsheets and CRMs, and Markdown
// briefs. It converts; the store does the transactions.
package formats

import (
	"fmt"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
)

// md escapes text for Markdown and neutralises control characters.
func md(s string) string {
	s = domain.Printable(s)
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`)
	return r.Replace(s)
}

// AccountBrief is an account's brief in Markdown: profile, health,
// stakeholders, plan and the recent timeline.
func AccountBrief(d *domain.AccountDetail, today domain.Date) string {
	var b strings.Builder
	a := &d.Account
	h := domain.Health(&d.Summary, today)
	fmt.Fprintf(&b, "# %s\n\n", md(a.Name))
	fmt.Fprintf(&b, "_Brief of %s · owner %s · %s · %s · %s_\n\n", today, md(a.Owner), a.Tier, a.Stage, md(a.Segment))
	health := fmt.Sprintf("%d (%s)", h.Score, h.Band)
	if h.Score < 0 {
		health = h.Reason
	}
	fmt.Fprintf(&b, "- **ARR:** %s\n- **Contract:** since %s, renews %s (notice %d days)\n- **Health:** %s\n", a.ARR, a.ContractStart, a.Renewal, a.NoticeDays, health)
	if a.Website != "" {
		fmt.Fprintf(&b, "- **Website:** %s\n", md(a.Website))
	}
	b.WriteString("\n## Stakeholders\n\n")
	if len(d.Contacts) == 0 {
		b.WriteString("None recorded.\n")
	} else {
		b.WriteString("| Name | Role | Title | Email |\n|---|---|---|---|\n")
		for _, c := range d.Contacts {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(c.Name), c.Role, md(c.Title), md(c.Email))
		}
	}
	b.WriteString("\n## Sales hand-off\n\n")
	fmt.Fprintf(&b, "- **Bought:** %s\n- **Promised:** %s\n- **Concerns:** %s\n- **Competitors:** %s\n",
		md(strings.Join(a.Handoff.Products, ", ")), md(strings.Join(a.Handoff.Promises, "; ")), md(strings.Join(a.Handoff.Concerns, "; ")), md(strings.Join(a.Competitors, ", ")))
	b.WriteString(Plan(d, today))
	b.WriteString("\n## Recent timeline\n\n")
	for i, in := range d.Interactions {
		if i == 10 {
			break
		}
		first, _, _ := strings.Cut(strings.TrimSpace(in.Summary), "\n")
		fmt.Fprintf(&b, "- %s · %s · %s\n", in.Stamp(time.Local), in.Channel, md(first))
	}
	return b.String()
}

// Plan is the account plan in Markdown: goals with progress, strategies,
// onboarding and action items.
func Plan(d *domain.AccountDetail, today domain.Date) string {
	var b strings.Builder
	p := &d.Plan
	fmt.Fprintf(&b, "\n## Plan\n\nCheck in every %d days.\n\n### Goals\n\n", d.Account.CadenceDays)
	if len(p.Goals) == 0 {
		b.WriteString("None yet.\n")
	}
	for _, g := range p.Goals {
		fmt.Fprintf(&b, "- **%s** — %s: %g → %g → %g %s (%.0f%%, %s, due %s)\n", md(g.Title), md(g.Metric), g.Baseline, g.Current, g.Target, md(g.Unit), g.Progress()*100, g.Status(today), g.Due)
	}
	b.WriteString("\n### Strategies\n\n")
	for _, s := range p.Strategies {
		fmt.Fprintf(&b, "- %s\n", md(s))
	}
	if len(p.Onboarding) > 0 {
		b.WriteString("\n### Onboarding\n\n")
		for _, c := range p.Onboarding {
			fmt.Fprintf(&b, "- [%s] %s\n", map[bool]string{true: "x", false: " "}[c.Done], md(c.Text))
		}
	}
	b.WriteString("\n### Action items\n\n")
	for _, it := range d.Items {
		due := ""
		if !it.Due.IsZero() {
			due = " (due " + it.Due.String() + ")"
		}
		fmt.Fprintf(&b, "- [%s] %s%s\n", map[bool]string{true: "x", false: " "}[it.Done], md(it.Text), due)
	}
	return b.String()
}
