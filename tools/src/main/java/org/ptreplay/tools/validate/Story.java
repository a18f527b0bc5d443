package org.ptreplay.tools.validate;

import java.util.List;

/**
 * One headline result of {@code ptreplay demo}: a title and the validation cases that tell it,
 * so the demo shows the validated numbers and nothing defined twice.
 */
public record Story(String title, List<String> cases) {
    public Story {
        cases = List.copyOf(cases);
        for (String name : cases) {
            if (Cases.named(name).isEmpty()) {
                throw new IllegalArgumentException("story '" + title + "' names no case " + name);
            }
        }
    }

    /** The demo's three stories (issue #6). */
    public static List<Story> headlines() {
        return List.of(
                new Story("The x86 bigheap regression of 6.17-rc1 (one struct page read per moved PTE) and its fix",
                        List.of(Cases.LORENZO, Cases.LKP)),
                new Story("The arm64 64K-folio mremap speed-up of 6.17", List.of(Cases.JAIN)),
                new Story("Moving page tables instead of PTEs in mremap", List.of(Cases.JOEL, Cases.KALESH_ARM64_PMD)));
    }
}
