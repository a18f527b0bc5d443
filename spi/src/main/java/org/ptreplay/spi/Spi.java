package org.ptreplay.spi;

/**
 * The version of the plugin SPI. A provider returns {@link #VERSION} from
 * {@link Provider#spiVersion()}; because it is a compile-time constant, the value is the one the
 * plugin was compiled against, not the one it runs against. A different major version is refused.
 * Minor versions add default methods only, so older plugins keep working.
 */
public final class Spi {
    private Spi() {
    }

    public static final int MAJOR = 1;
    /** 1.1: the change-ptes path (mprotect), its context and the batched modify_prot helpers of ArchMmu. */
    /** 1.2: ArchMmu#pmdpInvalidateAdFlushes, for mprotect's change_huge_pmd. */
    public static final int MINOR = 2;
    /** "MAJOR.MINOR". */
    public static final String VERSION = MAJOR + "." + MINOR;
}
