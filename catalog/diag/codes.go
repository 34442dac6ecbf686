package diag

// Code is a diagnostic's stable, machine-readable name ("unmatched-arn"). Front ends branch on
// it, so it never changes once published; the message is for people and may. Every code is one
// of the constants below, each registered with what it means (a test holds the source to it).
type Code string

// Meaning says in one line what the code means.
func (c Code) Meaning() string {
	for _, g := range registry {
		for _, e := range g.codes {
			if e.code == c {
				return e.meaning
			}
		}
	}
	return ""
}

// Group is a family of codes: who raises them.
type Group struct {
	Name  string
	Codes []Code
}

// Codes lists every code, by group, in the order the README shows them.
func Codes() []Group {
	out := make([]Group, len(registry))
	for i, g := range registry {
		out[i].Name = g.name
		for _, e := range g.codes {
			out[i].Codes = append(out[i].Codes, e.code)
		}
	}
	return out
}

// Reading templates and builder state (template.Read, the state codec, template.Check).
const (
	InputTooLarge            Code = "input-too-large"
	BinaryInput              Code = "binary-input"
	SyntaxError              Code = "syntax-error"
	TooComplex               Code = "too-complex"
	InvalidType              Code = "invalid-type"
	UnknownKey               Code = "unknown-key"
	DuplicateKey             Code = "duplicate-key"
	MissingKey               Code = "missing-key"
	InvalidValue             Code = "invalid-value"
	UnlikelyValue            Code = "unlikely-value"
	KeyIgnoredInMode         Code = "key-ignored-in-mode"
	EmptyTemplate            Code = "empty-template"
	EmptyItem                Code = "empty-item"
	DuplicateItem            Code = "duplicate-item"
	InvalidARN               Code = "invalid-arn"
	InvalidAction            Code = "invalid-action"
	InvalidService           Code = "invalid-service"
	InvisibleCharacter       Code = "invisible-character"
	UnknownConditionOperator Code = "unknown-condition-operator"
	EmptyCondition           Code = "empty-condition"
	TooManyDiagnostics       Code = "too-many-diagnostics"
	BadState                 Code = "bad-state"
)

// Writing policies (the writer, with the catalog).
const (
	UnknownAction                   Code = "unknown-action"
	UnknownService                  Code = "unknown-service"
	UnmatchedARN                    Code = "unmatched-arn"
	AmbiguousARN                    Code = "ambiguous-arn"
	SharedARNFormat                 Code = "shared-arn-format"
	WildcardResource                Code = "wildcard-resource"
	NoActionsForLevel               Code = "no-actions-for-level"
	NotWildcardOnly                 Code = "not-wildcard-only"
	ActionNotOnResource             Code = "action-not-on-resource"
	GrantedTwice                    Code = "granted-twice"
	NoWildcardOnlyActions           Code = "no-wildcard-only-actions"
	NotARole                        Code = "not-a-role"
	UnknownResourceType             Code = "unknown-resource-type"
	UnknownDependentAction          Code = "unknown-dependent-action"
	DependentActionsLeftOut         Code = "dependent-actions-left-out"
	DependentActionsNotDenied       Code = "dependent-actions-not-denied"
	ExcludeUnused                   Code = "exclude-unused"
	StatementEmptied                Code = "statement-emptied"
	EmptyPolicy                     Code = "empty-policy"
	DuplicateCondition              Code = "duplicate-condition"
	TooManyConditions               Code = "too-many-conditions"
	UnknownConditionKey             Code = "unknown-condition-key"
	ConditionOperatorMismatch       Code = "condition-operator-mismatch"
	ConditionNotApplicable          Code = "condition-not-applicable"
	MinimizeFailed                  Code = "minimize-failed"
	SizeOverLimit                   Code = "size-over-limit"
	PolicySplit                     Code = "policy-split"
	SplitFailed                     Code = "split-failed"
	RiskyPassrole                   Code = "risky-passrole"
	PermissionsManagementOnWildcard Code = "permissions-management-on-wildcard"
	DependentActionEscalates        Code = "dependent-action-escalates"
	UnfilledPlaceholder             Code = "unfilled-placeholder"
	WildcardCoversMore              Code = "wildcard-covers-more"
	NonASCIIARN                     Code = "non-ascii-arn"
)

