package links

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// IDLength is the length of a link id: 12 base32 characters, 60 bits of the SHA-256 of the
// canonical state. Finding a state with a given id takes about 2^60 tries, and ids say nothing
// about one another.
const IDLength = 12

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// ID is the link id of a canonical state: the same state always gets the same id.
func ID(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return strings.ToLower(idEncoding.EncodeToString(sum[:]))[:IDLength]
}

// validID reports whether s could be an id (a-z, 2-7, IDLength of them), so that anything
// else is answered without asking the store.
func validID(s string) bool {
	if len(s) != IDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}
