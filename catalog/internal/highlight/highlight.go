package highlight

import "strings"

// Token is a piece of rendered output with its kind, for syntax colouring.
type Token struct {
	Kind string `json:"kind"` // key, string, number, literal, punct, comment, action, text
	Text string `json:"text"`
	// Action is set on strings that name an action ("s3:GetObject", or a minimized "s3:Get*").
	Action string `json:"action,omitempty"`
}

// Highlight splits policy output (JSON, YAML, Terraform HCL or CloudFormation YAML) into tokens.
// It is a colouring lexer, not a parser: every byte of text is in exactly one token, in order.
// isAction, when given, confirms which action-like strings are granted actions (condition keys
// such as aws:SourceIp look the same).
func Highlight(text, format string, isAction func(string) bool) []Token {
	actionIn := func(s string) string {
		a := looksLikeAction(s)
		if a != "" && isAction != nil && !isAction(a) {
			return ""
		}
		return a
	}
	var out []Token
	emit := func(kind, s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == kind && kind == "text" {
			out[n-1].Text += s
			return
		}
		out = append(out, Token{Kind: kind, Text: s})
	}
	yaml := format == "yaml" || format == "cloudformation" || format == "cfn"
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\n':
			emit("text", "\n")
			i++
			lineStart = true
			continue
		case c == ' ' || c == '\t':
			j := i
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			emit("text", text[i:j])
			i = j
			continue
		case c == '#' && (yaml || format == "terraform"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				j = len(text) - i
			}
			emit("comment", text[i:i+j])
			i += j
			continue
		case c == '"' || (yaml && c == '\''):
			j := i + 1
			for j < len(text) && text[j] != c && text[j] != '\n' {
				if text[j] == '\\' && c == '"' {
					j++
				}
				j++
			}
			if j < len(text) && text[j] == c {
				j++
			}
			s := text[i:min(j, len(text))]
			i = min(j, len(text))
			// A string followed by ':' is a key (JSON), one followed by '=' an attribute.
			k := i
			for k < len(text) && text[k] == ' ' {
				k++
			}
			kind := "string"
			if k < len(text) && (text[k] == ':' && !yaml || yaml && text[k] == ':' && lineStart) {
				kind = "key"
			}
			tok := Token{Kind: kind, Text: s}
			if kind == "string" {
				if a := actionIn(s[1 : len(s)-min(1, len(s)-1)]); a != "" {
					tok.Kind, tok.Action = "action", a
				}
			}
			out = append(out, tok)
			lineStart = false
			continue
		case strings.ContainsRune("{}[](),:=-", rune(c)):
			if c == '-' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
				break
			}
			emit("punct", string(c))
			i++
			if c != '-' {
				lineStart = false
			}
			continue
		}
		// A bare word: a key (YAML key, HCL attribute or block name), a number, a literal or text.
		j := i
		for j < len(text) && !strings.ContainsRune(" \t\n,[]{}()=\"", rune(text[j])) && !(yaml && text[j] == ':' && (j+1 == len(text) || text[j+1] == ' ' || text[j+1] == '\n')) {
			j++
		}
		if j == i {
			j = i + 1
		}
		w := text[i:j]
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		kind := "text"
		switch {
		case yaml && lineStart && k < len(text) && text[k] == ':':
			kind = "key"
		case format == "terraform" && k < len(text) && (text[k] == '=' || text[k] == '{' || text[k] == '"'):
			kind = "key"
		case w == "true" || w == "false" || w == "null":
			kind = "literal"
		case isNumber(w):
			kind = "number"
		}
		if kind == "text" && yaml {
			if a := actionIn(w); a != "" {
				out = append(out, Token{Kind: "action", Text: w, Action: a})
				i = j
				lineStart = false
				continue
			}
		}
		emit(kind, w)
		i = j
		lineStart = false
	}
	return out
}

// looksLikeAction returns s when it looks like an action name ("s3:GetObject", "s3:Get*").
func looksLikeAction(s string) string {
	svc, name, ok := strings.Cut(s, ":")
	if !ok || svc == "" || name == "" || strings.ContainsAny(s, "/ ${}") || strings.Count(s, ":") != 1 {
		return ""
	}
	for _, r := range svc {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return ""
		}
	}
	if name[0] < 'A' || name[0] > 'Z' {
		return "" // actions are CamelCase; so are most condition keys, hence isAction
	}
	return s
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i, r := range w {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' && i == 0) {
			return false
		}
	}
	return true
}
