package app

// An edit made in a form lands on the record as it is stored when the form
// is saved, not as it was when the form opened: only the fields the person
// changed are written, so that a change made elsewhere meanwhile (another
// cockpit, a script, a won renewal) is kept. A field changed both here and
// elsewhere, differently, is a conflict: nothing is saved and the message
// names the fields.

import (
	"slices"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// overEdit writes onto cur (the record as stored now) the fields that mine
// (what the form gives) changed from was (what the form opened with).
func overEdit[T any](what string, was, mine T, cur *T) error {
	fw, err := domain.FieldsOf(&was)
	if err != nil {
		return err
	}
	fm, err := domain.FieldsOf(&mine)
	if err != nil {
		return err
	}
	fc, err := domain.FieldsOf(cur)
	if err != nil {
		return err
	}
	out := domain.Fields{}
	var clash []string
	for k := range union(fw, fm) {
		if fm[k] == fw[k] {
			continue // not changed here: what is stored stays
		}
		if fc[k] != fw[k] && fc[k] != fm[k] {
			clash = append(clash, fieldWords(strings.SplitN(k, ".", 2)[0]))
			continue
		}
		out[k] = fm[k]
	}
	if len(clash) > 0 {
		slices.Sort(clash)
		return domain.Errorf(domain.ECONFLICT, "%s was changed elsewhere while you edited it (%s); open it again to see the change",
			what, strings.Join(slices.Compact(clash), ", "))
	}
	return domain.ApplyFields(cur, out)
}

func union(a, b domain.Fields) map[string]bool {
	u := make(map[string]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// overAny is overEdit on record values of the kinds app.Rec holds; values of
// other types (strategies, steps: matched by their text already) are mine.
func overAny(what string, was, mine, cur any) (any, error) {
	switch mine.(type) {
	case domain.Contact:
		return overTyped[domain.Contact](what, was, mine, cur)
	case domain.Interaction:
		return overTyped[domain.Interaction](what, was, mine, cur)
	case domain.ActionItem:
		return overTyped[domain.ActionItem](what, was, mine, cur)
	case domain.Goal:
		return overTyped[domain.Goal](what, was, mine, cur)
	case domain.Opportunity:
		w, ok1 := was.(domain.Opportunity)
		c, ok2 := cur.(domain.Opportunity)
		if ok1 && ok2 {
			if err := closedMeanwhile(what, w, c); err != nil {
				return nil, err
			}
		}
		return overTyped[domain.Opportunity](what, was, mine, cur)
	case domain.Risk:
		return overTyped[domain.Risk](what, was, mine, cur)
	case domain.Win:
		return overTyped[domain.Win](what, was, mine, cur)
	case domain.SurveyResponse:
		return overTyped[domain.SurveyResponse](what, was, mine, cur)
	case domain.Order:
		return overTyped[domain.Order](what, was, mine, cur)
	case domain.ChecklistItem:
		return overTyped[domain.ChecklistItem](what, was, mine, cur)
	}
	return mine, nil
}

// closedMeanwhile refuses an edit of an opportunity that was open when the
// form opened and has been won or lost since: its win may have moved the
// book by the value the form would now change.
func closedMeanwhile(what string, was, cur domain.Opportunity) error {
	if was.Open() && !cur.Open() {
		return domain.Errorf(domain.ECONFLICT, "%s was %s elsewhere while you edited it; open it again to see it", what, cur.Stage)
	}
	return nil
}

func overTyped[T any](what string, was, mine, cur any) (any, error) {
	w, ok1 := was.(T)
	c, ok2 := cur.(T)
	if !ok1 || !ok2 {
		return mine, nil
	}
	err := overEdit(what, w, mine.(T), &c)
	return c, err
}

// fieldWords names a record's field (its JSON name) as a person says it.
func fieldWords(f string) string {
	switch f {
	case "summary":
		return "text"
	case "arr":
		return "ARR"
	}
	return strings.ReplaceAll(f, "_", " ")
}
