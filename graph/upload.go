package graph

import (
	"context"
	"fmt"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/importer"
	"github.com/kaoping/kaoping/server/store"
)

// maxDocumentSize bounds a method document; the seed is 20 KB, a .docx of a
// full plan well under a megabyte.
const maxDocumentSize = 5 << 20

// parseUpload reads an uploaded method document and parses it against the
// unit catalogue in db.
func (r *Resolver) parseUpload(ctx context.Context, db store.DB, field string, file graphql.Upload) (*importer.Result, error) {
	if file.File == nil {
		return nil, apperr.Field(field, "required", "请上传方案文件", "a file is required")
	}
	data, err := io.ReadAll(io.LimitReader(file.File, maxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("read upload %q: %w", file.Filename, err)
	}
	if len(data) > maxDocumentSize {
		return nil, apperr.Field(field, "max", "文件过大(上限5MB)", "the file is larger than 5 MB")
	}
	units, err := store.ListUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	return importer.Parse(data, importer.Options{Units: store.CatalogueOf(units)}), nil
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
