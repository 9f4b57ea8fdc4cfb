// Preloaded into the measured dbalign process: reports its peak memory on exit.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeFileSync(process.env.DBALIGN_BENCH_PEAK, String(Math.round(process.resourceUsage().maxRSS / 1024)));
});
