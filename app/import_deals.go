package app

// Taking a CRM's deals (HubSpot deals, Salesforce opportunities, a plain
// sales pipeline) into the book as opportunities; a won deal is an order too.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// dealKey is what makes two deals one without a CRM id: the title, the
// close date and the value.
func dealKey(o *domain.Opportunity) string {
	return domain.Fold(o.Title) + "|" + o.CloseDate.String() + "|" + o.Value.String()
}

// stageMapping says how the file's stages were read, e.g. "Won → won,
// Engaging → propose".
func stageMapping(stages map[string]domain.OppStage) string {
	var parts []string
	for from, to := range stages {
		parts = append(parts, fmt.Sprintf("%s → %s", domain.Excerpt(from, 40), to))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// applyDeals adds each deal to its account as an opportunity (matched by the
// CRM's id, else by title, close date and value: found, it is updated), and
// a deal won here for the first time as an order of its value on its close
// day, which feeds the revenue KPIs and the expansion rules.
func applyDeals(tx *store.Tx, p *formats.ParsedCSV, prefer bool, res *ImportResult) error {
	source := csvSource(p.Columns)
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	type known struct {
		list  []domain.Opportunity
		keys  map[string]int
		added map[int]bool // the deals added by earlier rows of the file
	}
	have := map[uint64]*known{}
	orders := 0
	book := &wonDeals{}
	for _, r := range p.Deals {
		id, why := x.ref(r.Account)
		if why != "" {
			res.Rejected = append(res.Rejected, refError(r.Account, r.Row, why))
			continue
		}
		k := have[id]
		if k == nil {
			os, err := tx.Opportunities(id)
			if err != nil {
				return err
			}
			k = &known{list: os, keys: map[string]int{}, added: map[int]bool{}}
			for i := range os {
				if os[i].ExternalID != "" {
					k.keys["id:"+idKey(os[i].ExternalID)] = i
				}
				k.keys[dealKey(&os[i])] = i
			}
			have[id] = k
		}
		o := r.Deal
		o.AccountID = id
		at, ok := -1, false
		if o.ExternalID != "" {
			at, ok = k.keys["id:"+idKey(o.ExternalID)]
		}
		if !ok { // by content, unless both have CRM ids (then they differ)
			if at, ok = k.keys[dealKey(&o)]; ok && o.ExternalID != "" && k.list[at].ExternalID != "" {
				at, ok = -1, false
			}
		}
		wonNow := o.Stage == domain.OppWon
		held := false // the file unwins a win that moved the book: it stays won, a conflict at each import
		unchanged := func() {
			switch {
			case held: // a conflict, never unchanged
			case k.added[at]:
				res.Repeated++
			default:
				res.Skipped++
			}
		}
		if ok {
			old := k.list[at]
			if old.Stage == domain.OppWon && o.Stage != domain.OppWon {
				h, err := tx.ARRHistory(id)
				if err != nil {
					return err
				}
				if held = domain.MovedTheBook(&old, h); held {
					res.Conflicts++
					ch := domain.FieldChange{Field: "stage", Old: jsonString(string(old.Stage)), New: jsonString(string(o.Stage)), Conflict: true, Kept: "book"}
					if err := noteChanges(tx, res, id, "opportunity "+old.Title, []domain.FieldChange{ch}); err != nil {
						return err
					}
					res.Notes = append(res.Notes, fmt.Sprintf("row %d (column %q): %q was won on %s and moved the book (its ARR, and a renewal's date): it stays won whatever the file says; if the win was a mistake, delete the opportunity and correct the account",
						r.Row, stageColumn(p), domain.Excerpt(old.Title, 60), old.ClosedOn))
					o.Stage, o.ClosedOn, o.Probability = old.Stage, old.ClosedOn, old.Probability
				}
			}
			o.ID, o.UID = old.ID, old.UID
			if o.ExternalID == "" {
				o.ExternalID = old.ExternalID
			}
			if old.UID != "" { // in the book: merged field by field (import_merge.go)
				merged, changes, err := mergeFromFile(tx, source, old.UID, old, o, prefer)
				if err != nil {
					return err
				}
				res.Conflicts += conflictsOf(changes)
				if err := noteChanges(tx, res, id, "opportunity "+old.Title, changes); err != nil {
					return err
				}
				if !changesWrite(changes, prefer) {
					unchanged()
					continue
				}
				o = merged
				o.Move(o.Stage, o.ClosedOn)
			}
			if old == o {
				unchanged()
				continue
			}
			wonNow = wonNow && old.Stage != domain.OppWon
		}
		if err := tx.PutOpportunity(&o); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		if ok {
			k.list[at] = o
			res.Updated++
		} else {
			k.list = append(k.list, o)
			at = len(k.list) - 1
			k.added[at] = true
			res.New++
			if err := recordBase(tx, source, o.UID, &o); err != nil { // what this source gave, for the next import
				return err
			}
		}
		if o.ExternalID != "" {
			k.keys["id:"+idKey(o.ExternalID)] = at
		}
		k.keys[dealKey(&o)] = at
		if wonNow {
			if err := book.won(tx, id, &r, &o); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
		}
		if wonNow && o.Value.Amount > 0 {
			ord := domain.Order{AccountID: id, Date: o.ClosedOn, Amount: o.Value}
			if err := tx.PutOrder(&ord); err != nil {
				return fmt.Errorf("row %d: the order of a won deal: %w", r.Row, err)
			}
			orders++
		}
	}
	if len(p.Stages) > 0 {
		res.Notes = append(res.Notes, "stages read as tend's: "+stageMapping(p.Stages))
	}
	if orders > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d won deal(s) recorded as orders (their value on their close date)", orders))
	}
	res.Notes = append(res.Notes, book.notes()...)
	return nil
}

func stageColumn(p *formats.ParsedCSV) string {
	for i, f := range p.Fields {
		if f == "stage" {
			return p.Columns[i]
		}
	}
	return "stage"
}

// wonDeals moves the book for the deals an import finds won for the first
// time, as winning them in tend does (domain.Won, see moveBook): a renewal
// rolls the renewal date and sets the ARR (the deal's value, else the ARR as
// it is) from the close date, an expansion, upsell or cross-sell raises the
// ARR by its value from the close date. Only for an account that is a
// customer on that day (a contract start on or before it, not closed), only
// for a deal whose type says its kind (a CRM's "Type"/"Deal Type" column:
// "New Business" is no expansion, and a deal without a type says nothing),
// and only once: a win the ARR history already holds moves nothing again.
// Each deal left alone is counted, for the summary.
type wonDeals struct {
	raised, renewed            int
	prospects, newBiz, untyped int
	alreadyThere               int
	untypedValues              map[string]bool
	refused                    []string
}

func (w *wonDeals) won(tx *store.Tx, id uint64, r *formats.DealRow, o *domain.Opportunity) error {
	a, err := tx.Account(id)
	if err != nil {
		return err
	}
	if !domain.CustomerOn(a.Stage, a.ContractStart, a.ClosedOn, o.ClosedOn) {
		w.prospects++
		return nil
	}
	switch r.Grows {
	case formats.GrowsNew:
		w.newBiz++
		return nil
	case formats.GrowsUnknown:
		w.untyped++
		if r.Type != "" {
			if w.untypedValues == nil {
				w.untypedValues = map[string]bool{}
			}
			w.untypedValues[domain.Excerpt(r.Type, 30)] = true
		}
		return nil
	}
	h, err := tx.ARRHistory(id)
	if err != nil {
		return err
	}
	if domain.MovedTheBook(o, h) {
		w.alreadyThere++
		return nil
	}
	ch, changed, err := domain.Won(&a, nil, o, domain.WinTerms{})
	if err != nil {
		w.refused = append(w.refused, fmt.Sprintf("row %d: won deal %q left ARR alone: %s", r.Row, domain.Excerpt(o.Title, 60), OneLine(err)))
		return nil
	}
	if !changed {
		return nil
	}
	if err := tx.PutAccountWith(&a, &ch); err != nil {
		return err
	}
	if o.Kind == domain.OppRenewal {
		w.renewed++
	} else {
		w.raised++
	}
	return nil
}

func (w *wonDeals) notes() []string {
	var out []string
	if w.raised > 0 {
		out = append(out, fmt.Sprintf("%d won deal(s) (upsell, expansion, cross-sell) raised ARR by their value from their close date", w.raised))
	}
	if w.renewed > 0 {
		out = append(out, fmt.Sprintf("%d won renewal(s) rolled the renewal date by 12 months and set the ARR from their close date", w.renewed))
	}
	if w.prospects > 0 {
		out = append(out, fmt.Sprintf("%d won deal(s) on prospects (no contract start on their close date) left ARR alone", w.prospects))
	}
	if w.newBiz > 0 {
		out = append(out, fmt.Sprintf("%d won new-business deal(s) left ARR alone: a new customer's ARR starts at its contract start", w.newBiz))
	}
	if w.untyped > 0 {
		why := "the file has no deal type column"
		if len(w.untypedValues) > 0 {
			var vs []string
			for v := range w.untypedValues {
				vs = append(vs, fmt.Sprintf("%q", v))
			}
			sort.Strings(vs)
			why = "their type (" + strings.Join(vs, ", ") + ", or none) is not upsell, expansion, cross-sell or renewal"
		}
		out = append(out, fmt.Sprintf("%d won deal(s) left ARR alone: %s; a column such as \"Deal Type\" (Upsell, Existing Business, Renewal) says which deals move it, or --map 'Column=kind'", w.untyped, why))
	}
	if w.alreadyThere > 0 {
		out = append(out, fmt.Sprintf("%d won deal(s) had moved the book already (their win is in the ARR history)", w.alreadyThere))
	}
	return append(out, w.refused...)
}
