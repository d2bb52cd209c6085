package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// mainHelp is `tend --help`: how to start the cockpit, then the table's
// commands with their Short, then the global flags.
func mainHelp() string {
	var b strings.Builder
	b.WriteString(`tend — a terminal cockpit for account managers.

Usage:
  tend [--db PATH]                 open the cockpit on your book
  tend --demo                      open the cockpit on a fresh demo book (your data is not touched)
  tend COMMAND [ARGS] [FLAGS]      run a command

Commands:
`)
	for _, c := range commandTable() {
		if c.Subs == nil {
			fmt.Fprintf(&b, "  %-22s %s\n", c.Name, c.Short)
			continue
		}
		for _, s := range c.Subs {
			fmt.Fprintf(&b, "  %-22s %s\n", c.Name+" "+s.Name, s.Short)
		}
	}
	b.WriteString("\nEvery command has --help with examples: tend COMMAND --help.\n\nGlobal flags (before or after the command):\n")
	for _, g := range globalFlags {
		fmt.Fprintf(&b, "  %-22s %s\n", "--"+strings.TrimSpace(g.name+" "+g.value), g.usage)
	}
	b.WriteString("\nFlags may come before or after the arguments; -- ends them (tend note acme -- --text).\nExit status: 0 ok, 1 error, 2 usage (also an account name matching several accounts given to a\ncommand that writes; a reading command exits 1).\n")
	return b.String()
}

// commandHelp is `tend COMMAND --help` without the flags (the flag set adds
// them): the usage, what it does and examples; for a command of
// subcommands, the list of them.
func commandHelp(c *command, path string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: tend %s\n\n%s.\n\n", c.Usage, capitalize(c.Short))
	if c.Subs != nil {
		b.WriteString("Commands:\n")
		for _, s := range c.Subs {
			fmt.Fprintf(&b, "  %-22s %s\n", path+" "+s.Name, s.Short)
		}
		fmt.Fprintf(&b, "\nRun 'tend %s SUBCOMMAND --help' for its flags and examples.\n", path)
		return b.String()
	}
	b.WriteString(c.Long)
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// printFlags lists fs's flags as --name VALUE, with their usage and
// default, then the global flags every command takes.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	var b strings.Builder
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		if n == 0 {
			b.WriteString("Flags:\n")
		}
		n++
		left := "  --" + f.Name
		if v := flagValueName(f); v != "" {
			left += " " + v
		}
		_, usage := flag.UnquoteUsage(f)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "map[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		if len(left) > 26 {
			fmt.Fprintf(&b, "%s\n%28s%s\n", left, "", usage)
		} else {
			fmt.Fprintf(&b, "%-26s  %s\n", left, usage)
		}
	})
	if n > 0 {
		b.WriteString("\n")
	}
	b.WriteString("Global flags: --db PATH (the data file), --help; see tend --help.\n")
	fmt.Fprint(w, b.String())
}

// flagValueName is what a flag's value is called in help: its allowed
// values, the `NAME` quoted in its usage, or its type; "" for a bool.
func flagValueName(f *flag.Flag) string {
	if e, ok := f.Value.(*enumValue); ok {
		return strings.Join(e.allowed, "|")
	}
	name, _ := flag.UnquoteUsage(f)
	switch name {
	case "string", "value":
		return strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
	case "int", "uint":
		return "N"
	}
	return name
}

// helpCmd is `tend help [COMMAND [SUBCOMMAND]]`.
func helpCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, args []string) error {
		if len(args) == 0 {
			fmt.Fprint(c.env.Stdout, mainHelp())
			return nil
		}
		args = append(args, "--help")
		return dispatch(commandTable(), args, c)
	}
}
