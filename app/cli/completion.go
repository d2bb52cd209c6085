package cli

import (
	"flag"
	"fmt"
	"sort"
	"strings"
)

// compEntry is what a shell completes after one command path: its
// subcommands, its positional arguments, its flags.
type compEntry struct {
	path  string // "" for tend itself, "account", "account add"
	short string
	subs  []*command
	args  []string // values, or argFiles
	flags []compFlag
}

type compFlag struct {
	name, usage string
	takesValue  bool
	values      []string // an enum's allowed values
	file        bool
}

// completionEntries walks the command table into what the generators need.
func completionEntries() []compEntry {
	table := commandTable()
	var out []compEntry
	root := compEntry{subs: table}
	for _, g := range globalFlags {
		root.flags = append(root.flags, compFlag{name: g.name, usage: g.usage, takesValue: g.value != "", file: fileFlags[g.name]})
	}
	out = append(out, root)
	var walk func(prefix string, c *command)
	walk = func(prefix string, c *command) {
		path := strings.TrimSpace(prefix + " " + c.Name)
		e := compEntry{path: path, short: c.Short, subs: c.Subs, args: c.Args}
		if c.Define != nil {
			fs := flag.NewFlagSet(path, flag.ContinueOnError)
			c.Define(fs)
			fs.VisitAll(func(f *flag.Flag) {
				cf := compFlag{name: f.Name, file: fileFlags[f.Name]}
				_, cf.usage = flag.UnquoteUsage(f)
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
					cf.takesValue = true
				}
				if ev, ok := f.Value.(*enumValue); ok {
					cf.values = ev.allowed
				}
				e.flags = append(e.flags, cf)
			})
		}
		e.flags = append(e.flags, compFlag{name: "db", usage: "data file", takesValue: true, file: true}, compFlag{name: "help", usage: "show help"})
		out = append(out, e)
		for _, s := range c.Subs {
			walk(path, s)
		}
	}
	for _, c := range table {
		walk("", c)
	}
	return out
}

// aliasCases maps each alias to its name, for the shells' path normalisation.
func aliasCases() (top, sub map[string]string) {
	top, sub = map[string]string{}, map[string]string{}
	for _, c := range commandTable() {
		for _, a := range c.Aliases {
			top[a] = c.Name
		}
		for _, s := range c.Subs {
			for _, a := range s.Aliases {
				sub[c.Name+" "+a] = c.Name + " " + s.Name
			}
		}
	}
	return top, sub
}

