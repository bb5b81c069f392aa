// Package load drives a running Kaoping server the way its users do: a
// Client signs in and posts GraphQL requests (JSON, the CSRF header, the
// session cookie), and Run keeps N clients busy for a while and records
// every request's latency and outcome. The soak command and benchmarks
// build their scenarios on it; it knows nothing of a scenario's content.
package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"sort"
	"strings"
	"sync"
	"time"
)

// CSRFHeader is the header every GraphQL request must carry.
const CSRFHeader = "X-Kaoping-CSRF"

// Client is one browser-like user: its own cookie jar and connections.
type Client struct {
	BaseURL string // e.g. http://127.0.0.1:8080
	HTTP    *http.Client
}

// NewClient returns a client of the server at baseURL with an empty jar.
func NewClient(baseURL string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{
		BaseURL: strings.TrimRight(baseURL, "/"),
		HTTP: &http.Client{Jar: jar, Timeout: 2 * time.Minute, Transport: &http.Transport{
			MaxIdleConnsPerHost: 2, IdleConnTimeout: 30 * time.Second,
		}},
	}
}

// Error is a failed request: a GraphQL error with its code, or an HTTP
// status without one (Code is then HTTP_<status>), or a transport failure
// (Code NETWORK).
type Error struct {
	Code      string
	Message   string
	RequestID string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s (request %s)", e.Code, e.Message, e.RequestID)
}

// CodeOf returns the code of a request error, "" for nil.
func CodeOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "OTHER"
}

// Response is what the server answered to one request.
type Response struct {
	RequestID string // X-Request-Id: the audit record of a mutation carries it
	Header    http.Header
	Data      json.RawMessage
}

// Do posts one GraphQL operation and decodes its data into out (when not
// nil). Any GraphQL error fails the request.
func (c *Client) Do(ctx context.Context, query string, vars map[string]any, out any) (*Response, error) {
	return c.DoWith(ctx, query, vars, nil, out)
}

// DoWith is Do with the encoded request body wrapped by body (see Upload).
func (c *Client) DoWith(ctx context.Context, query string, vars map[string]any, body func(io.Reader) io.Reader, out any) (*Response, error) {
	raw, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	var r io.Reader = bytes.NewReader(raw)
	if body != nil {
		r = body(r)
	}
	return c.post(ctx, "application/json", r, out)
}

// Upload posts a GraphQL multipart request with one file at variable path
// (e.g. "variables.file"). Body, when not nil, wraps the encoded request
// body before it is sent (the soak command uses it to act once the server
// has read the whole upload).
func (c *Client) Upload(ctx context.Context, query string, vars map[string]any, path, filename string, content []byte, body func(io.Reader) io.Reader, out any) (*Response, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	ops, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", fmt.Sprintf(`{"0": [%q]}`, path))
	fw, _ := w.CreateFormFile("0", filename)
	_, _ = fw.Write(content)
	_ = w.Close()
	var r io.Reader = &buf
	if body != nil {
		r = body(r)
	}
	return c.post(ctx, w.FormDataContentType(), r, out)
}

func (c *Client) post(ctx context.Context, contentType string, body io.Reader, out any) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/graphql", body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set(CSRFHeader, "1")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, &Error{Code: "NETWORK", Message: err.Error()}
	}
	defer resp.Body.Close()
	res := &Response{RequestID: resp.Header.Get("X-Request-Id"), Header: resp.Header}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return res, &Error{Code: "NETWORK", Message: err.Error(), RequestID: res.RequestID}
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		msg := strings.TrimSpace(string(raw))
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return res, &Error{Code: fmt.Sprintf("HTTP_%d", resp.StatusCode), Message: msg, RequestID: res.RequestID}
	}
	res.Data = r.Data
	if len(r.Errors) > 0 {
		code, _ := r.Errors[0].Extensions["code"].(string)
		if code == "" {
			code = "UNKNOWN"
		}
		return res, &Error{Code: code, Message: r.Errors[0].Message, RequestID: res.RequestID}
	}
	if out != nil && len(r.Data) > 0 {
		if err := json.Unmarshal(r.Data, out); err != nil {
			return res, fmt.Errorf("decode data: %w", err)
		}
	}
	return res, nil
}

// Get fetches a path with the client's session (downloads).
func (c *Client) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, &Error{Code: "NETWORK", Message: err.Error()}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = &Error{Code: fmt.Sprintf("HTTP_%d", resp.StatusCode), Message: string(b)}
	}
	return b, err
}

