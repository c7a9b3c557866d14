import { fuzz } from './fuzzer.js';
import { startFuzzTarget } from './target.js';

/*
 * `pnpm fuzz`: 10,000 generated operations as every caller and the hostile corpus, against a started API
 * in development mode on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set). Prints the
 * seed (FUZZ_SEED reproduces a run), the counts and the p99 time of a refusal; exits 1 on any problem.
 */
// A command-line report, like the benches: stdout, not the logger.
const print = (line: string) => process.stdout.write(`${line}\n`);
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000_000);
const count = Number(process.env['FUZZ_COUNT'] ?? 10_000);
const corpus = Number(process.env['FUZZ_CORPUS'] ?? 520);

print(`fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces), ${count} operations, corpus ${corpus}`);
const { server, target } = await startFuzzTarget({ NODE_ENV: 'development' });
const started = Date.now();
try {
  const report = await fuzz(target, { count, seed, corpus, onProgress: (n) => n % 1000 === 0 && print(`  ${n} operations`) });
  print(`fuzz: ${report.operations} operations in ${((Date.now() - started) / 1000).toFixed(1)} s on ${server.kind}`);
  print(`fuzz: mutations refused ${report.refusedMutations}, accepted ${report.acceptedMutations}`);
  print(`fuzz: hostile corpus ${report.corpus} documents, p99 refusal ${report.refusalP99Ms.toFixed(1)} ms`);
  if (report.problems.length > 0) {
    print(`fuzz: ${report.problems.length} problems (seed ${seed}):`);
    for (const p of report.problems) print(`  - ${p}`);
    process.exitCode = 1;
  } else print('fuzz: no problems');
} finally {
  await server.close();
}
