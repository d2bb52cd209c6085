package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// account edit changes only the flags given; tags, competitors, custom
// fields and the hand-off are added, removed and shown; the description
// shows in account show.
func TestAccountFieldsEdit(t *testing.T) {
	_, run := bookWith(t)
	show := func() map[string]any {
		return jsonOf[map[string]any](t, run("", "account", "show", "acme robotics", "--json"))["account"].(map[string]any)
	}
	before := show()
	r := run("", "account", "edit", "acme robotics", "--renewal", "2027-03-31", "--tier", "key", "--employees", "1,200", "--description", "Makes warehouse robots.\nBased in Ohio.")
	if r.code != 0 || r.stdout != "changed description, employees, renewal, tier of #1 Acme Robotics\n" {
		t.Fatalf("edit: %+v", r)
	}
	a := show()
	if a["renewal"] != "2027-03-31" || a["tier"] != "key" || a["employees"] != 1200.0 || a["owner"] != before["owner"] || a["segment"] != before["segment"] {
		t.Errorf("after edit: %v", a)
	}
	if fmtARR := a["arr"].(map[string]any)["amount"]; fmtARR != before["arr"].(map[string]any)["amount"] {
		t.Errorf("arr changed: %v", fmtARR)
	}
	if r := run("", "account", "show", "acme robotics"); !strings.Contains(r.stdout, "  Makes warehouse robots.\n  Based in Ohio.\n") {
		t.Errorf("account show lacks the description:\n%s", r.stdout)
	}
	// what is refused writes nothing
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"account", "edit", "acme robotics"}, 2, "nothing to change"},
		{[]string{"account", "edit", "acme robotics", "--renewal", "31/31/2027"}, 1, "--renewal"},
		{[]string{"account", "edit", "acme robotics", "--renewal", "2024-01-01"}, 1, "after the contract start"},
		{[]string{"account", "edit", "acme robotics", "--arr", "-5"}, 1, "negative"},
		{[]string{"account", "edit", "acme robotics", "--cadence", "0"}, 1, "cadence"},
		{[]string{"account", "edit", "acme robotics", "--name", "Evil\x1b[31m"}, 1, "control character"},
		{[]string{"account", "edit", "acme robotics", "--stage", "closed"}, 2, "tend account close"},
		{[]string{"account", "edit", "acme", "--owner", "x"}, 2, "Acme Rockets"},
		{[]string{"tag", "remove", "acme robotics", "nope"}, 1, `no tag "nope"`},
		{[]string{"field", "unset", "acme robotics", "nope"}, 1, `no custom field "nope"`},
		{[]string{"field", "set", "acme robotics", "Plan"}, 2, "KEY and a VALUE"},
		{[]string{"handoff", "set", "acme robotics"}, 2, "nothing to change"},
		{[]string{"competitor", "add", "acme robotics", "\x1b]0;x\x07"}, 1, "control character"},
	} {
		if r := run("", c.args...); r.code != c.code || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%q: code %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
	}
	if after := show(); after["updated"] != a["updated"] {
		t.Errorf("a refused command wrote: %v", after)
	}

	for _, args := range [][]string{
		{"tag", "add", "acme robotics", "emea", "renewal-2027"},
		{"tag", "add", "acme robotics", "EMEA"}, // there already
		{"tag", "remove", "acme robotics", "renewal-2027"},
		{"competitor", "add", "acme robotics", "Globex", "CRM"},
		{"field", "set", "acme robotics", "Support plan", "Premium"},
		{"field", "set", "acme robotics", "support PLAN", "Gold"}, // the same key, case aside
		{"field", "set", "acme robotics", "Region", "EMEA"},
		{"field", "unset", "acme robotics", "region"},
		{"handoff", "set", "acme robotics", "--product", "Core", "--product", "Analytics", "--promise", "SSO by March"},
		{"handoff", "set", "acme robotics", "--concern", "downtime"},
	} {
		if r := run("", args...); r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
			t.Fatalf("%q: %+v", args, r)
		}
	}
	a = show()
	custom := a["custom"].(map[string]any)
	if s := strings.Join(toStrings(a["tags"]), ","); s != "emea" {
		t.Errorf("tags %q", s)
	}
	if s := strings.Join(toStrings(a["competitors"]), ","); s != "Globex CRM" {
		t.Errorf("competitors %q", s)
	}
	if custom["Support plan"] != "Gold" || custom["Region"] != nil || len(custom) != 2 {
		t.Errorf("custom %v", custom)
	}
	h := jsonOf[map[string][]string](t, run("", "handoff", "show", "acme robotics", "--json"))
	if strings.Join(h["products"], ",") != "Core,Analytics" || strings.Join(h["promises"], ",") != "SSO by March" || strings.Join(h["concerns"], ",") != "downtime" {
		t.Errorf("handoff %v", h)
	}
	if r := run("", "handoff", "show", "acme robotics"); !strings.Contains(r.stdout, "Products (2)\n  - Core\n  - Analytics\n") {
		t.Errorf("handoff show:\n%s", r.stdout)
	}
	if r := run("", "handoff", "set", "acme robotics", "--product", ""); r.code != 0 {
		t.Fatal(r)
	}
	if h := jsonOf[map[string][]string](t, run("", "handoff", "show", "acme robotics", "--json")); len(h["products"]) != 0 || len(h["promises"]) != 1 {
		t.Errorf("handoff after emptying products: %v", h)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// A CRM import's Description column (kept as a custom field) shows in account show.
func TestImportedDescriptionIsShown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	f := filepath.Join(t.TempDir(), "companies.csv")
	if err := os.WriteFile(f, []byte("Company name,Description\nInitech,\"Makes TPS reports\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := tend(t, "", "--db", db, "import", f); r.code != 0 {
		t.Fatal(r)
	}
	if r := tend(t, "", "--db", db, "account", "show", "initech"); !strings.Contains(r.stdout, "  Makes TPS reports\n") {
		t.Errorf("account show:\n%s", r.stdout)
	}
}
