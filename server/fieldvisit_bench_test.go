package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kaoping/kaoping/server/auth"
)

// BenchmarkSync50FindingsWith20Photos sends what a phone sends after a
// visit of 50 checklist items recorded offline with 20 photos: the syncer's
// batches (every finding and 5 photos per request, so 4 requests), through
// the real HTTP and GraphQL stack into PostgreSQL. Each round edits every
// finding again (based on the version the previous round stored) and adds
// 20 new photos of about phone size. Reports, per sync: the time, the SQL
// statements, and the server's peak heap growth while it runs. Run:
//
//	go test -run '^$' -bench Sync50 -benchtime 10x ./server/
func BenchmarkSync50FindingsWith20Photos(b *testing.B) {
	a := newAnonymousAPI(b, false)
	visit, tasks, inspector := fiftyTaskVisit(b, a)
	a.login(inspector, testPassword)
	photos := make([][]byte, 20)
	for i := range photos {
		photos[i] = phonePhoto(b, i)
	}
	versions := make([]int, len(tasks))
	judgements := []string{"DONE", "PARTIAL", "NOT_DONE", "NA"}
	query := `mutation($in: SyncFieldVisitInput!) { syncFieldVisit(input: $in) { findings { outcome finding { version } } photos { outcome } visit { id version } } }`
	var statements int64
	var peak atomic.Int64
	var peakTotal int64
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := int64(ms.HeapAlloc)
		peak.Store(0)
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { // samples the heap while the batches are processed
			defer close(done)
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					if d := int64(m.HeapAlloc) - base; d > peak.Load() {
						peak.Store(d)
					}
				}
			}
		}()
		b.StartTimer()
		for batch := 0; batch < 4; batch++ {
			fs := []map[string]any{}
			if batch == 0 {
				for i, t := range tasks {
					fs = append(fs, map[string]any{"clientId": uuid.NewString(), "taskId": t, "baseVersion": versions[i],
						"judgement": judgements[(i+n)%4], "note": fmt.Sprintf("第%d轮现场核查,任务%d", n, i+1),
						"observedAt": "2024-05-20T10:00:00+08:00", "latitude": 40.6562, "longitude": 109.8404, "accuracy": 12.5})
				}
			}
			ps := []map[string]any{}
			files := map[string][]byte{}
			for j := 0; j < 5; j++ {
				k := batch*5 + j
				ps = append(ps, map[string]any{"clientId": uuid.NewString(), "taskId": tasks[k], "file": nil})
				files[fmt.Sprintf("variables.in.photos.%d.file", j)] = withComment(photos[k], n)
			}
			var out struct {
				SyncFieldVisit struct {
					Findings []struct {
						Outcome string
						Finding struct{ Version int }
					}
					Photos []struct{ Outcome string }
				}
			}
			if errs := a.multipart(query, map[string]any{"in": map[string]any{"visitId": visit, "findings": fs, "photos": ps}}, files, &out); len(errs) > 0 {
				b.Fatalf("sync: %+v", errs)
			}
			statements += a.statements.Load()
			for i, r := range out.SyncFieldVisit.Findings {
				if r.Outcome != "APPLIED" {
					b.Fatalf("round %d finding %d: %s", n, i, r.Outcome)
				}
				versions[i] = r.Finding.Version
			}
			for _, r := range out.SyncFieldVisit.Photos {
				if r.Outcome != "APPLIED" {
					b.Fatalf("round %d photo: %s", n, r.Outcome)
				}
			}
		}
		b.StopTimer()
		close(stop)
		<-done
		peakTotal += peak.Load()
		b.StartTimer()
	}
	b.ReportMetric(float64(statements)/float64(b.N), "stmts/op")
	b.ReportMetric(float64(peakTotal)/float64(b.N)/(1<<20), "peak-heap-MB/op")
	b.ReportMetric(float64(len(photos[0])*20)/(1<<20), "photo-MB/op")
}