// Reading policies (the grammar of IAM's policy language).
const (
	InvalidJSON              Code = "invalid-json"
	NestingTooDeep           Code = "nesting-too-deep"
	InvalidPolicy            Code = "invalid-policy"
	TerraformWrapper         Code = "terraform-wrapper"
	UnknownElement           Code = "unknown-element"
	MissingVersion           Code = "missing-version"
	UnsupportedVersion       Code = "unsupported-version"
	InvalidID                Code = "invalid-id"
	MissingStatement         Code = "missing-statement"
	EmptyStatement           Code = "empty-statement"
	InvalidStatement         Code = "invalid-statement"
	InvalidSid               Code = "invalid-sid"
	DuplicateSid             Code = "duplicate-sid"
	MissingEffect            Code = "missing-effect"
	InvalidEffect            Code = "invalid-effect"
	MissingAction            Code = "missing-action"
	ActionAndNotaction       Code = "action-and-notaction"
	EmptyAction              Code = "empty-action"
	ActionServiceCase        Code = "action-service-case"
	MissingResource          Code = "missing-resource"
	ResourceAndNotresource   Code = "resource-and-notresource"
	EmptyResource            Code = "empty-resource"
	InvalidResource          Code = "invalid-resource"
	UnsubstitutedVariable    Code = "unsubstituted-variable"
	MissingPrincipal         Code = "missing-principal"
	UnexpectedPrincipal      Code = "unexpected-principal"
	PrincipalAndNotprincipal Code = "principal-and-notprincipal"
	InvalidPrincipal         Code = "invalid-principal"
	UnexpectedResource       Code = "unexpected-resource"
	InvalidCondition         Code = "invalid-condition"
	InvalidConditionValue    Code = "invalid-condition-value"
	SetOperatorWithNull      Code = "set-operator-with-null"
	ForallvaluesWithAllow    Code = "forallvalues-with-allow"
	AllowWithNotaction       Code = "allow-with-notaction"
	AllowWithNotresource     Code = "allow-with-notresource"
	AllowWithNotprincipal    Code = "allow-with-notprincipal"
	InvalidCharacter         Code = "invalid-character"
)

// Checking policies against the catalog (expand and validate).
const (
	ActionMatchesNothing      Code = "action-matches-nothing"
	DuplicateAction           Code = "duplicate-action"
	ResourceMatchesNoAction   Code = "resource-matches-no-action"
	ResourceTypeMismatch      Code = "resource-type-mismatch"
	WildcardOnlyActionWithARN Code = "wildcard-only-action-with-arn"
	FullWildcardAction        Code = "full-wildcard-action"
	AllowNotresource          Code = "allow-notresource"
	RedundantStatement        Code = "redundant-statement"
	MissingSetOperator        Code = "missing-set-operator"
	SetOperatorSingleValued   Code = "set-operator-single-valued"
	DataAccessOnWildcard      Code = "data-access-on-wildcard"
)

// Catalogs, queries and operations.
const (
	NoMatch          Code = "no-match"
	OverrideUnused   Code = "override-unused"
	OverrideRepeated Code = "override-repeated"
	CatalogError     Code = "catalog-error"
	BadRequest       Code = "bad-request"
	UnknownOperation Code = "unknown-operation"
	NotReady         Code = "not-ready"
	NotImported      Code = "not-imported"
	WildcardExpanded Code = "wildcard-expanded"
	InternalError    Code = "internal-error"
)

type entry struct {
	code    Code
	meaning string
}

