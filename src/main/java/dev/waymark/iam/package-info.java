// SPDX-License-Identifier: Apache-2.0
/**
 * Identities: accounts, their root, IAM users with access keys, roles with trust policies, identity policies and
 * their evaluation, MFA devices, and STS (GetCallerIdentity, GetSessionToken, AssumeRole, GetFederationToken)
 * with stateless, encrypted session tokens. Resolves every access key to the {@link dev.waymark.core.Principal}
 * CloudTrail's userIdentity is built from.
 */
package dev.waymark.iam;
