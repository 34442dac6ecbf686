package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamforge/iamforge/catalog/diag"
	"github.com/iamforge/iamforge/catalog/internal/suggest"
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

// keyFamilies returns the operator families that fit a condition key type (the catalog's:
// "String", "ArrayOfARN", …), the first being the key's own, and whether the type is
// multivalued; nil for a type this does not know.
func keyFamilies(keyType string) (families []string, multi bool) {
	multi = strings.HasPrefix(keyType, "ArrayOf")
	switch strings.TrimPrefix(keyType, "ArrayOf") {
	case "String":
		return []string{"String"}, multi
	case "ARN", "Arn":
		return []string{"Arn", "String"}, multi
	case "Numeric", "Long":
		return []string{"Numeric"}, multi
	case "Date":
		return []string{"Date"}, multi
	case "Bool", "Boolean":
		return []string{"Bool"}, multi
	case "IPAddress":
		return []string{"IpAddress"}, multi
	case "Binary":
		return []string{"Binary"}, multi
	}
	return nil, multi
}

// Fits says what is wrong with using the operator on the condition key named key, of type
// keyType (the catalog's: "String", "ArrayOfARN", …), or "" when it fits. A key of a type this
// does not know takes any operator.
//
// Fits is the strict verdict: the operators that are offered for a key and that the writer
// writes. An existing policy is judged by Check, which holds it to what IAM Access Analyzer
// reports, and lets pass some uses Fits does not offer (ArnLike on a String key holding ARNs).
func (op Operator) Fits(key, keyType string) string {
	if op.Family == "Null" {
		return ""
	}
	want, multi := keyFamilies(keyType)
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

// Misfit is one thing wrong with an operator on a condition key, graded as IAM Access Analyzer
// grades it.
type Misfit struct {
	Code     diag.Code
	Severity diag.Severity
	Message  string
}

// Check judges the operator on a condition key of type keyType, with the values
// the policy gives it, as IAM Access Analyzer does on AWS's own managed policies:
//
//   - a multivalued key (ArrayOf…) under an operator without ForAnyValue: or ForAllValues: is
//     an error (Access Analyzer's "missing qualifier"): which values must match is left unsaid;
//   - ForAnyValue: or ForAllValues: on a single-valued key is a warning;
//   - an operator of another type than the key's is a warning ("type mismatch"): IAM compares
//     the values as the operator's type, which can still work (StringEquals "true" on a Bool
//     key), but often never matches;
//   - an Arn operator on a String key fits when every value is an ARN: such keys hold ARNs
//     (kms:EncryptionContext:aws:s3:arn), and AWS's own policies test them with ArnLike.
//
// Null fits every key, and a key of a type this does not know takes any operator.
func (op Operator) Check(keyType string, values []string) []Misfit {
	want, multi := keyFamilies(keyType)
	if op.Family == "Null" || want == nil {
		return nil
	}
	var out []Misfit
	switch {
	case multi && op.Set == "":
		out = append(out, Misfit{diag.MissingSetOperator, diag.Error, fmt.Sprintf(
			"the key is multivalued (%s): without ForAnyValue: or ForAllValues: it is left unsaid which of the request's values must match; write %s:%s (any of them) or %s:%s (every one)",
			keyType, ForAnyValue, op.Name, ForAllValues, op.Name)})
	case !multi && op.Set == ForAnyValue:
		out = append(out, Misfit{diag.SetOperatorSingleValued, diag.Warning, fmt.Sprintf(
			"the key is single-valued, and %s: is for multivalued keys; write %s", op.Set, strings.TrimPrefix(op.Name, op.Set+":"))})
	case !multi && op.Set == ForAllValues:
		out = append(out, Misfit{diag.SetOperatorSingleValued, diag.Warning, fmt.Sprintf(
			"the key is single-valued, and %s: is for multivalued keys; it is also true when the request has no value for the key, so it matches more requests than it seems to; write %s",
			op.Set, strings.TrimPrefix(op.Name, op.Set+":"))})
	}
	for _, f := range want {
		if f == op.Family {
			return out
		}
	}
	if op.Family == "Arn" && want[0] == "String" && allARNs(values) {
		return out
	}
	return append(out, Misfit{diag.ConditionOperatorMismatch, diag.Warning, fmt.Sprintf(
		"the key's type is %s, which wants %s operators", keyType, strings.Join(want, " or "))})
}

// allARNs reports whether every value is an ARN or ARN pattern, or a policy variable that may
// stand for one.
func allARNs(values []string) bool {
	for _, v := range values {
		if !strings.HasPrefix(v, "arn:") && !strings.HasPrefix(v, "${") && v != "*" {
			return false
		}
	}
	return len(values) > 0
}
