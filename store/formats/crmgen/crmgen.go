// Package crmgen writes CRM exports shaped like HubSpot's and Salesforce's,
// with the mess real exports carry, each mess at a known count, and a
// manifest of what an import must make of them: rows accepted, rejected,
// merged, reported as possible duplicates. Seeded: the same Config gives the
// same bytes. It does no I/O except WriteDir; the import tests, the
// benchmarks and `TEND_CRM_OUT=DIR go test ./store/formats/crmgen` (which
// writes the files for trying them by hand) use it.
package crmgen

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config sizes the exports.
type Config struct {
	Seed        uint64
	Companies   int // clean HubSpot companies (default 500)
	ContactsPer int // contacts per clean company (default 3)
	ActivityPer int // activities per clean company (default 2)
	Shared      int // companies also in the Salesforce file (default 100, at least 40)
	SFNew       int // Salesforce accounts not in HubSpot (default 150)
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.Companies, 500)
	def(&c.ContactsPer, 3)
	def(&c.ActivityPer, 2)
	def(&c.Shared, 100)
	def(&c.SFNew, 150)
	c.Shared = min(max(c.Shared, 40), c.Companies/2)
	return c
}

// Counts is what one import of a file must report.
type Counts struct {
	New                int `json:"new"`
	Updated            int `json:"updated"`
	Unchanged          int `json:"unchanged"`
	Merged             int `json:"merged"`              // rows that are another row's company (same CRM id, domain or name)
	Repeated           int `json:"repeated"`            // rows the same as an earlier row of the file
	RejectedRows       int `json:"rejected_rows"`       // rows not imported
	RejectedCells      int `json:"rejected_cells"`      // the bad cells (or row problems) they were rejected for
	PossibleDuplicates int `json:"possible_duplicates"` // companies matched by name alone, merged (reported once: the ids recorded then decide)
	// SameName are new accounts with the name of another and another
	// website: distinct companies (the README's rule), imported with a note.
	SameName int `json:"same_name"`
	Footer   int `json:"footer_lines"` // report footer lines recognised and skipped
}

// File is one export, in the order they are imported.
type File struct {
	Name   string            `json:"name"`
	Kind   string            `json:"kind"`             // accounts, contacts, interactions
	Locale string            `json:"locale,omitempty"` // "de": the numbers are German
	Mess   map[string]int    `json:"mess"`             // each kind of mess and how many rows carry it
	First  Counts            `json:"first"`            // importing it into the book the earlier files made
	Again  Counts            `json:"again"`            // importing it a second time
	Facts  map[string]string `json:"facts,omitempty"`  // named values a test checks (an account's kept spelling …)
	// Possible names, in row order, the account each possible duplicate of
	// the first import was merged into.
	Possible []string `json:"possible_duplicates,omitempty"`
	Data     []byte   `json:"-"`
}

// Export is the set of files, in import order.
type Export struct {
	Seed  uint64  `json:"seed"`
	Files []*File `json:"files"`
}

// File returns the export's file of that name, or nil.
func (e *Export) File(name string) *File {
	for _, f := range e.Files {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// WriteDir writes every file and manifest.json into dir.
func (e *Export) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range e.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	m, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), append(m, '\n'), 0o644)
}

