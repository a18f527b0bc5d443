package org.ptreplay.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The primitive set behind the queue against {@link HashSet}, through growth and deletions. */
class DeferredSplitQueueTest {

    @Test
    void agreesWithAHashSetOverRandomAddsAndRemoves() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            DeferredSplitQueue queue = new DeferredSplitQueue();
            Set<Long> reference = new HashSet<>();
            // A few hundred heads, 512 pfns apart as order-9 folios are, so probe runs collide.
            int range = 50 + r.nextInt(400);
            for (int step = 0; step < 5000; step++) {
                long head = 512L * r.nextInt(range);
                switch (r.nextInt(3)) {
                    case 0 -> assertEquals(reference.add(head), queue.add(head), "add " + head + " at " + step);
                    case 1 -> assertEquals(reference.remove(head), queue.remove(head), "remove " + head + " at " + step);
                    default -> assertEquals(reference.contains(head), queue.contains(head), "contains " + head);
                }
            }
            for (long i = 0; i < range; i++) {
                assertEquals(reference.contains(512 * i), queue.contains(512 * i), "seed " + seed + ", head " + 512 * i);
            }
        }
    }
}
