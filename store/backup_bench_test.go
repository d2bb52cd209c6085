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
// a backup and the size of the 7 kept backups (compressed) against one book;
// and the writer's worst write with no backup running, for scale (a write
// fsyncs, and a backup writing 1.6 GB slows every fsync on the disk).
func BenchmarkDailyBackup(b *testing.B) {
	src := textBook(b, 100_000)
	s := New(filepath.Join(b.TempDir(), "book.db"))
	s.Now, s.Loc = src.Now, src.Loc
	if err := copyFile(src.Path, s.Path); err != nil {
		b.Fatal(err)
	}
	book := fileSize(b, s.Path)
	var m struct{ lockedS, snapS, alone, oldWait, newWait, oldBusy, newBusy, compressS, zst float64 }
	for i := 0; i < b.N; i++ {
		// The writer alone, for as long as a backup takes.
		alone, _, _ := whileWriting(b, s, func() error { time.Sleep(3 * time.Second); return nil })
		m.alone += float64(alone.Milliseconds())

		// Before: the copy in one read transaction, written as Backup writes (fsynced, linked).
		old := filepath.Join(b.TempDir(), "old.db")
		wait, busy, took := whileWriting(b, s, func() error {
			return writeAtomic(old, true, func(f *os.File) error {
				return s.View(func(tx *Tx) error { _, err := tx.tx.WriteTo(f); return err })
			})
		})
		m.lockedS += took.Seconds()
		m.oldWait += float64(wait.Milliseconds())
		m.oldBusy += float64(busy)
		os.Remove(old)

		// Now: the copy the daily backup takes (without holding the lock),
		// then its compression.
		name := filepath.Join(b.TempDir(), fmt.Sprintf("book-%d.db", i))
		wait, busy, took = whileWriting(b, s, func() error { return s.Backup(name) })
		m.snapS += took.Seconds()
		m.newWait += float64(wait.Milliseconds())
		m.newBusy += float64(busy)
		checkOK(b, name) // the copy taken while the writer wrote is whole

		start := time.Now()
		if err := CompressFile(name, name+ZstSuffix); err != nil {
			b.Fatal(err)
		}
		m.compressS += time.Since(start).Seconds()
		m.zst += float64(fileSize(b, name+ZstSuffix))
		os.Remove(name + ZstSuffix)
		os.Remove(name)
	}
	n := float64(b.N)
	b.ReportMetric(m.lockedS/n, "old-copy-s")
	b.ReportMetric(m.snapS/n, "backup-s")
	b.ReportMetric(m.alone/n, "writer-alone-max-ms")
	b.ReportMetric(m.oldWait/n, "old-writer-max-wait-ms")
	b.ReportMetric(m.newWait/n, "writer-max-wait-ms")
	b.ReportMetric(m.oldBusy/n, "old-busy")
	b.ReportMetric(m.newBusy/n, "busy")
	b.ReportMetric(m.compressS/n, "compress-s")
	b.ReportMetric(float64(book)/1e6, "book-MB")
	b.ReportMetric(m.zst/n/1e6, "zst-MB")
	b.ReportMetric(7*m.zst/n/float64(book), "kept7-x-book")
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