var (
	firsts = []string{"Blue", "Red", "Silver", "Iron", "Bright", "Clear", "Ever", "Fox", "Granite", "Helio", "Juni", "Kest",
		"Lumen", "Meri", "Nimbus", "Orchid", "Polar", "Quartz", "River", "Sequoia", "Tide", "Up", "Vertex", "Willow",
		"Zenith", "Alder", "Beacon", "Cobalt", "Drift", "Ember", "Falcon", "Golden", "Harbor", "Indigo", "Jasper", "Kinetic"}
	seconds = []string{"stone", "wood", "field", "gate", "line", "water", "brook", "crest", "peak", "point", "ridge", "vale"}
	nouns   = []string{"Robotics", "Logistics", "Health", "Foods", "Energy", "Analytics", "Pharma", "Capital", "Media", "Retail",
		"Systems", "Labs", "Motors", "Insurance", "Telecom", "Biotech", "Software", "Foundry", "Textiles", "Shipping"}
	legal      = []string{"", "", "", "Inc.", "Ltd", "GmbH", "LLC", "AG", "B.V.", "S.A."}
	industries = []string{"Technology", "Manufacturing", "Healthcare", "Retail", "Financial Services", "Energy", "Media"}
	people     = []string{"Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gustavo", "Hana", "Ivo", "Jaya", "Kofi", "Lena", "Mateo", "Noor"}
	surnames   = []string{"Lopez", "Okafor", "Müller", "Ivanova", "Kim", "Haddad", "Silva", "Sato", "Novak", "Rao", "Mensah", "Berg"}
	titles     = []string{"CFO", "Head of Operations", "VP Sales", "IT Director", "Procurement Lead", "CEO", "Engineer"}
	subjects   = []string{"Quarterly check-in", "Renewal call", "Onboarding session", "Pricing follow-up", "Support escalation", "QBR prep"}
	types      = []string{"CALL", "EMAIL", "MEETING", "NOTE"}
	owners     = []string{"Maya Chen", "Jonas Weber", "Priya Nair", "Tom Reyes"}
	unicode    = []string{"שיחה עם הלקוח על החידוש", "東京チームと価格について話しました", "Great call 🎉🚀 — they love the new dashboard"}
)

type company struct {
	id, name, domain, industry, stage, owner string
	employees, revenue                       int
}

type gen struct {
	r   *rand.Rand
	cfg Config
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func csvBytes(delim rune, bom, crlf bool, rows [][]string) []byte {
	var b bytes.Buffer
	if bom {
		b.WriteString("\ufeff")
	}
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = delim, crlf
	_ = w.WriteAll(rows)
	return b.Bytes()
}

// Generate writes the exports: HubSpot companies, contacts and activities,
// then Salesforce accounts, in that import order.
func Generate(cfg Config) *Export {
	cfg = cfg.withDefaults()
	g := &gen{r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed_c0de)), cfg: cfg}
	comps := g.companies()
	e := &Export{Seed: cfg.Seed}
	e.Files = append(e.Files, g.hubspotCompanies(comps), g.hubspotContacts(comps), g.hubspotActivities(comps), g.salesforceAccounts(comps))
	return e
}

// companies are the clean companies, unique by normalised name. The first
// ten are "… Inc." (the HubSpot file repeats them as "… Inc"); companies from
// the hundredth on, every tenth, have no domain.
func (g *gen) companies() []company {
	seen := map[string]bool{}
	out := make([]company, 0, g.cfg.Companies)
	for i := 0; len(out) < g.cfg.Companies; i++ {
		base := g.pick(firsts) + g.pick(seconds) + " " + g.pick(nouns)
		if i%7 == 3 {
			base += " " + strconv.Itoa(2+i%97)
		}
		key := strings.ToLower(base)
		if seen[key] {
			continue
		}
		seen[key] = true
		n := len(out)
		suffix := g.pick(legal)
		if n < 10 {
			suffix = "Inc."
		}
		name := base
		if suffix != "" {
			name += " " + suffix
		}
		if n >= 10 && n < 13 { // right to left, CJK, emoji
			name = []string{"שלום " + base, "東京 " + base, base + " 🚀"}[n-10]
		}
		slug := strings.ToLower(strings.ReplaceAll(base, " ", "-"))
		c := company{id: strconv.Itoa(30_000 + n*7), name: name, domain: slug + ".example",
			industry: g.pick(industries), stage: "customer", owner: g.pick(owners), employees: 10 + g.r.IntN(5000), revenue: (1 + g.r.IntN(900)) * 10_000}
		if n >= 100 && n%10 == 0 {
			c.domain = ""
		}
		out = append(out, c)
	}
	return out
}

var hubspotCompanyHeader = []string{"Record ID", "Company name", "Company Domain Name", "Industry", "Number of Employees", "Annual Revenue", "Lifecycle Stage", "Company owner", "Create Date", "City", "Phone Number", "HubSpot Owner ID"}

