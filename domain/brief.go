package domain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// The pre-call brief: what an account manager reads in the half-minute
// before a call. Brief is a pure function of the account's records and the
// day; the cockpit and the command line only render it.

// Cite names the record a talking point comes from: its kind (as
// RecordRef.Kind says it, or "account"), its number, and the words of it the
// point repeats (a topic word, an item's text, a contact's name), so that
// a reader, and a test, can check the point against the record.
type Cite struct {
	Kind string `json:"kind"`
	ID   uint64 `json:"id"`
	Says string `json:"says"`
}

// String is "item #4".
func (c Cite) String() string { return fmt.Sprintf("%s #%d", c.Kind, c.ID) }

// TalkingPoint is one thing worth raising on the call and where it comes from.
type TalkingPoint struct {
	Text  string `json:"text"`
	Cites []Cite `json:"cites"`
}

// BriefContact is a stakeholder and when we last spoke with them.
type BriefContact struct {
	ID        uint64 `json:"id"`
	Name      string `json:"name"`
	Title     string `json:"title,omitempty"`
	Role      Role   `json:"role,omitempty"`
	LastSpoke Date   `json:"last_spoke,omitzero"` // the newest note they attended, else their last touch; 0 never
	Likely    bool   `json:"likely"`              // attended one of the last notes, or decides or champions
}

// BriefItem is an open action item: something we promised.
type BriefItem struct {
	ID      uint64 `json:"id"`
	Text    string `json:"text"`
	Due     Date   `json:"due,omitzero"`
	Overdue bool   `json:"overdue"`
}

// BriefNote is what they told us: a note's first line.
type BriefNote struct {
	ID        uint64    `json:"id"`
	On        Date      `json:"on"`
	Channel   Channel   `json:"channel"`
	Sentiment Sentiment `json:"sentiment,omitempty"`
	First     string    `json:"first"`
}

// BriefOpp is an open opportunity.
type BriefOpp struct {
	ID          uint64   `json:"id"`
	Title       string   `json:"title"`
	Kind        OppKind  `json:"kind"`
	Stage       OppStage `json:"stage"`
	Value       Money    `json:"value"`
	Probability int      `json:"probability"`
	CloseDate   Date     `json:"close_date,omitzero"`
}

// BriefRisk is an open risk or escalation.
type BriefRisk struct {
	ID       uint64     `json:"id"`
	Title    string     `json:"title"`
	Kind     RiskKind   `json:"kind"`
	Severity Severity   `json:"severity"`
	Status   RiskStatus `json:"status"`
	Opened   Date       `json:"opened"`
}

// BriefGoal is a goal that is at risk or overdue.
type BriefGoal struct {
	ID       uint64     `json:"id"`
	Title    string     `json:"title"`
	Status   GoalStatus `json:"status"`
	Progress int        `json:"progress"` // percent
	Due      Date       `json:"due,omitzero"`
}

// SignalMove is how one health signal changed over the trend window.
type SignalMove struct {
	Name  string  `json:"name"`
	Value string  `json:"value"` // the signal's input now, in words
	Then  float64 `json:"then"`  // points it added then
	Now   float64 `json:"now"`   // points it adds now
}

// Delta is the points it gained (negative: lost).
func (s SignalMove) Delta() float64 { return s.Now - s.Then }

