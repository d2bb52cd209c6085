package cli

import (
	"bufio"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// searchHit is one line of tend search --json.
type searchHit struct {
	AccountID uint64    `json:"account_id"`
	Account   string    `json:"account"`
	Kind      string    `json:"kind"`
	RecordID  uint64    `json:"record_id,omitempty"`
	Field     string    `json:"field,omitempty"`
	Label     string    `json:"label"`             // a note's #N, a contact's name, a record's title
	Channel   string    `json:"channel,omitempty"` // a note's: call, email, meeting…
	Date      time.Time `json:"date"`
	Score     float64   `json:"score"`
	Snippet   string    `json:"snippet"`
	Marks     [][2]int  `json:"marks"` // byte ranges of snippet that match
}

func searchCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON (with the byte ranges of the matches)")
	limit := fs.Int("limit", 20, "at most this many results")
	return func(c *call, args []string) error {
		text := strings.TrimSpace(strings.Join(args, " "))
		if text == "" {
			return usagef("search: what to look for is missing (tend search WORDS…)")
		}
		if *limit < 1 {
			return usagef("search: --limit must be at least 1")
		}
		st := c.store()
		if err := app.Probe(st); err != nil {
			return err
		}
		if !app.SearchIndexExists(st) {
			fmt.Fprintln(c.env.Stderr, "tend: building the search index from the book (once; about a minute per 100,000 accounts)…")
		}
		res, err := app.Search(st, text, c.today(), *limit, true)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]searchHit, 0, len(res.Hits))
			for _, h := range res.Hits {
				marks := h.Marks
				if marks == nil {
					marks = [][2]int{}
				}
				hit := searchHit{AccountID: h.Acct, Account: h.Account, Kind: h.Kind, RecordID: h.RecID, Field: h.Field, Label: h.Label,
					Date: h.Date, Score: h.Score, Snippet: h.Snippet, Marks: marks}
				if h.Kind == domain.TextNote {
					hit.Label, hit.Channel = fmt.Sprintf("#%d", h.RecID), h.Label
				}
				out = append(out, hit)
			}
			return writeJSON(c.env.Stdout, out)
		}
		if len(res.Hits) == 0 {
			if res.Why != "" {
				fmt.Fprintln(c.env.Stderr, "nothing found: "+res.Why)
				return nil
			}
			fmt.Fprintln(c.env.Stderr, "nothing found")
			return nil
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		df := c.settings().DateFormat
		for _, h := range res.Hits {
			fmt.Fprintf(w, "%s  %s  %s  %s\n", domain.DateOf(h.Date).Format(df), views.Fit(h.Account, 24), views.Fit(h.Kind, 11), bracketed(h.Snippet, h.Marks))
		}
		if res.Total > len(res.Hits) {
			fmt.Fprintf(c.env.Stderr, "%d of %d shown (--limit)\n", len(res.Hits), res.Total)
		}
		return nil
	}
}

// bracketed puts the matches of s in [brackets].
func bracketed(s string, marks [][2]int) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(s) {
			continue
		}
		b.WriteString(s[at:m[0]])
		b.WriteString("[" + s[m[0]:m[1]] + "]")
		at = m[1]
	}
	b.WriteString(s[at:])
	return b.String()
}
