// Package expand turns a policy's action wildcards and NotAction into the concrete actions they
// grant, per statement, by service and access level: what `iamforge expand` prints and what
// validation reasons about.
package expand