// companyRow is a company's row; every company has one of three owners'
// ids ("HubSpot Owner ID"): a plain field, never the company's identity.
func (g *gen) companyRow(c company, name, domain string) []string {
	return []string{c.id, name, domain, c.industry, strconv.Itoa(c.employees), strconv.Itoa(c.revenue), c.stage, c.owner, "2024-03-15", "Berlin", "+49 30 " + strconv.Itoa(1_000_000+g.r.IntN(8_999_999)), strconv.Itoa(555 + len(c.name)%3)}
}

// Special companies, after the clean ones.
const (
	Company404       = "404"
	CompanyNorthwind = "Northwind"
	CompanyNTL       = "Northwind Traders Ltd"
	CompanyIron      = "Ironbridge"
)

func (g *gen) hubspotCompanies(comps []company) *File {
	f := &File{Name: "hubspot-companies.csv", Kind: "accounts", Mess: map[string]int{}, Facts: map[string]string{}}
	rows := [][]string{hubspotCompanyHeader}
	for i, c := range comps {
		r := g.companyRow(c, c.name, c.domain)
		if i >= 20 && i < 25 { // optional fields as "N/A" and "-"
			r[3], r[4] = "N/A", "-"
			f.Mess["n/a and - in optional fields"]++
		}
		if i >= 25 && i < 28 { // a quoted line break
			r[9] = "Berlin\nMitte"
			f.Mess["quoted line break"]++
		}
		rows = append(rows, r)
	}
	n := len(comps)
	specials := []company{
		{id: "90404", name: Company404, domain: "four-oh-four.example", industry: "Media", stage: "customer", employees: 40, revenue: 50_000},
		{id: "90500", name: CompanyNTL, domain: "northwind-traders.example", industry: "Retail", stage: "customer", employees: 300, revenue: 900_000},
		{id: "90600", name: CompanyIron, domain: "ironbridge-logistics.example", industry: "Energy", stage: "customer", employees: 80, revenue: 70_000},
		{id: "90601", name: CompanyIron, domain: "ironbridge-steel.example", industry: "Manufacturing", stage: "customer", employees: 90, revenue: 80_000},
	}
	for _, c := range specials {
		rows = append(rows, g.companyRow(c, c.name, c.domain))
	}
	f.Mess["same name, other website (a second account, reported)"] = 1
	// The rejected "Northwind": its contacts must not land on "Northwind Traders Ltd".
	nw := g.companyRow(company{id: "90501", name: CompanyNorthwind, domain: "northwind.example", industry: "Retail", stage: "customer"}, CompanyNorthwind, "northwind.example")
	nw[4] = "many"
	rows = append(rows, nw)
	f.Mess["company rejected (its contacts and activities are rejected too)"] = 1
	// The same record twice (one record id), spelled otherwise: folded into
	// the first row, the other spelling reported.
	for i := 40; i < 45; i++ {
		c := comps[i]
		name := strings.ReplaceAll(strings.ToLower(c.name), " ", "  ")
		rows = append(rows, g.companyRow(c, name, "https://www."+c.domain+"/"))
	}
	f.Mess["same record id, other case, whitespace, www."] = 5
	for i := range 10 {
		c := comps[i]
		rows = append(rows, g.companyRow(c, strings.TrimSuffix(c.name, "."), ""))
	}
	f.Mess["same record id, other legal suffix, no website"] = 10
	// Another record of the CRM with the website and name of a company: a
	// second account (record ids differ), reported as a possible duplicate.
	for i := n - 2; i < n; i++ {
		c := comps[i]
		r := g.companyRow(c, c.name, c.domain)
		r[0] = strconv.Itoa(70_000 + i)
		rows = append(rows, r)
	}
	f.Mess["same website and name, other record id (a second account, reported)"] = 2
	// Bad rows: two bad cells each.
	for i := range 4 {
		r := g.companyRow(company{id: strconv.Itoa(95_000 + i), name: fmt.Sprintf("Broken Row %d", i), domain: fmt.Sprintf("broken%d.example", i), industry: "Media", stage: "customer"}, fmt.Sprintf("Broken Row %d", i), fmt.Sprintf("broken%d.example", i))
		r[4], r[5] = "lots", "a great deal"
		rows = append(rows, r)
	}
	f.Mess["an owner id shared by many companies (a plain field)"] = len(rows) - 1 // every row
	f.Mess["two bad cells"] = 4
	f.Data = csvBytes(',', true, true, rows)
	f.First = Counts{New: n + len(specials) + 2, Merged: 15, RejectedRows: 5, RejectedCells: 9, SameName: 3}
	// Again: every company is found by its record id, so nothing is a
	// possible duplicate any more.
	f.Again = Counts{Unchanged: n + len(specials) + 2, Merged: 15, RejectedRows: 5, RejectedCells: 9}
	f.Facts["inc_name"] = comps[0].name
	f.Facts["case_dup_name"] = comps[40].name
	f.Facts["case_dup_id"] = comps[40].id
	return f
}

