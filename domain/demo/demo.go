// Package demo generates a realistic, deterministic book of accounts: the
// same seed gives the same book. It serves new users (`tend --demo`) and the
// benchmarks (100k accounts, 1M interactions). It does no I/O.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/tend-cli/tend/domain"
)

// Options size the book.
type Options struct {
	Accounts     int
	Interactions int // in all; 0 means about 25 per account
	Seed         uint64
	Today        domain.Date
	Loc          *time.Location
}

// Bundle is one account with everything that belongs to it. Interaction
// attendees and survey contacts hold indexes into Contacts (plus one) until
// they are written and the contacts have IDs.
type Bundle struct {
	Account         domain.Account
	Contacts        []domain.Contact
	Interactions    []domain.Interaction
	Plan            domain.Plan
	Items           []domain.ActionItem
	Opportunities   []domain.Opportunity
	Risks           []domain.Risk
	Orders          []domain.Order
	Surveys         []domain.SurveyResponse
	Wins            []domain.Win
	ARRHistory      []domain.ARRChange
	HealthLastMonth int // a health score for the previous month, so trends exist at once (-1 none)
}

var (
	prefixes = []string{"Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent",
		"Cyberdyne", "Tyrell", "Wonka", "Aperture", "Massive", "Oscorp", "Gringotts", "Monarch", "Pied Piper", "Dunder",
		"Blue Harbor", "Red Summit", "Silver Creek", "Ironwood", "Brightline", "Clearwater", "Evergreen", "Foxglove", "Granite", "Helios",
		"Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Polaris", "Quartz", "Riverstone", "Sequoia",
		"Tidewater", "Upland", "Vertex", "Willow", "Zenith", "Alder", "Beacon", "Cobalt", "Driftwood", "Ember",
		"Falcon", "Golden Gate", "Harbor Point", "Indigo", "Jasper", "Kinetic", "Lakeside", "Maple", "Noble", "Onyx"}
	nouns = []string{"Robotics", "Logistics", "Health", "Foods", "Energy", "Analytics", "Pharma", "Capital", "Media", "Retail",
		"Systems", "Labs", "Motors", "Airlines", "Insurance", "Telecom", "Biotech", "Software", "Foundry", "Textiles",
		"Mining", "Shipping", "Hotels", "Games", "Security", "Education", "Agritech", "Cloud", "Devices", "Payments",
		"Freight", "Clinics", "Studios", "Networks", "Materials", "Water", "Solar", "Outdoors", "Apparel", "Kitchens"}
	legal   = []string{"Inc.", "Ltd", "GmbH", "Group", "Co.", "LLC", "S.A.", "AG"}
	regions = []string{"", "Iberia", "Nordics", "APAC", "Benelux", "Canada", "Brasil", "Japan", "UK", "DACH", "India", "Mexico"}

	industries = map[string]string{"Robotics": "Manufacturing", "Logistics": "Transportation", "Health": "Healthcare", "Foods": "Food & Beverage",
		"Energy": "Energy", "Analytics": "Technology", "Pharma": "Healthcare", "Capital": "Financial Services", "Media": "Media",
		"Retail": "Retail", "Systems": "Technology", "Labs": "Technology", "Motors": "Automotive", "Airlines": "Transportation",
		"Insurance": "Financial Services", "Telecom": "Telecommunications", "Biotech": "Healthcare", "Software": "Technology",
		"Foundry": "Manufacturing", "Textiles": "Manufacturing", "Mining": "Energy", "Shipping": "Transportation", "Hotels": "Hospitality",
		"Games": "Media", "Security": "Technology", "Education": "Education", "Agritech": "Agriculture", "Cloud": "Technology",
		"Devices": "Manufacturing", "Payments": "Financial Services", "Freight": "Transportation", "Clinics": "Healthcare",
		"Studios": "Media", "Networks": "Telecommunications", "Materials": "Manufacturing", "Water": "Utilities", "Solar": "Energy",
		"Outdoors": "Retail", "Apparel": "Retail", "Kitchens": "Hospitality"}

	owners  = []string{"Maya Chen", "Jonas Weber", "Priya Nair", "Luis Ortega", "Sofia Rossi"}
	aes     = []string{"Tom Becker", "Aisha Khan", "Marco Silva", "Elena Petrova", "Ken Watanabe", "Grace Liu"}
	first   = []string{"Ana", "Ben", "Carla", "David", "Emma", "Felix", "Gina", "Hugo", "Ines", "Jack", "Kira", "Leo", "Mona", "Nils", "Olga", "Paul", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Yara", "Zoe"}
	last    = []string{"Alvarez", "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Quinn", "Rahman", "Schmidt", "Tanaka", "Varga", "Walsh", "Young", "Zhang"}
	titles  = map[domain.Role][]string{domain.RoleDecisionMaker: {"CFO", "VP Operations", "CIO", "COO"}, domain.RoleChampion: {"Head of Ops", "Director of IT", "Program Manager"}, domain.RoleInfluencer: {"Procurement Lead", "Security Architect", "Finance Manager"}, domain.RoleUser: {"Analyst", "Team Lead", "Engineer", "Coordinator"}, domain.RoleBlocker: {"Legal Counsel", "IT Security Officer"}}
	tagsAll = []string{"reference", "beta", "at-risk", "expansion", "exec-sponsor", "emea", "us-east", "migration"}

	products    = []string{"Platform Core", "Analytics add-on", "Premium support", "SSO & audit", "API tier", "Data connectors", "Mobile app"}
	promises    = []string{"SSO live by end of quarter", "dedicated onboarding engineer", "quarterly roadmap briefing", "price lock for two years", "custom SLA of 99.95%", "Salesforce integration in beta"}
	concerns    = []string{"worried about migration effort", "budget under review next year", "previous vendor failed on support", "security review still pending", "low adoption in the EU team"}
	competitors = []string{"Gainsight", "ChurnZero", "Totango", "Planhat", "Vitally", "in-house tool"}
	summaries   = []string{
		"Weekly sync: adoption up in the ops team, asked about SSO timeline.",
		"Walked through the new dashboard; positive reaction from the champion.",
		"Escalated a support ticket about slow exports; engineering looking at it.",
		"QBR: reviewed goals, agreed to expand to the EU team next quarter.",
		"Pricing questions ahead of renewal; procurement wants a multi-year offer.",
		"Onboarding session for new users; training recording shared.",
		"Check-in email; no reply yet.",
		"Exec sponsor changed roles; need a new decision maker.",
		"Shared the case study draft; they will review with marketing.",
		"Discussed data connector roadmap; they need the Snowflake one.",
	}
	goalDefs = []struct {
		title, metric, unit string
		base, target        float64
	}{
		{"Grow weekly active users", "weekly active users", "users", 120, 300},
		{"Cut ticket resolution time", "median resolution", "hours", 30, 8},
		{"Adopt the analytics add-on", "teams on analytics", "teams", 0, 6},
		{"Raise CSAT", "CSAT", "/5", 3.6, 4.5},
		{"Finish the data migration", "records migrated", "%", 0, 100},
	}
	strategies = []string{"Run monthly office hours with the ops team", "Build a second champion in finance", "Position the analytics add-on at the QBR", "Quarterly executive business review with the sponsor", "Turn the SSO win into a case study"}
	onboarding = []string{"Kick-off call held", "Admin users trained", "SSO configured", "Data import complete", "First success review"}
	actions    = []string{"Send pricing proposal", "Book the QBR", "Follow up on the support ticket", "Share the SSO guide", "Intro to the finance lead", "Send renewal quote", "Review adoption report", "Schedule training for new users", "Confirm the roadmap briefing", "Collect the case study sign-off"}
	riskTitles = []string{"Champion leaving the company", "Usage dropped 30% this month", "Unresolved P1 support ticket", "Budget freeze announced", "Competitor pilot in the EU team", "Missed SLA twice this quarter"}
	winTitles  = []string{"Went live in 3 new regions", "Cut reporting time by 40%", "Renewed early for two years", "Published a joint case study", "Reached 500 active users"}
)

// Generate calls emit with each account's bundle, in order. It keeps one bundle
// in memory at a time, so it scales to 100k accounts.
func Generate(o Options, emit func(*Bundle) error) error {
	if o.Accounts <= 0 {
		return nil
	}
	if o.Loc == nil {
		o.Loc = time.UTC
	}
	per := 25.0
	if o.Interactions > 0 {
		per = float64(o.Interactions) / float64(o.Accounts)
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	total := 0
	for i := 0; i < o.Accounts; i++ {
		b := account(r, i, o, per)
		// keep the total on target: the last account takes what is left.
		if o.Interactions > 0 {
			want := int(per*float64(i+1)) - total
			b.Interactions = interactions(r, &b, max(0, want), o)
		}
		total += len(b.Interactions)
		if err := emit(&b); err != nil {
			return err
		}
	}
	return nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func name(i int) (string, string) {
	// (prefix, noun) pairs are a bijection of i within each block, so names
	// stay unique while neighbours differ in both words.
	pi, q := i%len(prefixes), (i/len(prefixes))%len(nouns)
	p := prefixes[pi]
	n := nouns[(q+17*pi)%len(nouns)]
	l := legal[(i/(len(prefixes)*len(nouns)))%len(legal)]
	reg := regions[(i/(len(prefixes)*len(nouns)*len(legal)))%len(regions)]
	full := p + " " + n
	if reg != "" {
		full += " " + reg
	}
	full += " " + l
	if k := i / (len(prefixes) * len(nouns) * len(legal) * len(regions)); k > 0 {
		full += fmt.Sprintf(" %d", k+1)
	}
	return full, n
}

func account(r *rand.Rand, i int, o Options, per float64) Bundle {
	today := o.Today
	nm, noun := name(i)
	a := domain.NewAccount(nm)
	a.Industry = industries[noun]
	a.Employees = []int{40, 120, 450, 1200, 5000, 20000}[r.IntN(6)] + r.IntN(100)
	switch {
	case a.Employees >= 5000:
		a.Segment = "Enterprise"
	case a.Employees >= 400:
		a.Segment = "Mid-Market"
	default:
		a.Segment = "SMB"
	}
	tierRoll := r.IntN(100)
	switch {
	case a.Segment == "Enterprise" && tierRoll < 45:
		a.Tier = domain.TierKey
	case a.Segment != "SMB" && tierRoll < 60:
		a.Tier = domain.TierStrategic
	case tierRoll < 70:
		a.Tier = domain.TierRelationship
	default:
		a.Tier = domain.TierTransactional
	}
	a.Owner = owners[i%len(owners)]
	a.AccountExec = pick(r, aes)
	slug := ""
	for _, c := range nm {
		if c >= 'A' && c <= 'Z' {
			slug += string(c + 32)
		} else if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			slug += string(c)
		}
	}
	a.Website = slug + ".example.com"
	base := map[string]int64{"Enterprise": 250_000, "Mid-Market": 60_000, "SMB": 12_000}[a.Segment]
	arr := base/2 + r.Int64N(base*2)
	a.ARR = domain.Money{Amount: arr * 100, Currency: domain.DefaultCurrency}
	a.AcquisitionCost = domain.Money{Amount: arr * int64(20+r.IntN(40)), Currency: domain.DefaultCurrency}
	a.GrowthPotential = 1 + r.IntN(5)
	a.Replaceability = 1 + r.IntN(5)
	a.CadenceDays = map[domain.Tier]int{domain.TierKey: 14, domain.TierStrategic: 21, domain.TierRelationship: 30, domain.TierTransactional: 60}[a.Tier]
	a.NoticeDays = []int{60, 90, 90, 120}[r.IntN(4)]
	if r.IntN(3) == 0 {
		a.Tags = []string{pick(r, tagsAll)}
	}
	a.Handoff = domain.Handoff{Products: []string{products[0], pick(r, products[1:])}, Promises: []string{pick(r, promises)}, Concerns: []string{pick(r, concerns)}}
	if r.IntN(2) == 0 {
		a.Competitors = []string{pick(r, competitors)}
	}
	// Lifecycle: most are established; some new (onboarding), a few churned.
	roll := r.IntN(100)
	switch {
	case roll < 8: // new in the last 60 days
		a.ContractStart = today.AddDays(-r.IntN(60))
		a.Stage = domain.StageOnboarding
	case roll < 14: // churned in the last year
		a.ContractStart = today.AddDays(-400 - r.IntN(700))
		a.Stage = domain.StageClosed
		a.ClosedOn = today.AddDays(-1 - r.IntN(330))
		a.ClosedReason = pick(r, []string{"budget cut", "moved to a competitor", "acquired; consolidated vendors", "low adoption"})
		a.ExitFeedback = "Product was fine; " + pick(r, []string{"could not justify the price", "the new owner standardised on another tool", "never got past onboarding"})
	default:
		a.ContractStart = today.AddDays(-90 - r.IntN(1000))
		a.Stage = pick(r, []domain.Stage{domain.StageRelationship, domain.StageDevelopment, domain.StageRetention, domain.StageRetention})
	}
	// Renewal: the next contract anniversary after today.
	a.Renewal = a.ContractStart.AddMonths(12)
	for a.Renewal <= today {
		a.Renewal = a.Renewal.AddMonths(12)
	}
	if a.Stage == domain.StageClosed {
		a.Renewal = 0
	}
	b := Bundle{Account: a, HealthLastMonth: -1}
	// The days the account was a customer: from its contract start to today,
	// or to the day before it closed. Every dated record falls inside.
	lastDay := today
	if !a.ClosedOn.IsZero() {
		lastDay = a.ClosedOn.AddDays(-1)
	}
	inContract := func(d domain.Date) domain.Date { return max(a.ContractStart, min(lastDay, d)) }
	// ARR history (written once the won opportunities are known): started
	// lower for growers. (The random draws keep their order, so that a seed
	// gives the book it always gave wherever the rules allow.)
	grower := r.IntN(3) == 0
	growth := int64(0)
	if grower {
		growth = int64(70 + r.IntN(25))
	}
	// Contacts.
	nc := 2 + r.IntN(4)
	roles := []domain.Role{domain.RoleDecisionMaker, domain.RoleChampion, domain.RoleUser, domain.RoleInfluencer, domain.RoleBlocker, domain.RoleUser}
	if r.IntN(4) == 0 {
		roles[0] = domain.RoleInfluencer // no decision maker known
	}
	for k := 0; k < nc; k++ {
		fn, ln := pick(r, first), pick(r, last)
		role := roles[k]
		b.Contacts = append(b.Contacts, domain.Contact{
			Name: fn + " " + ln, Title: pick(r, titles[role]), Role: role,
			Email:   fmt.Sprintf("%c.%s@%s", fn[0]+32, toLower(ln), a.Website),
			Phone:   fmt.Sprintf("+1 555 %03d %04d", r.IntN(1000), r.IntN(10000)),
			Channel: pick(r, []domain.Channel{domain.ChannelEmail, domain.ChannelCall, domain.ChannelMeeting, domain.ChannelChat}),
		})
	}
	if o.Interactions == 0 {
		b.Interactions = interactions(r, &b, int(per/2)+r.IntN(int(per)+1), o)
	}
	// Plan.
	if a.Stage != domain.StageClosed {
		ng := 1 + r.IntN(3)
		for k := 0; k < ng; k++ {
			g := goalDefs[(i+k)%len(goalDefs)]
			start := today.AddDays(-30 - r.IntN(120))
			due := today.AddDays(-10 + r.IntN(150))
			if due <= start {
				due = start + 30
			}
			prog := r.Float64() * 1.1
			b.Plan.Goals = append(b.Plan.Goals, domain.Goal{Title: g.title, Metric: g.metric, Unit: g.unit, Baseline: g.base, Target: g.target,
				Current: round1(g.base + (g.target-g.base)*min(prog, 1)), Start: start, Due: due})
		}
		b.Plan.Strategies = []string{pick(r, strategies), pick(r, strategies)}
		if b.Plan.Strategies[0] == b.Plan.Strategies[1] {
			b.Plan.Strategies = b.Plan.Strategies[:1]
		}
		if a.Stage == domain.StageOnboarding {
			done := r.IntN(len(onboarding))
			for k, t := range onboarding {
				b.Plan.Onboarding = append(b.Plan.Onboarding, domain.ChecklistItem{Text: t, Done: k < done, Due: a.ContractStart.AddDays(7 * (k + 1))})
			}
		}
		// Action items: some overdue, some due soon, some done.
		ni := r.IntN(4)
		for k := 0; k < ni; k++ {
			it := domain.ActionItem{Text: pick(r, actions), Due: today.AddDays(-12 + r.IntN(30)), Created: inContract(today.AddDays(-20)).Time()}
			if r.IntN(4) == 0 {
				it.Done, it.DoneAt = true, today.AddDays(-1).Time()
			}
			b.Items = append(b.Items, it)
		}
	}
	// Opportunities.
	if a.Stage != domain.StageClosed && r.IntN(2) == 0 {
		kind := pick(r, []domain.OppKind{domain.OppUpsell, domain.OppCrossSell, domain.OppExpansion})
		op := domain.Opportunity{Kind: kind, Title: string(kind) + ": " + pick(r, products[1:]), Value: domain.Money{Amount: a.ARR.Amount / int64(3+r.IntN(5)), Currency: "USD"},
			Stage: pick(r, []domain.OppStage{domain.OppQualify, domain.OppPropose, domain.OppNegotiate}), Probability: 10 * (2 + r.IntN(7)), CloseDate: today.AddDays(-15 + r.IntN(120))}
		b.Opportunities = append(b.Opportunities, op)
	}
	if a.Stage != domain.StageClosed && a.Renewal.Sub(today) < 150 && r.IntN(2) == 0 {
		b.Opportunities = append(b.Opportunities, domain.Opportunity{Kind: domain.OppRenewal, Title: "Renewal " + a.Renewal.String()[:4], Value: a.ARR, Stage: domain.OppPropose, Probability: 80, CloseDate: a.Renewal})
	}
	// A won upsell, cross-sell or expansion in the past year, while a
	// customer, raised ARR by its value from the day it closed (the lifecycle rule).
	var won *domain.Opportunity
	if r.IntN(4) == 0 {
		d := inContract(today.AddDays(-r.IntN(330)))
		o := domain.Opportunity{Kind: pick(r, []domain.OppKind{domain.OppUpsell, domain.OppCrossSell, domain.OppExpansion}), Title: "Expansion: " + pick(r, products[1:]),
			Value: domain.Money{Amount: a.ARR.Amount / 5, Currency: "USD"}, Stage: domain.OppWon, Probability: 100, CloseDate: d, ClosedOn: d}
		if d > a.ContractStart { // not on its first day: it raised the ARR the contract started with
			won = &o
			b.Opportunities = append(b.Opportunities, o)
		}
	}
	switch {
	case won != nil: // the ARR before the win, then the win's step
		b.ARRHistory = append(b.ARRHistory, domain.ARRChange{Date: a.ContractStart, ARR: domain.Money{Amount: a.ARR.Amount - won.Value.Amount, Currency: "USD"}},
			domain.ARRChange{Date: won.ClosedOn, ARR: a.ARR})
	case grower:
		startARR := a.ARR.Amount * growth / 100
		mid := a.ContractStart.AddDays(today.Sub(a.ContractStart) / 2)
		b.ARRHistory = append(b.ARRHistory, domain.ARRChange{Date: a.ContractStart, ARR: domain.Money{Amount: startARR, Currency: "USD"}},
			domain.ARRChange{Date: mid, ARR: a.ARR})
	default:
		b.ARRHistory = append(b.ARRHistory, domain.ARRChange{Date: a.ContractStart, ARR: a.ARR})
	}
	// A won renewal at the last anniversary, for every third established
	// account with an opportunity already: the renewal date is then the
	// anniversary after it, as the lifecycle rolls it.
	if prev := a.Renewal.AddMonths(-12); a.Stage != domain.StageClosed && prev > a.ContractStart && i%3 == 0 && len(b.Opportunities) > 0 {
		b.Opportunities = append(b.Opportunities, domain.Opportunity{Kind: domain.OppRenewal, Title: "Renewal " + prev.String()[:4], Value: a.ARR,
			Stage: domain.OppWon, Probability: 100, CloseDate: prev, ClosedOn: prev})
	}
	// Risks.
	if r.IntN(5) == 0 {
		kind := domain.RiskConcern
		if r.IntN(3) == 0 {
			kind = domain.RiskEscalation
		}
		opened := inContract(today.AddDays(-r.IntN(60)))
		rk := domain.Risk{Kind: kind, Severity: pick(r, domain.Severities), Status: domain.RiskOpen, Title: pick(r, riskTitles), Opened: opened}
		if r.IntN(3) == 0 {
			rk.Status, rk.Resolved = domain.RiskResolved, opened.AddDays(r.IntN(10))
			if rk.Resolved > today {
				rk.Resolved = today
			}
		}
		if a.Stage == domain.StageClosed { // nobody works a closed account's risks after it closed
			rk.Status, rk.Resolved = domain.RiskResolved, min(max(rk.Resolved, opened), lastDay)
		}
		b.Risks = append(b.Risks, rk)
	}
	// Orders: monthly over the last year while active.
	for m := 12; m >= 0; m-- {
		d := today.AddMonths(-m).AddDays(-r.IntN(20))
		if d < a.ContractStart || (!a.ClosedOn.IsZero() && d >= a.ClosedOn) || r.IntN(3) == 0 {
			continue
		}
		b.Orders = append(b.Orders, domain.Order{Date: d, Amount: domain.Money{Amount: a.ARR.Amount / 12 * int64(80+r.IntN(40)) / 100, Currency: "USD"}})
	}
	// Surveys: quarterly NPS, occasional CSAT; unhappy accounts score lower.
	mood := 4 + r.IntN(7) // most customers are content; some are not
	for q := 4; q >= 0; q-- {
		d := today.AddMonths(-3 * q).AddDays(-r.IntN(30))
		if d < a.ContractStart || (!a.ClosedOn.IsZero() && d >= a.ClosedOn) {
			continue
		}
		score := min(10, max(0, mood+r.IntN(4)-1))
		b.Surveys = append(b.Surveys, domain.SurveyResponse{Kind: domain.SurveyNPS, Score: score, Date: d, ContactID: 1 + uint64(r.IntN(nc))})
		if r.IntN(2) == 0 {
			b.Surveys = append(b.Surveys, domain.SurveyResponse{Kind: domain.SurveyCSAT, Score: min(5, max(1, 1+mood/2+r.IntN(2))), Date: inContract(d.AddDays(3)), ContactID: 1 + uint64(r.IntN(nc))})
		}
	}
	// Wins.
	if r.IntN(3) == 0 {
		b.Wins = append(b.Wins, domain.Win{Date: inContract(today.AddDays(-r.IntN(200))), Title: pick(r, winTitles)})
	}
	if a.Stage != domain.StageClosed {
		b.HealthLastMonth = 40 + r.IntN(60)
	}
	return b
}

func interactions(r *rand.Rand, b *Bundle, n int, o Options) []domain.Interaction {
	a := &b.Account
	if n <= 0 {
		return nil
	}
	from := max(a.ContractStart, o.Today.AddDays(-365))
	to := o.Today
	if !a.ClosedOn.IsZero() {
		to = a.ClosedOn.AddDays(-1) // the last day it was a customer
	}
	end := to
	span := max(1, to.Sub(from))
	// Some accounts went quiet: nothing in the last 1.5–3 cadences.
	if r.IntN(5) == 0 {
		to = to.AddDays(-a.CadenceDays * (3 + r.IntN(4)) / 2)
		span = max(1, to.Sub(from))
	}
	out := make([]domain.Interaction, 0, n)
	for k := 0; k < n; k++ {
		day := min(end, from.AddDays(r.IntN(span+1)))
		at := day.In(o.Loc).Add(time.Duration(8*60+r.IntN(10*60)) * time.Minute)
		in := domain.Interaction{At: at.UTC(), Channel: pick(r, domain.Channels[:5]), Summary: pick(r, summaries),
			Sentiment: pick(r, []domain.Sentiment{domain.SentimentPositive, domain.SentimentPositive, domain.SentimentNeutral, domain.SentimentNegative})}
		if len(b.Contacts) > 0 {
			in.Attendees = []uint64{1 + uint64(r.IntN(len(b.Contacts)))}
		}
		out = append(out, in)
	}
	// In time order, as they would have happened: the store then appends.
	slices.SortFunc(out, func(a, b domain.Interaction) int { return a.At.Compare(b.At) })
	return out
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
