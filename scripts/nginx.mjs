// nginx's own settings for a run from a scratch folder: in the foreground,
// as whoever runs it, with its temporary files and logs in that folder. The
// tests and benchmarks that start Debian's nginx (the comment cache, the
// WordPress under test, the redirect map) differ only in what `http { }`
// holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** Writes `dir/nginx.conf` around `http` (the inside of `http { }`) and returns its path. */
export function writeNginxConfig({ dir, http, workers = 1, connections = 256 }) {
  const temp = join(dir, 'tmp');
  mkdirSync(temp, { recursive: true });
  // nginx as root would switch its workers to `nobody`, who cannot read the scratch folder.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, `daemon off;
master_process on;
worker_processes ${workers};
${user}
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections ${connections}; }
http {
  include /etc/nginx/mime.types;
  access_log off;
${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(temp, name)};`).join('\n')}
${http}
}
`);
  return file;
}
