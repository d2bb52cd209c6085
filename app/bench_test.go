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
			src := companiesCSV(b, dir, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := store.New(filepath.Join(dir, fmt.Sprintf("book-%d.db", i)))
				st.Now = func() time.Time { return testNow }
				in, _ := os.Open(src)
				b.StartTimer()
				res, err := ImportCSV(st, bufio.NewReaderSize(in, 1<<20), formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil)
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

// BenchmarkReimportCSV: the same CRM export imported again into the book it
// built: every row matched and merged field by field against what the CSV
// gave last time (all unchanged), in one transaction.
func BenchmarkReimportCSV(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			src := companiesCSV(b, dir, n)
			st := store.New(filepath.Join(dir, "book.db"))
			st.Now = func() time.Time { return testNow }
			opts := formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}
			in, _ := os.Open(src)
			if _, err := ImportCSV(st, bufio.NewReaderSize(in, 1<<20), opts, ImportMode{}, nil); err != nil {
				b.Fatal(err)
			}
			in.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				in, _ := os.Open(src)
				res, err := ImportCSV(st, bufio.NewReaderSize(in, 1<<20), opts, ImportMode{}, nil)
				in.Close()
				if err != nil || res.Skipped != n {
					b.Fatalf("%v %d new %d updated %d unchanged", err, res.New, res.Updated, res.Skipped)
				}
			}
			b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "rows/s")
		})
	}
}

// BenchmarkImportJSONMerge: a full export of a 2,000-account demo book (about
// 50k interactions) imported into a book that already holds it (every account
// and record matched by UID and merged field by field: nothing changes).
func BenchmarkImportJSONMerge(b *testing.B) {
	dir := b.TempDir()
	st := store.New(filepath.Join(dir, "book.db"))
	st.Now = func() time.Time { return testNow }
	st.NoSync = true
	if err := WriteDemo(st, 2000, 0, 1, testNow); err != nil {
		b.Fatal(err)
	}
	st.NoSync = false
	exp := filepath.Join(dir, "book.json")
	f, _ := os.Create(exp)
	if err := ExportJSON(st, f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in, _ := os.Open(exp)
		res, err := ImportJSON(st, bufio.NewReaderSize(in, 1<<20), ImportMode{})
		in.Close()
		if err != nil || res.Skipped != 2000 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}

// companiesCSV writes a CRM companies export of n rows in dir.
func companiesCSV(b *testing.B, dir string, n int) string {
	b.Helper()
	src := filepath.Join(dir, "companies.csv")
	f, err := os.Create(src)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Record ID,Company name,Company Domain Name,Industry,Annual Revenue,Number of Employees,Company owner,Type,Create Date")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "%d,Company %d,c%d.example.com,Technology,\"$%d,000.00\",%d,Owner %d,Customer,2024-%02d-%02d\n", i+1, i, i, 10+i%900, 10+i%5000, i%7, 1+i%12, 1+i%28)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return src
}
