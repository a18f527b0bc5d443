package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile-file} on replay and compare: a user's profile becomes a cell under its own name. */
class ProfileFileTest {

    /** The bundled generic-x86 profile, read from its module's sources, renamed. */
    static String genericX86(String name) throws IOException {
        Path bundled = Path.of(System.getProperty("basedir", "."))
                .resolve("../arch-x86/src/main/resources/org/ptreplay/arch/x86/profiles/generic-x86.txtpb").normalize();
        return Files.readString(bundled).replace("name: \"generic-x86\"", "name: \"" + name + "\"");
    }

    @Test
    void aProfileFileIsACellNamedByItsFileBesideABundledProfile(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path mine = Files.writeString(dir.resolve("mine.txtpb"), genericX86("my-box"));
        Cli.Run r = Cli.run("replay", trace.toString(), "--profile", "raptor-lake", "--profile-file", mine.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Object doc = ReplayCommandTest.json(r.out());
        assertEquals("x86/linux-6.17/raptor-lake", ReplayCommandTest.at(doc, "cells", 0, "label"));
        assertEquals("x86/linux-6.17/my-box", ReplayCommandTest.at(doc, "cells", 1, "label"));
        // The same numbers as generic-x86 give the same time: the file is priced like a bundled profile.
        Cli.Run generic = Cli.run("replay", trace.toString(), "--json");
        assertEquals(ReplayCommandTest.at(ReplayCommandTest.json(generic.out()), "cells", 0, "totals", "sim_ps"),
                ReplayCommandTest.at(doc, "cells", 1, "totals", "sim_ps"));
        Cli.Run compare = Cli.run("compare", trace.toString(), "--baseline", "linux-6.16", "--strategy", "linux-6.17",
                "--profile-file", mine.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("my-box"), compare.out());
    }

    @Test
    void aBadFieldIsOneSentenceNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        String text = genericX86("my-box").replaceFirst("xchg_ns \\{ value: ([0-9.]+) source: \"[^\"]*\" }", "xchg_ns { value: $1 }");
        Path bad = Files.writeString(dir.resolve("bad.txtpb"), text);
        int line = 1 + (int) text.substring(0, text.indexOf("xchg_ns {")).chars().filter(c -> c == '\n').count();
        Cli.Run r = Cli.run("replay", trace.toString(), "--profile-file", bad.toString());
        assertEquals(1, r.code());
        assertEquals("ptreplay: Profile file " + bad + ": line " + line + ": the number ops.xchg_ns has no source.\n", r.err());
    }

    @Test
    void aNameClashOrAnArchNotReplayedIsAUsageError(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path clash = Files.writeString(dir.resolve("clash.txtpb"), genericX86("raptor-lake"));
        Cli.Run r = Cli.run("replay", trace.toString(), "--profile", "raptor-lake", "--profile-file", clash.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("names its profile raptor-lake, as another profile of this replay does"), r.err());
        Path x86 = Files.writeString(dir.resolve("x86.txtpb"), genericX86("my-box"));
        Cli.Run arm = Cli.run("replay", trace.toString(), "--arch", "arm64", "--profile-file", x86.toString());
        assertEquals(2, arm.code());
        assertTrue(arm.err().contains("for arch x86, which is not replayed"), arm.err());
    }
}
