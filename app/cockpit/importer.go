package cockpit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store/formats"
	"github.com/tend-cli/tend/views"
)

// Messages of an import run from the cockpit.
type (
	importProgressMsg struct {
		done, total int
		ch          chan tea.Msg
	}
	importDoneMsg struct {
		path string
		req  views.ImportRequestMsg
		res  *app.ImportResult
		err  error
	}
)

// startImportCmd runs the import on a goroutine of its own, started by the
// command (recovering a panic into the program), and streams its progress as
// messages.
func startImportCmd(st app.File, req views.ImportRequestMsg, today domain.Date) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan tea.Msg, 64)
		go runImport(ch, st, req, today)
		return waitImport(ch)()
	}
}

func runImport(ch chan tea.Msg, st app.File, req views.ImportRequestMsg, today domain.Date) {
	defer func() {
		if r := recover(); r != nil {
			ch <- importDoneMsg{path: req.Path, req: req, err: fmt.Errorf("import crashed: %v", r)}
		}
		close(ch)
	}()
	f, err := app.OpenImport(req.Path)
	if err != nil {
		ch <- importDoneMsg{path: req.Path, req: req, err: err}
		return
	}
	defer f.Close()
	// The preview notes what it read; the import reads the file whole first
	// and takes it only if it is what the preview showed.
	var in io.Reader = f
	sum := sha256.New()
	if req.DryRun {
		in = io.TeeReader(f, sum)
	} else if req.Digest != "" {
		copied, done, err := previewed(f, req)
		if err != nil {
			ch <- importDoneMsg{path: req.Path, req: req, err: err}
			return
		}
		defer done()
		in = copied
	}
	var res *app.ImportResult
	if strings.EqualFold(filepath.Ext(req.Path), ".json") {
		res, err = app.ImportJSON(&st, in, app.ImportMode{DryRun: req.DryRun, PreferFile: req.PreferFile})
	} else {
		progress := func(done, total int) {
			select {
			case ch <- importProgressMsg{done: done, total: total, ch: ch}:
			default: // the screen is behind: skip this tick, never block the import
			}
		}
		opt := app.CSVOptions{Kind: req.Kind, Map: req.Map, Currency: domain.DefaultCurrency, ContractStart: req.ContractStart, Today: today, Locale: req.Locale, DateFormat: req.DateFormat}
		if req.Kind == views.ImportDetect {
			opt.Kind = formats.KindDetect
		}
		if req.TimeZone != "" {
			// read here, in the import's command: a zone is a file of the system
			if opt.Location, err = app.TimeZone(req.TimeZone); err != nil {
				ch <- importDoneMsg{path: req.Path, req: req, err: err}
				return
			}
		}
		res, err = app.ImportCSV(&st, in, opt, app.ImportMode{DryRun: req.DryRun, PreferFile: req.PreferFile}, progress)
	}
	if req.DryRun && err == nil {
		if _, err = io.Copy(sum, f); err == nil { // what the preview did not need to read
			req.Digest = hex.EncodeToString(sum.Sum(nil))
		}
	}
	ch <- importDoneMsg{path: req.Path, req: req, res: res, err: err}
}

// previewed is the file f as it is now, read once (in memory, or a
// temporary copy when large), if it is the file the preview read; an error
// says it changed.
func previewed(f *os.File, req views.ImportRequestMsg) (io.Reader, func(), error) {
	sum := sha256.New()
	var (
		in   io.ReadSeeker
		done = func() {}
	)
	if fi, err := f.Stat(); err == nil && fi.Size() <= 64<<20 {
		data, err := io.ReadAll(io.TeeReader(f, sum))
		if err != nil {
			return nil, nil, err
		}
		in = bytes.NewReader(data)
	} else {
		tmp, err := os.CreateTemp("", "tend-import-*")
		if err != nil {
			return nil, nil, err
		}
		done = func() { tmp.Close(); os.Remove(tmp.Name()) }
		if _, err := io.Copy(io.MultiWriter(tmp, sum), f); err != nil {
			done()
			return nil, nil, err
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			done()
			return nil, nil, err
		}
		in = tmp
	}
	if hex.EncodeToString(sum.Sum(nil)) != req.Digest {
		done()
		return nil, nil, fmt.Errorf("%s changed since its preview: nothing imported; import it again (I) to see what it brings now", req.Path)
	}
	return in, done, nil
}

func waitImport(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, ok := msg.(importProgressMsg); ok {
			p.ch = ch
			return p
		}
		return msg
	}
}

// importLines says an import's outcome in lines for the import view.
func importLines(res *app.ImportResult, err error) ([]string, bool) {
	if err != nil {
		return []string{"not imported: " + app.OneLine(err).Error(), "the book is as it was"}, true
	}
	verb := "imported"
	if res.DryRun {
		verb = "nothing written yet; this import would bring"
	}
	lines := []string{verb + ": " + app.ReportHead(res)}
	if res.Kind != "" {
		lines = append(lines, "read as "+res.Kind)
	}
	for _, l := range app.ReportLines(res) {
		if n, ok := strings.CutPrefix(l, "note: "); ok {
			if res.NoContractStart > 0 && strings.Contains(n, "--contract-start") {
				n = noStartAdvice(res.NoContractStart) // the command line's flags are not the cockpit's
			}
			n = strings.Replace(n, "; --date-format ", "; the import's \"Dates like 03/04/2026\" ", 1)
			l = "note: " + strings.Replace(n, "; name one with --map 'COLUMN=arr')", ": set ARR on each account, e on the account pane)", 1)
		}
		lines = append(lines, l)
	}
	return lines, false
}

// noStartAdvice says what the cockpit offers for accounts imported without a
// contract start: the import form's field (the command line has flags).
func noStartAdvice(n int) string {
	have, they := fmt.Sprintf("%d accounts have", n), "they count as prospects"
	if n == 1 {
		have, they = "1 account has", "it counts as a prospect"
	}
	return fmt.Sprintf("%s no contract start: %s until you set one; import again (I) with %q filled in, or set it on each account (e on the account pane)", have, they, views.ContractStartTitle)
}

// importProbe is what the import form asks of files, zones and column maps
// (read in huh's commands, never in Update or View).
var importProbe = views.ImportProbe{
	FileKind:  app.ImportFileKind,
	Zone:      func(name string) error { _, err := app.TimeZone(name); return err },
	ColumnMap: app.ParseColumnMap,
}
