package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// Spreadsheets users download. Reads only (GET never changes state); each
// checks the same role and scope rules as the GraphQL fields it mirrors.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func sendXLSX(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}

// download wraps a spreadsheet handler with the sign-in and role check and
// maps errors to statuses.
func download(log *slog.Logger, roles []auth.Role, fn func(r *http.Request, id *auth.Identity) (string, []byte, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := auth.From(r.Context())
		if id == nil {
			refuse(w, http.StatusUnauthorized, errDownloadSignIn)
			return
		}
		if !id.Has(roles...) {
			refuse(w, http.StatusForbidden, errDownloadForbidden)
			return
		}
		name, data, err := fn(r, id)
		switch apperr.CodeOf(err) {
		case "":
		case apperr.NotFound:
			http.NotFound(w, r)
			return
		case apperr.Invalid, apperr.Forbidden:
			e, _ := apperr.As(err)
			refuse(w, http.StatusBadRequest, e)
			return
		default:
			if err != nil {
				log.ErrorContext(r.Context(), "download", "path", r.URL.Path, "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
		}
		if strings.HasSuffix(name, ".csv") {
			sendCSV(w, name, data)
			return
		}
		sendXLSX(w, name, data)
	})
}

var (
	errDownloadSignIn    = apperr.New(apperr.Unauthenticated, "请先登录", "Please sign in first")
	errDownloadForbidden = apperr.New(apperr.Forbidden, "没有权限", "You are not allowed to download this")
)

// refuse answers a download the server will not serve with the error's code
// and its message in both languages, {"code", "message", "messageEn"}, so
// the SPA shows the one of the language in use (frontend/src/lib/download.ts).
func refuse(w http.ResponseWriter, status int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	body := map[string]any{"code": string(e.Code), "message": e.Message, "messageEn": e.MessageEn}
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	_ = enc.Encode(body)
}

func sendCSV(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}

func queryID(r *http.Request, key string) (int64, error) {
	v, err := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
	if err != nil || v < 1 {
		return 0, apperr.Field(key, "required", "缺少或无效的参数 "+key, "missing or invalid "+key)
	}
	return v, nil
}

// scoreTemplate is the lead unit's .xlsx of the cells it scores.
func scoreTemplate(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		periodID, err := queryID(r, "periodId")
		if err != nil {
			return "", nil, err
		}
		sh, err := evaluation.ScoreSheet(r.Context(), st.DB, id, periodID, nil)
		if err != nil {
			return "", nil, err
		}
		tasks := map[int64]store.Task{}
		for _, t := range sh.Tasks {
			tasks[t.ID] = t
		}
		evs := map[int64]store.Evaluatee{}
		for _, e := range sh.Evaluatees {
			evs[e.ID] = e
		}
		t := sheets.ScoreTemplate{
			Title: fmt.Sprintf("%s %s 评分表", sh.Period.Name, sh.LeadUnit.Name), LeadUnit: sh.LeadUnit.Name, Period: sh.Period.Name,
		}
		for _, c := range sh.Cells {
			row := sheets.ScoreRow{
				PeriodID: periodID, EvaluateeID: c.EvaluateeID, TaskID: c.TaskID, TaskNumber: tasks[c.TaskID].Number,
				TaskText: tasks[c.TaskID].Text, Evaluatee: evs[c.EvaluateeID].Unit.Name, Group: labels.Of("RankingGroup", string(evs[c.EvaluateeID].Group)),
				MaxPoints: c.MaxPoints,
			}
			if c.Score != nil {
				v := c.Score.Value
				row.Score, row.Comment, row.Version, row.Status = &v, c.Score.Comment, c.Score.Version, labels.Of("ScoreStatus", string(c.Score.Status))
			}
			t.Rows = append(t.Rows, row)
		}
		data, err := sheets.ScoreWorkbook(t)
		return fmt.Sprintf("%s-%s-评分表.xlsx", sh.Period.Name, sh.LeadUnit.Name), data, err
	}
}

// auditExport is the auditor's .xlsx of the filtered audit log.
func auditExport(st *store.Store) func(r *http.Request, id *auth.Identity) (string, []byte, error) {
	return func(r *http.Request, id *auth.Identity) (string, []byte, error) {
		q := r.URL.Query()
		f := audit.Filter{Username: q.Get("username"), Operation: q.Get("operation"), ObjectType: q.Get("objectType"),
			ObjectID: q.Get("objectId"), Outcome: q.Get("outcome")}
		if v := q.Get("unitId"); v != "" {
			u, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return "", nil, apperr.Field("unitId", "int", "单位参数无效", "bad unitId")
			}
			f.UnitID = &u
		}
		for key, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
			if v := q.Get(key); v != "" {
				t, err := time.Parse(time.RFC3339, v)
				if err != nil {
					return "", nil, apperr.Field(key, "rfc3339", "时间格式应为RFC 3339", "time must be RFC 3339")
				}
				*dst = &t
			}
		}
		recs, _, err := audit.Find(r.Context(), st.DB, f, 0, 100_000)
		if err != nil {
			return "", nil, err
		}
		rows := make([]sheets.AuditRow, len(recs))
		for i, rec := range recs {
			rows[i] = sheets.AuditRow{ID: rec.ID, At: rec.At, Username: rec.Username, Roles: rec.Roles, ClientAddr: rec.ClientAddr,
				RequestID: rec.RequestID, Operation: rec.Operation, Outcome: rec.Outcome,
				ObjectType: deref(rec.ObjectType), ObjectID: deref(rec.ObjectID), Unit: deref(rec.UnitName),
				Before: string(rec.Before), After: string(rec.After), Detail: deref(rec.Detail)}
		}
		desc := "全部记录"
		if len(q) > 0 {
			desc = "筛选条件:" + describe(q)
		}
		data, err := sheets.AuditLog(rows, desc)
		return fmt.Sprintf("审计日志-%s.xlsx", time.Now().Format("20060102-1504")), data, err
	}
}

// describe lists the filters in a stable order for the export's cover sheet.
func describe(q url.Values) string {
	keys := slices.Sorted(maps.Keys(q))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + q.Get(k)
	}
	return strings.Join(parts, " ")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
