package catalog

import "strings"

// globalKeys are AWS's global condition context keys: usable with every action, and so in no
// service's table (from the IAM User Guide, "AWS global condition context keys").
var globalKeys = []*ConditionKey{
	{"aws:AssumedRoot", "Bool", "Whether the request was made with a root session assumed by a privileged principal"},
	{"aws:CalledVia", "ArrayOfString", "The services that made requests on the principal's behalf, in order"},
	{"aws:CalledViaFirst", "String", "The first service that made a request on the principal's behalf"},
	{"aws:CalledViaLast", "String", "The last service that made a request on the principal's behalf"},
	{"aws:ChatbotSourceArn", "ARN", "The source chat configuration ARN of a request made through AWS Chatbot"},
	{"aws:CurrentTime", "Date", "The date and time of the request"},
	{"aws:Ec2InstanceSourcePrivateIPv4", "IPAddress", "The private IPv4 address of the EC2 instance whose role credentials made the request"},
	{"aws:Ec2InstanceSourceVpc", "String", "The VPC of the EC2 instance whose role credentials made the request"},
	{"aws:EpochTime", "Date", "The date and time of the request, in epoch or UNIX time"},
	{"aws:FederatedProvider", "String", "The identity provider that authenticated a federated principal"},
	{"aws:MultiFactorAuthAge", "Numeric", "Seconds since the principal authenticated with MFA"},
	{"aws:MultiFactorAuthPresent", "Bool", "Whether the principal authenticated with MFA"},
	{"aws:PrincipalAccount", "String", "The account of the principal making the request"},
	{"aws:PrincipalArn", "ARN", "The ARN of the principal making the request"},
	{"aws:PrincipalIsAWSService", "Bool", "Whether the request is made by an AWS service principal"},
	{"aws:PrincipalOrgID", "String", "The AWS Organizations ID of the principal's account"},
	{"aws:PrincipalOrgPaths", "ArrayOfString", "The AWS Organizations path of the principal's account"},
	{"aws:PrincipalServiceName", "String", "The name of the AWS service principal making the request"},
	{"aws:PrincipalServiceNamesList", "ArrayOfString", "The service principal names of the service making the request"},
	{"aws:PrincipalTag/${TagKey}", "String", "A tag attached to the principal making the request"},
	{"aws:PrincipalType", "String", "The type of principal making the request"},
	{"aws:RequestTag/${TagKey}", "String", "A tag key and value passed in the request"},
	{"aws:RequestedRegion", "String", "The AWS Region the request was made to"},
	{"aws:ResourceAccount", "String", "The account that owns the resource"},
	{"aws:ResourceOrgID", "String", "The AWS Organizations ID of the resource's account"},
	{"aws:ResourceOrgPaths", "ArrayOfString", "The AWS Organizations path of the resource's account"},
	{"aws:ResourceTag/${TagKey}", "String", "A tag attached to the resource"},
	{"aws:SecureTransport", "Bool", "Whether the request was sent over TLS"},
	{"aws:SourceAccount", "String", "The account of the resource making a service-to-service request"},
	{"aws:SourceArn", "ARN", "The ARN of the resource making a service-to-service request"},
	{"aws:SourceIdentity", "String", "The source identity set when a role was assumed"},
	{"aws:SourceIp", "IPAddress", "The requester's IP address"},
	{"aws:SourceOrgID", "String", "The AWS Organizations ID of the resource making a service-to-service request"},
	{"aws:SourceOrgPaths", "ArrayOfString", "The AWS Organizations path of the resource making a service-to-service request"},
	{"aws:SourceVpc", "String", "The VPC the request came through"},
	{"aws:SourceVpcArn", "ARN", "The ARN of the VPC the request came through"},
	{"aws:SourceVpce", "String", "The VPC endpoint the request came through"},
	{"aws:TagKeys", "ArrayOfString", "The tag keys passed in the request"},
	{"aws:TokenIssueTime", "Date", "When the temporary security credentials were issued"},
	{"aws:UserAgent", "String", "The requester's client application"},
	{"aws:ViaAWSService", "Bool", "Whether an AWS service made the request on the principal's behalf"},
	{"aws:VpcSourceIp", "IPAddress", "The requester's IP address inside a VPC"},
	{"aws:VpceAccount", "String", "The account that owns the VPC endpoint the request came through"},
	{"aws:VpceOrgID", "String", "The AWS Organizations ID of the VPC endpoint's account"},
	{"aws:VpceOrgPaths", "ArrayOfString", "The AWS Organizations path of the VPC endpoint's account"},
	{"aws:referer", "String", "The HTTP referer of the request"},
	{"aws:userid", "String", "The principal's unique identifier"},
	{"aws:username", "String", "The IAM user name of the principal"},
	{"ec2:RoleDelivery", "Numeric", "The instance metadata service version that delivered role credentials"},
	{"ec2:SourceInstanceArn", "ARN", "The EC2 instance whose role credentials made the request"},
	{"glue:CredentialIssuingService", "String", "The service that issued credentials for an AWS Glue role"},
	{"glue:RoleAssumedBy", "String", "The service that assumed an AWS Glue role"},
	{"identitystore:UserId", "String", "The IAM Identity Center user behind an identity-enhanced session"},
	{"lambda:SourceFunctionArn", "ARN", "The Lambda function whose execution role made the request"},
	{"ssm:SourceInstanceArn", "ARN", "The managed instance whose role credentials made the request"},
}

