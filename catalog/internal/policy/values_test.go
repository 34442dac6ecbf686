package policy

import (
	"net/netip"
	"testing"
)

func TestIsIPOrCIDRAgainstNetip(t *testing.T) {
	cases := []string{"1.2.3.4", "203.0.113.0/24", "255.255.255.255/32", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "::", "::1", "2001:db8::/32",
		"2001:db8::1/129", "fe80::1%eth0", "1::2::3", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "g::1", "12345::", "", "/8", "::/0", "0.0.0.0/0", "1.2.3.4/08"}
	for _, c := range cases {
		_, e1 := netip.ParsePrefix(c)
		_, e2 := netip.ParseAddr(c)
		want := e1 == nil || e2 == nil
		if c == "fe80::1%eth0" {
			want = false // zones are not IAM's business
		}
		if got := isIPOrCIDR(c); got != want {
			t.Errorf("isIPOrCIDR(%q) = %v; want %v", c, got, want)
		}
	}
}

func TestIsCalendarDate(t *testing.T) {
	for s, want := range map[string]bool{"2026-01-31": true, "2026-02-29": false, "2024-02-29": true, "1900-02-29": false, "2000-02-29": true, "2026-13-01": false, "2026-00-10": false, "2026-1-01": false} {
		if got := isCalendarDate(s); got != want {
			t.Errorf("isCalendarDate(%q) = %v; want %v", s, got, want)
		}
	}
}
