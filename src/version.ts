// Kept equal to package.json's version by a test; bundled into dist/ so the User-Agent and manifests name it.
export const TOOL = { name: 'heroku-evidence', version: '0.1.0' } as const;
