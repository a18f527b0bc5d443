package org.ptreplay.tools;

import org.ptreplay.tools.compare.CompareText;
import picocli.CommandLine.Option;

/** How many rows the ranked tables of {@code compare} and {@code diff} print. */
final class RankingOptions {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + CompareText.DEFAULT_LIMIT,
            description = "Rows per ranked table (default: ${DEFAULT-VALUE}); --json and --csv have every row.")
    int limit;

    @Option(names = "--all", description = "Every row of the ranked tables.")
    boolean all;

    int limit() {
        if (limit < 1) {
            throw CommandFailure.badUsage("--limit must be at least 1, not " + limit);
        }
        return all ? Integer.MAX_VALUE : limit;
    }
}
