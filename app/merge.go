package app

// Merging a record a source gives into the book's version of it, field by
// field against what that source gave last time (domain.Merge3).

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// merge3 merges one record of the file into the book's version of it: it
// returns whether the local record changed, and notes the change.
// A source that never gave the record merges against defaults (nil: none).
func merge3[T any](m *merger, ch *AccountChange, label, uid string, local, file *T, defaults domain.Fields) (bool, error) {
	var base domain.Fields
	if uid != "" {
		var err error
		if base, err = m.tx.ImportBase(m.source, uid); err != nil {
			return false, err
		}
	}
	if base == nil {
		base = defaults
	}
	lf, err := domain.FieldsOf(local)
	if err != nil {
		return false, err
	}
	ff, err := domain.FieldsOf(file)
	if err != nil {
		return false, err
	}
	// A field the file leaves empty is part of what it gives.
	for k := range lf {
		if _, ok := ff[k]; !ok && !strings.HasPrefix(k, "custom.") {
			ff[k] = ""
		}
	}
	merged, changes, newBase := domain.Merge3(base, lf, ff, m.mode.PreferFile)
	if uid != "" {
		if err := m.tx.PutImportBase(m.source, uid, newBase); err != nil {
			return false, err
		}
	}
	m.note(ch, label, changes)
	if len(merged) == 0 {
		return false, nil
	}
	return true, domain.ApplyFields(local, merged)
}

// note adds a record's field changes to the account's change.
func (m *merger) note(ch *AccountChange, label string, changes []domain.FieldChange) {
	if len(changes) == 0 {
		return
	}
	for _, c := range changes {
		if c.Conflict && c.Kept == "book" {
			m.res.Conflicts++
		}
	}
	ch.Records = append(ch.Records, RecordChange{Record: label, Action: "updated", Fields: changes})
}

