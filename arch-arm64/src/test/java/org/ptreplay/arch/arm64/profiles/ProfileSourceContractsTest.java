package org.ptreplay.arch.arm64.profiles;

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
    class AppleM3ProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new AppleM3Profile();
        }
    }

    @Nested
    class AppleM2VmProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new AppleM2VmProfile();
        }
    }

    @Nested
    class AmpereAltraProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new AmpereAltraProfile();
        }
    }

    @Nested
    class GenericArm64ProfileContract extends ProfileSourceContractTest {
        @Override
        protected MachineProfileSource source() {
            return new GenericArm64Profile();
        }
    }
}
