package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kaoping/kaoping/server/auth"
)

// visitFixture is the hand-computed half year of scoring_api_test.go
// (甲区 carries A 30, B 30, C 40; DM 88, PO 80, TP 90) with two inspectors.
type visitFixture struct {
	*halfYear
	inspector1, inspector2 string // usernames
	ids                    map[string]string
}

func newVisitFixture(t *testing.T) *visitFixture {
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	f := &visitFixture{halfYear: h, ids: map[string]string{}}
	f.inspector1 = h.mustUser("市一局", auth.RoleInspector)
	f.inspector2 = h.mustUser("市二局", auth.RoleInspector)
	h.loginAs(auth.RoleTaskForce)
	var out struct {
		Inspectors []struct{ ID, Username string }
	}
	h.must(`{ inspectors { id username } }`, nil, &out)
	for _, u := range out.Inspectors {
		f.ids[u.Username] = u.ID
	}
	if len(f.ids) != 2 {
		t.Fatalf("inspectors = %+v", out.Inspectors)
	}
	return f
}

const visitFields = `id status version canRecord canReview reviewNote signedBy signatureUrl
	items { task { id number } report { id } finding { id judgement note version latitude accuracy recordedBy } photos { id clientId url sha256 } }`

type visitJSON struct {
	ID, Status           string
	Version              int
	CanRecord, CanReview bool
	ReviewNote, SignedBy *string
	SignatureURL         *string `json:"signatureUrl"`
	Items                []itemJSON
}

type itemJSON struct {
	Task struct {
		ID     string
		Number int
	}
	Report  *struct{ ID string }
	Finding *findingJSON
	Photos  []struct{ ID, ClientID, URL, Sha256 string }
}

type findingJSON struct {
	ID, Judgement, Note, RecordedBy string
	Version                         int
	Latitude, Accuracy              *float64
}

// plan plans a visit to 甲区 as the 专班 (focus tasks by name, all when none).
func (f *visitFixture) plan(date string, inspectors []string, focus ...string) visitJSON {
	f.t.Helper()
	f.loginAs(auth.RoleTaskForce)
	var ins, tasks []string
	for _, u := range inspectors {
		ins = append(ins, f.ids[u])
	}
	for _, name := range focus {
		tasks = append(tasks, f.tasks[name])
	}
	var out struct{ PlanFieldVisit visitJSON }
	f.must(`mutation($in: PlanFieldVisitInput!) { planFieldVisit(input: $in) { `+visitFields+` } }`,
		map[string]any{"in": map[string]any{"periodId": f.period, "evaluateeId": f.e1, "date": date, "inspectorIds": ins, "focusTaskIds": tasks}}, &out)
	return out.PlanFieldVisit
}

type write struct {
	clientID, task, judgement, note string
	base                            int
}

type photo struct {
	clientID, task string
	data           []byte
}

type syncJSON struct {
	SyncFieldVisit struct {
		Findings []struct {
			ClientID, Outcome string
			Message           *string
			Finding, Yours    *findingJSON
		}
		Photos []struct {
			ClientID, Outcome string
			Photo             *struct{ ID string }
		}
		Visit visitJSON
	}
}

// sync sends one batch as the signed-in user.
func (f *visitFixture) sync(visit string, writes []write, photos []photo) (syncJSON, []gqlError) {
	f.t.Helper()
	var fs []map[string]any
	for _, w := range writes {
		fs = append(fs, map[string]any{"clientId": w.clientID, "taskId": f.tasks[w.task], "baseVersion": w.base, "judgement": w.judgement,
			"note": w.note, "observedAt": "2024-05-20T10:00:00+08:00", "latitude": 40.6562, "longitude": 109.8404, "accuracy": 12.5})
	}
	ps := []map[string]any{}
	files := map[string][]byte{}
	for i, p := range photos {
		ps = append(ps, map[string]any{"clientId": p.clientID, "taskId": f.tasks[p.task], "file": nil})
		files[fmt.Sprintf("variables.in.photos.%d.file", i)] = p.data
	}
	if fs == nil {
		fs = []map[string]any{}
	}
	var out syncJSON
	errs := f.multipart(`mutation($in: SyncFieldVisitInput!) { syncFieldVisit(input: $in) { findings { clientId outcome message finding { id judgement note version recordedBy } yours { judgement note version } } photos { clientId outcome photo { id } } visit { `+visitFields+` } } }`,
		map[string]any{"in": map[string]any{"visitId": visit, "findings": fs, "photos": ps}}, files, &out)
	return out, errs
}