// update merges an imported account into the book's account id.
func (m *merger) update(id uint64, rec *domain.AccountRecords) error {
	tx := m.tx
	cur, err := tx.AccountRecords(id)
	if err != nil {
		return err
	}
	a := cur.Account
	ch := AccountChange{Account: a.Name, ID: a.ID, Action: "updated"}
	fileAcct := rec.Account
	changed, err := merge3(m, &ch, "account", rec.Account.UID, &a, &fileAcct, accountDefaults())
	if err != nil {
		return err
	}
	if changed {
		if err := tx.PutAccountWith(&a, &domain.ARRChange{Cause: domain.CauseImport}); err != nil {
			return m.where(&a, "account", "", err)
		}
	}
	// ARR history: dates the book does not have are added; the book's own stay.
	have := map[domain.Date]bool{}
	for _, h := range cur.ARRHistory {
		have[h.Date] = true
	}
	for _, h := range rec.ARRHistory {
		if !have[h.Date] {
			h.AccountID = id
			if err := tx.PutARRChange(&h); err != nil {
				return err
			}
			ch.Records = append(ch.Records, RecordChange{Record: "ARR " + h.ARR.String() + " from " + h.Date.String(), Action: "new"})
		}
	}
	rf := refs{contacts: map[uint64]uint64{}, interactions: map[uint64]uint64{}}
	// Contacts: by UID, else (an export without UIDs) by email, else by name.
	err = mergeKids(m, &ch, id, true, cur.Contacts, rec.Contacts,
		func(c *domain.Contact) string { return c.UID },
		func(c *domain.Contact) string {
			if c.Email != "" {
				return "email:" + strings.ToLower(c.Email)
			}
			return "name:" + domain.Fold(c.Name)
		},
		func(c *domain.Contact) string { return "contact " + c.Name },
		func(file, local *domain.Contact) { rf.contacts[file.ID] = local.ID },
		func(c *domain.Contact, isNew bool) error {
			old := c.ID
			if isNew {
				c.ID = 0
			}
			c.AccountID = id
			if err := tx.PutContact(c); err != nil {
				return err
			}
			rf.contacts[old] = c.ID
			return nil
		})
	if err != nil {
		return m.where(&a, "contact", "", err)
	}
	err = mergeKids(m, &ch, id, true, cur.Interactions, rec.Interactions,
		func(x *domain.Interaction) string { return x.UID },
		func(x *domain.Interaction) string { return x.At.UTC().Format("2006-01-02T15:04:05Z") + "|" + x.Summary },
		func(x *domain.Interaction) string {
			return "interaction " + x.At.UTC().Format("2006-01-02") + " " + string(x.Channel)
		},
		func(file, local *domain.Interaction) { rf.interactions[file.ID] = local.ID },
		func(x *domain.Interaction, isNew bool) error {
			old := x.ID
			if isNew {
				x.ID, x.Attendees = 0, rf.contactList(x.Attendees)
			} else if err := tx.DeleteInteraction(id, x.ID); err != nil {
				return err // its time may have changed: it is stored again under its new key
			}
			x.AccountID = id
			if err := tx.AddInteraction(x); err != nil {
				return err
			}
			rf.interactions[old] = x.ID
			return nil
		})
	if err != nil {
		return m.where(&a, "interaction", "", err)
	}
	if err := m.mergePlan(&ch, id, rec); err != nil {
		return m.where(&a, "plan", "", err)
	}
	err = mergeKids(m, &ch, id, true, cur.ActionItems, rec.ActionItems,
		func(x *domain.ActionItem) string { return x.UID },
		func(x *domain.ActionItem) string { return domain.Fold(x.Text) + "|" + x.Due.String() },
		func(x *domain.ActionItem) string { return "action item " + cutText(x.Text, 40) },
		nil,
		func(x *domain.ActionItem, isNew bool) error {
			if isNew {
				x.ID, x.Source = 0, rf.interactions[x.Source]
			}
			x.AccountID = id
			return tx.PutActionItem(x)
		})
	if err != nil {
		return m.where(&a, "action item", "", err)
	}
	err = mergeKids(m, &ch, id, true, cur.Opportunities, rec.Opportunities,
		func(x *domain.Opportunity) string { return x.UID },
		func(x *domain.Opportunity) string { return domain.Fold(x.Title) + "|" + string(x.Kind) },
		func(x *domain.Opportunity) string { return "opportunity " + x.Title },
		nil,
		func(x *domain.Opportunity, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutOpportunity(x)
		})
	if err != nil {
		return m.where(&a, "opportunity", "", err)
	}
	err = mergeKids(m, &ch, id, true, cur.Risks, rec.Risks,
		func(x *domain.Risk) string { return x.UID },
		func(x *domain.Risk) string { return domain.Fold(x.Title) + "|" + x.Opened.String() },
		func(x *domain.Risk) string { return "risk " + x.Title },
		nil,
		func(x *domain.Risk, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutRisk(x)
		})
	if err != nil {
		return m.where(&a, "risk", "", err)
	}
	err = mergeKids(m, &ch, id, false, cur.Orders, rec.Orders,
		func(x *domain.Order) string { return x.UID },
		func(x *domain.Order) string { return x.Date.String() + "|" + x.Amount.String() },
		func(x *domain.Order) string { return "order " + x.Date.String() },
		nil,
		func(x *domain.Order, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutOrder(x)
		})
	if err != nil {
		return m.where(&a, "order", "", err)
	}
	err = mergeKids(m, &ch, id, false, cur.Surveys, rec.Surveys,
		func(x *domain.SurveyResponse) string { return x.UID },
		func(x *domain.SurveyResponse) string {
			return string(x.Kind) + "|" + x.Date.String() + "|" + fmt.Sprint(x.Score)
		},
		func(x *domain.SurveyResponse) string { return string(x.Kind) + " answer " + x.Date.String() },
		nil,
		func(x *domain.SurveyResponse, isNew bool) error {
			if isNew {
				x.ID, x.ContactID = 0, rf.contacts[x.ContactID]
			}
			x.AccountID = id
			return tx.PutSurvey(x)
		})
	if err != nil {
		return m.where(&a, "survey", "", err)
	}
	err = mergeKids(m, &ch, id, true, cur.Wins, rec.Wins,
		func(x *domain.Win) string { return x.UID },
		func(x *domain.Win) string { return domain.Fold(x.Title) + "|" + x.Date.String() },
		func(x *domain.Win) string { return "win " + x.Title },
		nil,
		func(x *domain.Win, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutWin(x)
		})
	if err != nil {
		return m.where(&a, "win", "", err)
	}
	if len(ch.Records) > 0 {
		m.res.Accounts = append(m.res.Accounts, ch)
	}
	if writes(&ch) {
		m.res.Updated++
	} else {
		m.res.Skipped++ // nothing, or only conflicts that kept the book's values
	}
	return nil
}

