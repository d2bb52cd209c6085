package domain

import "testing"

func TestParseFilter(t *testing.T) {
	cases := []struct {
		in   string
		want Filter
	}{
		{"", Filter{}},
		{"acme robotics", Filter{Text: "acme robotics"}},
		{"tier:key seg:SMB acme", Filter{Tier: "key", Segment: "smb", Text: "acme"}},
		{"Segment:ent stage:ret owner:Maya tag:beta industry:fin", Filter{Segment: "ent", Stage: "ret", Owner: "maya", Tag: "beta", Industry: "fin"}},
		{"tier: x", Filter{Text: "tier: x"}},           // no value: text
		{"colour:red", Filter{Text: "colour:red"}},     // unknown key: text
		{"tier:key tier:strat", Filter{Tier: "strat"}}, // the last one wins
		{"  seg:smb   globex  ", Filter{Segment: "smb", Text: "globex"}},
	}
	for _, c := range cases {
		if got := ParseFilter(c.in); got != c.want {
			t.Errorf("ParseFilter(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestFilterMatch(t *testing.T) {
	s := &Summary{Segment: "SMB", Tier: TierKey, Stage: StageRetention, ContractStart: 20000, Industry: "Fintech", Owner: "Maya Lin", Tags: []string{"beta", "EU"}}
	cases := []struct {
		q    string
		want bool
	}{
		{"", true},
		{"anything at all", true}, // text is for the fuzzy search
		{"seg:smb", true},
		{"seg:sm", true},
		{"seg:mb", false}, // a prefix, not a substring
		{"segment:ent", false},
		{"tier:ke", true},
		{"tier:strategic", false},
		{"stage:RET", true},
		{"stage:onb", false},
		{"industry:fin", true},
		{"owner:lin", true}, // owner: contained
		{"owner:bob", false},
		{"tag:eu", true},
		{"tag:gamma", false},
		{"seg:smb tier:key tag:be owner:maya", true},
		{"seg:smb tier:strategic", false},
	}
	for _, c := range cases {
		f := ParseFilter(c.q)
		if got := f.Match(s); got != c.want {
			t.Errorf("%q matches = %v, want %v", c.q, got, c.want)
		}
	}
	if ParseFilter("acme").HasFields() || !ParseFilter("tag:x").HasFields() {
		t.Error("HasFields")
	}
	if f := ParseFilter("tag:x"); f.Match(s) || !f.Match(&Summary{Tags: []string{"XYZ"}}) || f.Match(&Summary{}) {
		t.Error("tag:x should match only an account with a tag starting with x")
	}
}
