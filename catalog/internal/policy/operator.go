package policy

import (
	"errors"
	"fmt"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
	"strings"
)

// Operator is a condition operator taken apart.
type Operator struct {
	Name     string // as written: "ForAnyValue:StringLikeIfExists"
	Base     string // without set prefix and IfExists suffix: "StringLike"
	Family   string // "String", "Numeric", "Date", "Bool", "Binary", "IpAddress", "Arn" or "Null"
	IfExists bool
	Set      string // "", "ForAllValues" or "ForAnyValue"
}

// String returns the operator in IAM's spelling; for an operator from ParseOperator it is Name.
func (o Operator) String() string {
	s := o.Base
	if o.IfExists {
		s += "IfExists"
	}
	if o.Set != "" {
		s = o.Set + ":" + s
	}
	return s
}

// Set operator prefixes.
const (
	ForAllValues = "ForAllValues"
	ForAnyValue  = "ForAnyValue"
)

// operators maps every base operator to its family, in IAM's documentation order.
var operators = []struct{ base, family string }{
	{"StringEquals", "String"},
	{"StringNotEquals", "String"},
	{"StringEqualsIgnoreCase", "String"},
	{"StringNotEqualsIgnoreCase", "String"},
	{"StringLike", "String"},
	{"StringNotLike", "String"},
	{"NumericEquals", "Numeric"},
	{"NumericNotEquals", "Numeric"},
	{"NumericLessThan", "Numeric"},
	{"NumericLessThanEquals", "Numeric"},
	{"NumericGreaterThan", "Numeric"},
	{"NumericGreaterThanEquals", "Numeric"},
	{"DateEquals", "Date"},
	{"DateNotEquals", "Date"},
	{"DateLessThan", "Date"},
	{"DateLessThanEquals", "Date"},
	{"DateGreaterThan", "Date"},
	{"DateGreaterThanEquals", "Date"},
	{"Bool", "Bool"},
	{"BinaryEquals", "Binary"},
	{"IpAddress", "IpAddress"},
	{"NotIpAddress", "IpAddress"},
	{"ArnEquals", "Arn"},
	{"ArnLike", "Arn"},
	{"ArnNotEquals", "Arn"},
	{"ArnNotLike", "Arn"},
	{"Null", "Null"},
}

// Operators returns every operator IAM knows without set prefix, each base followed by its
// IfExists form (Null has none).
func Operators() []string {
	out := make([]string, 0, 2*len(operators))
	for _, o := range operators {
		out = append(out, o.base)
		if o.base != "Null" {
			out = append(out, o.base+"IfExists")
		}
	}
	return out
}

// ErrUnknownOperator is what every ParseOperator error matches with errors.Is.
var ErrUnknownOperator = errors.New("unknown condition operator")

// OperatorError says why a condition operator is not one IAM knows. Suggestion, when set, is the
// operator the writer probably meant.
type OperatorError struct {
	Operator   string
	Reason     string
	Suggestion string
}

func (e *OperatorError) Error() string {
	msg := fmt.Sprintf("unknown condition operator %q", e.Operator)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

func (e *OperatorError) Is(target error) bool { return target == ErrUnknownOperator }

// ParseOperator takes a condition operator apart. IAM spells operators case-sensitively, so
// "stringequals" is an error (suggesting "StringEquals"). Errors are *OperatorError.
func ParseOperator(op string) (Operator, error) {
	o, reason, ok := lookupOperator(op)
	if !ok {
		return Operator{}, operatorError(op, reason)
	}
	return o, nil
}

// IsOperator is ParseOperator without the error: no suggestion is looked for, so it is cheap
// enough to ask of every key of a large document.
func IsOperator(op string) (Operator, bool) {
	o, _, ok := lookupOperator(op)
	return o, ok
}

func lookupOperator(op string) (Operator, string, bool) {
	o := Operator{Name: op}
	rest := op
	if prefix, after, ok := strings.Cut(op, ":"); ok {
		switch prefix {
		case ForAllValues, ForAnyValue:
			o.Set = prefix
			rest = after
		default:
			return Operator{}, fmt.Sprintf("the only prefixes are %s: and %s:", ForAllValues, ForAnyValue), false
		}
	}
	base, ifExists := strings.CutSuffix(rest, "IfExists")
	for _, k := range operators {
		if k.base != base {
			continue
		}
		if ifExists && base == "Null" {
			return Operator{}, "Null takes no IfExists: it already tests whether the key is present", false
		}
		o.Base, o.Family, o.IfExists = k.base, k.family, ifExists
		return o, "", true
	}
	return Operator{}, "", false
}

func operatorError(op, reason string) *OperatorError {
	return &OperatorError{Operator: op, Reason: reason, Suggestion: suggestOperator(op)}
}

// suggestOperator finds the operator a typo or a wrong case most likely meant: the set prefix
// and the rest are matched separately, so "forallvalues:stringequal" still finds
// "ForAllValues:StringEquals".
func suggestOperator(op string) string {
	prefix, rest, hasPrefix := strings.Cut(op, ":")
	if !hasPrefix {
		rest, prefix = op, ""
	}
	if hasPrefix {
		p := suggest.Nearest(prefix, []string{ForAllValues, ForAnyValue})
		if p == "" {
			return ""
		}
		prefix = p + ":"
	}
	if strings.HasSuffix(strings.ToLower(rest), "ifexists") && strings.EqualFold(rest[:len(rest)-len("ifexists")], "Null") {
		return prefix + "Null"
	}
	best := suggest.Nearest(rest, Operators())
	if best == "" {
		return ""
	}
	return prefix + best
}

// Fits says what is wrong with using the operator on the condition key named key, of type
// keyType (the catalog's: "String", "ArrayOfARN", …), or "" when it fits. A key of a type this
// does not know takes any operator.
func (op Operator) Fits(key, keyType string) string {
	if op.Family == "Null" {
		return ""
	}
	multi := strings.HasPrefix(keyType, "ArrayOf")
	base := strings.TrimPrefix(keyType, "ArrayOf")
	want := map[string][]string{
		"String": {"String"}, "ARN": {"Arn", "String"}, "Arn": {"Arn", "String"},
		"Numeric": {"Numeric"}, "Long": {"Numeric"}, "Date": {"Date"}, "Bool": {"Bool"}, "Boolean": {"Bool"},
		"IPAddress": {"IpAddress"}, "Binary": {"Binary"},
	}[base]
	if want == nil {
		return ""
	}
	for _, f := range want {
		if f == op.Family {
			if !multi && op.Set != "" {
				return fmt.Sprintf("%s is single-valued; %s: is for multivalued keys (and ForAllValues: is true when the key is missing)", key, op.Set)
			}
			return ""
		}
	}
	return fmt.Sprintf("the key's type is %s, which wants %s operators", keyType, strings.Join(want, " or "))
}
