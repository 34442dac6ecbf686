package catalog

import (
	"fmt"
	"strings"
)

// AccessLevel is one of the five access levels AWS assigns to every action.
type AccessLevel uint8

const (
	LevelUnknown AccessLevel = iota
	List
	Read
	Write
	PermissionsManagement
	Tagging
)

// AccessLevels lists the five levels in the order AWS documents them.
var AccessLevels = []AccessLevel{List, Read, Write, PermissionsManagement, Tagging}

// String returns AWS's spelling: "List", "Read", "Write", "Permissions management", "Tagging".
func (l AccessLevel) String() string {
	switch l {
	case List:
		return "List"
	case Read:
		return "Read"
	case Write:
		return "Write"
	case PermissionsManagement:
		return "Permissions management"
	case Tagging:
		return "Tagging"
	}
	return "Unknown"
}

// Slug returns Policy Sentry's spelling, used as template keys: "list", "read", "write",
// "permissions-management", "tagging".
func (l AccessLevel) Slug() string {
	if l == PermissionsManagement {
		return "permissions-management"
	}
	return strings.ToLower(l.String())
}

var levelSeparators = strings.NewReplacer("-", "", "_", "", " ", "")

// ParseAccessLevel reads an access level in AWS's spelling or Policy Sentry's, case-insensitively.
// The upstream's compound levels ("Tagging, Write", "Permissions management, Write") map to
// their first, more specific, level.
func ParseAccessLevel(s string) (AccessLevel, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(k, ','); i >= 0 {
		k = strings.TrimSpace(k[:i])
	}
	switch levelSeparators.Replace(k) {
	case "list":
		return List, nil
	case "read":
		return Read, nil
	case "write":
		return Write, nil
	case "permissionsmanagement", "permissions":
		return PermissionsManagement, nil
	case "tagging":
		return Tagging, nil
	}
	return LevelUnknown, fmt.Errorf("unknown access level %q (want List, Read, Write, Permissions management or Tagging)", s)
}

// MarshalText writes AWS's spelling.
func (l AccessLevel) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads either spelling.
func (l *AccessLevel) UnmarshalText(b []byte) error {
	v, err := ParseAccessLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