var hubspotContactHeader = []string{"Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title", "Company Name", "Associated Company", "Associated Company IDs", "Lifecycle Stage", "Contact owner", "Create Date"}

func (g *gen) hubspotContacts(comps []company) *File {
	f := &File{Name: "hubspot-contacts.csv", Kind: "contacts", Mess: map[string]int{}, Facts: map[string]string{}}
	rows := [][]string{hubspotContactHeader}
	seq := 0
	contact := func(c company, assoc, ids string) []string {
		seq++
		first, last := g.pick(people), g.pick(surnames)
		dom := c.domain
		if dom == "" {
			dom = "mail.example"
		}
		email := strings.ToLower(fmt.Sprintf("%s.%s.%d@%s", strings.ReplaceAll(first, "é", "e"), strings.ReplaceAll(last, "ü", "u"), seq, dom))
		free := strings.Fields(c.name)[0] // what a person typed: often only the first word
		return []string{strconv.Itoa(500_000 + seq), first, last, email, "+1 555 " + strconv.Itoa(1000+seq%9000), g.pick(titles), free, assoc, ids, "customer", g.pick(owners), "2025-01-10"}
	}
	total := len(comps) * g.cfg.ContactsPer
	var base [][]string
	for i := range total {
		c := comps[i%len(comps)]
		r := contact(c, c.name, c.id)
		switch {
		case i < 20: // only the association's record id
			r[7] = ""
			f.Mess["association by record id only"]++
		case i < 30: // only the association's name, spelled otherwise
			r[7], r[8] = strings.ToUpper(strings.TrimSuffix(c.name, ".")), ""
			f.Mess["association by name only, other spelling"]++
		case i < 35 && c.domain != "": // the association as a domain
			r[7], r[8] = "www."+c.domain, ""
			f.Mess["association by domain"]++
		case i >= 35 && i < 40: // tend's formula guard on a phone number
			r[4] = "'+49 30 " + strconv.Itoa(1_000_000+i)
			f.Mess["formula-guarded phone"]++
		case i >= 40 && i < 45:
			r[5] = "N/A"
			f.Mess["n/a title"]++
		}
		base = append(base, r)
	}
	rows = append(rows, base...)
	newRows := total
	// The record id of a company with its other spelling ("Acme Inc").
	for i := range 5 {
		c := comps[i]
		rows = append(rows, contact(c, strings.TrimSuffix(c.name, "."), c.id))
	}
	f.Mess["association by record id, other spelling of the name"] = 5
	newRows += 5
	four := company{id: "90404", name: Company404, domain: "four-oh-four.example"}
	for range 3 {
		rows = append(rows, contact(four, Company404, ""))
	}
	f.Mess["company named 404"] = 3
	newRows += 3
	nw := company{id: "90501", name: CompanyNorthwind, domain: "northwind.example"}
	for range 3 {
		rows = append(rows, contact(nw, CompanyNorthwind, "90501"))
	}
	f.Mess["company rejected from the companies file"] = 3
	iron := company{id: "90600", name: CompanyIron, domain: "ironbridge-logistics.example"}
	for i := range 4 {
		rows = append(rows, contact(iron, CompanyIron, []string{"90600", "90601"}[i%2]))
	}
	f.Mess["one name, two companies, record id given"] = 4
	newRows += 4
	for range 4 {
		rows = append(rows, contact(iron, CompanyIron, ""))
	}
	f.Mess["one name, two companies, no record id (ambiguous)"] = 4
	for i := range 4 {
		r := contact(comps[i+50], comps[i+50].name, comps[i+50].id)
		r[3], r[4] = "not-an-email", "call me"
		rows = append(rows, r)
	}
	f.Mess["two bad cells"] = 4
	for i := range 10 {
		rows = append(rows, append([]string(nil), base[100+i]...))
	}
	f.Mess["exact duplicate row"] = 10
	f.Data = csvBytes(',', true, false, rows)
	f.First = Counts{New: newRows, Repeated: 10, RejectedRows: 11, RejectedCells: 15}
	f.Again = Counts{Unchanged: newRows + 10, RejectedRows: 11, RejectedCells: 15}
	f.Facts["contacts_404"] = "3"
	return f
}

