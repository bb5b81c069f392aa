package graph

import (
	"context"
	"errors"
	"regexp"
	"strconv"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/sheets"
)

// Helpers of graph/scores.resolvers.go: the answers of the score-sheet and
// source-value imports.

// errRollback ends a transaction without an error for the client: the
// answer (e.g. row errors of an import) is already in hand.
var errRollback = errors.New("rollback")

// uploadError is the answer to a spreadsheet the parser refused: its own
// message when the file is too large or has too many rows (it says which
// limit), the request's end as it is, else a generic one.
func uploadError(ctx context.Context, err error, field, zh, en string) error {
	var big *sheets.TooLarge
	switch {
	case errors.As(err, &big):
		return apperr.Field(field, "tooLarge", big.Message, "the spreadsheet is larger than the template can be")
	case ctx.Err() != nil:
		return err
	}
	return apperr.Field(field, "xlsx", zh, en)
}

func sheetErrors(errs []sheets.RowError) []model.SheetRowError {
	out := make([]model.SheetRowError, len(errs))
	for i, e := range errs {
		out[i] = model.SheetRowError{Row: e.Row, Column: e.Column, Message: e.Message}
	}
	return out
}

var rowNumber = regexp.MustCompile(`第(\d+)行`)

// rowOf reads the row number back from an entry's field ("第5行").
func rowOf(field string) int {
	if m := rowNumber.FindStringSubmatch(field); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}