// groups lists the commands that have subcommands.
func groups() []string {
	var g []string
	for _, c := range commandTable() {
		if c.Subs != nil {
			g = append(g, c.Name)
		}
	}
	return g
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// words of e for a shell's word list: subcommands, values, then flags.
func (e compEntry) words() []string {
	var w []string
	for _, s := range e.subs {
		w = append(w, s.Name)
	}
	for _, a := range e.args {
		if a != argFiles {
			w = append(w, a)
		}
	}
	for _, f := range e.flags {
		w = append(w, "--"+f.name)
	}
	return w
}

func (e compEntry) fileArgs() bool {
	for _, a := range e.args {
		if a == argFiles {
			return true
		}
	}
	return false
}

// shq quotes s for a POSIX shell (and fish) in single quotes.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// fishq quotes s for fish, where a backslash escapes in single quotes.
func fishq(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// The three scripts find the command being completed the same way: the
// first word that is not a flag (nor --db's value), and for a command of
// subcommands the second; aliases are mapped to names. Then a case per
// command path offers its subcommands, arguments and flags, and after an
// enum flag its allowed values.

// writeCommandPath writes the part bash and zsh share: scan the words typed
// before the cursor (loop is the for clause over them, words their array)
// for the command and subcommand, resolve aliases, and leave the command
// path ("account add") in the variable pathVar.
func writeCommandPath(b *strings.Builder, loop, words, pathVar string) {
	top, sub := aliasCases()
	fmt.Fprintf(b, "  for ((%s; i++)); do\n    w=${%s[i]}\n    case $w in\n", loop, words)
	b.WriteString("      --db) ((i++)) ;;\n      -*) ;;\n")
	b.WriteString("      *) if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $sub ]]; then sub=$w; fi ;;\n    esac\n  done\n")
	b.WriteString("  case $cmd in\n")
	for _, a := range sortedKeys(top) {
		fmt.Fprintf(b, "    %s) cmd=%s ;;\n", a, top[a])
	}
	fmt.Fprintf(b, "  esac\n  local %s=$cmd\n  case $cmd in\n", pathVar)
	fmt.Fprintf(b, "    %s) [[ -n $sub ]] && %s=\"$cmd $sub\" ;;\n", strings.Join(groups(), "|"), pathVar)
	fmt.Fprintf(b, "  esac\n  case $%s in\n", pathVar)
	for _, a := range sortedKeys(sub) {
		fmt.Fprintf(b, "    %s) %s=%s ;;\n", shq(a), pathVar, shq(sub[a]))
	}
	b.WriteString("  esac\n")
	// a group with a default subcommand (tend note ACCOUNT TEXT) completes as it
	for _, d := range defaults() {
		fmt.Fprintf(b, "  case $%s in\n    %s) ;;\n    %s) %s=%s ;;\n  esac\n", pathVar, strings.Join(d.known, "|"), shq(d.group+" ")+"*", pathVar, shq(d.path))
	}
}

// defaultSub is a group's default subcommand, for the completions: a path
// of the group that names none of its subcommands completes as path.
type defaultSub struct {
	group, path string
	known       []string // the group's own paths, quoted
}

func defaults() []defaultSub {
	var out []defaultSub
	for _, c := range commandTable() {
		if c.Default == "" {
			continue
		}
		d := defaultSub{group: c.Name, path: c.Name + " " + c.Default}
		for _, s := range c.Subs {
			d.known = append(d.known, shq(c.Name+" "+s.Name))
			for _, a := range s.Aliases {
				d.known = append(d.known, shq(c.Name+" "+a))
			}
		}
		out = append(out, d)
	}
	return out
}

// bashCompletion is the bash script.
func bashCompletion() string {
	var b strings.Builder
	b.WriteString("# tend completion for bash (generated from tend's command table): source <(tend completion bash)\n")
	b.WriteString("_tend() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n")
	b.WriteString("  local cmd='' sub='' i w\n")
	writeCommandPath(&b, "i = 1; i < COMP_CWORD", "COMP_WORDS", "p")
	b.WriteString("  case $p in\n")
	for _, e := range completionEntries() {
		fmt.Fprintf(&b, "    %s)\n      case $prev in\n", shq(e.path))
		var free []string
		for _, f := range e.flags {
			switch {
			case len(f.values) > 0:
				fmt.Fprintf(&b, "        --%s) COMPREPLY=($(compgen -W %s -- \"$cur\")); return ;;\n", f.name, shq(strings.Join(f.values, " ")))
			case f.file:
				fmt.Fprintf(&b, "        --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f.name)
			case f.takesValue:
				free = append(free, "--"+f.name)
			}
		}
		if len(free) > 0 {
			fmt.Fprintf(&b, "        %s) return ;;\n", strings.Join(free, "|"))
		}
		b.WriteString("      esac\n")
		if e.fileArgs() {
			b.WriteString("      [[ $cur != -* ]] && { COMPREPLY=($(compgen -f -- \"$cur\")); return; }\n")
		}
		fmt.Fprintf(&b, "      COMPREPLY=($(compgen -W %s -- \"$cur\")) ;;\n", shq(strings.Join(e.words(), " ")))
	}
	b.WriteString("  esac\n}\ncomplete -F _tend tend\n")
	return b.String()
}

// zshCompletion is the zsh script (a compdef file, or sourced).
func zshCompletion() string {
	var b strings.Builder
	b.WriteString("#compdef tend\n# tend completion for zsh (generated from tend's command table):\n")
	b.WriteString("#   tend completion zsh > \"${fpath[1]}/_tend\"   or   source <(tend completion zsh)\n")
	b.WriteString("_tend() {\n")
	b.WriteString("  local cmd='' sub='' w i cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n")
	// "path" is zsh's own array of $PATH: the command path is "cp".
	writeCommandPath(&b, "i = 2; i < CURRENT", "words", "cp")
	b.WriteString("  local -a cmds flags\n  case $cp in\n")
	for _, e := range completionEntries() {
		fmt.Fprintf(&b, "    %s)\n      case $prev in\n", shq(e.path))
		var free []string
		for _, f := range e.flags {
			switch {
			case len(f.values) > 0:
				fmt.Fprintf(&b, "        --%s) compadd -- %s; return ;;\n", f.name, strings.Join(f.values, " "))
			case f.file:
				fmt.Fprintf(&b, "        --%s) _files; return ;;\n", f.name)
			case f.takesValue:
				free = append(free, "--"+f.name)
			}
		}
		if len(free) > 0 {
			fmt.Fprintf(&b, "        %s) _message 'a value'; return ;;\n", strings.Join(free, "|"))
		}
		b.WriteString("      esac\n      flags=(")
		for _, f := range e.flags {
			fmt.Fprintf(&b, " %s", shq("--"+f.name+":"+zdesc(f.usage)))
		}
		b.WriteString(" )\n")
		b.WriteString("      if [[ $cur == -* ]]; then _describe -t flags 'flag' flags; return; fi\n")
		if len(e.subs) > 0 {
			b.WriteString("      cmds=(")
			for _, s := range e.subs {
				fmt.Fprintf(&b, " %s", shq(s.Name+":"+zdesc(s.Short)))
			}
			b.WriteString(" )\n      _describe -t commands 'tend command' cmds\n")
		}
		var vals []string
		for _, a := range e.args {
			if a != argFiles {
				vals = append(vals, a)
			}
		}
		if len(vals) > 0 {
			fmt.Fprintf(&b, "      compadd -- %s\n", strings.Join(vals, " "))
		}
		if e.fileArgs() {
			b.WriteString("      _files\n")
		}
		b.WriteString("      ;;\n")
	}
	b.WriteString("  esac\n}\n")
	b.WriteString("if [[ ${funcstack[1]} == _tend ]]; then _tend \"$@\"; else compdef _tend tend; fi\n")
	return b.String()
}

// zdesc makes a description safe after the ":" of a _describe entry.
func zdesc(s string) string { return strings.ReplaceAll(s, ":", `\:`) }

// fishCompletion is the fish script.
func fishCompletion() string {
	var b strings.Builder
	top, sub := aliasCases()
	b.WriteString("# tend completion for fish (generated from tend's command table):\n#   tend completion fish > ~/.config/fish/completions/tend.fish\n")
	b.WriteString("function __tend_path\n    set -l words (commandline -opc)\n    set -e words[1]\n")
	b.WriteString("    set -l cmd ''\n    set -l sub ''\n    set -l skip 0\n")
	b.WriteString("    for w in $words\n        if test $skip = 1\n            set skip 0\n            continue\n        end\n")
	b.WriteString("        switch $w\n            case --db\n                set skip 1\n            case '-*'\n            case '*'\n")
	b.WriteString("                if test -z \"$cmd\"\n                    set cmd $w\n                else if test -z \"$sub\"\n                    set sub $w\n                end\n        end\n    end\n")
	b.WriteString("    switch $cmd\n")
	for _, a := range sortedKeys(top) {
		fmt.Fprintf(&b, "        case %s\n            set cmd %s\n", a, top[a])
	}
	b.WriteString("    end\n    set -l p $cmd\n")
	fmt.Fprintf(&b, "    if contains -- $cmd %s; and test -n \"$sub\"\n        set p \"$cmd $sub\"\n    end\n", strings.Join(groups(), " "))
	b.WriteString("    switch $p\n")
	for _, a := range sortedKeys(sub) {
		fmt.Fprintf(&b, "        case %s\n            set p %s\n", fishq(a), fishq(sub[a]))
	}
	b.WriteString("    end\n")
	for _, d := range defaults() {
		fmt.Fprintf(&b, "    switch $p\n        case %s\n        case %s\n            set p %s\n    end\n", strings.Join(d.known, " "), fishq(d.group+" *"), fishq(d.path))
	}
	b.WriteString("    echo $p\nend\n\n")
	b.WriteString("function __tend_is\n    set -l p (__tend_path)\n    test \"$p\" = \"$argv\"\nend\n\n")
	b.WriteString("complete -c tend -f\n")
	for _, e := range completionEntries() {
		cond := `"__tend_is '` + e.path + `'"` // a path is words of letters
		for _, s := range e.subs {
			fmt.Fprintf(&b, "complete -c tend -n %s -a %s -d %s\n", cond, s.Name, fishq(s.Short))
		}
		var vals []string
		for _, a := range e.args {
			if a != argFiles {
				vals = append(vals, a)
			}
		}
		if len(vals) > 0 {
			fmt.Fprintf(&b, "complete -c tend -n %s -a %s\n", cond, fishq(strings.Join(vals, " ")))
		}
		if e.fileArgs() {
			fmt.Fprintf(&b, "complete -c tend -n %s -F\n", cond)
		}
		for _, f := range e.flags {
			fmt.Fprintf(&b, "complete -c tend -n %s -l %s", cond, f.name)
			switch {
			case len(f.values) > 0:
				fmt.Fprintf(&b, " -x -a %s", fishq(strings.Join(f.values, " ")))
			case f.file:
				b.WriteString(" -r -F")
			case f.takesValue:
				b.WriteString(" -x")
			}
			fmt.Fprintf(&b, " -d %s\n", fishq(f.usage))
		}
	}
	return b.String()
}

// completionCmd is `tend completion bash|zsh|fish`.
func completionCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, args []string) error {
		if len(args) != 1 {
			return usagef("completion needs a shell: bash, zsh or fish")
		}
		switch args[0] {
		case "bash":
			fmt.Fprint(c.env.Stdout, bashCompletion())
		case "zsh":
			fmt.Fprint(c.env.Stdout, zshCompletion())
		case "fish":
			fmt.Fprint(c.env.Stdout, fishCompletion())
		default:
			return usagef("completion: unknown shell %q (want bash, zsh or fish)", args[0])
		}
		return nil
	}
}
