/**
 * The ptreplay test kit (issue 14), in the manner of Lucene's test-framework: what a strategy or
 * profile-source author needs at test scope and nothing of the simulator. {@code testkit} holds
 * the fake page-table contexts ({@code FakeMoveContext}, {@code FakeCopyContext},
 * {@code FakeZapContext} over {@code FakePteOps}) and the text-fixture loader;
 * {@code testkit.contract} the abstract suites every provider runs. Open, so that JUnit can run
 * the inherited test methods reflectively whatever path it is on.
 */
open module org.ptreplay.testkit {
    requires transitive org.ptreplay.spi;
    requires transitive org.junit.jupiter.api;

    exports org.ptreplay.testkit;
    exports org.ptreplay.testkit.contract;
}
