package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// errRollback ends a transaction without an error for the client: the
// answer (e.g. row errors of an import) is already in hand.
var errRollback = errors.New("rollback")

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func readUpload(file graphql.Upload, field string, max int64) ([]byte, error) {
	if file.File == nil {
		return nil, apperr.Field(field, "required", "请上传文件", "a file is required")
	}
	data, err := io.ReadAll(io.LimitReader(file.File, max+1))
	if err != nil {
		return nil, fmt.Errorf("read upload %q: %w", file.Filename, err)
	}
	if int64(len(data)) > max {
		return nil, apperr.Field(field, "max", fmt.Sprintf("文件超过%dMB上限", max>>20), "the file is too large")
	}
	return data, nil
}

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

func rankingRow(e store.Evaluatee, rank int, score *decimal.Decimal, provisional bool, b results.Breakdown) model.RankingRow {
	return model.RankingRow{Rank: rank, Evaluatee: &e, Score: score, Provisional: provisional,
		Components: orEmpty(b.Components), Dimensions: orEmpty(b.Dimensions), MissingScores: b.MissingScores}
}
