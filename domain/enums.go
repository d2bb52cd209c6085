package domain

import "strings"

// Tier is the account strategy: how much attention the account gets.
type Tier string

const (
	TierTransactional Tier = "transactional"
	TierRelationship  Tier = "relationship"
	TierStrategic     Tier = "strategic"
	TierKey           Tier = "key"
)

// Tiers in order of increasing attention.
var Tiers = []Tier{TierTransactional, TierRelationship, TierStrategic, TierKey}

// Stage is where the account is in its lifecycle.
type Stage string

const (
	StageProspecting  Stage = "prospecting"
	StageOnboarding   Stage = "onboarding"
	StageRelationship Stage = "relationship-building"
	StageDevelopment  Stage = "development"
	StageRetention    Stage = "retention"
	StageClosed       Stage = "closed"
)

// Stages in lifecycle order.
var Stages = []Stage{StageProspecting, StageOnboarding, StageRelationship, StageDevelopment, StageRetention, StageClosed}

// Role is a contact's stakeholder role.
type Role string

const (
	RoleDecisionMaker Role = "decision-maker"
	RoleChampion      Role = "champion"
	RoleInfluencer    Role = "influencer"
	RoleUser          Role = "user"
	RoleBlocker       Role = "blocker"
)

// Roles a contact can have.
var Roles = []Role{RoleDecisionMaker, RoleChampion, RoleInfluencer, RoleUser, RoleBlocker}

// Channel is how an interaction happened.
type Channel string

const (
	ChannelCall    Channel = "call"
	ChannelEmail   Channel = "email"
	ChannelMeeting Channel = "meeting"
	ChannelQBR     Channel = "qbr"
	ChannelChat    Channel = "chat"
	ChannelNote    Channel = "note"
)

// Channels of interaction.
var Channels = []Channel{ChannelCall, ChannelEmail, ChannelMeeting, ChannelQBR, ChannelChat, ChannelNote}

// Sentiment of an interaction.
type Sentiment string

const (
	SentimentUnknown  Sentiment = ""
	SentimentPositive Sentiment = "positive"
	SentimentNeutral  Sentiment = "neutral"
	SentimentNegative Sentiment = "negative"
)

// Sentiments, unknown first.
var Sentiments = []Sentiment{SentimentUnknown, SentimentPositive, SentimentNeutral, SentimentNegative}

// OppKind is the kind of opportunity.
type OppKind string

const (
	OppUpsell    OppKind = "upsell"
	OppCrossSell OppKind = "cross-sell"
	OppExpansion OppKind = "expansion"
	OppRenewal   OppKind = "renewal"
	// OppNewBusiness is a new customer's first deal (or a CRM deal whose
	// type does not say it grows an existing customer): it never counts as
	// an upsell and its win does not raise ARR by itself.
	OppNewBusiness OppKind = "new-business"
)

// OppKinds lists opportunity kinds.
var OppKinds = []OppKind{OppUpsell, OppCrossSell, OppExpansion, OppRenewal, OppNewBusiness}

// Grows reports whether winning an opportunity of this kind grows an
// existing customer's revenue (upsell, cross-sell, expansion): what the
// upsell/cross-sell rate counts and what a win raises ARR by.
func (k OppKind) Grows() bool { return k == OppUpsell || k == OppCrossSell || k == OppExpansion }

// OppStage is an opportunity's sales stage.
type OppStage string

const (
	OppQualify   OppStage = "qualify"
	OppPropose   OppStage = "propose"
	OppNegotiate OppStage = "negotiate"
	OppWon       OppStage = "won"
	OppLost      OppStage = "lost"
)

// OppStages lists opportunity stages.
var OppStages = []OppStage{OppQualify, OppPropose, OppNegotiate, OppWon, OppLost}

// RiskKind tells an escalation from a concern.
type RiskKind string

const (
	RiskEscalation RiskKind = "escalation"
	RiskConcern    RiskKind = "concern"
)

// RiskKinds lists risk kinds.
var RiskKinds = []RiskKind{RiskEscalation, RiskConcern}

// Severity of a risk.
type Severity string

const (
	SevLow      Severity = "low"
	SevMedium   Severity = "medium"
	SevHigh     Severity = "high"
	SevCritical Severity = "critical"
)

// Severities from least to most severe.
var Severities = []Severity{SevLow, SevMedium, SevHigh, SevCritical}

// Rank is the severity's fixed position in Summary.Risks (low 0 … critical 3),
// or -1 for an unknown severity. It is spelled out, not taken from the order
// of Severities, because summaries keep these counts on disk.
func (s Severity) Rank() int {
	switch s {
	case SevLow:
		return 0
	case SevMedium:
		return 1
	case SevHigh:
		return 2
	case SevCritical:
		return 3
	}
	return -1
}

// RiskStatus of a risk.
type RiskStatus string

const (
	RiskOpen       RiskStatus = "open"
	RiskMitigating RiskStatus = "mitigating"
	RiskResolved   RiskStatus = "resolved"
)

// RiskStatuses lists risk statuses.
var RiskStatuses = []RiskStatus{RiskOpen, RiskMitigating, RiskResolved}

// SurveyKind is NPS (0–10) or CSAT (1–5).
type SurveyKind string

const (
	SurveyNPS  SurveyKind = "nps"
	SurveyCSAT SurveyKind = "csat"
)

// SurveyKinds lists survey kinds.
var SurveyKinds = []SurveyKind{SurveyNPS, SurveyCSAT}

// ParseEnum matches s against the allowed values, case-insensitively, accepting
// a unique prefix and spaces or underscores for dashes ("decision maker").
func ParseEnum[T ~string](field, s string, all []T) (T, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	in = strings.NewReplacer(" ", "-", "_", "-").Replace(in)
	var found []T
	for _, v := range all {
		if string(v) == in {
			return v, nil
		}
		if in != "" && strings.HasPrefix(string(v), in) {
			found = append(found, v)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	names := make([]string, 0, len(all))
	for _, v := range all {
		if v != "" {
			names = append(names, string(v))
		}
	}
	var zero T
	return zero, Invalid(field, s, "want one of %s", strings.Join(names, ", "))
}

// Index of v in all, or -1.
func Index[T comparable](all []T, v T) int {
	for i, x := range all {
		if x == v {
			return i
		}
	}
	return -1
}

func oneOf[T comparable](all []T, v T) bool { return Index(all, v) >= 0 }
