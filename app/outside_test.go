package app

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// 1,000 writes by another process, each taken in by Changes on the book as
// the cockpit has it (notes, ARR changes that move the key accounts, renames
// that move the order by name, new tags): the book stays identical to a
// fresh load, and the memory it holds does not grow with each refresh.
func TestOutsideWritesKeepTheBookAsAFreshLoad(t *testing.T) {
	st := newBook(t, 300)
	st.NoSync = true
	today := domain.DateOf(testNow)
	l, err := LoadBook(st, today)
	if err != nil {
		t.Fatal(err)
	}
	book, since := l.Book, l.Changes
	book.NameOrder()
	r := rand.New(rand.NewPCG(7, 17))
	var heap0 uint64
	for i := 1; i <= 1000; i++ {
		id := uint64(r.IntN(300) + 1)
		err := st.Update(func(tx *store.Tx) error {
			switch k := r.IntN(20); {
			case k < 16:
				in := domain.Interaction{AccountID: id, At: testNow.Add(-time.Duration(r.IntN(500)) * time.Hour), Channel: domain.ChannelCall, Summary: fmt.Sprintf("note %d\n- [ ] follow up @fri", i)}
				return tx.AddInteraction(&in)
			default:
				a, err := tx.Account(id)
				if err != nil {
					return err
				}
				switch k {
				case 16, 17:
					a.ARR.Amount = int64(r.IntN(1_000_000_00))
				case 18:
					a.Name = fmt.Sprintf("Renamed %d", r.IntN(50)) // some shared
					a.Segment = fmt.Sprintf("Segment %d", r.IntN(3))
				default:
					a.Tags = append(slices.Clone(a.Tags), fmt.Sprintf("t%d", i))
				}
				return tx.PutAccount(&a)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		c, err := Changes(st, since, l.Identity, book)
		if err != nil || c.Book == nil || c.All {
			t.Fatalf("write %d: %v, %+v", i, err, c)
		}
		book, since = c.Book, c.Counter
		if book.Index == nil {
			book.Index = domain.NewSearchIndex(book.Sums) // as the cockpit's indexCmd does
		}
		if i%100 == 0 {
			fresh, err := LoadBook(st, today)
			if err != nil {
				t.Fatal(err)
			}
			sameBook(t, i, book, fresh.Book)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if i == 100 {
				heap0 = ms.HeapAlloc
			} else if ms.HeapAlloc > heap0+4<<20 {
				t.Fatalf("after %d writes the heap is %d KB, after 100 it was %d KB", i, ms.HeapAlloc>>10, heap0>>10)
			}
		}
	}
}

// sameBook compares what the panes read of two books.
func sameBook(t *testing.T, at int, got, want *domain.Book) {
	t.Helper()
	if !reflect.DeepEqual(got.Sums, want.Sums) {
		t.Fatalf("write %d: summaries differ", at)
	}
	for _, f := range []struct {
		what      string
		got, want any
	}{
		{"health", got.Health, want.Health}, {"trend", got.Trend, want.Trend}, {"has trend", got.HasTrend, want.HasTrend},
		{"key score", got.KeyScore, want.KeyScore}, {"key", got.Key, want.Key}, {"ARR percentile", got.ARRPct, want.ARRPct},
		{"search index", got.Index, domain.NewSearchIndex(want.Sums)},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Fatalf("write %d: %s differs", at, f.what)
		}
	}
	if !slices.Equal(got.Segments(), want.Segments()) {
		t.Fatalf("write %d: segments differ", at)
	}
	go1, gg := got.NameOrder()
	wo, wg := want.NameOrder()
	if !slices.Equal(go1, wo) || !slices.Equal(gg, wg) {
		t.Fatalf("write %d: order by name differs", at)
	}
	for i := range want.Sums {
		s := &want.Sums[i]
		if got.Pos(s.ID) != i || got.SharedName(s.Name) != want.SharedName(s.Name) {
			t.Fatalf("write %d: account #%d: position %d, shared %v", at, s.ID, got.Pos(s.ID), got.SharedName(s.Name))
		}
	}
}
