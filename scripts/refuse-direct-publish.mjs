#!/usr/bin/env node
// `npm publish` inside a package folder would publish its repository manifest, whose `source`
// export condition points at TypeScript sources that are not built for users. Publish the
// tarballs that `npm run pack` stages instead — the same files the packages test installs.
console.error(
  'Do not publish from the package folder: run `npm run build && npm run pack`, then ' +
    '`npm publish .packs/<package>.tgz --access public` for each tarball.',
);
process.exit(1);
