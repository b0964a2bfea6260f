package org.gauzy.bridge.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A flow's recent runs, summed up: the last few, the success rate over 24 hours and 7 days (of the runs
 * that ended), how many failed in a row most recently, and the latest failure. {@code sampled}: more ran in
 * the 7 days than one page of Activepieces holds, so the figures are over the newest {@code runs} only.
 */
record RunSummary(
        List<RunView> lastRuns,
        int runs24h,
        @Nullable Double successRate24h,
        int runs7d,
        @Nullable Double successRate7d,
        int failingStreak,
        @Nullable RunView lastFailure,
        boolean sampled) {

    static final int SHOWN = 10;

    /** {@code runs} newest first, as Activepieces lists them. */
    static RunSummary of(List<RunView> runs, Instant now, boolean sampled) {
        Instant day = now.minus(Duration.ofDays(1));
        Instant week = now.minus(Duration.ofDays(7));
        int streak = 0;
        boolean streakOver = false;
        RunView lastFailure = null;
        int ended24 = 0;
        int ok24 = 0;
        int ended7 = 0;
        int ok7 = 0;
        int all24 = 0;
        int all7 = 0;
        for (RunView run : runs) {
            Instant at = run.created() != null ? run.created() : run.startTime();
            boolean inWeek = at == null || !at.isBefore(week);
            boolean inDay = at == null || !at.isBefore(day);
            if (inWeek) {
                all7++;
            }
            if (inDay) {
                all24++;
            }
            if (!run.finished()) {
                continue;
            }
            if (!run.succeeded() && lastFailure == null) {
                lastFailure = run;
            }
            if (!streakOver) {
                if (run.succeeded()) {
                    streakOver = true;
                } else {
                    streak++;
                }
            }
            if (inWeek) {
                ended7++;
                ok7 += run.succeeded() ? 1 : 0;
            }
            if (inDay) {
                ended24++;
                ok24 += run.succeeded() ? 1 : 0;
            }
        }
        return new RunSummary(
                List.copyOf(runs.subList(0, Math.min(SHOWN, runs.size()))),
                all24,
                ended24 == 0 ? null : (double) ok24 / ended24,
                all7,
                ended7 == 0 ? null : (double) ok7 / ended7,
                streak,
                lastFailure,
                sampled);
    }
}
