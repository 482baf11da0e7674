// policy.json: the policy a run was evaluated under, written into the run folder so that each result can be judged
// against the rules in force when it was produced, and a period report never depends on the working tree's file.
// The policy as parsed already has every default filled in; its text is deterministic (sorted keys), so the same
// rules always give the same sha256, which the manifest, the ledger line and issue comments cite.
import type { Policy } from '../policy.js';
import { sha256 } from '../shared/hash.js';
import { toJson } from './json.js';

/** The bytes of policy.json: the normalised policy, keys sorted, lists in the order the policy file gave them. */
export function policyText(policy: Policy): string {
  return toJson(policy);
}

/** The sha256 of policy.json's bytes: names the policy in the manifest, the ledger and issue comments. */
export function policySha256(policy: Policy): string {
  return sha256(policyText(policy));
}
