package fieldvisit

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/kaoping/kaoping/server/apperr"
)

func encodedJPEG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withExif puts an APP1 Exif segment carrying a GPS-like payload right
// after the JPEG's start marker, as a phone camera does.
func withExif(j []byte, payload string) []byte {
	seg := append([]byte("Exif\x00\x00"), payload...)
	n := len(seg) + 2
	out := append([]byte{}, j[:2]...)
	out = append(out, 0xFF, 0xE1, byte(n>>8), byte(n))
	out = append(out, seg...)
	return append(out, j[2:]...)
}

func TestStripJPEGMetadataDropsExifAndKeepsTheImage(t *testing.T) {
	t.Parallel()
	plain := encodedJPEG(t)
	tagged := withExif(plain, "GPSLatitude 40.6562 GPSLongitude 109.8404")
	got := StripJPEGMetadata(tagged)
	if bytes.Contains(got, []byte("GPSLatitude")) || bytes.Contains(got, []byte("Exif")) {
		t.Fatalf("Exif left in the photo")
	}
	if !bytes.Equal(got, plain) {
		t.Errorf("stripping changed more than the Exif segment: %d bytes, want %d", len(got), len(plain))
	}
	if _, err := jpeg.Decode(bytes.NewReader(got)); err != nil {
		t.Errorf("stripped photo does not decode: %v", err)
	}
	// What it cannot parse it leaves alone rather than corrupting.
	broken := []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00}
	if !bytes.Equal(StripJPEGMetadata(broken), broken) {
		t.Errorf("a truncated JPEG was changed")
	}
}

func TestCheckImageJudgesByContentAndSize(t *testing.T) {
	t.Parallel()
	var p bytes.Buffer
	if err := png.Encode(&p, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	big := append(encodedJPEG(t), make([]byte, MaxPhotoSize)...)
	for _, c := range []struct {
		name, rule, contentType string
		data                    []byte
	}{
		{"jpeg", "", "image/jpeg", encodedJPEG(t)},
		{"png", "", "image/png", p.Bytes()},
		{"empty", "required", "", nil},
		{"pdf named .jpg", "type", "", []byte("%PDF-1.4\n1 0 obj")},
		{"html", "type", "", []byte("<html><script>alert(1)</script>")},
		{"over 5MB", "max", "", big},
	} {
		ct, err := checkImage("input.photos[0].file", c.data, MaxPhotoSize, "5MB")
		if c.rule == "" {
			if err != nil || ct != c.contentType {
				t.Errorf("%s: %q, %v; want %s", c.name, ct, err, c.contentType)
			}
			continue
		}
		var ae *apperr.Error
		var fields []apperr.FieldError
		if errors.As(err, &ae) {
			fields = ae.Fields
		}
		if len(fields) != 1 || fields[0].Field != "input.photos[0].file" || fields[0].Rule != c.rule {
			t.Errorf("%s: %v, want rule %s on the photo", c.name, err, c.rule)
		}
	}
}
