package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// minor reads the CLI's JSON for people back into the records' own shape:
// money in minor units (what domain.Money decodes).
func minor(s string) []byte {
	return majorObject.ReplaceAllFunc([]byte(s), func(m []byte) []byte {
		sub := majorObject.FindSubmatch(m)
		neg := strings.HasPrefix(string(sub[1]), "-")
		whole, frac, _ := strings.Cut(strings.TrimPrefix(string(sub[1]), "-"), ".")
		w, _ := strconv.ParseInt(whole, 10, 64)
		f, _ := strconv.ParseInt(frac, 10, 64)
		n := w*100 + f
		if neg {
			n = -n
		}
		return fmt.Appendf(nil, `"amount": %d,%s`, n, sub[2])
	})
}

var majorObject = regexp.MustCompile(`"amount": (-?[0-9]+\.[0-9]{2}),(\s*"currency")`)

// Money in --json output is in major units with its currency; text that
// looks like money inside a string is left alone.
func TestJSONMoneyIsInMajorUnits(t *testing.T) {
	db := demoBook(t, "3")
	r := tend(t, "", "--db", db, "account", "list", "--json")
	if r.code != 0 || !majorObject.MatchString(r.stdout) {
		t.Fatalf("account list --json: %+v", r)
	}
	var out strings.Builder
	if err := writeJSON(&out, map[string]any{"s": `{"amount":5,"currency":"USD"}`, "m": map[string]any{"amount": 139658, "currency": "USD"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"amount": 1396.58`) || !strings.Contains(out.String(), `{\"amount\":5,\"currency\":\"USD\"}`) {
		t.Errorf("writeJSON: %s", out.String())
	}
	if got := string(minor(`{"amount": -1396.58, "currency": "USD"}`)); got != `{"amount": -139658, "currency": "USD"}` {
		t.Errorf("minor: %s", got)
	}
}
