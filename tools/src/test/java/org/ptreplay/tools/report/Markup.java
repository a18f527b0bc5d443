package org.ptreplay.tools.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict nesting check for the page: every element the report writes is closed explicitly
 * (HTML's optional end tags are not used), except HTML's void elements; SVG elements may close
 * themselves. Script and style bodies are skipped. HTML is not XML, so this is the stand-in for
 * an XML parse: it catches an unclosed, stray or crossed tag anywhere in the page.
 */
final class Markup {

    private static final Set<String> VOID = Set.of("meta", "link", "br", "wbr", "img", "input", "hr");
    private static final Pattern TAG = Pattern.compile(
            "<(script|style)>.*?</\\1>|<!DOCTYPE html>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>", Pattern.DOTALL);

    private Markup() {
    }

    /** Throws AssertionError describing the first nesting fault; returns the number of elements. */
    static int checkBalanced(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(html);
        int elements = 0;
        int at = 0;
        while (m.find()) {
            String between = html.substring(at, m.start());
            if (between.indexOf('<') >= 0 || between.indexOf('>') >= 0) {
                throw new AssertionError("raw < or > in text before offset " + m.start() + ": " + between);
            }
            at = m.end();
            if (m.group(1) != null) {
                elements++;
            }
            if (m.group(3) == null) {
                continue;
            }
            String name = m.group(3).toLowerCase();
            if (!m.group(2).isEmpty()) {
                String expected = open.poll();
                if (!name.equals(expected)) {
                    throw new AssertionError("</" + name + "> at offset " + m.start() + " closes <" + expected + ">");
                }
            } else {
                elements++;
                if (m.group(5).isEmpty() && !VOID.contains(name)) {
                    open.push(name);
                }
            }
        }
        if (!open.isEmpty()) {
            throw new AssertionError("unclosed: " + open);
        }
        return elements;
    }
}
