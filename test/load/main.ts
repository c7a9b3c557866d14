/**
 * `pnpm load`: one API instance as a child process on a throwaway PostgreSQL database, and from this
 * (second) process the two scenarios of issue 11 (realistic, saturation), with admission control off as
 * a baseline first. Prints one table and what the database holds. Sized by LOAD_* variables (README).
 */
import os from 'node:os';
import { loadOptionsFromEnv, runLoad } from './load-run.js';
import { table } from './report.js';

const options = loadOptionsFromEnv();
const log = (line: string) => process.stderr.write(`[load] ${line}\n`);
log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);
const report = await runLoad({ ...options, log });

const admission = Object.entries(process.env)
  .filter(([name]) => name.startsWith('ADMISSION_'))
  .map(([name, value]) => `${name}=${value}`);
process.stdout.write(
  [
    '',
    `Load: ${options.writers} phones sending batches of ${options.batchSize} (realistic: every ${options.syncEveryMs / 1000} s), ${options.readers} supervisors listing reviews(first: 50) (realistic: every ${options.dashboardEveryMs / 1000} s); 503s ${options.honourRetryAfter ? 'waited out as Retry-After says' : 'sent again at once'}`,
    `Admission control: ${admission.length > 0 ? admission.join(' ') : 'the defaults'}; latencies in ms as the client saw them`,
    '',
    table(report.summaries),
    '',
    ...report.checks.map(
      (c) =>
        `${c.instance}: ${c.accepted} reviews acknowledged, ${c.stored} stored, ${c.duplicated} duplicated; ${c.refusedAtEnd} refused with 503 and not sent again before the end, ${c.storedOfRefused} of them stored`,
    ),
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    '',
  ].join('\n'),
);
const bad = report.checks.some((c) => c.stored !== c.accepted || c.duplicated > 0 || c.storedOfRefused > 0);
process.exit(bad ? 1 : 0);
