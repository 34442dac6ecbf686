data "aws_iam_policy_document" "identity-s3" {
  version = "2012-10-17"

  statement {
    sid    = "S3ReadBucket"
    effect = "Allow"
    actions = [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:ListBucket",
    ]
    resources = [
      "arn:aws:s3:::acme-reports",
      "arn:aws:s3:::acme-reports/home/$${aws:username}/*",
    ]

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1a2b3c4d"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = [
        "home/$${aws:username}/",
        "shared/*",
      ]
    }
  }

  statement {
    sid       = "KmsDecrypt"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]

    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values = [
        "team",
        "project",
      ]
    }

    condition {
      test     = "NumericLessThanEquals"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}
