// The one source of the version: package.json, bundled into dist/ so the User-Agent and manifests name it.
import pkg from '../package.json' with { type: 'json' };

export const TOOL = { name: 'heroku-evidence', version: pkg.version } as const;
