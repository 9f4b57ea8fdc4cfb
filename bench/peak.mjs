// Preloaded into the measured dbalign process: reports its peak memory (MB) and CPU time (ms) on exit.
import fs from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.DBALIGN_BENCH_PEAK, `${Math.round(u.maxRSS / 1024)} ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}`);
});