// multipart sends a GraphQL multipart request with files at variable paths.
func (a *api) multipart(query string, vars map[string]any, files map[string][]byte, out any) []gqlError {
	a.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_ = w.WriteField("operations", string(ops))
	m := map[string][]string{}
	i := 0
	keys := map[string]string{}
	for path := range files {
		k := fmt.Sprint(i)
		m[k], keys[k] = []string{path}, path
		i++
	}
	mj, _ := json.Marshal(m)
	_ = w.WriteField("map", string(mj))
	for k, path := range keys {
		fw, _ := w.CreateFormFile(k, "photo.jpg")
		_, _ = fw.Write(files[path])
	}
	_ = w.Close()
	resp, err := a.post(w.FormDataContentType(), &buf)
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	return a.decode(resp, out)
}

// submit signs and submits as the signed-in inspector.
func (f *visitFixture) submit(v visitJSON) (visitJSON, []gqlError) {
	f.t.Helper()
	var out struct{ SubmitFieldVisit visitJSON }
	errs := f.multipart(`mutation($in: SubmitFieldVisitInput!) { submitFieldVisit(input: $in) { `+visitFields+` } }`,
		map[string]any{"in": map[string]any{"visitId": v.ID, "version": v.Version, "signedBy": "王主任", "signature": nil}},
		map[string][]byte{"variables.in.signature": testPNG(f.t)}, &out)
	return out.SubmitFieldVisit, errs
}

func (f *visitFixture) review(v visitJSON, action, note string) (visitJSON, []gqlError) {
	f.t.Helper()
	var out struct{ ReviewFieldVisit visitJSON }
	errs := f.do(`mutation($in: ReviewFieldVisitInput!) { reviewFieldVisit(input: $in) { `+visitFields+` } }`,
		map[string]any{"in": map[string]any{"visitId": v.ID, "version": v.Version, "action": action, "note": note}}, &out)
	return out.ReviewFieldVisit, errs
}

// recordAndAccept has inspector 1 judge every item, submit, and the 专班 accept.
func (f *visitFixture) recordAndAccept(v visitJSON, judgements map[string]string) visitJSON {
	f.t.Helper()
	f.login(f.inspector1, testPassword)
	var ws []write
	for task, j := range judgements {
		ws = append(ws, write{uuid.NewString(), task, j, "现场核查:" + j, 0})
	}
	s, errs := f.sync(v.ID, ws, nil)
	if len(errs) > 0 {
		f.t.Fatalf("sync: %+v", errs)
	}
	sub, errs := f.submit(s.SyncFieldVisit.Visit)
	if len(errs) > 0 || sub.Status != "SUBMITTED" {
		f.t.Fatalf("submit: %+v %+v", errs, sub)
	}
	f.loginAs(auth.RoleTaskForce)
	acc, errs := f.review(sub, "ACCEPT", "")
	if len(errs) > 0 || acc.Status != "ACCEPTED" {
		f.t.Fatalf("accept: %+v %+v", errs, acc)
	}
	return acc
}

func (f *visitFixture) e1Result() (score string, fv *string) {
	f.t.Helper()
	r := f.ranking("DISTRICTS")
	row := r.Ranking.Rows[0]
	for _, c := range row.Components {
		if c.Method == "FIELD_VISITS" {
			fv = c.Value
		}
	}
	return deref(row.Score), fv
}

func testJPEG(t testing.TB, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// An Exif segment (APP1) with a fake GPS tag, right after SOI, as a
	// phone camera would write it.
	payload := []byte("Exif\x00\x00GPS 40.6562N 109.8404E")
	app1 := append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	return append(append(append([]byte{}, b[:2]...), app1...), b[2:]...)
}

