package org.ptreplay.strategies.presets;

import java.util.Map;

/**
 * The arch options that follow from the kernel version. Every release sets each of them
 * explicitly, so a preset means the same whatever the arch modules' defaults are.
 *
 * <p>A value here is what the <em>kernel</em> supports, not what the machine does: {@code
 * invlpgb=on} and {@code bbml2=on} mean "the kernel uses the feature if the CPU has it". The
 * replay engine ANDs them with the machine profile's {@code cpu_features} (INVLPGB exists on AMD
 * Zen 3 and later only; BBML2 without conflict aborts only on the CPUs of the kernel's allow-list),
 * so {@code linux-6.17} on an Intel profile runs with {@code invlpgb=off}. Pure hardware options
 * (arm64 {@code tlbirange}, {@code kpti}, {@code granule}) are not set here: {@code tlbirange}
 * comes from the profile, the others from the arch defaults or the user.
 */
final class ArchOptions {
    private ArchOptions() {
    }

    /** Before 6.15 x86 has no INVLPGB broadcast flushes. */
    static final Map<String, String> X86_IPI = Map.of("invlpgb", "off");
    /**
     * 6.15+: the kernel can use INVLPGB (4afeb0ed1753): multi-threaded mms get a global ASID and
     * broadcast invalidation replaces shootdown IPIs, on CPUs that have the instruction.
     */
    static final Map<String, String> X86_INVLPGB = Map.of("invlpgb", "on");

    /** Before 6.9 arm64 user mappings are never CONT. */
    static final Map<String, String> ARM64_NO_CONTPTE = Map.of(
            "contpte", "off", "contpte-early-exit", "off", "bbml2", "off");
    /**
     * 6.9: transparent contpte with the batched helpers (Ryan Roberts' series, cover
     * Message-ID 20240202080756.1453939-1-ryan.roberts@arm.com); contpte_ptep_get reads the
     * whole block; contpte_convert always issues its TLBI.
     */
    static final Map<String, String> ARM64_CONTPTE = Map.of(
            "contpte", "batched", "contpte-early-exit", "off", "bbml2", "off");
    /**
     * 6.17: contpte_ptep_get stops once young and dirty are seen (093ae7a033cf); the kernel can
     * elide contpte_convert's TLBI (83bbd6be7d17), which it does on CPUs with BBML2 without
     * conflict aborts.
     */
    static final Map<String, String> ARM64_CONTPTE_6_17 = Map.of(
            "contpte", "batched", "contpte-early-exit", "on", "bbml2", "on");
}