// Brief is the pre-call brief of one account.
type Brief struct {
	AccountID  uint64 `json:"account_id"`
	AccountUID string `json:"account_uid,omitempty"`
	Name       string `json:"name"`
	Tier       Tier   `json:"tier"`
	Stage      Stage  `json:"stage"`
	Owner      string `json:"owner,omitempty"`
	ARR        Money  `json:"arr"`
	Today      Date   `json:"today"`

	Contacts []BriefContact `json:"contacts"`
	Promised []BriefItem    `json:"promised"`
	Told     []BriefNote    `json:"told"`
	Opps     []BriefOpp     `json:"opportunities"`
	Risks    []BriefRisk    `json:"risks"`
	GoalsOff []BriefGoal    `json:"goals_off_track"`

	Renewal     Date `json:"renewal,omitzero"`
	NoticeDays  int  `json:"notice_days"`
	NoticeFrom  Date `json:"notice_from,omitzero"` // the day the notice window opens
	InNotice    bool `json:"in_notice_window"`
	RenewalOpp  bool `json:"renewal_opportunity"`
	CadenceDays int  `json:"cadence_days"`
	NextCheckIn Date `json:"next_check_in,omitzero"` // an open check-in item's due date, else the last touch plus the cadence (today when past)

	Health     int         `json:"health"` // -1 unknown
	Band       string      `json:"band"`
	HealthWhy  string      `json:"health_reason,omitempty"` // why there is no score
	HealthThen int         `json:"health_then"`             // TrendDays ago, -1 unknown
	Moved      *SignalMove `json:"moved,omitempty"`

	Points []TalkingPoint `json:"talking_points"`
}

// Trend is the health change over TrendDays, and whether both ends are known.
func (b *Brief) Trend() (int, bool) { c := b.change(); return c.Delta() }

// change is the brief's HealthChange, its scores alone.
func (b *Brief) change() HealthChange {
	return HealthChange{Now: HealthReport{Score: b.Health}, Then: HealthReport{Score: b.HealthThen}}
}

// HealthText is the brief's health in words: score, band, trend and the
// signal that moved most.
func (b *Brief) HealthText() string {
	if b.Health < 0 {
		if b.HealthWhy != "" {
			return b.HealthWhy
		}
		return "not enough data"
	}
	s := fmt.Sprintf("%d (%s)", b.Health, b.Band)
	c := b.change()
	if w := c.Words(); w != "" {
		s += ", " + w
	}
	if m := b.Moved; m != nil {
		s += fmt.Sprintf("; %s moved most, %+.0f pts (%s)", SignalName(m.Name), m.Delta(), m.Value)
	}
	return s
}

// RenewalText is the renewal date, the days to it and the notice window.
func (b *Brief) RenewalText() string {
	if b.Renewal == 0 {
		return "no renewal date"
	}
	s := fmt.Sprintf("%s (%s)", b.Renewal, b.Renewal.Describe(b.Today))
	switch {
	case b.NoticeFrom == 0:
	case b.InNotice:
		s += fmt.Sprintf(" · inside the %d-day notice window", b.NoticeDays)
	default:
		s += fmt.Sprintf(" · notice from %s", b.NoticeFrom)
	}
	if b.RenewalOpp {
		s += " · renewal opportunity open"
	} else {
		s += " · no renewal opportunity"
	}
	return s
}

// Attendees are the contacts likely on the call, to tick in the note.
func (b *Brief) Attendees() []uint64 {
	var out []uint64
	for _, c := range b.Contacts {
		if c.Likely {
			out = append(out, c.ID)
		}
	}
	return out
}

// How much of each kind the brief lists and how many talking points it makes.
const (
	briefNotes       = 5
	briefTopicNotes  = 8  // the notes a recurring topic is looked for in
	briefTopicDays   = 90 // … within this many days
	maxTalkingPoints = 8
)

