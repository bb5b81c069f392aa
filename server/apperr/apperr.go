// Package apperr is the application's one error type. Domain and store code
// return *Error with a Code; the GraphQL edge maps codes to extensions.code
// and field errors to extensions.fields, and logs everything else.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for clients. Values are stable API.
type Code string

const (
	Invalid         Code = "INVALID"         // input breaks a rule; see Fields
	NotFound        Code = "NOT_FOUND"       // the object does not exist (or is not visible)
	Conflict        Code = "CONFLICT"        // stale version or duplicate; reload and retry
	Forbidden       Code = "FORBIDDEN"       // signed in, but not allowed
	Unauthenticated Code = "UNAUTHENTICATED" // not signed in
	Internal        Code = "INTERNAL"        // a bug or an outage; details are in the server log
	Unavailable     Code = "UNAVAILABLE"     // the database went away mid-request; nothing was changed, retry
)

// FieldError says which input field broke which rule, in both languages.
type FieldError struct {
	Field     string `json:"field"`     // the input's field path, e.g. "input.points"
	Rule      string `json:"rule"`      // the rule, e.g. "dgte", "required", "unique"
	Message   string `json:"message"`   // Chinese, for users
	MessageEn string `json:"messageEn"` // English
}

// Error is returned by domain and store code. Every constructor takes the
// message in both languages, so no error can reach a user of the English
// UI in Chinese only.
type Error struct {
	Code      Code
	Message   string // Chinese; safe to show
	MessageEn string // English; safe to show
	Fields    []FieldError
	Current   any // for Conflict: the object as it is now, when known
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
}

// New returns an *Error with a message in Chinese and English.
func New(code Code, zh, en string) *Error {
	return &Error{Code: code, Message: zh, MessageEn: en}
}

// Newf formats both messages with the same args. When an argument is itself
// words (a state's label), format each message yourself and call New.
func Newf(code Code, zhFormat, enFormat string, args ...any) *Error {
	return New(code, fmt.Sprintf(zhFormat, args...), fmt.Sprintf(enFormat, args...))
}

// Fielded returns an Invalid error carrying fe, its message taken from it.
func Fielded(fe FieldError) *Error {
	return &Error{Code: Invalid, Message: fe.Message, MessageEn: fe.MessageEn, Fields: []FieldError{fe}}
}

// Field returns an Invalid error about one field.
func Field(field, rule, zh, en string) *Error {
	return Fielded(FieldError{Field: field, Rule: rule, Message: zh, MessageEn: en})
}

// NotFoundf reports a missing object, e.g. NotFoundf(apperr.Task, 12).
func NotFoundf(what What, id int64) *Error {
	return New(NotFound, fmt.Sprintf("%s %d 不存在", what.Zh, id), fmt.Sprintf("%s %d does not exist", what.En, id))
}

// StaleVersion reports a lost update: someone saved a newer version first.
func StaleVersion(what What, id int64, current any) *Error {
	e := New(Conflict, fmt.Sprintf("%s %d 已被他人修改,请刷新后重试", what.Zh, id),
		fmt.Sprintf("%s %d was changed by someone else; reload and try again", capitalize(what.En), id))
	e.Current = current
	return e
}

// CodeOf returns the code of err, or Internal when err is not an *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as an *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