// writes reports whether an account's change writes anything (more than
// conflicts that keep the book's values).
func writes(ch *AccountChange) bool {
	for _, r := range ch.Records {
		if r.Action == "new" {
			return true
		}
		for _, f := range r.Fields {
			if !f.Conflict || f.Kept != "book" {
				return true
			}
		}
	}
	return false
}

// mergeKids merges one kind of an account's records: a file record whose UID
// the book has, else whose natural key it has (always for an export without
// UIDs; for records with UIDs of another book only when byContent: two orders
// or survey answers alike are still two), is merged field by field into it;
// any other is added. matched tells the caller which
// local record a file record became (to map references); put writes a record.
func mergeKids[T any](m *merger, ch *AccountChange, acct uint64, byContent bool, local, file []T,
	uid, natural, label func(*T) string, matched func(file, local *T), put func(x *T, isNew bool) error) error {
	byUID := map[string]int{}
	byKey := map[string]int{}
	for i := range local {
		if u := uid(&local[i]); u != "" {
			byUID[u] = i
		}
		if k := natural(&local[i]); k != "" {
			byKey[k] = i
		}
	}
	for i := range file {
		f := &file[i]
		j, ok := -1, false
		if u := uid(f); u != "" {
			j, ok = byUID[u]
		}
		if !ok {
			// Another book's copy of the same customer: its records have
			// UIDs of their own, but the same contact (email), note (time
			// and text) or item (text and due) is the same record here.
			if k := natural(f); k != "" && (byContent || uid(f) == "") {
				if j, ok = byKey[k]; ok {
					delete(byKey, k) // one file record per book record
				}
			}
		}
		if !ok {
			if err := m.notElsewhere(uid(f), acct, label(f)); err != nil {
				return err
			}
			x := *f
			if err := put(&x, true); err != nil {
				return err
			}
			ch.Records = append(ch.Records, RecordChange{Record: label(&x), Action: "new"})
			if err := m.putBase(uid(&x), f); err != nil {
				return err
			}
			continue
		}
		l := local[j]
		if matched != nil {
			matched(f, &l)
		}
		changed, err := merge3(m, ch, label(&l), uid(f), &l, f, nil)
		if err != nil {
			return err
		}
		if changed {
			if err := put(&l, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *merger) putBase(uid string, v any) error {
	if uid == "" {
		return nil
	}
	f, err := domain.FieldsOf(v)
	if err != nil {
		return err
	}
	return m.tx.PutImportBase(m.source, uid, f)
}

// mergePlan merges goals one by one (by UID) and the strategies and
// onboarding checklist as one record.
func (m *merger) mergePlan(ch *AccountChange, id uint64, rec *domain.AccountRecords) error {
	if rec.Plan == nil {
		return nil
	}
	p, err := m.tx.Plan(id)
	if err != nil {
		return err
	}
	changed := false
	byUID, byKey := map[string]int{}, map[string]int{}
	goalKey := func(g *domain.Goal) string { return domain.Fold(g.Title) + "|" + domain.Fold(g.Metric) }
	for i := range p.Goals {
		byUID[p.Goals[i].UID] = i
		byKey[goalKey(&p.Goals[i])] = i
	}
	for _, g := range rec.Plan.Goals {
		j, ok := byUID[g.UID]
		if !ok { // another book's, or an export without UIDs: the same title and metric is the same goal
			j, ok = byKey[goalKey(&g)]
		}
		if !ok {
			if err := m.notElsewhere(g.UID, id, "goal "+g.Title); err != nil {
				return err
			}
			g.ID = 0
			p.Goals = append(p.Goals, g)
			ch.Records = append(ch.Records, RecordChange{Record: "goal " + g.Title, Action: "new"})
			changed = true
			continue
		}
		c, err := merge3(m, ch, "goal "+p.Goals[j].Title, g.UID, &p.Goals[j], &g, nil)
		if err != nil {
			return err
		}
		changed = changed || c
	}
	body := planBody(&p)
	c, err := merge3(m, ch, "plan", planKey(rec.Account.UID), body, planBody(rec.Plan), nil)
	if err != nil {
		return err
	}
	if c {
		p.Strategies, p.Onboarding = body.Strategies, body.Onboarding
		changed = true
	}
	if !changed {
		return nil
	}
	if err := m.tx.PutPlan(&p); err != nil {
		return err
	}
	// New goals got their UIDs in PutPlan: remember what the file gave for them.
	for i := range p.Goals {
		for _, g := range rec.Plan.Goals {
			if g.UID == p.Goals[i].UID && g.UID != "" {
				if err := m.putBase(g.UID, &g); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// settings merges an export's settings: each is validated; a KPI target or
// the gross margin the book has set differently is a conflict.
func (m *merger) settings(in map[string]json.RawMessage) error {
	for name, raw := range in {
		if err := store.ValidateSetting(name, raw); err != nil {
			return err
		}
	}
	ch := AccountChange{Account: "(settings)", Action: "updated"}
	if raw, ok := in[store.SettingTargets]; ok {
		var file, book map[string]domain.Target
		if err := json.Unmarshal(raw, &file); err != nil {
			return err
		}
		if _, err := m.tx.Setting(store.SettingTargets, &book); err != nil {
			return err
		}
		if book == nil {
			book = map[string]domain.Target{}
		}
		lf, ff := domain.Fields{}, domain.Fields{}
		for k, v := range book {
			lf[k] = fmt.Sprint(v.Value)
		}
		for k, v := range file {
			ff[k] = fmt.Sprint(v.Value)
		}
		base, err := m.tx.ImportBase(m.source, "settings:"+store.SettingTargets)
		if err != nil {
			return err
		}
		merged, changes, newBase := domain.Merge3(base, lf, ff, m.mode.PreferFile)
		m.note(&ch, "KPI targets", changes)
		if len(merged) > 0 {
			for k := range merged {
				book[k] = file[k]
			}
			if err := m.tx.PutSetting(store.SettingTargets, book); err != nil {
				return err
			}
		}
		if err := m.tx.PutImportBase(m.source, "settings:"+store.SettingTargets, newBase); err != nil {
			return err
		}
	}
	if raw, ok := in[store.SettingGrossMargin]; ok {
		var book float64
		found, err := m.tx.Setting(store.SettingGrossMargin, &book)
		if err != nil {
			return err
		}
		lf := domain.Fields{}
		if found {
			lf["gross_margin"] = fmt.Sprint(book)
		}
		var file float64
		_ = json.Unmarshal(raw, &file)
		base, err := m.tx.ImportBase(m.source, "settings:"+store.SettingGrossMargin)
		if err != nil {
			return err
		}
		merged, changes, newBase := domain.Merge3(base, lf, domain.Fields{"gross_margin": fmt.Sprint(file)}, m.mode.PreferFile)
		m.note(&ch, "gross margin", changes)
		if len(merged) > 0 {
			if err := m.tx.PutSetting(store.SettingGrossMargin, file); err != nil {
				return err
			}
		}
		if err := m.tx.PutImportBase(m.source, "settings:"+store.SettingGrossMargin, newBase); err != nil {
			return err
		}
	}
	if len(ch.Records) > 0 {
		m.res.Accounts = append(m.res.Accounts, ch)
	}
	return nil
}
