package query

// Payload is what JSON and YAML output print: the list the query asked for, or the info.
func (r *Result) Payload() any { return r.payload() }