var hubspotActivityHeader = []string{"Activity ID", "Activity date", "Activity type", "Subject", "Body", "Associated Company", "Associated Company IDs", "Activity assigned to"}

func (g *gen) hubspotActivities(comps []company) *File {
	f := &File{Name: "hubspot-activities.csv", Kind: "interactions", Mess: map[string]int{}, Facts: map[string]string{}}
	rows := [][]string{hubspotActivityHeader}
	seq := 0
	day0 := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	activity := func(c company, at time.Time, subject, body string) []string {
		seq++
		return []string{strconv.Itoa(700_000 + seq), at.Format("2006-01-02 15:04"), g.pick(types), subject, body, c.name, c.id, g.pick(owners)}
	}
	body := func() string {
		return fmt.Sprintf("Talked with %s about %s.\nNext step: send the proposal by Friday.", g.pick(people), strings.ToLower(g.pick(subjects)))
	}
	total := len(comps) * g.cfg.ActivityPer
	var base [][]string
	for i := range total {
		c := comps[i%len(comps)]
		at := day0.AddDate(0, 0, g.r.IntN(80)).Add(time.Duration(8*60+g.r.IntN(10*60)) * time.Minute)
		r := activity(c, at, g.pick(subjects), body())
		switch {
		case i < 50:
			r[4] = ""
			f.Mess["subject only"]++
		case i < 55:
			r[3] = ""
			f.Mess["body only"]++
		case i < 57:
			r[4] = strings.Repeat("A long call transcript line. ", 700) // ~20 KB
			f.Mess["20 KB body"]++
		case i < 60:
			r[4] = unicode[i-57]
			f.Mess["right to left, CJK, emoji body"]++
		case i < 65:
			r[1] = at.Format("2006-01-02T15:04:05") + "+01:00"
			f.Mess["time with a zone offset"]++
		}
		base = append(base, r)
	}
	rows = append(rows, base...)
	newRows := total
	// Two calls on one day with one subject: two interactions.
	for i := range 10 {
		prev := base[100+i]
		at, _ := time.Parse("2006-01-02 15:04", prev[1])
		r := activity(comps[(100+i)%len(comps)], at.Add(97*time.Minute), prev[3], "The second call of the day: "+body())
		rows = append(rows, r)
		if i == 0 {
			f.Facts["second_call_id"], f.Facts["second_call_at"], f.Facts["second_call_subject"] = r[0], r[1], r[3]
		}
	}
	f.Mess["second call on one day, one subject"] = 10
	newRows += 10
	four := company{id: "", name: Company404}
	for i := range 3 {
		rows = append(rows, activity(four, day0.Add(time.Duration(50+i)*time.Hour), "Call", body()))
	}
	f.Mess["company named 404"] = 3
	newRows += 3
	nw := company{id: "", name: CompanyNorthwind}
	for i := range 3 {
		rows = append(rows, activity(nw, day0.Add(time.Duration(60+i)*time.Hour), "Call", body()))
	}
	f.Mess["company rejected from the companies file"] = 3
	for i := range 10 {
		rows = append(rows, append([]string(nil), base[200+i]...))
	}
	f.Mess["exact duplicate row (one Activity ID)"] = 10
	f.Data = csvBytes(',', false, true, rows)
	f.First = Counts{New: newRows, Repeated: 10, RejectedRows: 3, RejectedCells: 3}
	f.Again = Counts{Unchanged: newRows + 10, RejectedRows: 3, RejectedCells: 3}
	f.Facts["body_only_index"] = "50"
	return f
}

