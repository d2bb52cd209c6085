// Package domain is the language of account management: accounts, contacts,
// interactions, plans, goals, action items, opportunities, risks, orders,
// survey responses and wins, with their validation and the pure functions
// over them (parsing, health, KPIs, triage, search). It does no I/O.
package domain

import (
	"errors"
	"fmt"
)

// Error codes, after WTF Dial: callers branch on the code, people read the message.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	EAMBIGUOUS = "ambiguous"
	ECONFLICT  = "conflict"
)

// Error is a domain error: what went wrong, with which field and value.
type Error struct {
	Code    string
	Field   string
	Value   string
	Message string
}

func (e *Error) Error() string {
	switch {
	case e.Field != "" && e.Value != "":
		return fmt.Sprintf("%s %q: %s", e.Field, Printable(e.Value), e.Message)
	case e.Field != "":
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// Invalid builds an EINVALID error for a field and the value at fault.
func Invalid(field, value, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Value: value, Message: fmt.Sprintf(format, args...)}
}

// Errorf builds an error with a code and no field.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain error in err's chain, or "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// FieldErrors returns every domain error in err (which may be a join), in order.
func FieldErrors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var e *Error
		if errors.As(err, &e) {
			out = append(out, e)
		}
	}
	walk(err)
	return out
}

// validator collects field errors.
type validator struct{ errs []error }

func (v *validator) add(e *Error) { v.errs = append(v.errs, e) }
func (v *validator) check(ok bool, field, value, format string, args ...any) {
	if !ok {
		v.add(Invalid(field, value, format, args...))
	}
}
func (v *validator) err() error { return errors.Join(v.errs...) }
