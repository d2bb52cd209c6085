package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// BenchmarkDailyBackup: the daily backup of the 100k-account book (1M
// interactions, with its full-text index) on a copy of it, while a writer
// saves one account every 20 ms with the usual lock timeout, beside the
// backup it replaces (one read transaction copying the whole file, bbolt's
// Tx.WriteTo, which holds the lock throughout). It reports each copy's time,
// the writer's worst wait and busy errors during it, the time to compress
// a backup and the size of the 7 kept backups (today's copy and six
// compressed days) against one book.
func BenchmarkDailyBackup(b *testing.B) {
	src := textBook(b, 100_000)
	s := New(filepath.Join(b.TempDir(), "book.db"))
	s.Now, s.Loc = src.Now, src.Loc
	if err := copyFile(src.Path, s.Path); err != nil {
		b.Fatal(err)
	}
	book := fileSize(b, s.Path)
	var m struct{ lockedS, snapS, oldWait, newWait, oldBusy, newBusy, compressS, zst float64 }
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < b.N; i++ {
		// Before: the copy in one read transaction.
		old := filepath.Join(b.TempDir(), "old.db")
		wait, busy, took := whileWriting(b, s, func() error {
			f, err := os.Create(old)
			if err != nil {
				return err
			}
			defer f.Close()
			return s.View(func(tx *Tx) error { _, err := tx.tx.WriteTo(f); return err })
		})
		m.lockedS += took.Seconds()
		m.oldWait += float64(wait.Milliseconds())
		m.oldBusy += float64(busy)
		os.Remove(old)

		// Now: the day's backup (a copy taken without holding the lock).
		var name string
		wait, busy, took = whileWriting(b, s, func() (err error) {
			name, err = s.DailyBackup(day.AddDate(0, 0, i), 7)
			return err
		})
		if name == "" {
			b.Fatal("no backup written")
		}
		m.snapS += took.Seconds()
		m.newWait += float64(wait.Milliseconds())
		m.newBusy += float64(busy)
		checkOK(b, name)

		start := time.Now()
		if err := CompressFile(name, name+ZstSuffix); err != nil {
			b.Fatal(err)
		}
		m.compressS += time.Since(start).Seconds()
		m.zst += float64(fileSize(b, name+ZstSuffix))
		os.Remove(name + ZstSuffix)
		os.Remove(name)
		os.Remove(lastBackupPath(filepath.Dir(name), "book"))
	}
	n := float64(b.N)
	b.ReportMetric(m.lockedS/n, "old-copy-s")
	b.ReportMetric(m.snapS/n, "backup-s")
	b.ReportMetric(m.oldWait/n, "old-writer-max-wait-ms")
	b.ReportMetric(m.newWait/n, "writer-max-wait-ms")
	b.ReportMetric(m.oldBusy/n, "old-busy")
	b.ReportMetric(m.newBusy/n, "busy")
	b.ReportMetric(m.compressS/n, "compress-s")
	b.ReportMetric(float64(book)/1e6, "book-MB")
	b.ReportMetric(m.zst/n/1e6, "zst-MB")
	b.ReportMetric((float64(book)+6*m.zst/n)/float64(book), "kept7-x-book")
}

// whileWriting runs backup while another goroutine writes one account every
// 20 ms (the default lock timeout, as a tend note would), and returns the
// longest write, how many writes were busy, and how long backup took.
func whileWriting(b *testing.B, s *Store, backup func() error) (worst time.Duration, busy int, took time.Duration) {
	b.Helper()
	w := *s
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := 0; ; k++ {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
			start := time.Now()
			err := w.Update(func(tx *Tx) error {
				sums, err := tx.SummariesOf([]uint64{uint64(k%1000 + 1)})
				if err != nil || len(sums) == 0 {
					return err
				}
				a, err := tx.Account(sums[0].ID)
				if err != nil {
					return err
				}
				a.Owner = fmt.Sprintf("Owner %d", k%7)
				return tx.PutAccount(&a)
			})
			if d := time.Since(start); d > worst {
				worst = d
			}
			if IsBusy(err) {
				busy++
			} else if err != nil {
				b.Error(err)
				return
			}
		}
	}()
	start := time.Now()
	err := backup()
	took = time.Since(start)
	close(done)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	return worst, busy, took
}

func fileSize(b *testing.B, path string) int64 {
	b.Helper()
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}
