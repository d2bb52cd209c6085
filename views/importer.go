package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// ImportRequestMsg asks the app to import a file.
type ImportRequestMsg struct {
	Path   string
	Kind   string
	DryRun bool
}

// ImportForm asks for the file to import.
func ImportForm() *Form {
	var path string
	kind := "accounts"
	dry := false
	return newForm("Import a file", func() (tea.Msg, error) {
		return ImportRequestMsg{Path: strings.TrimSpace(path), Kind: kind, DryRun: dry}, nil
	}, huh.NewGroup(
		// The file is checked when the import opens it (in a command), not here.
		huh.NewInput().Title("File (a CRM's CSV export, or a tend JSON export)").Value(&path).Validate(required),
		huh.NewSelect[string]().Title("What the CSV holds").Options(huh.NewOptions("accounts", "contacts", "interactions")...).Value(&kind),
		huh.NewConfirm().Title("Dry run (check and count, write nothing)?").Value(&dry),
	))
}

// Import shows an import in progress and its outcome.
type Import struct {
	theme  *Theme
	bar    progress.Model
	Path   string
	done   int
	total  int
	result []string // the outcome, in lines, once finished
	failed bool
	width  int
	height int
}

// NewImport starts the import view for a file.
func NewImport(t *Theme, path string) *Import {
	bar := progress.New(progress.WithDefaultGradient())
	if NoColor() {
		bar = progress.New(progress.WithSolidFill("#"))
	}
	return &Import{theme: t, bar: bar, Path: path}
}

// SetSize lays the view out.
func (v *Import) SetSize(w, h int) {
	v.width, v.height = w, h
	v.bar.Width = max(10, min(60, w-10))
}

// Progress sets how many rows are done.
func (v *Import) Progress(done, total int) { v.done, v.total = done, total }

// Finish shows the outcome.
func (v *Import) Finish(lines []string, failed bool) {
	v.result, v.failed = lines, failed
	v.done = v.total
}

// Finished reports whether the import is over.
func (v *Import) Finished() bool { return v.result != nil }

// View draws the progress bar, then the outcome.
func (v *Import) View() string {
	t := v.theme
	var sb strings.Builder
	sb.WriteString(t.Heading.Render("Import " + Clip(v.Path, max(10, v.width-10))))
	sb.WriteString("\n\n")
	pct := 0.0
	if v.total > 0 {
		pct = float64(v.done) / float64(v.total)
	}
	if v.result != nil {
		pct = 1
	}
	sb.WriteString(v.bar.ViewAs(pct))
	sb.WriteString(fmt.Sprintf("  %d of %d rows\n\n", v.done, v.total))
	if v.result == nil {
		sb.WriteString(t.Muted.Render("checking every row, then writing them in one transaction…"))
		return sb.String()
	}
	st := t.Good
	if v.failed {
		st = t.Error
	}
	for i, l := range v.result {
		if i >= max(1, v.height-6) {
			sb.WriteString(t.Muted.Render(fmt.Sprintf("… %d more lines (tend import --dry-run lists them all)", len(v.result)-i)))
			break
		}
		if i == 0 {
			sb.WriteString(st.Render(Clip(l, v.width)) + "\n")
			continue
		}
		sb.WriteString(Clip(l, v.width) + "\n")
	}
	sb.WriteString("\n" + t.Muted.Render("esc closes"))
	return sb.String()
}
