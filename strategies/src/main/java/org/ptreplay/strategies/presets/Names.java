package org.ptreplay.strategies.presets;

/**
 * Strategy names the releases choose. The {@code per-pte} and {@code none} strategies are the
 * reference ones of the core module; the others live in this module.
 */
final class Names {
    private Names() {
    }

    static final String MOVE_PER_PTE = "move-ptes/per-pte";
    static final String MOVE_FOLIO_BATCH = "move-ptes/folio-batch";
    static final String MOVE_HINT_BATCH = "move-ptes/hint-batch";
    static final String PGTABLE_NONE = "pgtable-move/none";
    static final String PGTABLE_PMD = "pgtable-move/pmd";
    static final String PGTABLE_PMD_PUD = "pgtable-move/pmd+pud";
    static final String COPY_PER_PTE = "copy-ptes/per-pte";
    static final String COPY_FOLIO_BATCH = "copy-ptes/folio-batch";
    static final String ZAP_PER_PTE = "zap-ptes/per-pte";
    static final String ZAP_FOLIO_BATCH = "zap-ptes/folio-batch";
    static final String CHANGE_PER_PTE = "change-ptes/per-pte";
    static final String CHANGE_FOLIO_BATCH = "change-ptes/folio-batch";
}