// fiftyTaskVisit makes a plan with 50 tasks carried by one evaluatee, an
// open period, an inspector and a visit planned on every task.
func fiftyTaskVisit(b *testing.B, a *api) (visit string, tasks []string, inspector string) {
	b.Helper()
	a.loginAs(auth.RoleAdmin)
	var unit struct{ CreateUnit struct{ ID string } }
	a.must(`mutation { createUnit(input: {name: "丙区", kind: DISTRICT, sortKey: 1}) { id } }`, nil, &unit)
	var lead struct{ CreateUnit struct{ ID string } }
	a.must(`mutation { createUnit(input: {name: "市丁局", kind: DEPARTMENT, sortKey: 2}) { id } }`, nil, &lead)
	inspector = a.mustUser("市丁局", auth.RoleInspector)
	a.loginAs(auth.RoleTaskForce)
	var plan struct {
		CreatePlan struct {
			ID      string
			Periods []struct {
				ID      string
				Version int
			}
		}
	}
	a.must(`mutation { createPlan(input: {name: "调研基准", year: 2024}) { id periods { id version } } }`, nil, &plan)
	var d struct{ CreateDimension struct{ ID string } }
	a.must(`mutation($p: ID!) { createDimension(input: {planId: $p, number: 1, name: "方面", points: "100"}) { id } }`, map[string]any{"p": plan.CreatePlan.ID}, &d)
	var ind struct{ CreateIndicator struct{ ID string } }
	a.must(`mutation($d: ID!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标", points: "100"}) { id } }`, map[string]any{"d": d.CreateDimension.ID}, &ind)
	var ev struct{ CreateEvaluatee struct{ ID string } }
	a.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DISTRICTS}) { id } }`,
		map[string]any{"p": plan.CreatePlan.ID, "u": unit.CreateUnit.ID}, &ev)
	for i := 1; i <= 50; i++ {
		var t struct{ CreateTask struct{ ID string } }
		a.must(`mutation($i: ID!, $n: Int!, $t: String!, $l: [ID!]!) { createTask(input: {indicatorId: $i, number: $n, text: $t, points: "2", deadline: {phrase: "年底前完成", continuing: false}, leadUnitIds: $l}) { id } }`,
			map[string]any{"i": ind.CreateIndicator.ID, "n": i, "t": fmt.Sprintf("任务%d", i), "l": []string{lead.CreateUnit.ID}}, &t)
		a.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
			map[string]any{"t": t.CreateTask.ID, "e": []string{ev.CreateEvaluatee.ID}}, nil)
		tasks = append(tasks, t.CreateTask.ID)
	}
	p := plan.CreatePlan.Periods[0]
	a.must(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: OPEN}) { version } }`, map[string]any{"p": p.ID, "v": p.Version}, nil)
	var ins struct {
		Inspectors []struct{ ID, Username string }
	}
	a.must(`{ inspectors { id username } }`, nil, &ins)
	var inspectorID string
	for _, u := range ins.Inspectors {
		if u.Username == inspector {
			inspectorID = u.ID
		}
	}
	var v struct{ PlanFieldVisit struct{ ID string } }
	a.must(`mutation($p: ID!, $e: ID!, $i: [ID!]!) { planFieldVisit(input: {periodId: $p, evaluateeId: $e, date: "2024-05-20", inspectorIds: $i}) { id } }`,
		map[string]any{"p": p.ID, "e": ev.CreateEvaluatee.ID, "i": []string{inspectorID}}, &v)
	return v.PlanFieldVisit.ID, tasks, inspector
}

// phonePhoto is a 1600×1200 JPEG with some texture, about the size the
// phone's resizing produces.
func phonePhoto(b *testing.B, seed int) []byte {
	b.Helper()
	return texturedJPEG(b, 1600, 1200, seed)
}

// withComment makes a photo's bytes unique to a round (a JPEG COM segment
// after the start marker), so every round stores new files.
func withComment(j []byte, round int) []byte {
	c := []byte(fmt.Sprintf("round %d", round))
	n := len(c) + 2
	out := append([]byte{}, j[:2]...)
	out = append(out, 0xFF, 0xFE, byte(n>>8), byte(n))
	out = append(out, c...)
	return append(out, j[2:]...)
}

// texturedJPEG draws gradients and a deterministic speckle, encoded at
// quality 85 like the browser's canvas.toBlob.
func texturedJPEG(b *testing.B, w, h, seed int) []byte {
	b.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x := uint32(seed*2654435761 + 1)
	for y := 0; y < h; y++ {
		for c := 0; c < w; c++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			o := (y*w + c) * 4
			img.Pix[o] = uint8(c*255/w) ^ uint8(x&0x1f)
			img.Pix[o+1] = uint8(y*255/h) ^ uint8(x>>8&0x1f)
			img.Pix[o+2] = uint8((c+y+seed*40)%256) ^ uint8(x>>16&0x0f)
			img.Pix[o+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
