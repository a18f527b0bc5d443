package org.ptreplay.arch.arm64;

/**
 * Which generation of the arm64 contpte layer is modelled (value of the {@code contpte} option).
 *
 * <p>The generations follow the patch layout of Ryan Roberts' series "Transparent Contiguous PTEs
 * for User Mappings" (v5 cover, Message-ID {@code 20240202080756.1453939-1-ryan.roberts@arm.com};
 * merged as v6 in 6.9), whose benchmark table names the same steps.
 */
enum ContPteMode {
    /**
     * {@code CONFIG_ARM64_CONTPTE=n}: the public pte API is the raw {@code __ptep_*} layer. The
     * CONT bit is never painted, no entry is re-read for a fold/unfold check.
     */
    OFF("off"),
    /**
     * "contpte-basic" (v5 patches 0-19, "Wire up PTE_CONT for user mappings"): {@code ptep_get}
     * gathers the whole block, {@code set_ptes(nr > 1)} paints CONT ({@code contpte_set_ptes}),
     * and every single-entry change to a CONT entry ({@code set_ptes(1)}, {@code ptep_get_and_clear},
     * {@code ptep_set_wrprotect}, {@code ptep_set_access_flags} changing write) unfolds it. The
     * batched helpers did not exist yet, so {@code wrprotect_ptes}, {@code clear_full_ptes} and
     * {@code get_and_clear_full_ptes} are the generic per-entry loops (each first entry of a block
     * unfolds it), and {@code pte_batch_hint} is the generic 1. There is no automatic fold:
     * {@code contpte_try_fold} came with the last patch, "arm64/mm: Automatically fold contpte
     * mappings" (v6 18/18, Message-ID {@code 20240215103205.2607016-19-ryan.roberts@arm.com}).
     */
    BASIC("basic"),
    /**
     * The merged series (6.9+): batched {@code wrprotect_ptes} / {@code [get_and_]clear_full_ptes}
     * that unfold only partially covered end blocks, {@code pte_batch_hint}, and the automatic fold
     * in {@code set_ptes(nr = 1)}.
     */
    BATCHED("batched");

    private final String optionValue;

    ContPteMode(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }
}
