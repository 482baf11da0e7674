// Commit signatures, checked in Node over the raw commit object (`git cat-file commit`), so that an auditor needs
// git and Node only, not gpg and a keyring. Git signs a commit by signing the commit object as it would be without
// the signature, then inserting the armored signature as a `gpgsig` header whose continuation lines start with one
// space; verifying is the reverse: take that header out, and check the signature over the bytes that remain.
import type * as OpenPgp from 'openpgp';

// Loaded when a signature is checked (verify, reports), not by every collection run.
const pgp = () => import('openpgp');

/** The signed payload (the commit object without its `gpgsig` header) and the armored signature, if any. */
function splitSignature(raw: Buffer): { payload: Buffer; signature: string | null } {
  // latin1 maps bytes to characters one to one, so the payload comes back byte for byte.
  const text = raw.toString('latin1');
  const end = text.indexOf('\n\n');
  const header = end === -1 ? text : text.slice(0, end);
  const kept: string[] = [];
  let signature: string[] | null = null;
  let inSignature = false;
  for (const line of header.split('\n')) {
    if (inSignature && line.startsWith(' ')) {
      signature!.push(line.slice(1));
      continue;
    }
    inSignature = line.startsWith('gpgsig ');
    if (inSignature) signature = [line.slice('gpgsig '.length)];
    else kept.push(line);
  }
  return {
    payload: Buffer.from(`${kept.join('\n')}${end === -1 ? '' : text.slice(end)}`, 'latin1'),
    signature: signature ? `${signature.join('\n')}\n` : null,
  };
}

/** The public keys of one or more armored blocks, one after another as in GitHub's web-flow.gpg. */
export async function readTrustedKeys(armored: string): Promise<OpenPgp.PublicKey[]> {
  const openpgp = await pgp();
  const blocks = armored
    .split(/(?=-----BEGIN PGP PUBLIC KEY BLOCK-----)/)
    .filter((b) => b.includes('-----BEGIN'));
  const keys = await Promise.all(blocks.map((armoredKeys) => openpgp.readKeys({ armoredKeys })));
  if (keys.flat().length === 0) throw new Error('no armored OpenPGP public key found');
  return keys.flat();
}

/** Null when the commit carries a valid signature by one of `keys`; else what is wrong, in a few words. */
export async function signatureProblem(raw: Buffer, keys: OpenPgp.PublicKey[]): Promise<string | null> {
  const openpgp = await pgp();
  const { payload, signature } = splitSignature(raw);
  if (signature === null) return 'the commit is not signed';
  let parsed: OpenPgp.Signature;
  try {
    parsed = await openpgp.readSignature({ armoredSignature: signature });
  } catch {
    return 'the commit carries a signature that is not an OpenPGP signature';
  }
  // Checked at the time it was made: a key that expired since (GitHub's previous key) still vouches for it.
  const made = parsed.packets[0]?.created ?? new Date();
  const result = await openpgp.verify({
    message: await openpgp.createMessage({ binary: payload }),
    signature: parsed,
    verificationKeys: keys,
    date: made,
  });
  const first = result.signatures[0];
  if (!first) return 'the commit carries an empty signature';
  try {
    await first.verified;
    return null;
  } catch (error) {
    return `the signature (key ${first.keyID.toHex().toUpperCase()}) is not a valid signature by a trusted key: ${(error as Error).message}`;
  }
}
