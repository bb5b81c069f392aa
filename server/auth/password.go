package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
	"golang.org/x/sync/semaphore"

	"github.com/kaoping/kaoping/server/apperr"
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane), which keeps a login under ~50 ms on this class of machine.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// argonSlots bounds the argon2 computations running at once to the cores:
// each takes a core and 19 MiB for ~50 ms, so a crowd of sign-ins queues
// here instead of starving every other request of CPU and memory. A caller
// waiting for a slot holds no database connection.
var argonSlots = semaphore.NewWeighted(int64(runtime.GOMAXPROCS(0)))

// argonKey is argon2.IDKey taken under argonSlots; it gives up when ctx ends
// while waiting.
func argonKey(ctx context.Context, password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) ([]byte, error) {
	if err := argonSlots.Acquire(ctx, 1); err != nil {
		return nil, fmt.Errorf("wait for a password check: %w", err)
	}
	defer argonSlots.Release(1)
	return argon2.IDKey(password, salt, time, memory, threads, keyLen), nil
}

// HashPassword returns a PHC-format argon2id hash with a random salt.
func HashPassword(password string) (string, error) {
	return HashPasswordContext(context.Background(), password)
}

// HashPasswordContext is HashPassword giving up when ctx ends while it
// waits for an argon2 slot.
func HashPasswordContext(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key, err := argonKey(ctx, []byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// CheckPassword compares in constant time; a malformed hash never matches.
func CheckPassword(hash, password string) bool {
	ok, _ := CheckPasswordContext(context.Background(), hash, password)
	return ok
}

// CheckPasswordContext is CheckPassword giving up (with an error) when ctx
// ends while it waits for an argon2 slot.
func CheckPasswordContext(ctx context.Context, hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, nil
	}
	var version, memory, iterations int
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, nil
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &iterations, &threads); err != nil {
		return false, nil
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, nil
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, nil
	}
	got, err := argonKey(ctx, []byte(password), salt, uint32(iterations), uint32(memory), threads, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when the user does not exist, so an unknown
// username takes as long as a wrong password.
var dummyHash, _ = HashPassword("kaoping-dummy-password")

// CheckPolicy enforces the password rules: at least 8 characters, three of
// upper case, lower case, digit and symbol, and not containing the username
// (case-insensitive).
func CheckPolicy(username, password, field string) error {
	if len([]rune(password)) < 8 {
		return apperr.Field(field, "length", "密码至少8位", "the password must have at least 8 characters")
	}
	var upper, lower, digit, symbol bool
	for _, r := range password {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		default:
			symbol = true
		}
	}
	classes := 0
	for _, ok := range []bool{upper, lower, digit, symbol} {
		if ok {
			classes++
		}
	}
	if classes < 3 {
		return apperr.Field(field, "complexity", "密码须包含大写字母、小写字母、数字、符号中的至少三类",
			"the password needs three of: upper case, lower case, digit, symbol")
	}
	// Containment, not only equality: "Zhuanban2!" for zhuanban2 is the
	// first thing an attacker who knows the username tries.
	if username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)) {
		return apperr.Field(field, "notUsername", "密码不能包含用户名", "the password must not contain the username")
	}
	return nil
}
