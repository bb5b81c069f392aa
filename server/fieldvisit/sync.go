package fieldvisit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// MaxPhotoSize bounds one photo. Phones send JPEGs resized to 1600 px,
// a few hundred KB; this leaves room for an unresized PNG from a desktop.
const MaxPhotoSize = 5 << 20

// MaxSignatureSize bounds the signature image (a small PNG).
const MaxSignatureSize = 1 << 20

// FindingWrite is one finding as a phone recorded it.
type FindingWrite struct {
	ClientID string // the write's UUID, made by the phone
	TaskID   int64
	// BaseVersion is the finding's version the phone started from; 0 when
	// it saw none.
	BaseVersion int
	Judgement   string
	Note        string
	ObservedAt  time.Time
	Latitude    *float64
	Longitude   *float64
	AccuracyM   *float64
}

// PhotoWrite is one photo of a checklist item.
type PhotoWrite struct {
	ClientID string
	TaskID   int64
	Data     []byte
}

// SyncInput is one batch from a phone: findings and photos of one visit.
type SyncInput struct {
	VisitID  int64
	Findings []FindingWrite
	Photos   []PhotoWrite
	Now      time.Time
}

// Outcome of one write in a batch.
type Outcome string

const (
	Applied   Outcome = "APPLIED"   // stored now
	Duplicate Outcome = "DUPLICATE" // stored by an earlier copy of this write
	Conflict  Outcome = "CONFLICT"  // someone changed the item first; both values returned
	Refused   Outcome = "REFUSED"   // the client id belongs to another user or visit
)

// judgements are the findings of DESIGN §2.5 (server/scoring.Judgement).
var judgements = []string{"DONE", "PARTIAL", "NOT_DONE", "NA"}

// FindingResult says what became of one finding write.
type FindingResult struct {
	ClientID string
	TaskID   int64
	Outcome  Outcome
	Message  string
	// Finding is the item's finding as stored now (after the write when
	// applied; the other inspector's when in conflict).
	Finding *store.Finding
	// Yours is the write as sent, when it conflicted.
	Yours *store.Finding
}

// PhotoResult says what became of one photo.
type PhotoResult struct {
	ClientID string
	TaskID   int64
	Outcome  Outcome
	Message  string
	Photo    *store.FieldPhoto
}

// SyncResult is the answer to a batch, one result per write in its order.
type SyncResult struct {
	Findings []FindingResult
	Photos   []PhotoResult
	Visit    *Visit
}

// Sync stores a phone's batch. Input faults (a task not on the checklist,
// a photo that is not an image) refuse the whole batch and change nothing;
// the outcome of each valid write is reported one by one, so one record a
// phone cannot send does not hold back the others.
func Sync(ctx context.Context, db store.DB, id *auth.Identity, in SyncInput) (*SyncResult, error) {
	v, _, err := lockForInspector(ctx, db, id, in.VisitID, verbRecord)
	if err != nil {
		return nil, err
	}
	checklist, err := store.ChecklistOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, err
	}
	onList := func(task int64) bool {
		return slices.ContainsFunc(checklist[v.ID], func(t store.Task) bool { return t.ID == task })
	}
	for i, f := range in.Findings {
		if !onList(f.TaskID) {
			return nil, apperr.Field(fmt.Sprintf("input.findings[%d].taskId", i), "checklist", "该任务不在本次调研的检查清单中", "the task is not on the visit's checklist")
		}
		if !slices.Contains(judgements, f.Judgement) {
			return nil, apperr.Field(fmt.Sprintf("input.findings[%d].judgement", i), "oneof", "结论只能是已落实、部分落实、未落实或不适用", "unknown judgement")
		}
		if (f.Latitude == nil) != (f.Longitude == nil) {
			return nil, apperr.Field(fmt.Sprintf("input.findings[%d].latitude", i), "pair", "经度和纬度须同时提供", "latitude and longitude go together")
		}
	}
	photoTypes := make([]string, len(in.Photos))
	for i, p := range in.Photos {
		field := fmt.Sprintf("input.photos[%d]", i)
		if !onList(p.TaskID) {
			return nil, apperr.Field(field+".taskId", "checklist", "该任务不在本次调研的检查清单中", "the task is not on the visit's checklist")
		}
		if photoTypes[i], err = checkImage(field+".file", p.Data, MaxPhotoSize, "5MB"); err != nil {
			return nil, err
		}
	}
	out := &SyncResult{}
	for _, f := range in.Findings {
		r, err := syncFinding(ctx, db, id, v, f, in.Now)
		if err != nil {
			return nil, err
		}
		out.Findings = append(out.Findings, r)
	}
	for i, p := range in.Photos {
		r, err := syncPhoto(ctx, db, id, v, p, photoTypes[i], in.Now)
		if err != nil {
			return nil, err
		}
		out.Photos = append(out.Photos, r)
	}
	if out.Visit, err = Get(ctx, db, id, v.ID); err != nil {
		return nil, err
	}
	return out, nil
}