// GlobalConditionKeys returns AWS's global condition keys, which apply to every action.
func GlobalConditionKeys() []*ConditionKey { return globalKeys }

// GlobalConditionKey returns the global key a name refers to ("aws:PrincipalTag/team" is an
// aws:PrincipalTag/${TagKey}), or nil.
func GlobalConditionKey(name string) *ConditionKey {
	for _, k := range globalKeys {
		if KeyMatches(k.Name, name) {
			return k
		}
	}
	return nil
}

// KeyMatches reports whether a condition key as a policy writes it ("s3:ExistingObjectTag/env")
// is the catalog's key ("s3:ExistingObjectTag/${TagKey}"): case-insensitive, where each ${…}
// stands for one or more characters.
func KeyMatches(catalogKey, key string) bool {
	if !strings.Contains(catalogKey, "${") {
		return strings.EqualFold(catalogKey, key)
	}
	// Catalog keys hold no '*' or '?', so their text can serve as a glob as it is.
	var pat strings.Builder
	for rest := catalogKey; rest != ""; {
		i := strings.Index(rest, "${")
		if i < 0 {
			pat.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			pat.WriteString(rest)
			break
		}
		pat.WriteString(rest[:i])
		pat.WriteString("?*")
		rest = rest[i+j+1:]
	}
	if strings.EqualFold(catalogKey, key) {
		return true
	}
	return MatchGlob(pat.String(), key)
}

// LookupConditionKey finds the key a policy's condition names among the service's keys and the
// global ones; nil when neither has it.
func (s *Service) LookupConditionKey(name string) *ConditionKey {
	if k := s.ConditionKey(name); k != nil {
		return k
	}
	for _, k := range s.ConditionKeys {
		if strings.Contains(k.Name, "${") && KeyMatches(k.Name, name) {
			return k
		}
	}
	return GlobalConditionKey(name)
}

// KeyApplies reports whether a condition key takes effect for an action, on a resource type when
// rt is given, on any of its rows otherwise. Global keys apply everywhere except the tag keys
// (aws:ResourceTag, aws:RequestTag, aws:TagKeys), which apply only where the action lists them.
func KeyApplies(key string, a *Action, rt *ResourceType) bool {
	lk := strings.ToLower(key)
	tag := strings.HasPrefix(lk, "aws:resourcetag/") || strings.HasPrefix(lk, "aws:requesttag/") || lk == "aws:tagkeys"
	if !tag && (strings.HasPrefix(lk, "aws:") || GlobalConditionKey(key) != nil) {
		return true
	}
	check := func(keys []string) bool {
		for _, k := range keys {
			if KeyMatches(k, key) {
				return true
			}
		}
		return false
	}
	for _, r := range a.ResourceTypes {
		if r.ResourceType == "" || rt == nil || strings.EqualFold(r.ResourceType, rt.Name) {
			if check(r.ConditionKeys) {
				return true
			}
		}
	}
	return rt != nil && check(rt.ConditionKeys)
}

// ConditionKey finds a condition key's definition as a policy writes the key
// ("aws:ResourceTag/team", "s3:prefix"): global, or its service's; nil when none has it.
func (c *Catalog) ConditionKey(key string) *ConditionKey {
	if k := GlobalConditionKey(key); k != nil {
		return k
	}
	svc, _, _ := strings.Cut(key, ":")
	candidates := []string{svc}
	if strings.EqualFold(svc, "aws") {
		candidates = []string{"s3", "ec2", "iam"}
	}
	for _, p := range candidates {
		if s, err := c.Service(p); err == nil {
			if k := s.LookupConditionKey(key); k != nil {
				return k
			}
		}
	}
	return nil
}
