package domain

import "time"

// Summary is the compact face of an account that the portfolio, triage and
// search need: profile fields plus the facts that health is computed from.
// The store keeps one per account, refreshed on every write that touches the
// account, so that starting tend never decodes timelines or plans.
type Summary struct {
	ID              uint64
	UID             string // the account's global id
	Name            string
	Industry        string
	Segment         string
	Owner           string
	Tags            []string
	Tier            Tier
	Stage           Stage
	ARR             Money
	ARRYearAgo      int64 // ARR (minor units) 12 months before the last refresh; 0 when unknown
	ContractStart   Date
	Renewal         Date
	ClosedOn        Date
	NoticeDays      int
	CadenceDays     int
	GrowthPotential int
	Replaceability  int
	AcquisitionCost int64 // minor units

	LastTouch     Date        // day of the newest interaction
	Items         []ItemRef   // open action items
	NPS           int         // latest NPS score, -1 none
	CSAT          int         // latest CSAT score, -1 none
	Risks         [4]int      // open risks by severity: low, medium, high, critical
	Escalations   []RiskRef   // open escalations
	GoalProgress  int         // mean goal progress 0–100, -1 no goals
	Goals         []GoalRef   // goals not yet reached
	Opps          []OppRef    // open opportunities with a close date
	Onboarding    []Date      // due dates of onboarding steps not done (0 = no date)
	Snoozes       []SnoozeRef // triage rows put off until a date
	RenewalOpp    bool        // an open renewal opportunity exists
	Champion      bool
	DecisionMaker bool
	Contacts      int
	ContactNames  []string // for the fuzzy jump

	HealthMonth int // month (YYYY*12+M) of HealthLast
	HealthLast  int // health computed at the last refresh, -1 none
	HealthPrev  int // health recorded in the month before HealthMonth, -1 none
}

// ItemRef is an open action item as triage needs it.
type ItemRef struct {
	ID   uint64
	Due  Date // the later of due and snoozed-until; 0 = no date
	Text string
}

// RiskRef is an open escalation.
type RiskRef struct {
	ID       uint64
	Severity Severity
	Title    string
}

// GoalRef is a goal not yet reached.
type GoalRef struct {
	ID       uint64
	Title    string
	Start    Date
	Due      Date
	Progress float64
}

// Status of the goal on today (see Goal.Status).
func (g GoalRef) Status(today Date) GoalStatus {
	x := Goal{Baseline: 0, Target: 1, Current: g.Progress, Start: g.Start, Due: g.Due}
	return x.Status(today)
}

// OppRef is an open opportunity with a close date.
type OppRef struct {
	ID        uint64
	Title     string
	Kind      OppKind
	CloseDate Date
}

// SnoozeRef hides one triage row of the account until a date.
type SnoozeRef struct {
	Key   string // the row's key, e.g. "quiet" or "escalation:12"
	Until Date
}

// Snooze is a stored snooze of a triage row.
type Snooze struct {
	AccountID uint64 `json:"account_id"`
	Key       string `json:"key"`
	Until     Date   `json:"until"`
}

// MonthIndex numbers months: year*12 + month-1.
func MonthIndex(d Date) int {
	y, m, _ := d.Parts()
	return y*12 + int(m) - 1
}

// Facts are what the store gathers about one account to build its summary.
type Facts struct {
	Contacts   []Contact
	LastTouch  time.Time
	Items      []ActionItem // open ones are enough
	Risks      []Risk
	Opps       []Opportunity
	Plan       *Plan
	Snoozes    []Snooze
	LatestNPS  *SurveyResponse
	LatestCSAT *SurveyResponse
	ARRYearAgo int64
}