var salesforceHeader = []string{"Account ID", "Account Name", "Website", "Industry", "Employees", "Annual Revenue", "Type", "Billing Country", "Account Owner"}

// germanNumber writes n with '.' between thousands.
func germanNumber(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (g *gen) salesforceAccounts(comps []company) *File {
	f := &File{Name: "salesforce-accounts.csv", Kind: "accounts", Locale: "de", Mess: map[string]int{}, Facts: map[string]string{}}
	rows := [][]string{salesforceHeader}
	sfID := func(n int) string { return fmt.Sprintf("001Dn00000%08dAAA", n) }
	row := func(n int, c company, name, site string) []string {
		return []string{sfID(n), name, site, c.industry, germanNumber(c.employees), germanNumber(c.revenue), "Customer", "Deutschland", c.owner}
	}
	nameOnly := 0
	for i := range g.cfg.Shared {
		c := comps[i]
		switch {
		case i < 10: // "Acme Inc." in HubSpot is "Acme Inc" here, without a website
			rows = append(rows, row(i, c, strings.TrimSuffix(c.name, "."), ""))
			nameOnly++
			f.Possible = append(f.Possible, c.name)
		case i < 40: // no website, the name in capitals
			rows = append(rows, row(i, c, strings.ToUpper(c.name), ""))
			nameOnly++
			f.Possible = append(f.Possible, c.name)
		default:
			rows = append(rows, row(i, c, c.name, "www."+c.domain))
		}
	}
	f.Mess["in HubSpot too, matched by name only"] = nameOnly
	f.Mess["in HubSpot too, matched by website"] = g.cfg.Shared - nameOnly
	seen := map[string]bool{}
	for _, c := range comps {
		seen[strings.ToLower(strings.Fields(c.name)[0])] = true
	}
	added := 0
	for i := 0; added < g.cfg.SFNew; i++ {
		base := g.pick(firsts) + g.pick(seconds) + "werk"
		if seen[strings.ToLower(base)] {
			continue
		}
		seen[strings.ToLower(base)] = true
		c := company{name: base + " GmbH", domain: strings.ToLower(base) + ".example", industry: g.pick(industries), employees: 1000 + g.r.IntN(9000), revenue: (100 + g.r.IntN(900)) * 1000}
		r := row(10_000+added, c, c.name, c.domain)
		switch {
		case added < 3:
			r[3], r[4] = "N/A", "-"
			f.Mess["n/a and - in optional fields"]++
		case added < 6:
			r = append(r, "") // a field too many, empty: a delimiter inside a value?
			f.Mess["a field more than the header, empty (rejected)"]++
		}
		if added == 0 {
			f.Facts["german_revenue"], f.Facts["german_revenue_name"] = r[5], c.name
		}
		rows = append(rows, r)
		added++
	}
	footer := [][]string{{""}, {"Grand Totals (" + strconv.Itoa(g.cfg.Shared+g.cfg.SFNew) + " records)"}, {""},
		{"Generated By: Jane Doe  29.11.2026 10:15"}, {"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."},
		{"Confidential Information - Do Not Distribute"}}
	rows = append(rows, footer...)
	f.Mess["report footer lines"] = 4
	f.Data = csvBytes(';', true, true, rows)
	f.First = Counts{New: g.cfg.SFNew - 3, Updated: g.cfg.Shared, RejectedRows: 3, RejectedCells: 3, PossibleDuplicates: nameOnly, Footer: 4}
	f.Again = Counts{Unchanged: g.cfg.SFNew + g.cfg.Shared - 3, RejectedRows: 3, RejectedCells: 3, Footer: 4}
	f.Facts["salesforce_id_of_inc"] = sfID(0)
	f.Facts["salesforce_id_of_case_dup"] = sfID(40)
	return f
}
