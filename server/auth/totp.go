package auth

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
)

const totpPeriod = 30

// Enrollment is what the user scans.
type Enrollment struct {
	URL, QRCode, Secret string
}

// BeginTOTP stores a new, not yet enabled secret for the user.
func (s *Service) BeginTOTP(ctx context.Context, db store.DB, id *Identity) (*Enrollment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Kaoping考评", AccountName: id.Username, Period: totpPeriod})
	if err != nil {
		return nil, fmt.Errorf("generate TOTP secret: %w", err)
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return nil, fmt.Errorf("TOTP QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("TOTP QR code: %w", err)
	}
	secret := key.Secret()
	if err := store.SetPendingTOTP(ctx, db, id.UserID, secret); err != nil {
		return nil, err
	}
	return &Enrollment{URL: key.URL(), Secret: secret, QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// ConfirmTOTP enables the pending secret when code matches it.
func (s *Service) ConfirmTOTP(ctx context.Context, db store.DB, id *Identity, code string) error {
	u, err := store.FindUser(ctx, db, id.UserID)
	if err != nil {
		return err
	}
	if u.TOTPPendingSecret == nil {
		return apperr.New(apperr.Invalid, "请先开始绑定动态验证码", "Start setting up one-time codes first")
	}
	step := matchTOTP(*u.TOTPPendingSecret, code, s.Now(), 0)
	if step == 0 {
		return apperr.Field("code", "totp", "动态验证码错误", "wrong one-time code")
	}
	return store.EnableTOTP(ctx, db, u.ID, *u.TOTPPendingSecret, step)
}

// matchTOTP returns the time step code belongs to (allowing one step of
// clock skew either way), or 0 when it matches none newer than lastStep, so
// an intercepted code cannot be used twice.
func matchTOTP(secret, code string, now time.Time, lastStep int64) int64 {
	current := now.Unix() / totpPeriod
	for _, step := range []int64{current, current - 1, current + 1} {
		if step <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
		})
		if err == nil && want == code {
			return step
		}
	}
	return 0
}

// TOTPCode returns the current code of secret (demo and tests).
func TOTPCode(secret string, at time.Time) string {
	code, _ := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	return code
}
