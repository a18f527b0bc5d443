package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptreplay.tools.ReplayCommandTest.at;
import static org.ptreplay.tools.ReplayCommandTest.json;
import static org.ptreplay.tools.ReplayCommandTest.ok;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The files replay and compare write for other viewers: --folded-dir and --svg. */
class ExportFilesTest {

    @Test
    void foldedDirHasOneFilePerCellWithoutTheCellFrame(@TempDir Path dir) throws IOException {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path out = dir.resolve("folded");
        String json = ok("replay", trace.toString(), "--arch", "x86,arm64:contpte=off", "--strategy", "linux-6.16,linux-6.17-rc1",
                "--folded-dir", out.toString(), "--json").out();
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("01-x86_linux-6.16_generic-x86.folded", "02-x86_linux-6.17-rc1_generic-x86.folded",
                "03-arm64_contpte=off_linux-6.16_generic-arm64.folded", "04-arm64_contpte=off_linux-6.17-rc1_generic-arm64.folded"), names);
        for (int cell = 0; cell < 4; cell++) {
            List<String> lines = Files.readAllLines(out.resolve(names.get(cell)));
            long sum = 0;
            for (String line : lines) {
                // syscall;frame;... weight: the first frame is the syscall kind, not the cell.
                assertTrue(line.matches("(mmap|munmap|mremap|fault|user|exit)(;[^ ;]+)* [1-9][0-9]*"), line);
                sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
            long total = (Long) at(json(json), "cells", cell, "totals", "sim_ns");
            assertTrue(Math.abs(sum - total) <= lines.size() / 2 + 1, sum + " vs " + total);
        }
        assertTrue(Files.readString(out.resolve(names.get(1))).contains("\nmremap;move_page_tables;move_ptes;mremap_folio_pte_batch;vm_normal_folio "));
        assertTrue(!Files.readString(out.resolve(names.get(0))).contains("mremap_folio_pte_batch"), "6.16 has no folio batch in move_ptes");
    }

    @Test
    void theSvgIsWellFormedXmlWithAGraphPerCellAndDifferentialColoursWithABaseline(@TempDir Path dir) throws Exception {
        Path trace = Traces.write(dir.resolve("move1m.ptrace"), Traces.move1m());
        Path plain = dir.resolve("plain.svg");
        Path diff = dir.resolve("diff.svg");
        Path again = dir.resolve("again.svg");
        ok("replay", trace.toString(), "--strategy", "linux-6.16,linux-6.17-rc1", "--svg", plain.toString());
        ok("replay", trace.toString(), "--baseline", "linux-6.16", "--strategy", "linux-6.17-rc1", "--svg", diff.toString());
        ok("compare", trace.toString(), "--baseline", "linux-6.16", "--strategy", "linux-6.17-rc1", "--svg", again.toString());
        assertArrayEquals(Files.readAllBytes(diff), Files.readAllBytes(again), "the same tree, the same bytes");

        Document plainDoc = parse(plain);
        Element root = plainDoc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        NodeList graphs = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(2, graphs.getLength(), "one nested graph per cell");
        // mremap_folio_pte_batch exists in 6.17-rc1 only. Without --baseline: its name colour, a warm flamegraph.pl hue.
        Element batch = frame(plainDoc, "mremap_folio_pte_batch");
        int nameColour = Integer.parseInt(batch.getAttribute("fill").substring(1), 16);
        assertTrue((nameColour >> 16) >= 205, batch.getAttribute("fill"));

        // With a baseline it is filled by its change: red, as it grew from nothing.
        Document diffDoc = parse(diff);
        Element grown = frame(diffDoc, "mremap_folio_pte_batch");
        int rgb = Integer.parseInt(grown.getAttribute("fill").substring(1), 16);
        assertTrue(rgb != nameColour && (rgb >> 16) > (rgb & 0xff) && ((rgb >> 8) & 0xff) < 255, "red, not blue or white: " + grown.getAttribute("fill"));
        assertTrue(!grown.hasAttribute("data-diff-fill"));
        assertTrue(diffDoc.getDocumentElement().getTextContent().contains("linux-6.17-rc1 vs linux-6.16: red grew, blue shrank"));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The rectangle of the first frame named so. */
    private static Element frame(Document doc, String name) {
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-name"))) {
                return (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
            }
        }
        throw new AssertionError("no frame " + name);
    }
}
