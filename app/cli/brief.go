package cli

import (
	"flag"
	"io"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/store/formats"
)

var briefFormats = []string{"md", "json"}

func briefCommand() *command {
	return &command{Name: "brief", Short: "the pre-call brief of an account: talking points, people, promises, notes",
		Usage: "brief ACCOUNT [--format md|json]",
		Long: "What to know before a call, on one page: talking points derived from the records (each citing\n" +
			"the records it comes from, kind and #N), who is likely on the call and when we last spoke with\n" +
			"each, open and overdue items, the last notes with their sentiment, open opportunities and risks,\n" +
			"the renewal and its notice window, health with its 30-day trend, goals off track.\n" +
			"ACCOUNT is a name (or a unique part of one) or #ID. In the cockpit: b on an account.\n\n" +
			"Examples:\n  tend brief acme\n  tend brief '#12' --format json | jq '.talking_points'\n\n",
		Define: briefCmd}
}

func briefCmd(fs *flag.FlagSet) runFunc {
	format := enum(fs, "format", "md", briefFormats, "md (Markdown, for reading) or json")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("brief needs one ACCOUNT (a name or #ID)")
		}
		if *format != "md" && *format != "json" {
			return usagef("--format: want md or json")
		}
		b, err := app.FindBrief(c.store(), pos[0], c.today())
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(c.env.Stdout, b)
		}
		_, err = io.WriteString(c.env.Stdout, formats.CallBrief(&b))
		return err
	}
}
