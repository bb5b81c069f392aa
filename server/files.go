package main

import (
	"context"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/fieldvisit"
	"github.com/kaoping/kaoping/server/store"
)

// storedFile is a file kept in the database as one route sends it.
type storedFile struct {
	ContentType string
	Filename    string // empty: shown inline (photos and signatures in <img>)
	Content     []byte
}

// fileRoute serves the file that open finds for the path's {id} to a
// signed-in user open lets see it. Everyone else gets 404, whatever the
// reason, so ids reveal nothing.
func fileRoute(log *slog.Logger, what string, open func(ctx context.Context, who *auth.Identity, id int64) (*storedFile, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		who := auth.From(r.Context())
		if who == nil {
			refuse(w, http.StatusUnauthorized, errDownloadSignIn)
			return
		}
		f, err := open(r.Context(), who, id)
		if apperr.CodeOf(err) == apperr.NotFound {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			log.ErrorContext(r.Context(), "open "+what, "id", id, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", f.ContentType)
		if f.Filename != "" {
			w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Filename}))
		}
		w.Header().Set("Cache-Control", "private, no-store")
		_, _ = w.Write(f.Content)
	})
}

// evidenceDownload serves an evidence file to users allowed to see its
// evaluatee.
func evidenceDownload(st *store.Store, log *slog.Logger) http.Handler {
	return fileRoute(log, "evidence", func(ctx context.Context, who *auth.Identity, id int64) (*storedFile, error) {
		e, content, err := evaluation.OpenEvidence(ctx, st.DB, who, id)
		if err != nil {
			return nil, err
		}
		return &storedFile{ContentType: e.ContentType, Filename: e.Filename, Content: content}, nil
	})
}

// objectionEvidenceDownload serves an objection's file to the 专班 and the
// contact of the objection's unit.
func objectionEvidenceDownload(st *store.Store, log *slog.Logger) http.Handler {
	return fileRoute(log, "objection evidence", func(ctx context.Context, who *auth.Identity, id int64) (*storedFile, error) {
		e, content, err := evaluation.OpenObjectionEvidence(ctx, st.DB, who, id)
		if err != nil {
			return nil, err
		}
		return &storedFile{ContentType: e.ContentType, Filename: e.Filename, Content: content}, nil
	})
}

// Field-visit photos and signatures go only to users who may see the visit
// (the 专班, leaders, its inspectors).

func fieldPhotoDownload(st *store.Store, log *slog.Logger) http.Handler {
	return fileRoute(log, "field photo", func(ctx context.Context, who *auth.Identity, id int64) (*storedFile, error) {
		p, content, err := fieldvisit.OpenPhoto(ctx, st.DB, who, id)
		if err != nil {
			return nil, err
		}
		return &storedFile{ContentType: p.ContentType, Content: content}, nil
	})
}

func fieldSignatureDownload(st *store.Store, log *slog.Logger) http.Handler {
	return fileRoute(log, "field visit signature", func(ctx context.Context, who *auth.Identity, id int64) (*storedFile, error) {
		contentType, content, err := fieldvisit.OpenSignature(ctx, st.DB, who, id)
		if err != nil {
			return nil, err
		}
		return &storedFile{ContentType: contentType, Content: content}, nil
	})
}
