package store

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/tend-cli/tend/domain"

	bolt "go.etcd.io/bbolt"
)

// Buckets. Children of an account are keyed account ID (8 bytes, big-endian)
// + their own ID, so one account's records are one prefix scan; timelines are
// keyed account + time + ID so the newest page is a cursor seek.
var (
	bMeta         = []byte("meta")         // magic, schema, change counter
	bChanges      = []byte("changes")      // counter → account ID + kind: what each write touched
	bAccounts     = []byte("accounts")     // account ID → Account (JSON)
	bSummaries    = []byte("summaries")    // account ID → Summary (compact binary)
	bContacts     = []byte("contacts")     // account + contact ID → Contact (JSON)
	bInteractions = []byte("interactions") // account + time + ID → Interaction (JSON)
	bInterIDs     = []byte("interaction_ids")
	bPlans        = []byte("plans")   // account ID → Plan (JSON)
	bActions      = []byte("actions") // account + item ID → ActionItem (JSON)
	bOpps         = []byte("opportunities")
	bRisks        = []byte("risks")
	bOrders       = []byte("orders")
	bSurveys      = []byte("surveys")
	bWins         = []byte("wins")
	bARR          = []byte("arr_history")  // account + date → Money (JSON)
	bDrafts       = []byte("drafts")       // account ID → Draft (JSON); account ID, slot → a draft kept beside it
	bSettings     = []byte("settings")     // name → value (JSON): KPI targets, gross margin
	bMetrics      = []byte("metrics")      // account ID → the dated facts KPIs need (compact binary, derived)
	bSnoozes      = []byte("snoozes")      // account ID + row key → Snooze (JSON): triage rows put off
	bAccountUIDs  = []byte("account_uids") // account UID → account ID
	bImports      = []byte("imports")      // source + 0 + record UID → what that source last gave (see merge.go)
	bViews        = []byte("views")        // folded name → SavedView (JSON); created by the first save (savedviews.go)
	bAccountKeys  = []byte("account_keys") // account ID → what identifies it to an import (compact binary, derived; created by the first write: import_keys.go)

	allBuckets = [][]byte{bMeta, bChanges, bAccounts, bSummaries, bContacts, bInteractions, bInterIDs,
		bPlans, bActions, bOpps, bRisks, bOrders, bSurveys, bWins, bARR, bDrafts, bSettings, bMetrics, bSnoozes, bAccountUIDs, bImports}

	kMagic   = []byte("magic")
	kSchema  = []byte("schema")
	kCounter = []byte("changes")
	kCreated = []byte("created")
)

// MaxLocalID bounds the per-book #N numbers: they stay exact in JSON numbers
// everywhere (2^53), and a sequence can never wrap around to reuse an ID.
const MaxLocalID = 1 << 53

// maxChangeLog is how many change entries are kept; a reader further behind reloads everything.
const maxChangeLog = 4096

func initBuckets(tx *bolt.Tx, now time.Time) error {
	for _, b := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	m := tx.Bucket(bMeta)
	for k, v := range map[string][]byte{string(kMagic): []byte(Magic), string(kSchema): u64(SchemaVersion), string(kCounter): u64(0), string(kCreated): []byte(now.UTC().Format(time.RFC3339))} {
		if err := m.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return ensureIdentity(tx)
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func decodeU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func key2(a, b uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, a)
	binary.BigEndian.PutUint64(k[8:], b)
	return k
}

// timeKey orders instants, negative ones included.
func timeKey(t time.Time) uint64 { return uint64(t.UnixNano()) ^ (1 << 63) }

// The instants timeKey can key: nanoseconds since 1970 in an int64.
var minKeyTime, maxKeyTime = time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64)

// keyable refuses an instant timeKey would get wrong (before 1678 or after
// 2262), whatever validation let it through.
func keyable(field string, t time.Time) error {
	if t.Before(minKeyTime) || t.After(maxKeyTime) {
		return domain.Invalid(field, t.UTC().Format(time.RFC3339), "cannot be stored: outside the years 1678–2262")
	}
	return nil
}

func interactionKey(acct uint64, at time.Time, id uint64) []byte {
	k := make([]byte, 24)
	binary.BigEndian.PutUint64(k, acct)
	binary.BigEndian.PutUint64(k[8:], timeKey(at))
	binary.BigEndian.PutUint64(k[16:], id)
	return k
}

func dateKey(acct uint64, d int32) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, acct)
	binary.BigEndian.PutUint32(k[8:], uint32(d)^(1<<31))
	return k
}