func syncFinding(ctx context.Context, db store.DB, id *auth.Identity, v *store.FieldVisit, w FindingWrite, now time.Time) (FindingResult, error) {
	res := FindingResult{ClientID: w.ClientID, TaskID: w.TaskID}
	seen, err := store.FindSyncWrite(ctx, db, w.ClientID)
	if err != nil {
		return res, err
	}
	current, err := store.FindFindingForUpdate(ctx, db, v.ID, w.TaskID)
	if err != nil {
		return res, err
	}
	if seen != nil {
		if seen.UserID != id.UserID || seen.VisitID != v.ID || seen.TaskID != w.TaskID {
			res.Outcome, res.Message = Refused, "该记录编号已被其他用户或其他检查项使用,不能重复使用"
			return res, nil
		}
		res.Outcome, res.Finding = Duplicate, current
		return res, nil
	}
	next := &store.Finding{VisitID: v.ID, TaskID: w.TaskID, Judgement: w.Judgement, Note: trimmed(w.Note),
		ObservedAt: w.ObservedAt, Latitude: w.Latitude, Longitude: w.Longitude, AccuracyM: w.AccuracyM,
		RecordedBy: &id.UserID, RecordedByName: id.DisplayName, UpdatedAt: now}
	own := false
	if current != nil && current.Version != w.BaseVersion {
		if own, err = ownSuperseded(ctx, db, id, current, w); err != nil {
			return res, err
		}
	}
	switch {
	case current == nil:
		// A first finding, or an edit whose base never reached the server
		// (it carries the whole item, so it stands on its own).
	case current.Version == w.BaseVersion:
		next.ID, next.Version = current.ID, current.Version
	case own:
		// The phone's earlier write from the same base reached the server
		// but its answer did not reach the phone: this edit follows it.
		next.ID, next.Version = current.ID, current.Version
	case sameFinding(current, next):
		// Someone recorded exactly this already: nothing to choose between.
		res.Outcome, res.Finding = Applied, current
		return res, store.RecordSyncWrite(ctx, db, &store.SyncWrite{ClientID: w.ClientID, UserID: id.UserID, VisitID: v.ID, TaskID: w.TaskID,
			Outcome: string(Applied), BaseVersion: w.BaseVersion, ResultVersion: &current.Version, At: now})
	default:
		// A conflict is not stored: the inspector chooses, and the choice
		// is a new write based on the current version.
		yours := *next
		yours.Version = w.BaseVersion
		res.Outcome, res.Finding, res.Yours = Conflict, current, &yours
		res.Message = fmt.Sprintf("%s已于%s修改了此项,请在两个结论中选择", current.RecordedByName, current.UpdatedAt.In(shanghai).Format("01-02 15:04"))
		return res, nil
	}
	if err := store.SaveFinding(ctx, db, next); err != nil {
		return res, err
	}
	if err := store.RecordSyncWrite(ctx, db, &store.SyncWrite{ClientID: w.ClientID, UserID: id.UserID, VisitID: v.ID, TaskID: w.TaskID,
		Outcome: string(Applied), BaseVersion: w.BaseVersion, ResultVersion: &next.Version, At: now}); err != nil {
		return res, err
	}
	res.Outcome, res.Finding = Applied, next
	return res, nil
}

