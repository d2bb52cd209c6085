package domain

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sahilm/fuzzy"
)

func sumsOf(names ...string) []Summary {
	out := make([]Summary, len(names))
	for i, n := range names {
		out[i] = Summary{ID: uint64(i + 1), Name: n}
	}
	return out
}

func TestSearchMatchesWhatFuzzyFindMatches(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"Acme", "Robotics", "Globex", "Société", "Générale", "株式会社", "Northwind", "Health", "Ünïcode", "Labs", "Inc.", "GmbH", "🚀"}
	var names []string
	for i := 0; i < 2000; i++ {
		n := words[r.IntN(len(words))] + " " + words[r.IntN(len(words))]
		if i%3 == 0 {
			n += " " + words[r.IntN(len(words))]
		}
		names = append(names, n)
	}
	ix := NewSearchIndex(sumsOf(names...))
	for _, q := range []string{"a", "ac", "acme", "rob", "ROB", "glx", "soc", "géné", "gene", "株式", "zz", "h l", "🚀", "inc.", "nw h"} {
		got := ix.Search(q, nil, true)
		var want []int32
		for _, m := range fuzzy.Find(q, names) {
			want = append(want, int32(m.Index))
		}
		slices.Sort(want)
		if !reflect.DeepEqual(got.Entries, want) && !(len(got.Entries) == 0 && len(want) == 0) {
			t.Errorf("query %q: %d matches, fuzzy.Find has %d", q, len(got.Entries), len(want))
		}
		if len(got.Ranked) != len(got.Entries) {
			t.Errorf("query %q: ranked %d of %d", q, len(got.Ranked), len(got.Entries))
		}
	}
}

func TestSearchNarrowingEqualsFullSearch(t *testing.T) {
	var names []string
	for i := 0; i < 50_000; i++ { // above the parallel threshold
		names = append(names, fmt.Sprintf("Company %d Robotics %c", i, 'A'+i%26))
	}
	ix := NewSearchIndex(sumsOf(names...))
	prev := ix.Search("", nil, true)
	q := ""
	for _, c := range "com 12 rob" {
		q += string(c)
		narrowed := ix.Search(q, prev.Entries, true)
		full := ix.Search(q, nil, true)
		if !reflect.DeepEqual(narrowed, full) {
			t.Fatalf("query %q: narrowed search differs from the full one (%d vs %d)", q, len(narrowed.Entries), len(full.Entries))
		}
		prev = narrowed
	}
	if len(prev.Entries) == 0 {
		t.Fatal("expected matches for com 12 rob")
	}
}

func TestSearchRanksWordStartsFirst(t *testing.T) {
	ix := NewSearchIndex(sumsOf("Bacme Corp", "Acme Robotics", "Zenith Acme", "a-c-m-e"))
	r := ix.Search("acme", nil, true)
	if ix.Text(r.Ranked[0]) != "Acme Robotics" || ix.Text(r.Ranked[1]) != "Zenith Acme" {
		var got []string
		for _, e := range r.Ranked {
			got = append(got, ix.Text(e))
		}
		t.Errorf("ranking %q", got)
	}
}

func TestSearchCoversContactsAndTags(t *testing.T) {
	s := sumsOf("Acme", "Globex")
	s[1].ContactNames = []string{"Ana Lopez"}
	s[0].Tags = []string{"reference"}
	ix := NewSearchIndex(s)
	r := ix.Search("lopez", nil, false)
	if len(r.Ranked) != 1 || ix.Owner(r.Ranked[0]) != 1 || ix.Kind(r.Ranked[0]) != EntryContact {
		t.Errorf("contact search %+v", r)
	}
	if r := ix.Search("lopez", nil, true); len(r.Ranked) != 0 {
		t.Error("names only must not match contacts")
	}
	if r := ix.Search("refer", nil, false); len(r.Ranked) != 1 || ix.Owner(r.Ranked[0]) != 0 {
		t.Errorf("tag search %+v", r)
	}
}

func TestHighlightIsInRunes(t *testing.T) {
	if got := Highlight("gg", "Société Générale Group"); len(got) != 2 || got[0] != 8 {
		// "Société " is 8 runes but 10 bytes: G of Générale is rune 8.
		t.Errorf("highlight %v", got)
	}
	if Highlight("", "x") != nil || Highlight("zz", "abc") != nil {
		t.Error("no highlight without a match")
	}
}
