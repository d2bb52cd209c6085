package app

// Finding the book's account for an imported company, once per import: an
// index of the accounts by CRM id, website domain and normalised name, built
// in one pass, so that each row is a few map lookups (never a scan of the
// book, never a part of a name, never tend's #N).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// entity is one company the import knows: an account of the book (id > 0) or
// one this import will create.
type entity struct {
	id     uint64
	uid    string // "" for one this import creates, until it is written
	name   string
	domain string // set once the names are indexed
	site   string
	ids    []string // its CRM ids, as index keys (see crmKey)
}

// alias is another website and name an entity is known by.
type alias struct {
	e          int
	site, name string
}

// companyIndex finds companies by CRM id, domain and normalised name. The
// ids are indexed at once; UIDs, names and domains the first time one is
// looked up: an import whose rows all give CRM ids never normalises the
// book's names nor indexes their UIDs.
type companyIndex struct {
	ents     []entity
	aliases  []alias
	byUIDs   map[string]int   // nil until a UID is looked up: see uid
	byID     map[string]int   // by CRM id (see crmKey)
	byBare   map[string][]int // by CRM id, whatever its CRM (see one)
	byDomain map[string][]int // nil until names are needed
	byName   map[string][]int
}

func newCompanyIndex(n int) *companyIndex {
	return &companyIndex{byID: make(map[string]int, n), byBare: make(map[string][]int, n)}
}

// uid finds the book's account of a global UID.
func (x *companyIndex) uid(u string) (int, bool) {
	if x.byUIDs == nil {
		x.byUIDs = make(map[string]int, len(x.ents))
		for e := range x.ents {
			if x.ents[e].uid != "" {
				x.byUIDs[x.ents[e].uid] = e
			}
		}
	}
	e, ok := x.byUIDs[u]
	return e, ok
}

// names indexes the names and domains, once.
func (x *companyIndex) names() {
	if x.byName != nil {
		return
	}
	x.byDomain, x.byName = make(map[string][]int, len(x.ents)), make(map[string][]int, len(x.ents))
	for e := range x.ents {
		x.ents[e].domain = domain.CompanyDomain(x.ents[e].site)
		x.nameAlias(e, x.ents[e].site, x.ents[e].name)
	}
	for _, a := range x.aliases {
		x.nameAlias(a.e, a.site, a.name)
	}
}

func (x *companyIndex) nameAlias(e int, website, name string) {
	if d := domain.CompanyDomain(website); d != "" && !hasInt(x.byDomain[d], e) {
		x.byDomain[d] = append(x.byDomain[d], e)
	}
	if k := domain.CompanyKey(name); k != "" && !hasInt(x.byName[k], e) {
		x.byName[k] = append(x.byName[k], e)
	}
}

// crmIDs are the CRM record ids that identify an account, each as an index
// key of its CRM (see crmKey): its external id, of the CRM it came from, and
// the ids other CRMs give the same company, recorded beside it when it was
// merged (the custom fields "hubspot_id", "salesforce_id" and "crm_id",
// several separated by ";"). Any other custom field, even one named like
// "owner_id" or "parent_company_id", is a plain value, never an identity.
func crmIDs(a *domain.Account) []string {
	return idsOf(a.ExternalID, a.ExternalCRM, a.Custom)
}

// idFields are the custom fields that hold a company's ids in other CRMs.
var idFields = domain.CRMIDFields

func idsOf(ext, crm string, custom map[string]string) []string {
	var ids []string
	if k := crmKey(crm, ext); k != "" {
		ids = append(ids, k)
	}
	for f, c := range idFields {
		for id := range strings.SplitSeq(custom[f], ";") {
			if k := crmKey(c, id); k != "" {
				ids = append(ids, k)
			}
		}
	}
	return ids
}

