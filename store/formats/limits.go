package formats

import (
	"fmt"
	"io"

	"github.com/tend-cli/tend/domain"
)

// Limits on what one import may hold, so that a broken or hostile file (a
// 100 MB field, a quote never closed, /dev/zero behind a regular name) makes
// tend stop with a clear error instead of buffering without bound.
const (
	// MaxCSVField is the most one CSV field may hold: a note may be
	// domain.MaxNoteLen (1 MiB). A longer field rejects its row.
	MaxCSVField = domain.MaxNoteLen
	// MaxCSVRow is the most one CSV row may hold, all its fields and quoted
	// line breaks and its line end together. Reading stops there: the
	// import fails, naming the row and the column it was in.
	MaxCSVRow = 4 << 20
	// MaxBookValue is the most one value of a JSON export may hold: an
	// account with all its records, or the settings. Reading stops there.
	MaxBookValue = 64 << 20
)

// maxBookValue is MaxBookValue; tests lower it to stay quick.
var maxBookValue int64 = MaxBookValue

// csvBuffer is the read buffer of the CSV reader (the delimiter is sniffed
// from the first line in it).
const csvBuffer = 64 << 10

// boundedReader passes reads through until more than limit bytes have been
// read past mark, the offset where the value being read began; then it ends
// the input (io.EOF, for good) and sets hit. Whoever reads through it moves
// mark forward as values end, so memory stays bounded however long the input
// is. Ending with io.EOF rather than an error makes encoding/csv hand back
// the field it stopped in, quoted or not, so the message can name it.
type boundedReader struct {
	r     io.Reader
	n     int64 // bytes read so far
	mark  int64
	limit int64
	hit   bool
}

func (b *boundedReader) Read(p []byte) (int, error) {
	room := b.mark + b.limit - b.n
	if b.hit || room <= 0 {
		b.hit = true
		return 0, io.EOF
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

func mib(n int) string { return fmt.Sprintf("%d MiB", n>>20) }
