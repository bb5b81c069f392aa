package load

import (
	"errors"
	"testing"
	"time"
)

func TestSummarizePercentilesAndErrors(t *testing.T) {
	t.Parallel()
	var samples []Sample
	for i := 1; i <= 100; i++ {
		s := Sample{Op: "q", Latency: time.Duration(i) * time.Millisecond}
		if i%25 == 0 {
			s.Err = &Error{Code: "UNAVAILABLE"}
		}
		samples = append(samples, s)
	}
	samples = append(samples, Sample{Op: "login", Latency: 0, Err: errors.New("boom")})
	st := Summarize(samples, 10*time.Second)
	if st.Requests != 101 || st.Errors != 5 || st.ErrorsByCode["UNAVAILABLE"] != 4 || st.ErrorsByCode["OTHER"] != 1 {
		t.Fatalf("counts: %+v", st)
	}
	if st.P50 != 50*time.Millisecond || st.P95 != 95*time.Millisecond || st.P99 != 99*time.Millisecond || st.Max != 100*time.Millisecond {
		t.Fatalf("percentiles: p50 %s p95 %s p99 %s max %s", st.P50, st.P95, st.P99, st.Max)
	}
	if st.RPS != 10.1 {
		t.Fatalf("rps = %v, want 10.1", st.RPS)
	}
	if len(ByOp(samples)["q"]) != 100 {
		t.Fatal("ByOp")
	}
}