func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	img.Set(5, 5, color.White)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (a *api) get(path string) (int, []byte) {
	a.t.Helper()
	resp, err := a.client.Get(a.srv.URL + path)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestFieldVisitsCountInHalfYearAsComputedByHand(t *testing.T) {
	f := newVisitFixture(t)
	f.scoreAndVerify(t)
	f.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: PUBLIC_OPINION, file: $f, dryRun: false}) { written } }`,
		map[string]any{"f": nil, "p": f.period}, "variables.f", "民调.csv", []byte("考评对象,来源,分值\n甲区,市民满意度调查,80\n"), nil)
	f.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: THIRD_PARTY, file: $f, dryRun: false}) { written } }`,
		map[string]any{"f": nil, "p": f.period}, "variables.f", "评估.csv", []byte("考评对象,来源,分值,权重\n甲区,评估机构甲,95,1\n甲区,评估机构乙,85,1\n"), nil)
	f.loginAs(auth.RoleTaskForce)
	// No visit yet: FV missing, its 20% shared out: (60×88 + 10×80 + 10×90) / 80.
	if score, fv := f.e1Result(); score != "87.25" || fv != nil {
		t.Fatalf("before any visit: H = %s, FV = %v; want 87.25 and missing", score, fv)
	}

	v1 := f.plan("2024-05-20", []string{f.inspector1})
	if len(v1.Items) != 3 || v1.Status != "PLANNED" {
		t.Fatalf("checklist of 甲区 = %+v, want A, B, C", v1)
	}
	// A submitted but unreviewed visit does not count.
	f.login(f.inspector1, testPassword)
	s, errs := f.sync(v1.ID, []write{{uuid.NewString(), "A", "DONE", "", 0}, {uuid.NewString(), "B", "NOT_DONE", "", 0}, {uuid.NewString(), "C", "NA", "", 0}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := f.submit(s.SyncFieldVisit.Visit); len(errs) > 0 {
		t.Fatal(errs)
	}
	f.loginAs(auth.RoleTaskForce)
	if _, fv := f.e1Result(); fv != nil {
		t.Fatalf("FV = %v from a visit not yet accepted", *fv)
	}
	var got struct{ FieldVisit visitJSON }
	f.must(`query($id: ID!) { fieldVisit(id: $id) { `+visitFields+` } }`, map[string]any{"id": v1.ID}, &got)
	if _, errs := f.review(got.FieldVisit, "RETURN", ""); codeOf(errs) != "INVALID" {
		t.Errorf("return without a note: %+v", errs)
	}
	if _, errs := f.review(got.FieldVisit, "ACCEPT", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	// Visit 1: A 已落实 1, B 未落实 0, C 不适用 (left out):
	// FV = 100 × (1×30 + 0×30) / (30 + 30) = 50;
	// H = 0.6×88 + 0.2×50 + 0.1×80 + 0.1×90 = 52.8 + 10 + 8 + 9 = 79.8.
	if score, fv := f.e1Result(); score != "79.8" || deref(fv) != "50" {
		t.Fatalf("after visit 1: H = %s, FV = %s; want 79.8 and 50", score, deref(fv))
	}

	// Visit 2, later, on B and C only: B 部分落实 0.5, C 已落实 1. The latest
	// accepted visit per task counts: A from visit 1, B and C from visit 2:
	// FV = 100 × (30 + 0.5×30 + 40) / 100 = 85;
	// H = 52.8 + 0.2×85 + 8 + 9 = 86.8.
	v2 := f.plan("2024-06-10", []string{f.inspector1}, "B", "C")
	if len(v2.Items) != 2 {
		t.Fatalf("focus checklist = %+v", v2.Items)
	}
	f.recordAndAccept(v2, map[string]string{"B": "PARTIAL", "C": "DONE"})
	if score, fv := f.e1Result(); score != "86.8" || deref(fv) != "85" {
		t.Fatalf("after visit 2: H = %s, FV = %s; want 86.8 and 85", score, deref(fv))
	}

	// The breakdown shows the finding behind each task's share.
	f.loginAs(auth.RoleLeader)
	var b struct {
		Breakdown struct {
			Tasks []struct {
				Number  int
				Finding *struct {
					VisitID, Judgement, Note string
				}
			}
		}
	}
	f.must(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { tasks { number finding { visitId judgement note } } } }`,
		map[string]any{"p": f.period, "e": f.e1}, &b)
	want := map[int][2]string{1: {v1.ID, "DONE"}, 2: {v2.ID, "PARTIAL"}, 3: {v2.ID, "DONE"}}
	for _, tk := range b.Breakdown.Tasks {
		w := want[tk.Number]
		if tk.Finding == nil || tk.Finding.VisitID != w[0] || tk.Finding.Judgement != w[1] {
			t.Errorf("task %d finding = %+v, want visit %s %s", tk.Number, tk.Finding, w[0], w[1])
		}
	}

	// Reopening needs a reason; a reopened visit stops counting:
	// only visit 1 again → FV 50, H 79.8.
	f.loginAs(auth.RoleTaskForce)
	f.must(`query($id: ID!) { fieldVisit(id: $id) { `+visitFields+` } }`, map[string]any{"id": v2.ID}, &got)
	reopen := `mutation($id: ID!, $v: Int!, $r: String!) { reopenFieldVisit(input: {visitId: $id, version: $v, reason: $r}) { status } }`
	if errs := f.do(reopen, map[string]any{"id": v2.ID, "v": got.FieldVisit.Version, "r": ""}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("reopen without a reason: %+v", errs)
	}
	if errs := f.do(reopen, map[string]any{"id": v2.ID, "v": got.FieldVisit.Version, "r": "照片与任务不符,复核"}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	if score, fv := f.e1Result(); score != "79.8" || deref(fv) != "50" {
		t.Errorf("after reopening visit 2: H = %s, FV = %s; want 79.8 and 50", score, deref(fv))
	}
	var n int
	if err := f.st.DB.NewRaw(`SELECT count(*) FROM audit_log WHERE operation = 'reopenFieldVisit' AND outcome = 'OK'`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("reopening audited %d times (%v)", n, err)
	}
}

func TestFieldVisitSameBatchThreeTimesStoresOnce(t *testing.T) {
	f := newVisitFixture(t)
	v := f.plan("2024-05-20", []string{f.inspector1})
	f.login(f.inspector1, testPassword)
	writes := []write{{uuid.NewString(), "A", "DONE", "窗口已开通", 0}, {uuid.NewString(), "B", "PARTIAL", "", 0}}
	photos := []photo{{uuid.NewString(), "A", testJPEG(t, 40)}, {uuid.NewString(), "B", testJPEG(t, 200)}}
	var last syncJSON
	for i := range 3 {
		s, errs := f.sync(v.ID, writes, photos)
		if len(errs) > 0 {
			t.Fatalf("send %d: %+v", i+1, errs)
		}
		want := "APPLIED"
		if i > 0 {
			want = "DUPLICATE"
		}
		for _, r := range s.SyncFieldVisit.Findings {
			if r.Outcome != want || r.Finding == nil || r.Finding.Version != 1 {
				t.Errorf("send %d finding %s: %s v%v, want %s v1", i+1, r.ClientID, r.Outcome, r.Finding, want)
			}
		}
		for _, r := range s.SyncFieldVisit.Photos {
			if r.Outcome != want {
				t.Errorf("send %d photo %s: %s, want %s", i+1, r.ClientID, r.Outcome, want)
			}
		}
		last = s
	}
	ctx := context.Background()
	for table, want := range map[string]int{"field_findings": 2, "field_photos": 2, "field_sync_writes": 2} {
		var n int
		if err := f.st.DB.NewRaw(`SELECT count(*) FROM `+table).Scan(ctx, &n); err != nil || n != want {
			t.Errorf("%s has %d rows (%v), want %d", table, n, err, want)
		}
	}
	// The photo comes back without the camera's Exif segment (and its position).
	var url string
	for _, it := range last.SyncFieldVisit.Visit.Items {
		if len(it.Photos) == 1 && it.Task.ID == f.tasks["A"] {
			url = it.Photos[0].URL
		}
	}
	status, body := f.get(url)
	if status != http.StatusOK || bytes.Contains(body, []byte("Exif")) || !bytes.HasPrefix(body, []byte{0xFF, 0xD8}) {
		t.Errorf("photo download: %d, %d bytes, Exif kept: %v", status, len(body), bytes.Contains(body, []byte("Exif")))
	}
	// Not an image: the whole batch is refused and nothing changes.
	_, errs := f.sync(v.ID, []write{{uuid.NewString(), "C", "DONE", "", 0}}, []photo{{uuid.NewString(), "C", []byte("%PDF-1.4 not a photo")}})
	if field, rule, _, _ := fieldOf(errs[0]); codeOf(errs) != "INVALID" || field != "input.photos[0].file" || rule != "type" {
		t.Errorf("a PDF as a photo: %+v", errs)
	}
	var n int
	_ = f.st.DB.NewRaw(`SELECT count(*) FROM field_findings`).Scan(ctx, &n)
	if n != 2 {
		t.Errorf("a refused batch stored findings: %d rows", n)
	}
}

func TestTwoInspectorsOnOneItemConflictWithBothValues(t *testing.T) {
	f := newVisitFixture(t)
	v := f.plan("2024-05-20", []string{f.inspector1, f.inspector2})
	// Both start from the empty item, offline; inspector 1 syncs first.
	f.login(f.inspector1, testPassword)
	if _, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "DONE", "已全部落实", 0}}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	f.login(f.inspector2, testPassword)
	s, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "PARTIAL", "只落实了一半", 0}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := s.SyncFieldVisit.Findings[0]
	if r.Outcome != "CONFLICT" || r.Finding == nil || r.Yours == nil ||
		r.Finding.Judgement != "DONE" || r.Finding.Note != "已全部落实" || r.Yours.Judgement != "PARTIAL" || r.Yours.Note != "只落实了一半" {
		t.Fatalf("second inspector's write = %+v (current %+v, yours %+v), want CONFLICT with both values", r, r.Finding, r.Yours)
	}
	// Inspector 2 keeps theirs: a new write based on the current version.
	s, _ = f.sync(v.ID, []write{{uuid.NewString(), "A", "PARTIAL", "只落实了一半", r.Finding.Version}}, nil)
	if got := s.SyncFieldVisit.Findings[0]; got.Outcome != "APPLIED" || got.Finding.Version != 2 || got.Finding.Judgement != "PARTIAL" {
		t.Errorf("resolving the conflict: %+v %+v", got, got.Finding)
	}
}

func TestFieldVisitAccess(t *testing.T) {
	f := newVisitFixture(t)
	v := f.plan("2024-05-20", []string{f.inspector1})
	f.login(f.inspector1, testPassword)
	clientID := uuid.NewString()
	photoID := uuid.NewString()
	s, errs := f.sync(v.ID, []write{{clientID, "A", "DONE", "", 0}}, []photo{{photoID, "A", testJPEG(t, 90)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var photoURL string
	for _, it := range s.SyncFieldVisit.Visit.Items {
		if len(it.Photos) > 0 {
			photoURL = it.Photos[0].URL
		}
	}

	// Inspector 2 is not assigned: sees nothing, writes nothing, downloads nothing.
	f.login(f.inspector2, testPassword)
	var mine struct{ MyFieldVisits []struct{ ID string } }
	f.must(`{ myFieldVisits { id } }`, nil, &mine)
	var one struct{ FieldVisit *struct{ ID string } }
	f.must(`query($id: ID!) { fieldVisit(id: $id) { id } }`, map[string]any{"id": v.ID}, &one)
	if len(mine.MyFieldVisits) != 0 || one.FieldVisit != nil {
		t.Errorf("unassigned inspector sees %+v / %+v", mine, one.FieldVisit)
	}
	if _, errs := f.sync(v.ID, []write{{uuid.NewString(), "B", "DONE", "", 0}}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("unassigned inspector syncs: %+v", errs)
	}
	if status, _ := f.get(photoURL); status != http.StatusNotFound {
		t.Errorf("unassigned inspector downloads a photo: %d", status)
	}

	// Once assigned too, inspector 2 may not reuse inspector 1's client ids.
	f.loginAs(auth.RoleTaskForce)
	v2 := f.plan("2024-05-21", []string{f.inspector2})
	f.login(f.inspector2, testPassword)
	s, errs = f.sync(v2.ID, []write{{clientID, "A", "NOT_DONE", "覆盖", 0}}, []photo{{photoID, "A", testJPEG(t, 10)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if r := s.SyncFieldVisit.Findings[0]; r.Outcome != "REFUSED" || r.Message == nil {
		t.Errorf("foreign finding client id: %+v", r)
	}
	if r := s.SyncFieldVisit.Photos[0]; r.Outcome != "REFUSED" {
		t.Errorf("foreign photo client id: %+v", r)
	}
	for _, it := range s.SyncFieldVisit.Visit.Items {
		if it.Finding != nil || len(it.Photos) > 0 {
			t.Errorf("refused writes stored: %+v", it)
		}
	}

	// A contact of 甲区 cannot see the photo; the 专班 can.
	f.login(f.mustUser("甲区", auth.RoleEvaluateeContact), testPassword)
	if status, _ := f.get(photoURL); status != http.StatusNotFound {
		t.Errorf("contact downloads a photo: %d", status)
	}
	f.loginAs(auth.RoleTaskForce)
	if status, _ := f.get(photoURL); status != http.StatusOK {
		t.Errorf("专班 downloads a photo: %d", status)
	}

	// Submitting needs every item judged; a submitted visit is read-only to its inspectors.
	f.login(f.inspector1, testPassword)
	if _, errs := f.submit(s.SyncFieldVisit.Visit); codeOf(errs) == "" {
		t.Error("submitted with stale version or open items")
	}
	var cur struct{ FieldVisit visitJSON }
	f.must(`query($id: ID!) { fieldVisit(id: $id) { `+visitFields+` } }`, map[string]any{"id": v.ID}, &cur)
	if _, errs := f.submit(cur.FieldVisit); codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "2项") {
		t.Errorf("submit with B and C open: %+v", errs)
	}
	f.sync(v.ID, []write{{uuid.NewString(), "B", "NA", "", 0}, {uuid.NewString(), "C", "PARTIAL", "", 0}}, nil)
	f.must(`query($id: ID!) { fieldVisit(id: $id) { `+visitFields+` } }`, map[string]any{"id": v.ID}, &cur)
	sub, errs := f.submit(cur.FieldVisit)
	if len(errs) > 0 || sub.CanRecord || sub.SignedBy == nil || sub.SignatureURL == nil {
		t.Fatalf("submit: %+v %+v", errs, sub)
	}
	if _, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "NOT_DONE", "", 1}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("editing a submitted visit: %+v", errs)
	}
	// An inspector cannot review; the 专班 returns with a note the inspector sees.
	if _, errs := f.review(sub, "ACCEPT", ""); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("inspector reviews: %+v", errs)
	}
	f.loginAs(auth.RoleTaskForce)
	if status, body := f.get(*sub.SignatureURL); status != http.StatusOK || !bytes.HasPrefix(body, []byte("\x89PNG")) {
		t.Errorf("signature download: %d", status)
	}
	ret, errs := f.review(sub, "RETURN", "C项请补拍现场照片")
	if len(errs) > 0 || ret.Status != "RETURNED" {
		t.Fatalf("return: %+v %+v", errs, ret)
	}
	f.login(f.inspector1, testPassword)
	var back struct {
		MyFieldVisits []struct {
			ID, Status string
			ReviewNote *string
			CanRecord  bool
		}
	}
	f.must(`{ myFieldVisits { id status reviewNote canRecord } }`, nil, &back)
	if len(back.MyFieldVisits) != 1 || back.MyFieldVisits[0].Status != "RETURNED" || deref(back.MyFieldVisits[0].ReviewNote) != "C项请补拍现场照片" || !back.MyFieldVisits[0].CanRecord {
		t.Errorf("returned visit for the inspector: %+v", back.MyFieldVisits)
	}
	// The return told the inspector, linking to the visit.
	if b := f.bell(); b.UnreadNotificationCount != 1 || b.Notifications[0].Kind != "VISIT_RETURNED" ||
		!strings.Contains(b.Notifications[0].Body, "C项请补拍现场照片") || b.Notifications[0].Link != "/visits/"+v.ID {
		t.Errorf("the inspector's bell after the return: %+v", b)
	} else {
		n := b.Notifications[0]
		wantEnglish(t, n.TitleEn, n.BodyEn, "C项请补拍现场照片", "甲区")
		if !strings.Contains(n.TitleEn, "returned the field visit") || !strings.Contains(n.BodyEn, "C项请补拍现场照片") {
			t.Errorf("the inspector's English notification = %q / %q", n.TitleEn, n.BodyEn)
		}
	}
}

func TestFieldVisitListStatementsDoNotGrow(t *testing.T) {
	f := newVisitFixture(t)
	count := func() int64 {
		f.login(f.inspector1, testPassword)
		f.must(`{ myFieldVisits { `+visitFields+` items { report { evidence { id } } } } }`, nil, nil)
		return f.statements.Load()
	}
	f.plan("2024-05-20", []string{f.inspector1})
	one := count()
	for _, d := range []string{"2024-05-21", "2024-05-22", "2024-05-23"} {
		f.plan(d, []string{f.inspector1, f.inspector2})
	}
	if many := count(); many != one {
		t.Errorf("myFieldVisits: %d statements for 1 visit, %d for 4", one, many)
	}
}

func TestLaterEditAfterALostAnswerFollowsTheInspectorsOwnWrite(t *testing.T) {
	f := newVisitFixture(t)
	v := f.plan("2024-05-20", []string{f.inspector1})
	f.login(f.inspector1, testPassword)
	// The first write reaches the server but the phone never hears back, so
	// its next edit still starts from version 0.
	if _, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "PARTIAL", "", 0}}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	s, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "DONE", "补充核实后已落实", 0}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if r := s.SyncFieldVisit.Findings[0]; r.Outcome != "APPLIED" || r.Finding.Judgement != "DONE" || r.Finding.Version != 2 {
		t.Errorf("own later edit: %+v %+v, want APPLIED v2 DONE", r, r.Finding)
	}
}
