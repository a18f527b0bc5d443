package org.ptreplay.strategies.presets;

import java.util.Map;

/**
 * The arch options that follow from the kernel version. Every release sets each of them
 * explicitly, so a preset means the same whatever the arch modules' defaults are. Hardware
 * features (arm64 {@code tlbirange}, {@code kpti}, {@code granule}) are the machine's, not the
 * kernel's, and are left to the user.
 */
final class ArchOptions {
    private ArchOptions() {
    }

    /** Before 6.15 x86 has no INVLPGB broadcast flushes. */
    static final Map<String, String> X86_IPI = Map.of("invlpgb", "off");
    /**
     * 6.15+: multi-threaded mms get a global ASID and INVLPGB replaces shootdown IPIs on CPUs
     * that have it (4afeb0ed1753).
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
     * 6.17: contpte_ptep_get stops once young and dirty are seen (093ae7a033cf); contpte_convert
     * elides the TLBI on BBML2 CPUs without conflict aborts (83bbd6be7d17).
     */
    static final Map<String, String> ARM64_CONTPTE_6_17 = Map.of(
            "contpte", "batched", "contpte-early-exit", "on", "bbml2", "on");
}
