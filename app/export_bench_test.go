package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// BenchmarkExportJSON: tend export --format json of the bench books (built by
// store's benchmarks: scripts/bench runs them first), copying the stored
// JSON (tend) beside decoding every record and encoding it again (the
// export before), in MB/s of output.
func BenchmarkExportJSON(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.7-%d-%d-text%s.db", store.SchemaVersion, n, n*10, store.TextVersion))
		if _, err := os.Stat(path); err != nil {
			b.Logf("no book %s: run go test -bench TextSearch ./store first", path)
			continue
		}
		st := store.New(path)
		now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
		st.Now, st.Loc = func() time.Time { return now }, time.UTC
		for _, way := range []struct {
			name   string
			export func(*store.Store, io.Writer) error
		}{{"copy", ExportJSON}, {"decode-encode", exportDecoded}} {
			b.Run(fmt.Sprintf("accounts=%d/%s", n, way.name), func(b *testing.B) {
				var size int64
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					c := &counter{}
					if err := way.export(st, c); err != nil {
						b.Fatal(err)
					}
					size = c.n
				}
				b.ReportMetric(float64(size)/1e6/(b.Elapsed().Seconds()/float64(b.N)), "MB/s")
			})
		}
	}
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// exportDecoded is the export before it copied stored JSON: every record
// decoded into its type and the account encoded again.
func exportDecoded(st *store.Store, w io.Writer) error {
	return st.View(func(tx *store.Tx) error {
		bw := formats.NewBookWriter(w, tx.Identity().BookID)
		for _, id := range tx.AccountIDs() {
			rec, err := tx.AccountRecords(id)
			if err != nil {
				return err
			}
			if err := bw.Account(&rec); err != nil {
				return err
			}
		}
		settings, err := tx.Settings()
		if err != nil {
			return err
		}
		return bw.Close(settings)
	})
}
