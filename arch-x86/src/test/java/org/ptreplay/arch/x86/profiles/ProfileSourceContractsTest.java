package org.ptreplay.arch.x86.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.testkit.contract.ProfileSourceContractTest;

/** Every bundled profile source runs the testkit's contract, one nested class each. */
class ProfileSourceContractsTest {

    @Test
    void everyDeclaredSourceHasAContract() {
        long declared = ProfileSourceContractsTest.class.getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(MachineProfileSource.class.getName()))
                .mapToLong(p -> p.providers().size()).sum();
        assertEquals(declared, Arrays.stream(ProfileSourceContractsTest.class.getDeclaredClasses())
                .filter(ProfileSourceContractTest.class::isAssignableFrom).count());
    }

    @Nested
    class RaptorLakeProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new RaptorLakeProfile();
        }
    }

    @Nested
    class SapphireRapidsProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new SapphireRapidsProfile();
        }
    }

    @Nested
    class Xeon4210rProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new Xeon4210rProfile();
        }
    }

    @Nested
    class GenericX86ProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new GenericX86Profile();
        }
    }
}
