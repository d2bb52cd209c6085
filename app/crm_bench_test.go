package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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

// BenchmarkImportCRMContactsBigBook imports 15k and 150k contacts, each
// associated by its company's CRM id, into a book of 100k accounts (built
// once from a companies export, copied for each run): the index of the
// book's accounts is built once per import, whatever the rows.
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
	for _, n := range []int{15_000, 150_000} {
		var csv bytes.Buffer
		csv.WriteString("Record ID,First Name,Last Name,Email,Job Title,Associated Company IDs\n")
		for i := range n {
			fmt.Fprintf(&csv, "%d,Ana,Lopez %d,ana.%d@c%d.example.com,CFO,%d\n", 900_000+i, i, i, i%100_000, 1+(i*7919)%100_000)
		}
		b.Run(fmt.Sprintf("accounts=100000/contacts=%d", n), func(b *testing.B) {
			var cpu time.Duration
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
				run := store.New(copyPath)
				run.Now = st.Now
				b.StartTimer()
				c0 := cpuTime()
				res, err := ImportCSV(run, bytes.NewReader(csv.Bytes()), formats.CSVOptions{Kind: formats.KindContacts, Today: domain.DateOf(testNow)}, ImportMode{}, nil)
				cpu += cpuTime() - c0
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
		})
	}
}
