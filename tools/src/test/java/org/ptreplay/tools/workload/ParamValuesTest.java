package org.ptreplay.tools.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.OptionSpec;

class ParamValuesTest {
    private static final List<Param> PARAMS = List.of(
            Param.size("size", "1M", 4096, 1L << 30, 4096, "bytes"),
            Param.count("iterations", "10", 1, 100, "loops"),
            Param.choice("align", "pmd", List.of("pud", "pmd", "unaligned"), "alignment"));

    private static String error(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> ParamValues.check("demo", PARAMS, given)).getMessage();
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        ParamValues v = ParamValues.check("demo", PARAMS, Map.of("size", "2M"));
        assertEquals(2L << 20, v.get("size"));
        assertEquals(10, v.get("iterations"));
        assertEquals("pmd", v.choice("align"));
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        assertEquals("unknown parameter 'itertions' for demo (did you mean 'iterations'?); parameters: align, iterations, size.",
                error(Map.of("itertions", "3")));
    }

    @Test
    void badUnitSaysHowToWriteASize() {
        assertEquals("size=1Q is not a size; write a whole number with an optional unit K, M, G or T (1024-based), e.g. 1G.",
                error(Map.of("size", "1Q")));
    }

    @Test
    void outOfRangeGivesTheRange() {
        assertEquals("size=2G is out of range for demo; allowed: 4K to 1G.", error(Map.of("size", "2G")));
        assertEquals("iterations=0 is out of range for demo; allowed: 1 to 100.", error(Map.of("iterations", "0")));
    }

    @Test
    void sizesMustBeWholePages() {
        assertEquals("size=5000 is not a multiple of 4K, the base page size of the generated traces.",
                error(Map.of("size", "5000")));
    }

    @Test
    void countsAreWholeNumbers() {
        assertEquals("iterations=1e3 is not a whole number.", error(Map.of("iterations", "1e3")));
    }

    @Test
    void choicesListWhatIsAllowed() {
        assertEquals("align=pmx is not a value demo allows (did you mean 'pmd'?); allowed: pud, pmd, unaligned.",
                error(Map.of("align", "pmx")));
    }

    @Test
    void theSpiListingCarriesTheLimits() {
        assertEquals(new OptionSpec("size", "1M", List.of(), "bytes (4K to 1G, a multiple of 4K)"), PARAMS.get(0).spec());
        assertEquals(new OptionSpec("align", "pmd", List.of("pud", "pmd", "unaligned"), "alignment"), PARAMS.get(2).spec());
    }
}
