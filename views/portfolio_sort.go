package views

import "strings"

// ColumnNames are the portfolio's columns by name (lower case), in order:
// the names the config file's portfolio sort takes.
func ColumnNames() []string {
	out := make([]string, numColumns)
	for i, t := range columnTitles {
		out[i] = strings.ToLower(t)
	}
	return out
}

// ColumnNamed is the column called name (any case), if there is one.
func ColumnNamed(name string) (Column, bool) {
	for i, t := range columnTitles {
		if strings.EqualFold(t, name) {
			return Column(i), true
		}
	}
	return 0, false
}

// Name is the column's name, in lower case.
func (c Column) Name() string {
	if c < 0 || c >= numColumns {
		return ""
	}
	return strings.ToLower(columnTitles[c])
}