// idKey is a contact's, activity's or deal's record id, compared.
func idKey(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

// crmKey is a company's CRM record id as the index keeps it: its CRM, then the id
// exactly as written (trimmed: CRM ids are case-sensitive, as Salesforce's
// are), a Salesforce 18-character id as its 15-character form. "" for none.
func crmKey(crm, id string) string {
	id = strings.TrimSpace(id)
	if id == "" {
		return ""
	}
	return crm + "\x00" + domain.SalesforceID15(id)
}

// bareID is the id of an index key, without its CRM.
func bareID(k string) string { return k[strings.IndexByte(k, 0)+1:] }

// anyCRM is the key under which an id of unknown CRM (an account imported
// before tend kept its CRM, or a crm_id field) is found by every CRM's.
func anyCRM(k string) string { return "\x00" + bareID(k) }

// indexBook indexes every account of the book (read as store.AccountKeys:
// only what identifies them).
func indexBook(tx *store.Tx) (*companyIndex, error) {
	keys, err := tx.AccountKeys()
	if err != nil {
		return nil, err
	}
	x := newCompanyIndex(len(keys))
	x.ents = make([]entity, 0, len(keys))
	for i := range keys {
		k := &keys[i]
		e := len(x.ents)
		x.ents = append(x.ents, entity{id: k.ID, uid: k.UID, name: k.Name, site: k.Website})
		x.ids(e, idsOf(k.ExternalID, k.ExternalCRM, k.Custom))
	}
	return x, nil
}

// add indexes a company (id 0: one this import creates) and returns its entity.
func (x *companyIndex) add(a *domain.Account, id uint64) int {
	e := len(x.ents)
	x.ents = append(x.ents, entity{id: id, name: a.Name, site: a.Website})
	if a.UID != "" && id > 0 {
		x.ents[e].uid = a.UID
		if x.byUIDs != nil {
			x.byUIDs[a.UID] = e
		}
	}
	x.ids(e, crmIDs(a))
	if x.byName != nil {
		x.ents[e].domain = domain.CompanyDomain(a.Website)
		x.nameAlias(e, a.Website, a.Name)
	}
	return e
}

// ids indexes CRM ids (index keys, see crmKey) of entity e: the first
// entity to have one keeps it.
func (x *companyIndex) ids(e int, ids []string) {
	for _, k := range ids {
		if _, taken := x.byID[k]; !taken {
			x.byID[k] = e
		}
		if !slices.Contains(x.ents[e].ids, k) {
			x.ents[e].ids = append(x.ents[e].ids, k)
		}
		if b := bareID(k); !hasInt(x.byBare[b], e) {
			x.byBare[b] = append(x.byBare[b], e)
		}
	}
}

// byCRM finds the entity of a CRM id (an index key): the same CRM's, else
// one of unknown CRM.
func (x *companyIndex) byCRM(k string) (int, bool) {
	if e, ok := x.byID[k]; ok {
		return e, true
	}
	e, ok := x.byID[anyCRM(k)]
	return e, ok
}

// otherID reports whether entity e has, in a CRM of ids, an id that is none
// of ids: another record of that CRM, so another company, whatever its
// website or name.
func (x *companyIndex) otherID(e int, ids []string) bool {
	for _, k := range ids {
		crm := k[:strings.IndexByte(k, 0)]
		if crm == "" {
			continue
		}
		for _, h := range x.ents[e].ids {
			if h != k && strings.HasPrefix(h, crm+"\x00") {
				return true
			}
		}
	}
	return false
}

// alias adds more ids, a website and a name under which entity e is found.
func (x *companyIndex) alias(e int, ids []string, website, name string) {
	x.ids(e, ids)
	if x.byName != nil {
		x.nameAlias(e, website, name)
	} else {
		x.aliases = append(x.aliases, alias{e, website, name})
	}
}

func hasInt(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// describe lists entities as "Name (#N, domain)", at most eight.
func (x *companyIndex) describe(es []int) string {
	x.names()
	var parts []string
	for i, e := range es {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("and %d more", len(es)-8))
			break
		}
		en := x.ents[e]
		s := domain.Excerpt(en.name, 60)
		switch {
		case en.id > 0 && en.domain != "":
			s += fmt.Sprintf(" (#%d, %s)", en.id, en.domain)
		case en.id > 0:
			s += fmt.Sprintf(" (#%d)", en.id)
		case en.domain != "":
			s += " (" + en.domain + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// How a company was matched.
const (
	byCRMID  = "crm id"
	byDomain = "website"
	byName   = "name"
)

// match is what the index says of an imported company.
type match struct {
	ent     int    // -1: none
	by      string // byCRMID, byDomain, byName
	others  []int  // same name, other websites: a possible duplicate when ent is -1
	problem string // ambiguous: the row is rejected with this
}

// company matches an imported company: by one of its CRM ids (index keys,
// see crmKey), else by its website's domain, else by its normalised name
// when exactly one company has it and their websites do not differ. A
// company that has another id of one of the same CRMs is another record of
// that CRM: never matched by website or name, only reported (others).
func (x *companyIndex) company(ids []string, website, name string) match {
	for _, k := range ids {
		if e, ok := x.byCRM(k); ok {
			return match{ent: e, by: byCRMID}
		}
	}
	x.names()
	var other []int
	d := domain.CompanyDomain(website)
	if d != "" {
		var es []int
		for _, e := range x.byDomain[d] {
			if x.otherID(e, ids) {
				other = append(other, e)
			} else {
				es = append(es, e)
			}
		}
		switch len(es) {
		case 0:
		case 1:
			return match{ent: es[0], by: byDomain}
		default:
			return match{ent: -1, problem: fmt.Sprintf("the website %s is that of %d accounts: %s", d, len(es), x.describe(es))}
		}
	}
	var fit []int
	for _, e := range x.byName[domain.CompanyKey(name)] {
		switch {
		case hasInt(other, e):
		case d != "" && x.ents[e].domain != "" && x.ents[e].domain != d, x.otherID(e, ids):
			other = append(other, e)
		default:
			fit = append(fit, e)
		}
	}
	switch len(fit) {
	case 0:
		return match{ent: -1, others: other}
	case 1:
		return match{ent: fit[0], by: byName}
	}
	return match{ent: -1, problem: fmt.Sprintf("%q is the name of %d accounts: %s; give the CRM id or the website", domain.Excerpt(name, 60), len(fit), x.describe(fit))}
}

// named finds the entities of a name or a domain, exactly. tend's "#N" is
// never a number here: it is only the name of an account spelled exactly so
// (not of the company "N", which it would normalise to).
func (x *companyIndex) named(name string) []int {
	if domain.LooksLikeDomain(name) {
		if es := x.byDomain[domain.CompanyDomain(name)]; len(es) > 0 {
			return es
		}
	}
	es := x.byName[domain.CompanyKey(name)]
	if tendNumber(name) {
		var exact []int
		for _, e := range es {
			if domain.Fold(x.ents[e].name) == domain.Fold(strings.TrimSpace(name)) {
				exact = append(exact, e)
			}
		}
		return exact
	}
	return es
}

// namedAll is named for a name or several separated by ";" (HubSpot's
// associated companies).
func (x *companyIndex) namedAll(name string) []int {
	es := x.named(name)
	if len(es) > 0 || !strings.Contains(name, ";") {
		return es
	}
	for _, part := range strings.Split(name, ";") {
		for _, e := range x.named(strings.TrimSpace(part)) {
			if !hasInt(es, e) {
				es = append(es, e)
			}
		}
	}
	return es
}

// without is xs without the values of drop.
func without(xs, drop []string) []string {
	var out []string
	for _, v := range xs {
		if !slices.Contains(drop, v) {
			out = append(out, v)
		}
	}
	return out
}

// tendNumber reports whether s is written as tend's own account number, "#N".
func tendNumber(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '#' {
		return false
	}
	return strings.Trim(s[1:], "0123456789") == ""
}

// one resolves the one account column of a survey answer or order row,
// which may hold the account's UID (which decides), one of its CRM ids, its
// website's domain or its name (normalised, exactly): every account the
// value names by any of these is a candidate, and more than one rejects the
// row, naming them. Never a part of a name, never tend's #N. It returns the
// entity, or -1 and why.
func (x *companyIndex) one(v string) (int, string) {
	v = strings.TrimSpace(v)
	if e, ok := x.uid(strings.ToLower(v)); ok {
		return e, ""
	}
	var es []int
	if k := crmKey("", v); k != "" {
		es = append(es, x.byBare[bareID(k)]...)
	}
	x.names()
	for _, e := range x.named(v) {
		if !hasInt(es, e) {
			es = append(es, e)
		}
	}
	switch {
	case len(es) == 1:
		return es[0], ""
	case len(es) > 1:
		return -1, fmt.Sprintf("%q names %d accounts (by CRM id, website or name): %s; give the account's CRM id or UID", domain.Excerpt(v, 60), len(es), x.describe(es))
	case tendNumber(v):
		return -1, fmt.Sprintf("no account is named %q; an import never takes tend's #N for an account: give its name, website, CRM id or UID", domain.Excerpt(v, 60))
	case domain.ValidUID(strings.ToLower(v)):
		return -1, "no account has the UID " + domain.Excerpt(v, 60)
	}
	return -1, fmt.Sprintf("no account is named %q or has it as its CRM id or website", domain.Excerpt(v, 60))
}

// ref resolves the company a contact or activity row names: the
// association's CRM ids, else the association's name or domain, else (only
// when the row has no association) the free-text company column; by exact
// normalised name or domain, never a part of a name or tend's #N. A name
// that several accounts have rejects the row, naming them.
func (x *companyIndex) ref(r formats.AccountRef) (uint64, string) {
	if r.UID != "" { // tend's own export: the global id decides
		if e, ok := x.uid(r.UID); ok {
			return x.ents[e].id, ""
		}
		if r.Name == "" && len(r.IDs) == 0 {
			return 0, "no account has the UID " + domain.Excerpt(r.UID, 60)
		}
	}
	var ents []int
	var missing []string
	for _, id := range r.IDs {
		if e, ok := x.byCRM(crmKey(r.CRM, id)); ok {
			if !hasInt(ents, e) {
				ents = append(ents, e)
			}
		} else {
			missing = append(missing, id)
		}
	}
	switch {
	case len(ents) == 1 && len(missing) > 0:
		return 0, fmt.Sprintf("no account has the CRM id %s (the other, %s, is %s): give only the ids of companies in the book", domain.Excerpt(strings.Join(missing, ", "), 80), domain.Excerpt(strings.Join(without(r.IDs, missing), ", "), 80), x.describe(ents))
	case len(ents) == 1:
		if en := x.ents[ents[0]]; r.Name != "" && r.Name != en.name && domain.CompanyKey(r.Name) != domain.CompanyKey(en.name) {
			// Only a name other than the account's own needs the book's
			// names (an import whose rows agree never indexes them).
			x.names()
			if es := x.namedAll(r.Name); len(es) > 0 && !hasInt(es, ents[0]) {
				return 0, fmt.Sprintf("its CRM id names %s but its company name %q names %s: which is it?", x.describe(ents), domain.Excerpt(r.Name, 60), x.describe(es))
			}
		}
		return x.ents[ents[0]].id, ""
	case len(ents) > 1:
		return 0, fmt.Sprintf("its CRM ids name %d accounts: %s", len(ents), x.describe(ents))
	}
	name := r.Name
	if name == "" && len(r.IDs) == 0 {
		name = r.Company
	}
	if name == "" {
		return 0, fmt.Sprintf("no account has the CRM id %s", domain.Excerpt(strings.Join(missing, ", "), 80))
	}
	x.names()
	es := x.named(name)
	if len(es) == 0 && strings.Contains(name, ";") {
		// HubSpot lists several associated companies as "Acme;Globex": one
		// account for all of them, or the row names several; one that names
		// none rejects the row (it is not dropped without a word).
		for _, part := range strings.Split(name, ";") {
			part = strings.TrimSpace(part)
			found := x.named(part)
			if len(found) == 0 && part != "" {
				return 0, fmt.Sprintf("no account is named %q (of the associated companies %q)", domain.Excerpt(part, 60), domain.Excerpt(name, 80))
			}
			for _, e := range found {
				if !hasInt(es, e) {
					es = append(es, e)
				}
			}
		}
	}
	switch len(es) {
	case 1:
		return x.ents[es[0]].id, ""
	case 0:
		why := fmt.Sprintf("no account is named %q", domain.Excerpt(name, 60))
		if len(missing) > 0 {
			why += fmt.Sprintf(" or has the CRM id %s", domain.Excerpt(strings.Join(missing, ", "), 80))
		}
		return 0, why
	}
	return 0, fmt.Sprintf("%q names %d accounts: %s; give the company's CRM id (such as \"Associated Company IDs\" or \"Account ID\")", domain.Excerpt(name, 60), len(es), x.describe(es))
}
