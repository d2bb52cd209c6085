package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tend-cli/tend/app/config"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// configCommand is `tend config`: the settings file.
func configCommand() *command {
	return &command{Name: "config", Short: "the settings file: theme, owner, currency, editor, keys",
		Usage: "config init|path|show|edit",
		Subs: []*command{
			{Name: "init", Short: "write the settings file, every setting commented with its default",
				Usage:  "config init",
				Long:   "Writes the settings file (tend config path) with every setting tend knows, commented out with its default. It never replaces an existing file.\n\nExample:\n  tend config init && tend config edit\n\n",
				Define: configInitCmd},
			{Name: "path", Short: "print where the settings file is",
				Usage:  "config path",
				Long:   "Prints the settings file's path: --config, else $TEND_CONFIG, else $XDG_CONFIG_HOME/tend/config.toml.\n\nExample:\n  tend config path\n\n",
				Define: configPathCmd},
			{Name: "show", Short: "print the settings in effect",
				Usage:  "config show",
				Long:   "Prints the settings in effect (the file's, else the defaults) as a settings file; a mistake in the file is said on stderr.\n\nExample:\n  tend config show\n\n",
				Define: configShowCmd},
			{Name: "edit", Short: "open the settings file in your editor",
				Usage:  "config edit",
				Long:   "Opens the settings file (written first by tend config init when there is none) in the config's editor, else $VISUAL, else $EDITOR, else nano, else vi; then checks it.\n\nExample:\n  EDITOR=vim tend config edit\n\n",
				Define: configEditCmd},
		}}
}

// configPath is the settings file of this call.
func (c *call) configPath() string { return config.Path(c.g.config, c.env.Getenv) }

// settings are the settings in effect; a mistake in the file is said on
// stderr (once) and the defaults are used.
func (c *call) settings() config.Settings {
	s, err := config.Load(c.configPath())
	if err != nil && !c.configSaid {
		c.configSaid = true
		fmt.Fprintf(c.env.Stderr, "tend: %s\n", err)
	}
	return s
}

func configInitCmd(*flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) > 0 {
			return usagef("config init takes no arguments")
		}
		path := c.configPath()
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists; edit it (tend config edit) or remove it first", domain.Printable(path))
		}
		if err := writeDefaultConfig(path); err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "wrote %s\n", path)
		return nil
	}
}

func writeDefaultConfig(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return store.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, config.Write(config.Defaults(), true))
		return err
	})
}

func configPathCmd(*flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) > 0 {
			return usagef("config path takes no arguments")
		}
		fmt.Fprintln(c.env.Stdout, c.configPath())
		return nil
	}
}

func configShowCmd(*flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) > 0 {
			return usagef("config show takes no arguments")
		}
		fmt.Fprintf(c.env.Stdout, "# %s\n", c.configPath())
		fmt.Fprint(c.env.Stdout, config.Write(c.settings(), false))
		return nil
	}
}

func configEditCmd(*flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) > 0 {
			return usagef("config edit takes no arguments")
		}
		path := c.configPath()
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if err := writeDefaultConfig(path); err != nil {
				return err
			}
		}
		s, _ := config.Load(path)
		editor := firstSet(s.Editor, c.env.Getenv("VISUAL"), c.env.Getenv("EDITOR"))
		if editor == "" {
			for _, e := range []string{"nano", "vi"} {
				if _, err := exec.LookPath(e); err == nil {
					editor = e
					break
				}
			}
			if editor == "" {
				return errors.New("no editor: set $EDITOR (or editor in the settings file), or install nano or vi")
			}
			fmt.Fprintf(c.env.Stderr, "tend: $EDITOR is not set; opening %s\n", editor)
		}
		cmd := exec.Command("sh", "-c", editor+` "$1"`, "sh", path)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", editor, err)
		}
		if _, err := config.Load(path); err != nil {
			fmt.Fprintf(c.env.Stderr, "tend: %s\n", err)
		}
		return nil
	}
}

func firstSet(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// currency is the --currency flag if given, else the settings' currency.
func (c *call) currency(fs *flag.FlagSet, flagValue string) string {
	if set(fs, "currency") {
		return strings.ToUpper(flagValue)
	}
	return c.settings().Currency
}
