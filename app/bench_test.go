package app

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// BenchmarkImportCSV: a CRM companies export of 100k rows into an empty book
// (parse, check every row, write all in one transaction).
func BenchmarkImportCSV(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "companies.csv")
			f, _ := os.Create(src)
			w := bufio.NewWriter(f)
			fmt.Fprintln(w, "Record ID,Company name,Company Domain Name,Industry,Annual Revenue,Number of Employees,Company owner,Type,Create Date")
			for i := 0; i < n; i++ {
				fmt.Fprintf(w, "%d,Company %d,c%d.example.com,Technology,\"$%d,000.00\",%d,Owner %d,Customer,2024-%02d-%02d\n", i+1, i, i, 10+i%900, 10+i%5000, i%7, 1+i%12, 1+i%28)
			}
			w.Flush()
			f.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := store.New(filepath.Join(dir, fmt.Sprintf("book-%d.db", i)))
				st.Now = func() time.Time { return testNow }
				in, _ := os.Open(src)
				b.StartTimer()
				res, err := importCSV(st, bufio.NewReaderSize(in, 1<<20), formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}, importMode{}, nil)
				b.StopTimer()
				in.Close()
				if err != nil || res.New != n {
					b.Fatalf("%v %+v", err, res)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "rows/s")
		})
	}
}