// ownSuperseded says whether current was made by this user's own write
// from the same base version as w: then w is a later edit of the same
// inspector, not a competing one.
func ownSuperseded(ctx context.Context, db store.DB, id *auth.Identity, current *store.Finding, w FindingWrite) (bool, error) {
	prev, err := store.WriteThatMade(ctx, db, current.VisitID, current.TaskID, current.Version)
	return err == nil && prev != nil && prev.UserID == id.UserID && prev.BaseVersion == w.BaseVersion, err
}

var shanghai = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

func sameFinding(a, b *store.Finding) bool {
	eq := func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return a.Judgement == b.Judgement && a.Note == b.Note && eq(a.Latitude, b.Latitude) && eq(a.Longitude, b.Longitude)
}

func syncPhoto(ctx context.Context, db store.DB, id *auth.Identity, v *store.FieldVisit, w PhotoWrite, contentType string, now time.Time) (PhotoResult, error) {
	res := PhotoResult{ClientID: w.ClientID, TaskID: w.TaskID}
	seen, err := store.FindPhotoByClientID(ctx, db, w.ClientID)
	if err != nil {
		return res, err
	}
	if seen != nil {
		if seen.UploadedBy != id.UserID || seen.VisitID != v.ID || seen.TaskID != w.TaskID {
			res.Outcome, res.Message = Refused, "该照片编号已被其他用户或其他检查项使用,不能重复使用"
			return res, nil
		}
		res.Outcome, res.Photo = Duplicate, seen
		return res, nil
	}
	data := w.Data
	if contentType == "image/jpeg" {
		data = StripJPEGMetadata(data)
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if err := store.StoreFile(ctx, db, sha, contentType, data); err != nil {
		return res, err
	}
	p := &store.FieldPhoto{ClientID: w.ClientID, VisitID: v.ID, TaskID: w.TaskID, FileSHA256: sha,
		UploadedBy: id.UserID, UploadedByName: id.DisplayName, UploadedAt: now}
	if err := store.AddPhoto(ctx, db, p); err != nil {
		return res, err
	}
	p.ContentType, p.Size = contentType, int64(len(data))
	res.Outcome, res.Photo = Applied, p
	return res, nil
}

// checkImage accepts a JPEG or PNG (judged by content, not name) up to max.
func checkImage(field string, data []byte, max int, maxLabel string) (string, error) {
	if len(data) == 0 {
		return "", apperr.Field(field, "required", "图片为空", "the image is empty")
	}
	if len(data) > max {
		return "", apperr.Field(field, "max", "图片超过"+maxLabel+"上限", "the image is larger than "+maxLabel)
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" {
		return "", apperr.Field(field, "type", "只接受JPEG或PNG图片(按文件内容识别)", "only JPEG or PNG images are accepted (by content)")
	}
	return ct, nil
}

// StripJPEGMetadata drops the APP1 (Exif, XMP) and APP13 (IPTC) segments of
// a JPEG: a photo must not carry the phone's position or serial inside it
// (the finding records the place as data). The browser already re-encodes
// photos through a canvas, which drops them; this holds for any client.
// Anything it cannot parse is returned unchanged.
func StripJPEGMetadata(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return b
	}
	var out bytes.Buffer
	out.Write(b[:2])
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return b
		}
		marker := b[i+1]
		if marker == 0xDA { // start of scan: the rest is image data
			out.Write(b[i:])
			return out.Bytes()
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 || i+2+n > len(b) {
			return b
		}
		if marker != 0xE1 && marker != 0xED {
			out.Write(b[i : i+2+n])
		}
		i += 2 + n
	}
	return b
}
