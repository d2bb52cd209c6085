package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
	"github.com/tend-cli/tend/store/formats/crmgen"
)

// BenchmarkImportCRMContacts imports a HubSpot contacts export of 10× and
// 100× the 1,500 contacts of the generated exports (and as many activities)
// into the book their companies file made: each row found by an index built
// once per import, so time grows with the rows (compare ns/row and rows/s
// between the two sizes):
//
//	go test ./app -run '^$' -bench ImportCRM -benchmem
func BenchmarkImportCRMContacts(b *testing.B) {
	for _, scale := range []int{10, 100} {
		exp := crmgen.Generate(crmgen.Config{Seed: 16, ContactsPer: 3 * scale, ActivityPer: 2 * scale})
		for _, name := range []string{"hubspot-contacts.csv", "hubspot-activities.csv"} {
			f := exp.File(name)
			rows := f.First.New + f.First.Unchanged + f.First.RejectedRows
			b.Run(fmt.Sprintf("%s/x%d/rows=%d", f.Kind, scale, rows), func(b *testing.B) {
				dir := b.TempDir()
				opt := formats.CSVOptions{Kind: f.Kind, Currency: "USD", Today: domain.DateOf(testNow)}
				b.ReportAllocs()
				var cpu time.Duration
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					st := store.New(filepath.Join(dir, fmt.Sprintf("book-%d.db", i)))
					st.Now = func() time.Time { return testNow }
					st.NoSync = os.Getenv("TEND_BENCH_NOSYNC") != ""
					companies := exp.File("hubspot-companies.csv")
					if _, err := ImportCSV(st, bytes.NewReader(companies.Data), formats.CSVOptions{Currency: "USD", Today: opt.Today}, ImportMode{}, nil); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					c0 := cpuTime()
					res, err := ImportCSV(st, bytes.NewReader(f.Data), opt, ImportMode{}, nil)
					cpu += cpuTime() - c0
					if err != nil || res.New != f.First.New {
						b.Fatalf("%v: %d new, want %d", err, res.New, f.First.New)
					}
				}
				per := b.Elapsed().Seconds() / float64(b.N)
				b.ReportMetric(float64(rows)/per, "rows/s")
				b.ReportMetric(per*1e9/float64(rows), "ns/row")
				// CPU time of the process (all threads, the GC's included): what
				// the import costs whatever else the machine is doing.
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
			})
		}
	}
}

// BenchmarkImportCRMContactsBigBook imports 15k and 150k contacts (and as
// many activities), each associated by its company's CRM id, into a book of
// 100k accounts (built once from a companies export, copied for each run):
// the index of the book's accounts is built once per import, whatever the
// rows.
//
//	go test ./app -run '^$' -bench ImportCRMContactsBigBook -benchtime 2x
func BenchmarkImportCRMContactsBigBook(b *testing.B) {
	dir := b.TempDir()
	book := filepath.Join(dir, "book.db")
	st := store.New(book)
	st.Now = func() time.Time { return testNow }
	st.NoSync = true
	in, err := os.Open(companiesCSV(b, dir, 100_000))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ImportCSV(st, in, formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil); err != nil {
		b.Fatal(err)
	}
	in.Close()
	for _, c := range []struct {
		kind string
		n    int
	}{{formats.KindContacts, 15_000}, {formats.KindContacts, 150_000}, {formats.KindInteractions, 15_000}, {formats.KindInteractions, 150_000}} {
		n := c.n
		var csv bytes.Buffer
		if c.kind == formats.KindContacts {
			csv.WriteString("Record ID,First Name,Last Name,Email,Job Title,Associated Company IDs\n")
			for i := range n {
				fmt.Fprintf(&csv, "%d,Ana,Lopez %d,ana.%d@c%d.example.com,CFO,%d\n", 900_000+i, i, i, i%100_000, 1+(i*7919)%100_000)
			}
		} else {
			csv.WriteString("Activity ID,Activity date,Activity type,Subject,Body,Associated Company IDs\n")
			for i := range n {
				fmt.Fprintf(&csv, "%d,2026-%02d-%02d %02d:%02d,Call,Check-in %d,Talked about the renewal and the rollout.,%d\n", 700_000+i, 1+i%10, 1+i%28, 8+i%10, i%60, i, 1+(i*7919)%100_000)
			}
		}
		b.Run(fmt.Sprintf("accounts=100000/%s=%d", c.kind, n), func(b *testing.B) {
			var cpu time.Duration
			var peak uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				copyPath := filepath.Join(dir, fmt.Sprintf("run-%d-%d.db", n, i))
				data, err := os.ReadFile(book)
				if err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(copyPath, data, 0o600); err != nil {
					b.Fatal(err)
				}
				data = nil
				run := store.New(copyPath)
				run.Now = st.Now
				most := heapPeak()
				b.StartTimer()
				c0 := cpuTime()
				res, err := ImportCSV(run, bytes.NewReader(csv.Bytes()), formats.CSVOptions{Kind: c.kind, Today: domain.DateOf(testNow)}, ImportMode{}, nil)
				cpu += cpuTime() - c0
				peak = max(peak, most())
				if err != nil || res.New != n {
					b.Fatalf("%v %+v", err, res)
				}
				b.StopTimer()
				os.Remove(copyPath)
				b.StartTimer()
			}
			per := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(n)/per, "rows/s")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/row")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// heapPeak samples the heap's objects every millisecond from now (after a
// collection) until the function it returns is called, which says the most
// the heap held above what it held at the start (garbage not yet collected
// included: an upper bound of what the import keeps).
func heapPeak() func() uint64 {
	runtime.GC()
	done := make(chan struct{})
	var most atomic.Uint64
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > most.Load() {
					most.Store(v)
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		return most.Load() - min(base, most.Load())
	}
}
