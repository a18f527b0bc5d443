package org.ptreplay.spi;

/**
 * Which page-table levels {@code move_page_tables} may relink instead of moving PTEs
 * (move_normal_pmd: x86 5.0, arm64 5.10; move_normal_pud: 5.11; docs/kernel-model.md §2.2–2.3).
 */
public non-sealed interface PgtableMoveStrategy extends Strategy {

    @Override
    default KernelPath path() {
        return KernelPath.PGTABLE_MOVE;
    }

    /** CONFIG_HAVE_MOVE_PMD. */
    boolean movePmd();

    /** CONFIG_HAVE_MOVE_PUD. */
    boolean movePud();
}
