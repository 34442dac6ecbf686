data "aws_iam_policy_document" "identity-notaction-text" {
  version = "2012-10-17"

  statement {
    sid    = "DenyOutsideEU"
    effect = "Deny"
    not_actions = [
      "iam:*",
      "sts:*",
      "support:*",
    ]
    not_resources = ["arn:$${Partition}:iam::$${Account}:role/break-glass"]

    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values = [
        "eu-west-1",
        "eu-central-1",
      ]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values = [
        "café \"ops\"",
        "data\\lake",
        "中文",
        "🚀 %%{launch}",
      ]
    }

    condition {
      test     = "DateGreaterThan"
      variable = "aws:CurrentTime"
      values   = ["2026-01-01T00:00:00Z"]
    }
  }

  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values = [
        "203.0.113.0/24",
        "2001:db8::/32",
      ]
    }
  }
}