// FirstLine is the first non-blank line of a note, trimmed.
func FirstLine(s string) string {
	for l := range strings.Lines(s) {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// NewBrief builds the brief of the account d on today (loc: the user's
// zone, for the day a note was written). d's interactions may be only the
// newest page of them: the brief looks at the newest.
func NewBrief(d *AccountDetail, today Date, loc *time.Location) Brief {
	if loc == nil {
		loc = time.UTC
	}
	a := &d.Account
	b := Brief{AccountID: a.ID, AccountUID: a.UID, Name: a.Name, Tier: a.Tier, Stage: a.Stage, Owner: a.Owner, ARR: a.ARR, Today: today,
		Renewal: a.Renewal, NoticeDays: a.NoticeDays, CadenceDays: a.CadenceDays}

	notes := slices.Clone(d.Interactions)
	slices.SortStableFunc(notes, func(x, y Interaction) int { return y.At.Compare(x.At) }) // newest first
	day := func(t time.Time) Date { return DateOf(t.In(loc)) }

	// What they told us.
	for _, n := range notes[:min(briefNotes, len(notes))] {
		b.Told = append(b.Told, BriefNote{ID: n.ID, On: day(n.At), Channel: n.Channel, Sentiment: n.Sentiment, First: FirstLine(n.Summary)})
	}

	// Who is likely on the call, and when we last spoke with each.
	recent := map[uint64]bool{}
	for _, n := range notes[:min(3, len(notes))] {
		for _, id := range n.Attendees {
			recent[id] = true
		}
	}
	for _, c := range d.Contacts {
		bc := BriefContact{ID: c.ID, Name: c.Name, Title: c.Title, Role: c.Role}
		for _, n := range notes {
			if slices.Contains(n.Attendees, c.ID) {
				bc.LastSpoke = day(n.At)
				break
			}
		}
		if lt := c.LastTouch; !lt.IsZero() && day(lt) > bc.LastSpoke {
			bc.LastSpoke = day(lt)
		}
		bc.Likely = recent[c.ID] || c.Role == RoleDecisionMaker || c.Role == RoleChampion
		b.Contacts = append(b.Contacts, bc)
	}
	slices.SortStableFunc(b.Contacts, func(x, y BriefContact) int {
		if x.Likely != y.Likely {
			if x.Likely {
				return -1
			}
			return 1
		}
		if rx, ry := roleRank(x.Role), roleRank(y.Role); rx != ry {
			return rx - ry
		}
		return int(y.LastSpoke - x.LastSpoke)
	})

	// What we promised: open items, overdue first, then by due date (no date last).
	for _, it := range d.Items {
		if it.Done {
			continue
		}
		b.Promised = append(b.Promised, BriefItem{ID: it.ID, Text: it.Text, Due: it.Due, Overdue: it.Overdue(today)})
	}
	slices.SortStableFunc(b.Promised, func(x, y BriefItem) int {
		switch {
		case x.Overdue != y.Overdue:
			if x.Overdue {
				return -1
			}
			return 1
		case (x.Due == 0) != (y.Due == 0):
			if x.Due == 0 {
				return 1
			}
			return -1
		}
		return int(x.Due - y.Due)
	})

	// Open opportunities (closing soonest first) and risks (worst first).
	for _, o := range d.Opportunities {
		if o.Kind == OppRenewal && o.Open() {
			b.RenewalOpp = true
		}
		if o.Open() {
			b.Opps = append(b.Opps, BriefOpp{ID: o.ID, Title: o.Title, Kind: o.Kind, Stage: o.Stage, Value: o.Value, Probability: o.Probability, CloseDate: o.CloseDate})
		}
	}
	slices.SortStableFunc(b.Opps, func(x, y BriefOpp) int {
		if (x.CloseDate == 0) != (y.CloseDate == 0) {
			if x.CloseDate == 0 {
				return 1
			}
			return -1
		}
		return int(x.CloseDate - y.CloseDate)
	})
	for _, r := range d.Risks {
		if r.Open() {
			b.Risks = append(b.Risks, BriefRisk{ID: r.ID, Title: r.Title, Kind: r.Kind, Severity: r.Severity, Status: r.Status, Opened: r.Opened})
		}
	}
	slices.SortStableFunc(b.Risks, func(x, y BriefRisk) int {
		if rx, ry := x.Severity.Rank(), y.Severity.Rank(); rx != ry {
			return ry - rx
		}
		return int(y.Opened - x.Opened)
	})

	// Goals off track.
	for i := range d.Plan.Goals {
		g := &d.Plan.Goals[i]
		if st := g.Status(today); st == GoalAtRisk || st == GoalOverdue {
			b.GoalsOff = append(b.GoalsOff, BriefGoal{ID: g.ID, Title: g.Title, Status: st, Progress: int(g.Progress()*100 + 0.5), Due: g.Due})
		}
	}

	// Renewal and the notice window.
	if !a.Renewal.IsZero() && a.Stage != StageClosed {
		b.NoticeFrom = a.Renewal.AddDays(-a.NoticeDays)
		b.InNotice = today >= b.NoticeFrom
	}
	var lastTouch Date
	if len(notes) > 0 {
		lastTouch = day(notes[0].At)
	}
	if lastTouch != 0 && a.CadenceDays > 0 {
		b.NextCheckIn = max(today, lastTouch.AddDays(a.CadenceDays))
	}
	var booked *BriefItem
	for i, it := range b.Promised { // a check-in booked as an item is the next one
		if IsCheckIn(it.Text) && it.Due != 0 {
			b.NextCheckIn, booked = it.Due, &b.Promised[i]
			break
		}
	}
	if r := b.Renewal; r >= today && b.NextCheckIn > r && booked == nil {
		b.NextCheckIn = max(today, r.AddDays(-briefBeforeRenewal)) // talk before the renewal, not after
	}

	// Health now and TrendDays ago: the account pane's figure.
	hc := NewHealthChange(d, today, loc)
	b.Health, b.Band, b.HealthThen, b.HealthWhy, b.Moved = hc.Now.Score, hc.Now.Band, hc.Then.Score, hc.Now.Reason, hc.Moved

	b.Points = talkingPoints(&b, d, notes, today, loc)
	if booked != nil && b.Renewal >= today && booked.Due > b.Renewal { // booked after the renewal: say so first
		b.Points = append([]TalkingPoint{{Text: fmt.Sprintf("The next check-in (%s) is after the renewal (%s): bring it forward", booked.Due, b.Renewal),
			Cites: []Cite{{"action item", booked.ID, booked.Text}}}}, b.Points[:min(len(b.Points), maxTalkingPoints-1)]...)
	}
	return b
}

// briefBeforeRenewal is how many days before the renewal the next check-in
// is pulled when the cadence would put it after.
const briefBeforeRenewal = 7

// CloseText is when an open opportunity closes, in the words the brief
// uses everywhere: "closes 2026-12-16 (in 18d)", "was due to close on
// 2026-11-28", "no close date"; date formats a day.
func (o *BriefOpp) CloseText(today Date, date func(Date) string) string {
	switch {
	case o.CloseDate == 0:
		return "no close date"
	case o.CloseDate < today:
		return "was due to close on " + date(o.CloseDate)
	}
	return fmt.Sprintf("closes %s (%s)", date(o.CloseDate), o.CloseDate.Describe(today))
}

func ptr[T any](v T) *T { return &v }

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func roleRank(r Role) int {
	if i := Index(Roles, r); i >= 0 {
		return i
	}
	return len(Roles)
}

// asOf is the account's summary as its records stood at the end of day on:
// notes, items, risks, opportunities, survey answers and goal progress
// dated after it are left out (or taken back to what they were).
func asOf(d *AccountDetail, notes []Interaction, on Date, loc *time.Location) Summary {
	var f Facts
	f.Contacts = d.Contacts
	for _, n := range notes { // newest first
		if DateOf(n.At.In(loc)) <= on {
			f.LastTouch = n.At
			break
		}
	}
	for _, it := range d.Items {
		if !it.Created.IsZero() && DateOf(it.Created.In(loc)) > on {
			continue
		}
		if it.Done && !it.DoneAt.IsZero() && DateOf(it.DoneAt.In(loc)) > on {
			it.Done = false
		}
		if it.SnoozedUntil > on { // a snooze set later is not known then
			it.SnoozedUntil = 0
		}
		f.Items = append(f.Items, it)
	}
	for _, r := range d.Risks {
		if r.Opened > on {
			continue
		}
		if r.Status == RiskResolved && r.Resolved > on {
			r.Status = RiskOpen
		}
		f.Risks = append(f.Risks, r)
	}
	for _, o := range d.Opportunities {
		if !o.Open() && o.ClosedOn > on {
			o.Stage = OppNegotiate
		}
		f.Opps = append(f.Opps, o)
	}
	plan := d.Plan
	plan.Goals = slices.Clone(d.Plan.Goals)
	for i := range plan.Goals {
		g := &plan.Goals[i]
		if len(g.History) == 0 {
			continue
		}
		g.Current = g.Baseline
		for _, h := range g.History {
			if h.On <= on {
				g.Current = h.Value
			}
		}
	}
	f.Plan = &plan
	for i := range d.Surveys {
		s := &d.Surveys[i]
		if s.Date > on {
			continue
		}
		switch s.Kind {
		case SurveyNPS:
			if f.LatestNPS == nil || s.Date >= f.LatestNPS.Date {
				f.LatestNPS = s
			}
		case SurveyCSAT:
			if f.LatestCSAT == nil || s.Date >= f.LatestCSAT.Date {
				f.LatestCSAT = s
			}
		}
	}
	f.ARRYearAgo = d.Summary.ARRYearAgo
	return Summarize(&d.Account, f, nil, on, loc)
}

// What a person brings up first, as talking points rank: overdue promises,
// a critical or high risk and the renewal at stake, promises due soon,
// people, other escalations, commitments written in the last notes; then how the last call went, goals, deals closing, and last the
// topics that recur (weighed against the account's common words).
const (
	rankOverdue = 100 - iota*10
	rankUrgent  // a critical or high risk open; the renewal in its notice window with no opportunity
	rankPromise
	rankPerson
	rankRisk
	rankCommitment
	rankMood
	rankGoal
	rankDeal
	rankTopic
)

// briefPromiseDays is how soon an open item falls due to be raised.
const briefPromiseDays = 14

// talkingPoints derives what to raise from the records, most pressing
// first, each citing the records it comes from.
func talkingPoints(b *Brief, d *AccountDetail, notes []Interaction, today Date, loc *time.Location) []TalkingPoint {
	type ranked struct {
		TalkingPoint
		rank int
	}
	var out []ranked
	add := func(rank int, text string, cites ...Cite) {
		out = append(out, ranked{TalkingPoint{Text: text, Cites: cites}, rank})
	}
	recent := notes[:min(briefTopicNotes, len(notes))]
	for i, n := range recent {
		if today.Sub(DateOf(n.At.In(loc))) > briefTopicDays {
			recent = recent[:i]
			break
		}
	}

	// Promises: the overdue ones, then what falls due soon.
	overdue, soon := 0, 0
	for _, it := range b.Promised {
		switch {
		case it.Overdue:
			if overdue++; overdue <= 2 {
				add(rankOverdue, fmt.Sprintf("Overdue promise: “%s” (due %s, %s late)", it.Text, it.Due, plural(today.Sub(it.Due), "day")),
					Cite{"action item", it.ID, it.Text})
			}
		case it.Due != 0 && it.Due.Sub(today) <= briefPromiseDays:
			if soon++; soon <= 2 {
				add(rankPromise, fmt.Sprintf("Promised: “%s”, due %s (%s)", it.Text, it.Due, it.Due.Describe(today)),
					Cite{"action item", it.ID, it.Text})
			}
		}
	}
	// People: who the last notes name, and stakeholders not heard from.
	named := 0
	for _, c := range b.Contacts {
		if named == 2 {
			break
		}
		for _, n := range recent {
			if line := lineNaming(n.Summary, c.Name); line != "" {
				named++
				add(rankPerson, fmt.Sprintf("%s (%s) came up on %s: “%s”", c.Name, orRole(c.Role), DateOf(n.At.In(loc)), line),
					Cite{"contact", c.ID, c.Name}, Cite{"interaction", n.ID, line})
				break
			}
		}
	}
	long := 2 * max(1, b.CadenceDays)
	quiet := 0
	for _, c := range b.Contacts {
		if c.Role != RoleDecisionMaker && c.Role != RoleChampion { // who decides the renewal, and who carries us
			continue
		}
		switch {
		case c.LastSpoke == 0:
			add(rankPerson, fmt.Sprintf("No note with %s (%s) on record", c.Name, c.Role), Cite{"contact", c.ID, c.Name})
		case today.Sub(c.LastSpoke) >= long:
			add(rankPerson, fmt.Sprintf("Not spoken with %s (%s) in %s", c.Name, c.Role, plural(today.Sub(c.LastSpoke), "day")), Cite{"contact", c.ID, c.Name})
		default:
			continue
		}
		if quiet++; quiet == 2 {
			break
		}
	}
	// Escalations and severe risks.
	for _, r := range b.Risks {
		if r.Kind == RiskEscalation || r.Severity.Rank() >= SevHigh.Rank() {
			rank := rankRisk
			if r.Severity.Rank() >= SevHigh.Rank() {
				rank = rankUrgent
			}
			add(rank, fmt.Sprintf("Open %s %s: “%s” (since %s)", r.Severity, r.Kind, r.Title, r.Opened), Cite{"risk", r.ID, r.Title})
			break
		}
	}
	// The renewal inside its notice window with nothing in the pipeline.
	if b.InNotice && !b.RenewalOpp {
		add(rankUrgent, fmt.Sprintf("Renewal %s is inside the %d-day notice window, no renewal opportunity open", b.Renewal, b.NoticeDays),
			Cite{"account", b.AccountID, b.Renewal.String()})
	}
	// Commitments written in the last notes (not as action items).
	for _, n := range recent[:min(3, len(recent))] {
		if line := commitment(n.Summary, DateOf(n.At.In(loc))); line != "" {
			add(rankCommitment, fmt.Sprintf("Said on %s: “%s”", DateOf(n.At.In(loc)), line), Cite{"interaction", n.ID, line})
			break
		}
	}
	// The last note went badly.
	if len(notes) > 0 && notes[0].Sentiment == SentimentNegative {
		n := notes[0]
		first := FirstLine(n.Summary)
		add(rankMood, fmt.Sprintf("Last %s (%s) was negative: “%s”", n.Channel, DateOf(n.At.In(loc)), first), Cite{"interaction", n.ID, first})
	}
	// Goals off track.
	for _, g := range b.GoalsOff[:min(1, len(b.GoalsOff))] {
		add(rankGoal, fmt.Sprintf("Goal “%s” is %s: %d%% done, due %s", g.Title, g.Status, g.Progress, g.Due), Cite{"goal", g.ID, g.Title})
	}
	// An opportunity about to close.
	for _, o := range b.Opps {
		if o.CloseDate != 0 && o.CloseDate.Sub(today) <= 30 {
			add(rankDeal, fmt.Sprintf("“%s” (%s, %d%%) %s", o.Title, o.Stage, o.Probability, o.CloseText(today, Date.String)),
				Cite{"opportunity", o.ID, o.Title})
			break
		}
	}
	// A topic that keeps coming up, and is not what every note says.
	for _, t := range recurringTopics(recent, notes) {
		cites := make([]Cite, len(t.notes))
		for i, id := range t.notes {
			cites[i] = Cite{"interaction", id, t.word}
		}
		add(rankTopic, fmt.Sprintf("“%s” came up in %d recent notes", t.word, len(t.notes)), cites...)
	}
	slices.SortStableFunc(out, func(x, y ranked) int { return y.rank - x.rank })
	points := make([]TalkingPoint, 0, min(len(out), maxTalkingPoints))
	for _, p := range out[:min(len(out), maxTalkingPoints)] {
		points = append(points, p.TalkingPoint)
	}
	return points
}

func orRole(r Role) string {
	if r == "" {
		return "contact"
	}
	return string(r)
}

// lineNaming is the first line of text that names the person: the full
// name, or the first name as a word (of three letters or more), whatever
// the case; "" when none does.
func lineNaming(text, name string) string {
	full := strings.ToLower(strings.TrimSpace(name))
	if full == "" {
		return ""
	}
	first := strings.Fields(full)[0]
	for l := range strings.Lines(text) {
		low := strings.ToLower(l)
		if strings.Contains(low, full) || len([]rune(first)) >= 3 && slices.Contains(words(low), first) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// commitmentWords begin what someone promised in a note's line.
var commitmentWords = []string{"we'll", "we will", "i'll", "i will", "they'll", "they will", "promised", "committed", "commit to", "agreed to", "will send", "will share"}

// commitment is the first line of a note that says someone will do
// something and is not an action item (those are promises already).
func commitment(text string, on Date) string {
	items := map[int]bool{}
	for _, it := range ParseNote(text, on).Items {
		items[it.Line] = true
	}
	n := 0
	for l := range strings.Lines(text) {
		n++
		low := strings.ToLower(l)
		if items[n] {
			continue
		}
		for _, w := range commitmentWords {
			if i := strings.Index(low, w); i >= 0 && (i == 0 || !unicode.IsLetter(rune(low[i-1]))) {
				return strings.TrimSpace(l)
			}
		}
	}
	return ""
}

type topic struct {
	word   string
	notes  []uint64 // newest first
	last   int      // position of the newest note mentioning it (0 = newest)
	weight float64  // notes mentioning it × how rare it is in the account's notes
}

// recurringTopics are the words (not common ones) that two or more of the
// recent notes mention, weighed by how rare each is among all the notes
// (all: idf, so the account's everyday words do not win); at most two.
func recurringTopics(recent, all []Interaction) []topic {
	byWord := map[string]*topic{}
	var order []string
	for i, n := range recent {
		seen := map[string]bool{}
		for _, w := range words(n.Summary) {
			if seen[w] {
				continue
			}
			seen[w] = true
			t := byWord[w]
			if t == nil {
				t = &topic{word: w, last: i}
				byWord[w] = t
				order = append(order, w)
			}
			t.notes = append(t.notes, n.ID)
		}
	}
	df := map[string]int{}
	for _, n := range all {
		seen := map[string]bool{}
		for _, w := range words(n.Summary) {
			if !seen[w] && byWord[w] != nil {
				seen[w] = true
				df[w]++
			}
		}
	}
	var out []topic
	for _, w := range order {
		t := byWord[w]
		// A word in most of the account's notes is how it talks, not a topic.
		if len(t.notes) < 2 || len(all) >= 4 && 2*df[w] > len(all) {
			continue
		}
		t.weight = float64(len(t.notes)) * math.Log(float64(len(all)+1)/float64(df[w]))
		out = append(out, *t)
	}
	slices.SortStableFunc(out, func(x, y topic) int {
		if x.weight != y.weight {
			return cmp.Compare(y.weight, x.weight)
		}
		if x.last != y.last {
			return x.last - y.last
		}
		return len(y.word) - len(x.word)
	})
	// Two words of the same notes are one topic: keep the first.
	var kept []topic
	for _, t := range out {
		if !slices.ContainsFunc(kept, func(k topic) bool { return slices.Equal(k.notes, t.notes) }) {
			kept = append(kept, t)
		}
	}
	return kept[:min(2, len(kept))]
}

// words are the lower-cased words of s worth calling a topic: three letters
// or more, not a common word.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
		w := strings.Trim(strings.ToLower(f), "-")
		if len([]rune(w)) < 3 || stopWords[w] || english.IsStopWord(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// stopWords are words too common in notes to be a topic.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has have him his how its may new now
		old see two way who did get let say she too use that with this they them then than there their what when where which while will would
		about after again also been before being both could each from into just like more most much need needs next only other over some such
		very want wants were your yes yet asked agreed discussed shared sent said call calls email meeting sync weekly team teams up
		still they'll we'll we're it's don't didn't won't can't going week weeks month months today tomorrow yesterday quarter ahead their
		looking look will should would per via pm am reply no nothing things thing`) {
		m[w] = true
	}
	return m
}()

// MentionsWord reports whether s mentions the word w (as words() splits it).
func MentionsWord(s, w string) bool { return slices.Contains(words(s), w) }