// Summarize builds the summary of a, carrying the health history from prev
// (the account's previous summary, or nil), as of today.
func Summarize(a *Account, f Facts, prev *Summary, today Date, loc *time.Location) Summary {
	s := Summary{
		ID: a.ID, UID: a.UID, Name: a.Name, Industry: a.Industry, Segment: a.Segment, Owner: a.Owner,
		Tags: a.Tags, Tier: a.Tier, Stage: a.Stage, ARR: a.ARR, ARRYearAgo: f.ARRYearAgo,
		ContractStart: a.ContractStart, Renewal: a.Renewal, ClosedOn: a.ClosedOn,
		NoticeDays: a.NoticeDays, CadenceDays: a.CadenceDays,
		GrowthPotential: a.GrowthPotential, Replaceability: a.Replaceability, AcquisitionCost: a.AcquisitionCost.Amount,
		NPS: -1, CSAT: -1, GoalProgress: -1, HealthLast: -1, HealthPrev: -1,
		Contacts: len(f.Contacts),
	}
	for _, c := range f.Contacts {
		s.ContactNames = append(s.ContactNames, c.Name)
	}
	if !f.LastTouch.IsZero() {
		s.LastTouch = DateOf(f.LastTouch.In(loc))
	}
	for i := range f.Items {
		it := &f.Items[i]
		if it.Done {
			continue
		}
		d := it.Due
		if it.SnoozedUntil > d {
			d = it.SnoozedUntil
		}
		s.Items = append(s.Items, ItemRef{ID: it.ID, Due: d, Text: it.Text})
	}
	for _, r := range f.Risks {
		if !r.Open() {
			continue
		}
		if i := r.Severity.Rank(); i >= 0 {
			s.Risks[i]++
		}
		if r.Kind == RiskEscalation {
			s.Escalations = append(s.Escalations, RiskRef{ID: r.ID, Severity: r.Severity, Title: r.Title})
		}
	}
	for _, o := range f.Opps {
		if o.Kind == OppRenewal && o.Open() {
			s.RenewalOpp = true
		}
		if o.Open() && !o.CloseDate.IsZero() {
			s.Opps = append(s.Opps, OppRef{ID: o.ID, Title: o.Title, Kind: o.Kind, CloseDate: o.CloseDate})
		}
	}
	for _, z := range f.Snoozes {
		if z.Until > today {
			s.Snoozes = append(s.Snoozes, SnoozeRef{Key: z.Key, Until: z.Until})
		}
	}
	for _, c := range f.Contacts {
		switch c.Role {
		case RoleChampion:
			s.Champion = true
		case RoleDecisionMaker:
			s.DecisionMaker = true
		}
	}
	if f.Plan != nil && len(f.Plan.Goals) > 0 {
		total := 0.0
		for i := range f.Plan.Goals {
			g := &f.Plan.Goals[i]
			total += g.Progress()
			if g.Progress() < 1 {
				s.Goals = append(s.Goals, GoalRef{ID: g.ID, Title: g.Title, Start: g.Start, Due: g.Due, Progress: g.Progress()})
			}
		}
		s.GoalProgress = int(100*total/float64(len(f.Plan.Goals)) + 0.5)
	}
	if f.Plan != nil {
		for _, c := range f.Plan.Onboarding {
			if !c.Done {
				s.Onboarding = append(s.Onboarding, c.Due)
			}
		}
	}
	if f.LatestNPS != nil {
		s.NPS = f.LatestNPS.Score
	}
	if f.LatestCSAT != nil {
		s.CSAT = f.LatestCSAT.Score
	}
	// Health history: keep the last score of the previous month as HealthPrev.
	month := MonthIndex(today)
	if prev != nil {
		s.HealthPrev = prev.HealthPrev
		switch {
		case prev.HealthMonth == month-1 && prev.HealthLast >= 0:
			s.HealthPrev = prev.HealthLast
		case prev.HealthMonth < month-1:
			s.HealthPrev = -1
		}
	}
	s.HealthMonth = month
	s.HealthLast = Health(&s, today).Score
	return s
}

// OpenItems is the number of open action items.
func (s *Summary) OpenItems() int { return len(s.Items) }

// Overdue is the number of open action items due before today.
func (s *Summary) Overdue(today Date) int {
	n := 0
	for _, it := range s.Items {
		if it.Due != 0 && it.Due < today {
			n++
		}
	}
	return n
}

// Snoozed reports whether the triage row with key is put off past today.
func (s *Summary) Snoozed(key string, today Date) bool {
	for _, z := range s.Snoozes {
		if z.Key == key && z.Until > today {
			return true
		}
	}
	return false
}

// DaysToRenewal is the number of days from today to the renewal date, and false when there is none.
func (s *Summary) DaysToRenewal(today Date) (int, bool) {
	if s.Renewal.IsZero() {
		return 0, false
	}
	return s.Renewal.Sub(today), true
}

// InNoticeWindow reports whether the renewal falls inside its notice window (or has passed).
func (s *Summary) InNoticeWindow(today Date) bool {
	d, ok := s.DaysToRenewal(today)
	return ok && s.Stage != StageClosed && d <= s.NoticeDays
}

// Active reports whether the account is a customer on d (see CustomerOn).
func (s *Summary) Active(d Date) bool { return CustomerOn(s.Stage, s.ContractStart, s.ClosedOn, d) }

// AccountDetail is everything about one account that its pane shows; the
// interactions are the newest page only.
type AccountDetail struct {
	Account       Account
	Summary       Summary
	Contacts      []Contact
	Interactions  []Interaction
	Opportunities []Opportunity
	Risks         []Risk
	Wins          []Win
	Plan          Plan
	Items         []ActionItem
	Surveys       []SurveyResponse
	ARRHistory    []ARRChange // oldest first
}
