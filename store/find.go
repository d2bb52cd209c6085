package store

// Resolving what a person typed to one account.

import (
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// How loosely a name typed by a person may match an account.
type matchLevel int

const (
	matchExact  matchLevel = iota // the whole name (case and accents folded); for destructive commands
	matchPrefix                   // or a unique beginning of it; for writes such as a note
	matchPart                     // or a unique part of it; for reading
)

// FindAccount resolves what a person typed to one account for reading: a
// global UID, #N (or a bare number), or a name: exact (case-insensitive),
// else the same company name (domain.CompanyKey: "Acme GmbH" for "ACME
// GmbH." or "Acme"), else a unique beginning, else a unique part. An
// ambiguous name fails with the candidates listed.
func (t *Tx) FindAccount(q string) (domain.Summary, error) { return t.findAccount(q, matchPart) }

// FindAccountForWrite is FindAccount for commands that write to the account
// (a note, an import's rows): a part of a name in the middle ("bot" for "Acme
// Robotics") is not enough; it fails listing the candidates.
func (t *Tx) FindAccountForWrite(q string) (domain.Summary, error) {
	return t.findAccount(q, matchPrefix)
}

// FindAccountExact resolves an account for a destructive command: a global
// UID, #N, or the exact name (case-insensitive). A partial match fails with
// the candidates listed, and deletes nothing.
func (t *Tx) FindAccountExact(q string) (domain.Summary, error) { return t.findAccount(q, matchExact) }

func (t *Tx) findAccount(q string, level matchLevel) (domain.Summary, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return domain.Summary{}, domain.Invalid("account", q, "empty; give a name, #N or a UID")
	}
	if domain.ValidUID(strings.ToLower(q)) {
		if id, ok := t.AccountByUID(strings.ToLower(q)); ok {
			return t.Summary(id)
		}
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account has the UID %s", q)
	}
	if id, ok := strings.CutPrefix(strings.ToLower(q), "crm:"); ok { // a CRM's id, exactly
		return t.accountByCRMID(strings.TrimSpace(q[len(q)-len(id):]))
	}
	// #N is always a number. A bare number is an account's exact name if one
	// has it, else (except for destructive commands) #N; never a beginning or
	// a part of a name, so that "20" does not mean "2024 Ventures".
	id, numeric := parseID(q)
	if numeric && strings.HasPrefix(q, "#") {
		return t.Summary(id)
	}
	all, err := t.Summaries()
	if err != nil {
		return domain.Summary{}, err
	}
	fq := domain.Fold(q)
	var exact, prefix, part []domain.Summary
	for _, s := range all {
		switch n := domain.Fold(s.Name); {
		case n == fq:
			exact = append(exact, s)
		case strings.HasPrefix(n, fq):
			prefix = append(prefix, s)
		case strings.Contains(n, fq):
			part = append(part, s)
		}
	}
	if numeric && len(exact) == 0 && level != matchExact {
		if s, err := t.Summary(id); err == nil {
			return s, nil
		}
		if s, err := t.accountByCRMID(q); err == nil || domain.ErrorCode(err) == domain.EAMBIGUOUS {
			return s, err // no name, no #N: the account with that CRM id
		}
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is #%d, named %q or has it as its CRM id", id, q)
	}
	if numeric {
		prefix, part = nil, nil
	}
	// The same company name (legal form, case, punctuation aside) is as
	// good as the exact name when nothing has the exact name: "Acme GmbH"
	// is "ACME GmbH." (issue 16); never for a destructive command.
	if kq := domain.CompanyKey(q); len(exact) == 0 && !numeric && level != matchExact && kq != "" {
		var company []domain.Summary
		for _, s := range all {
			if domain.CompanyKey(s.Name) == kq {
				company = append(company, s)
			}
		}
		if len(company) > 1 {
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q matches %d accounts: %s", domain.Excerpt(q, 60), len(company), candidates(company))
		}
		if len(company) == 1 {
			return company[0], nil
		}
	}
	sets := [][]domain.Summary{exact, prefix, part}
	for i, set := range sets {
		switch {
		case len(set) == 0:
			continue
		case i > int(level):
			near := append(append([]domain.Summary(nil), prefix...), part...)
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q is not the exact name of an account; it is part of %s; give the exact name or the #N", domain.Excerpt(q, 60), candidates(near))
		case len(set) == 1:
			return set[0], nil
		case i == 0:
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q names %d accounts: %s; give the #N of the one you mean", domain.Excerpt(q, 60), len(set), candidates(set))
		default:
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q matches %d accounts: %s", domain.Excerpt(q, 60), len(set), candidates(set))
		}
	}
	if numeric && level == matchExact {
		if s, err := t.Summary(id); err == nil {
			return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is named %q; for %s write #%d", q, domain.Excerpt(s.Name, 60), id)
		}
	}
	if level == matchExact {
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is named %q", domain.Excerpt(q, 60))
	}
	if s, err := t.accountByCRMID(q); err == nil || domain.ErrorCode(err) == domain.EAMBIGUOUS {
		return s, err // no name has it: the account with that CRM id
	}
	return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account matches %q", domain.Excerpt(q, 60))
}

// accountByCRMID is the account whose CRM id (its external id, or another
// CRM's recorded beside it: domain.CRMIDFields) is id, exactly (Salesforce's
// ids are case-sensitive); several fail listing them.
func (t *Tx) accountByCRMID(id string) (domain.Summary, error) {
	keys, err := t.AccountKeys()
	if err != nil {
		return domain.Summary{}, err
	}
	var found []domain.Summary
	for _, k := range keys {
		hit := domain.SameCRMID(k.ExternalID, id)
		for name, v := range k.Custom {
			if _, ok := domain.CRMIDFields[strings.ToLower(name)]; !ok {
				continue // a plain field (owner_id, region_id): never an identity
			}
			for _, x := range strings.Split(v, ";") {
				hit = hit || domain.SameCRMID(x, id)
			}
		}
		if hit {
			s, err := t.Summary(k.ID)
			if err != nil {
				return domain.Summary{}, err
			}
			found = append(found, s)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "the CRM id %q is %d accounts': %s", domain.Excerpt(id, 60), len(found), candidates(found))
	}
	return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account has the CRM id %q", domain.Excerpt(id, 60))
}

func parseID(s string) (uint64, bool) {
	s = strings.TrimPrefix(s, "#")
	var id uint64
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		id = id*10 + uint64(r-'0')
		if id > 1<<53 {
			return 0, false
		}
	}
	return id, true
}

// candidates lists accounts as "Name (#N)", at most eight.
func candidates(set []domain.Summary) string {
	names := make([]string, 0, 9)
	for i, s := range set {
		if i == 8 {
			names = append(names, fmt.Sprintf("and %d more", len(set)-8))
			break
		}
		names = append(names, fmt.Sprintf("%s (#%d)", domain.Excerpt(s.Name, 60), s.ID))
	}
	return strings.Join(names, ", ")
}
