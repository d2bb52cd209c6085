package apptest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
	"github.com/tend-cli/tend/store"
)

// BenchNow is the fixed clock of the benchmark books.
var BenchNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

// BenchGen must equal benchGen in store/bench_test.go: both name the same
// cached file, so the large books are generated once for every package.
const BenchGen = 7

// BenchBook returns a generated book of n accounts and the given number of
// interactions, built once and kept in the temp directory across runs
// (generating the 100k book takes minutes).
func BenchBook(tb testing.TB, n, interactions int) *store.Store {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.%d-%d-%d.db", store.SchemaVersion, BenchGen, n, interactions))
	s := store.New(path)
	s.Now = func() time.Time { return BenchNow }
	s.Loc = time.UTC
	if _, err := os.Stat(path); err == nil {
		return s
	}
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	g := store.New(tmp)
	g.Now, g.Loc, g.NoSync = s.Now, s.Loc, true
	tb.Logf("generating %d accounts, %d interactions into %s", n, interactions, path)
	if err := g.Generate(demo.Options{Accounts: n, Interactions: interactions, Seed: 7, Today: domain.DateOf(BenchNow), Loc: time.UTC}, nil); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return s
}
