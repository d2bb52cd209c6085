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
func applyDeals(tx *store.Tx, p *formats.ParsedCSV, res *ImportResult) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	type known struct {
		list []domain.Opportunity
		keys map[string]int
	}
	have := map[uint64]*known{}
	orders := 0
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
			k = &known{list: os, keys: map[string]int{}}
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
		if ok {
			old := k.list[at]
			o.ID, o.UID = old.ID, old.UID
			if o.ExternalID == "" {
				o.ExternalID = old.ExternalID
			}
			if old == o {
				res.Skipped++
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
			res.New++
		}
		if o.ExternalID != "" {
			k.keys["id:"+idKey(o.ExternalID)] = at
		}
		k.keys[dealKey(&o)] = at
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
	return nil
}