var registry = []struct {
	name  string
	codes []entry
}{
	{"Reading templates and builder state", []entry{
		{InputTooLarge, "the input is over the size iamforge reads (a template 4 MiB, a policy 1 MiB)"},
		{BinaryInput, "the input holds NUL or control bytes, or is not UTF-8"},
		{SyntaxError, "a YAML or JSON syntax error, or a second YAML document"},
		{TooComplex, "YAML aliases or merge keys expand past the limits"},
		{InvalidType, "a value of the wrong type: a string where a list belongs, a number, a nested mapping"},
		{UnknownKey, "a key the template format does not have (with did-you-mean)"},
		{DuplicateKey, "a key written twice in one mapping"},
		{MissingKey, "the template has no mode"},
		{InvalidValue, "a value outside its choices: mode, effect, dependent-actions, partition, region, account, an access level, an output option"},
		{UnlikelyValue, "a value of the right form that AWS does not use, like the region us-east-99"},
		{KeyIgnoredInMode, "a crud key in actions mode, or actions in crud mode (Policy Sentry drops them silently)"},
		{EmptyTemplate, "the template asks for nothing, so no policy could be written"},
		{EmptyItem, "an empty item among real ones, skipped"},
		{DuplicateItem, "an item repeated within one list, skipped"},
		{InvalidARN, "not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) nor \"*\""},
		{InvalidAction, "not SERVICE:ACTION, or a wildcard outside exclude-actions"},
		{InvalidService, "not a service prefix (lower-case letters, digits, hyphens)"},
		{InvisibleCharacter, "an ARN, action or key holding a character nobody can see: a control, zero-width or bidirectional character, a soft hyphen"},
		{UnknownConditionOperator, "a condition operator IAM does not have (with did-you-mean)"},
		{EmptyCondition, "a condition operator, level block or key with nothing under it"},
		{TooManyDiagnostics, "over 1,000 findings: the rest are counted, not listed"},
		{BadState, "a builder state or link that cannot be read: not JSON, an unknown field, too large, a newer version"},
	}},
	{"Writing policies", []entry{
		{UnknownAction, "an action the catalog does not have (with did-you-mean)"},
		{UnknownService, "a service prefix the catalog does not have (with did-you-mean)"},
		{UnmatchedARN, "an ARN that fits no resource type of its service (with the closest formats)"},
		{AmbiguousARN, "an ARN that fits several resource types no rule tells apart; each is granted"},
		{SharedARNFormat, "an ARN whose format several resource types share; each is granted"},
		{WildcardResource, "\"*\" under an access level, which would grant every action of that level"},
		{NoActionsForLevel, "the ARN's resource type has no action of the level asked for"},
		{NotWildcardOnly, "a wildcard-only single action that takes resource types; left out"},
		{GrantedTwice, "an action granted on \"*\" and on specific resources too, which the \"*\" grant makes moot"},
		{ActionNotOnResource, "an action listed for an ARN (actions-on) that does not act on that ARN's resource type"},
		{NoWildcardOnlyActions, "a service with no wildcard-only action of the level asked for"},
		{NotARole, "an sts role ARN that is not an IAM role"},
		{UnknownResourceType, "an action names a resource type its service does not define"},
		{UnknownDependentAction, "a dependent action the catalog does not have; left out"},
		{DependentActionsLeftOut, "dependent actions not granted, as dependent-actions: none asks"},
		{DependentActionsNotDenied, "with effect Deny, dependent actions are not denied"},
		{ExcludeUnused, "an exclude-actions entry that removed nothing"},
		{StatementEmptied, "exclude-actions removed every action of a statement"},
		{EmptyPolicy, "nothing could be granted, so no policy is written"},
		{DuplicateCondition, "the same operator and key twice for one access level"},
		{TooManyConditions, "more conditions than any policy within IAM's size limits could hold"},
		{UnknownConditionKey, "a condition key that is neither global nor the service's"},
		{ConditionOperatorMismatch, "an operator that does not fit the condition key's type"},
		{ConditionNotApplicable, "a condition key that applies to none of the statement's actions"},
		{MinimizeFailed, "an action list that could not be shortened; left as it is"},
		{SizeOverLimit, "the policy is over the size limit of its target"},
		{PolicySplit, "the policy was split into several within the size limit"},
		{SplitFailed, "the policy is over the size limit and cannot be split"},
		{RiskyPassrole, "iam:PassRole granted on \"*\""},
		{PermissionsManagementOnWildcard, "Permissions management actions granted on \"*\""},
		{DependentActionEscalates, "a dependent action that raises privilege: Permissions management, a level not asked for, on \"*\", or iam:PassRole"},
		{NonASCIIARN, "an ARN with a character beyond ASCII where its service's names have none"},
		{WildcardCoversMore, "a wildcard ARN granted as the type it is written as also covers other types, which are not granted"},
		{UnfilledPlaceholder, "a written resource still holds a ${…} placeholder of an ARN format"},
	}},
	{"Reading policies", []entry{
		{InvalidJSON, "the policy is not valid JSON"},
		{NestingTooDeep, "JSON nested deeper than a policy can be"},
		{InvalidPolicy, "the document is not a policy object"},
		{TerraformWrapper, "a policy inside Terraform's or CloudFormation's wrapper, read from within it"},
		{UnknownElement, "an element IAM does not have (with did-you-mean)"},
		{MissingVersion, "no Version: IAM then reads policy variables as text"},
		{UnsupportedVersion, "a Version other than 2012-10-17 or 2008-10-17"},
		{InvalidID, "an Id that is not a string"},
		{MissingStatement, "no Statement"},
		{EmptyStatement, "a Statement list with nothing in it"},
		{InvalidStatement, "a statement that is not an object"},
		{InvalidSid, "a Sid with characters IAM does not allow"},
		{DuplicateSid, "a Sid used by two statements"},
		{MissingEffect, "a statement with no Effect"},
		{InvalidEffect, "an Effect other than Allow or Deny"},
		{MissingAction, "a statement with neither Action nor NotAction"},
		{ActionAndNotaction, "a statement with both Action and NotAction"},
		{EmptyAction, "an empty Action list or action"},
		{ActionServiceCase, "an action whose service prefix is not lower-case"},
		{MissingResource, "a statement with neither Resource nor NotResource where one is needed"},
		{ResourceAndNotresource, "a statement with both Resource and NotResource"},
		{EmptyResource, "an empty Resource list or resource"},
		{InvalidResource, "a resource that is neither an ARN nor \"*\""},
		{UnsubstitutedVariable, "a ${…} that is not a policy variable IAM fills in"},
		{MissingPrincipal, "a resource or trust policy statement with no Principal"},
		{UnexpectedPrincipal, "a Principal where the policy kind has none"},
		{PrincipalAndNotprincipal, "a statement with both Principal and NotPrincipal"},
		{InvalidPrincipal, "a principal of an unknown type or shape"},
		{UnexpectedResource, "a Resource where the policy kind has none (a trust policy)"},
		{InvalidCondition, "a Condition that is not a mapping of operators to keys to values"},
		{InvalidConditionValue, "a condition value its operator cannot take"},
		{SetOperatorWithNull, "ForAllValues: or ForAnyValue: with Null"},
		{ForallvaluesWithAllow, "ForAllValues: in an Allow, which is true when the key is missing"},
		{AllowWithNotaction, "Allow with NotAction grants every other action"},
		{AllowWithNotresource, "Allow with NotResource grants on every other resource"},
		{AllowWithNotprincipal, "Allow with NotPrincipal grants every other principal"},
		{InvalidCharacter, "a character IAM does not allow in that element"},
	}},
	{"Checking policies against the catalog", []entry{
		{ActionMatchesNothing, "an action or wildcard that matches no action of the catalog"},
		{DuplicateAction, "an action listed twice in one statement"},
		{ResourceMatchesNoAction, "a resource none of the statement's actions acts on"},
		{ResourceTypeMismatch, "resources of types the statement's actions do not take"},
		{WildcardOnlyActionWithARN, "an action that takes only \"*\" given specific ARNs"},
		{FullWildcardAction, "\"*\" or \"*:*\" as an action: every action of every service"},
		{AllowNotresource, "Allow with NotResource, which includes resources created later"},
		{RedundantStatement, "a statement that grants nothing another does not"},
		{MissingSetOperator, "a multivalued condition key under an operator without ForAnyValue: or ForAllValues:"},
		{SetOperatorSingleValued, "ForAnyValue: or ForAllValues: on a single-valued condition key"},
		{DataAccessOnWildcard, "an action that reads or writes a store's data (s3:GetObject, dynamodb:Query, kms:Decrypt…) on \"*\""},
	}},
	{"Catalogs, queries and operations", []entry{
		{NoMatch, "a query that matched nothing"},
		{OverrideUnused, "an access-level override that matches no action"},
		{OverrideRepeated, "an access-level override, service or level given twice; the later wins"},
		{CatalogError, "a catalog that could not be read"},
		{BadRequest, "an operation's request that is not valid JSON of its shape, or has a bad option"},
		{UnknownOperation, "an operation the engine does not have"},
		{NotReady, "an operation called before the catalog is loaded"},
		{NotImported, "a part of an imported policy the builder cannot hold (NotAction, a principal, a Deny beside Allows, a statement's own condition), left out and said"},
		{WildcardExpanded, "a wildcard action of an imported policy, spelled out as the actions it grants"},
		{InternalError, "a bug (a recovered panic): please report it with the input"},
	}},
}