// Login signs in (totpCode may be empty for accounts without a second
// factor) and fails unless a full, unrestricted session began.
func (c *Client) Login(ctx context.Context, username, password, totpCode string) error {
	var out struct {
		Login struct {
			Session *struct{ Restricted bool }
		}
	}
	vars := map[string]any{"u": username, "p": password, "c": nil}
	if totpCode != "" {
		vars["c"] = totpCode
	}
	if _, err := c.Do(ctx, `mutation($u: String!, $p: String!, $c: String) { login(input: {username: $u, password: $p, totpCode: $c}) { session { restricted } } }`, vars, &out); err != nil {
		return fmt.Errorf("sign in as %s: %w", username, err)
	}
	if out.Login.Session == nil || out.Login.Session.Restricted {
		return fmt.Errorf("sign in as %s: no full session", username)
	}
	return nil
}

// Sample is one timed request.
type Sample struct {
	Op      string
	At      time.Duration // since the recorder started
	Latency time.Duration
	Err     error
}

// Recorder collects samples from many goroutines.
type Recorder struct {
	start   time.Time
	mu      sync.Mutex
	samples []Sample
}

// NewRecorder starts the clock of a run.
func NewRecorder() *Recorder { return &Recorder{start: time.Now()} }

// Since is the time elapsed since the recorder started.
func (r *Recorder) Since() time.Duration { return time.Since(r.start) }

// Time runs fn as one request named op and records it, unless ctx ended
// meanwhile: a request the run itself cut off says nothing of the server.
func (r *Recorder) Time(ctx context.Context, op string, fn func() error) error {
	begin := time.Now()
	err := fn()
	if ctx.Err() == nil {
		r.Add(Sample{Op: op, At: begin.Sub(r.start), Latency: time.Since(begin), Err: err})
	}
	return err
}

// Add records a sample timed elsewhere.
func (r *Recorder) Add(s Sample) {
	r.mu.Lock()
	r.samples = append(r.samples, s)
	r.mu.Unlock()
}

// Samples returns a copy of what was recorded.
func (r *Recorder) Samples() []Sample {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sample(nil), r.samples...)
}

// Run starts clients goroutines that call step in a loop until duration
// has passed or ctx ends, then waits for them. step makes its requests
// through rec.Time; worker is 0…clients-1.
func Run(ctx context.Context, clients int, duration time.Duration, rec *Recorder, step func(ctx context.Context, worker int, rec *Recorder)) {
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				step(ctx, w, rec)
			}
		}()
	}
	wg.Wait()
}

// Stats summarise samples.
type Stats struct {
	Requests      int
	Errors        int
	ErrorsByCode  map[string]int
	P50, P95, P99 time.Duration
	Max           time.Duration
	RPS           float64
}

// Summarize computes Stats over samples that took place in a window of
// length span (for the rate).
func Summarize(samples []Sample, span time.Duration) Stats {
	st := Stats{Requests: len(samples), ErrorsByCode: map[string]int{}}
	lat := make([]time.Duration, 0, len(samples))
	for _, s := range samples {
		lat = append(lat, s.Latency)
		if s.Err != nil {
			st.Errors++
			st.ErrorsByCode[CodeOf(s.Err)]++
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pick := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		i := int(p*float64(len(lat))+0.5) - 1
		return lat[min(max(i, 0), len(lat)-1)]
	}
	st.P50, st.P95, st.P99 = pick(0.50), pick(0.95), pick(0.99)
	if len(lat) > 0 {
		st.Max = lat[len(lat)-1]
	}
	if span > 0 {
		st.RPS = float64(len(samples)) / span.Seconds()
	}
	return st
}

// ByOp groups samples by operation name.
func ByOp(samples []Sample) map[string][]Sample {
	out := map[string][]Sample{}
	for _, s := range samples {
		out[s.Op] = append(out[s.Op], s)
	}
	return out
}

func (s Stats) String() string {
	codes := make([]string, 0, len(s.ErrorsByCode))
	for c, n := range s.ErrorsByCode {
		codes = append(codes, fmt.Sprintf("%s=%d", c, n))
	}
	sort.Strings(codes)
	return fmt.Sprintf("requests %d, errors %d %v, p50 %s, p95 %s, p99 %s, max %s, %.1f req/s",
		s.Requests, s.Errors, codes, round(s.P50), round(s.P95), round(s.P99), round(s.Max), s.RPS)
}

func round(d time.Duration) time.Duration {
	if d > 10*time.Millisecond {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Microsecond)
}
