// The scripts' command-line options: `--name value` pairs, read as strings
// (`--runs 5` gives { runs: '5' }).
export function options(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
}
