package yamlite

// isTimestamp reports whether s is a timestamp as yaml.v3 resolves one: whether time.Parse
// accepts it in one of the layouts
//
//	2006-1-2T15:4:5.999999999Z07:00
//	2006-1-2t15:4:5.999999999Z07:00
//	2006-1-2 15:4:5.999999999
//	2006-1-2
//
// It is written out rather than calling time.Parse because time.Parse is what brings package
// time's parser into the browser's WebAssembly build: 12.5 KB of brotli (iamforge.wasm 960,375 →
// 947,922 bytes, measured), for a yes or no about a few plain scalars.
// TestIsTimestampMatchesTime holds it to time.Parse's answer on generated and fuzzed input.
func isTimestamp(s string) bool {
	// The date: four digits (time's year), then a month and a day of one or two digits each.
	if len(s) < 4 || !allDigits(s[:4]) {
		return false
	}
	year := atoi(s[:4])
	rest, ok := skipByte(s[4:], '-')
	if !ok {
		return false
	}
	month, rest, ok := number(rest)
	if !ok || month < 1 || month > 12 {
		return false
	}
	if rest, ok = skipByte(rest, '-'); !ok {
		return false
	}
	day, rest, ok := number(rest)
	if !ok {
		return false
	}
	if rest == "" {
		return day >= 1 && day <= daysIn(month, year)
	}
	// Then the time, after 'T' or 't' (with a zone) or after spaces (without one).
	zone := rest[0] == 'T' || rest[0] == 't'
	switch {
	case zone:
		rest = rest[1:]
	case rest[0] == ' ':
		for rest != "" && rest[0] == ' ' {
			rest = rest[1:]
		}
	default:
		return false
	}
	hour, rest, ok := number(rest)
	if !ok || hour >= 24 {
		return false
	}
	if rest, ok = skipByte(rest, ':'); !ok {
		return false
	}
	minute, rest, ok := number(rest)
	if !ok || minute >= 60 {
		return false
	}
	if rest, ok = skipByte(rest, ':'); !ok {
		return false
	}
	second, rest, ok := number(rest)
	if !ok || second >= 60 {
		return false
	}
	// A fraction of a second: '.' or ',' and any number of digits, or none at all.
	if len(rest) >= 2 && (rest[0] == '.' || rest[0] == ',') && isDigit(rest[1]) {
		rest = rest[2:]
		for rest != "" && isDigit(rest[0]) {
			rest = rest[1:]
		}
	}
	if zone {
		switch {
		case rest != "" && rest[0] == 'Z':
			rest = rest[1:]
		case len(rest) >= 6 && (rest[0] == '+' || rest[0] == '-') && allDigits(rest[1:3]) && rest[3] == ':' && allDigits(rest[4:6]):
			// time allows an offset of 24 hours or 60 minutes ("as some people do write").
			if atoi(rest[1:3]) > 24 || atoi(rest[4:6]) > 60 {
				return false
			}
			rest = rest[6:]
		default:
			return false
		}
	}
	return rest == "" && day >= 1 && day <= daysIn(month, year)
}

// number reads one digit, or two when two follow (time.Parse's unpadded fields, like "1" and
// "15").
func number(s string) (n int, rest string, ok bool) {
	if s == "" || !isDigit(s[0]) {
		return 0, s, false
	}
	if len(s) < 2 || !isDigit(s[1]) {
		return int(s[0] - '0'), s[1:], true
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), s[2:], true
}

func skipByte(s string, c byte) (string, bool) {
	if s == "" || s[0] != c {
		return s, false
	}
	return s[1:], true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi reads a string of digits, all checked.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// daysIn is the number of days in month of year, by the proleptic Gregorian calendar as time
// counts them.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
