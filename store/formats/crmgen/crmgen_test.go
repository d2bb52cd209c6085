package crmgen

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestGenerate: the same seed gives the same bytes; TEND_CRM_OUT=DIR writes
// the files and their manifest there, for trying them by hand:
//
//	TEND_CRM_OUT=/tmp/crm go test ./store/formats/crmgen -run TestGenerate
//	tend import /tmp/crm/hubspot-companies.csv
func TestGenerate(t *testing.T) {
	a, b := Generate(Config{Seed: 7}), Generate(Config{Seed: 7})
	for i := range a.Files {
		if !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two runs of one seed", a.Files[i].Name)
		}
	}
	if c := Generate(Config{Seed: 8}); bytes.Equal(c.Files[1].Data, a.Files[1].Data) {
		t.Error("another seed gives the same contacts")
	}
	for _, f := range a.Files {
		if len(f.Mess) == 0 || f.First.New == 0 && f.First.Updated == 0 {
			t.Errorf("%s: no mess or nothing expected: %+v", f.Name, f)
		}
	}
	sf := a.File("salesforce-accounts.csv")
	if !bytes.HasPrefix(sf.Data, []byte("\ufeffAccount ID;")) || !bytes.Contains(sf.Data, []byte("\r\nGrand Totals")) {
		t.Errorf("salesforce file: %q … %q", sf.Data[:40], sf.Data[len(sf.Data)-200:])
	}
	if !strings.Contains(string(a.File("hubspot-activities.csv").Data), "Talked with") {
		t.Error("no bodies")
	}
	if dir := os.Getenv("TEND_CRM_OUT"); dir != "" {
		if err := a.WriteDir(dir); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d files and manifest.json to %s", len(a.Files), dir)
	}
}
