package main

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/fieldvisit"
	"github.com/kaoping/kaoping/server/store"
)

// Field-visit photos and signatures are served only to users who may see
// the visit (the 专班, leaders, its inspectors); everyone else gets 404, so
// ids reveal nothing.

func fieldPhotoDownload(st *store.Store, log *slog.Logger) http.Handler {
	return visitFile(log, func(r *http.Request, who *auth.Identity, id int64) (string, []byte, error) {
		p, content, err := fieldvisit.OpenPhoto(r.Context(), st.DB, who, id)
		if err != nil {
			return "", nil, err
		}
		return p.ContentType, content, nil
	})
}

func fieldSignatureDownload(st *store.Store, log *slog.Logger) http.Handler {
	return visitFile(log, func(r *http.Request, who *auth.Identity, id int64) (string, []byte, error) {
		return fieldvisit.OpenSignature(r.Context(), st.DB, who, id)
	})
}

func visitFile(log *slog.Logger, open func(r *http.Request, who *auth.Identity, id int64) (string, []byte, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		who := auth.From(r.Context())
		if who == nil {
			http.Error(w, "请先登录", http.StatusUnauthorized)
			return
		}
		contentType, content, err := open(r, who, id)
		if apperr.CodeOf(err) == apperr.NotFound {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			log.ErrorContext(r.Context(), "open field visit file", "id", id, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		// Only the two image types are ever stored; inline so <img> shows them.
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "private, no-store")
		_, _ = w.Write(content)
	})
}
