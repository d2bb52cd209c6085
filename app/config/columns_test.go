package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/tend-cli/tend/views"
)

// [portfolio] columns: the columns shown, in the order given.
func TestPortfolioColumns(t *testing.T) {
	s, err := Parse("c.toml", "[portfolio]\nsort = \"arr\"\ncolumns = [\"name\", \"health\", \"ARR\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []views.Column{views.ColName, views.ColHealth, views.ColARR}
	if !slices.Equal(s.Columns, want) {
		t.Errorf("columns: %v, want %v", s.Columns, want)
	}
	if !strings.Contains(Write(s, false), "\ncolumns = [\"name\", \"health\", \"arr\"]\n") {
		t.Errorf("show lacks the columns:\n%s", Write(s, false))
	}
	back, err := Parse("c.toml", Write(s, false))
	if err != nil || !slices.Equal(back.Columns, want) {
		t.Errorf("show reads back as %v (%v)", back.Columns, err)
	}
	// Without the setting: every column, and init writes them all.
	if d := Defaults(); d.Columns != nil {
		t.Errorf("default columns: %v", d.Columns)
	}
	if !strings.Contains(Write(Defaults(), true), "\n# columns = [\""+strings.Join(views.ColumnNames(), "\", \"")+"\"]\n") {
		t.Errorf("init lacks the columns")
	}

	for _, tc := range []struct{ name, file, says string }{
		{"unknown", "[portfolio]\ncolumns = [\"name\", \"revenue\"]\n", "revenue is not a portfolio column: want name, tier"},
		{"repeated", "[portfolio]\ncolumns = [\"name\", \"arr\", \"arr\"]\n", `"arr" is listed twice`},
		{"repeated in another case", "[portfolio]\ncolumns = [\"name\", \"arr\", \"ARR\"]\n", `"ARR" is listed twice`},
		{"without name", "[portfolio]\ncolumns = [\"arr\", \"health\"]\n", `"name" is missing`},
		{"empty", "[portfolio]\ncolumns = []\n", "want a list of columns"},
		{"not a list", "[portfolio]\ncolumns = \"name\"\n", "want a list of columns"},
		{"not a string", "[portfolio]\ncolumns = [\"name\", 3]\n", "3 is not a portfolio column"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("/x/config.toml", tc.file)
			p := problem(t, err)
			if p.Line != 2 || p.Setting != "portfolio.columns" || !strings.Contains(p.Msg, tc.says) {
				t.Errorf("got line %d setting %q msg %q; want line 2 with %q", p.Line, p.Setting, p.Msg, tc.says)
			}
			if !strings.HasPrefix(err.Error(), "config /x/config.toml:2: portfolio.columns: ") || s.Columns != nil {
				t.Errorf("message %s, columns %v", err, s.Columns)
			}
		})
	}
}
