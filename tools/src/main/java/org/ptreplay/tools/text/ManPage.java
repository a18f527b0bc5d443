package org.ptreplay.tools.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's man page in troff's man macros, made from picocli's model of the command (the same
 * descriptions, defaults and synopsis as {@code --help}), so it can never say something else.
 *
 * <p>Why not picocli-codegen's {@code ManPageGenerator}: it writes AsciiDoc, which needs
 * asciidoctor to become a page {@code man} can show; troff needs nothing but {@code man} itself.
 */
public final class ManPage {

    private final CommandSpec spec;
    private final Help help;
    private final String version;
    private final StringBuilder out = new StringBuilder();

    private ManPage(CommandSpec spec, String version) {
        this.spec = spec;
        this.help = new Help(spec, Help.defaultColorScheme(Ansi.OFF));
        this.version = version;
    }

    /** The page's file name, as {@code man} looks it up: {@code ptreplay-replay.1}. */
    public static String fileName(CommandSpec spec) {
        return name(spec) + ".1";
    }

    /**
     * The page of one command. Render with a wide usage-help width: troff fills the lines itself,
     * and picocli's own wrapping would put hard breaks into the paragraphs.
     */
    public static String of(CommandSpec spec, String version) {
        return new ManPage(spec, version).render();
    }

    /** {@code ptreplay replay} → {@code ptreplay-replay}: the page name of a subcommand. */
    private static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private String render() {
        String name = name(spec);
        line(".TH \"" + escape(name.toUpperCase(Locale.ROOT)) + "\" 1 \"\" \"ptreplay " + escape(version)
                + "\" \"ptreplay Manual\"");
        // Left-aligned, never hyphenated: option names and file names must survive copy and paste.
        line(".ad l");
        line(".nh");
        line(".SH NAME");
        line(escape(name) + " \\- " + escape(summary(spec)));
        line(".SH SYNOPSIS");
        text(help.synopsis(0).strip());
        line(".SH DESCRIPTION");
        text(help.description());
        options();
        commands();
        String footer = help.footer();
        if (!footer.isBlank()) {
            line(".SH NOTES");
            text(help.footerHeading().strip());
            preformatted(footer.stripTrailing());
        }
        line(".SH SEE ALSO");
        List<String> seeAlso = new ArrayList<>();
        if (spec.parent() != null) {
            seeAlso.add(name(spec.parent()));
        }
        distinctSubcommands(spec).forEach(sub -> seeAlso.add(name(sub)));
        text(String.join(", ", seeAlso.stream().map(n -> n + "(1)").toList())
                + (seeAlso.isEmpty() ? "" : "; ") + "docs/cli.md in the ptreplay repository.");
        return out.toString();
    }

    private void options() {
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden())
                // As --help sorts them: by the shortest name, dashes ignored.
                .sorted(Comparator.comparing((OptionSpec o) -> o.shortestName().replaceFirst("^-+", "")
                        .toLowerCase(Locale.ROOT)))
                .toList();
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (options.isEmpty() && positionals.isEmpty()) {
            return;
        }
        line(".SH OPTIONS");
        for (PositionalParamSpec p : positionals) {
            line(".TP");
            line("\\fI" + escape(p.paramLabel()) + "\\fR");
            text(description(p));
        }
        for (OptionSpec o : options) {
            line(".TP");
            String label = o.typeInfo().isBoolean() && o.arity().max() == 0 ? ""
                    : help.createDefaultParamLabelRenderer().renderParameterLabel(o, Ansi.OFF, List.of()).toString();
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add("\\fB" + escape(n) + "\\fR");
            }
            line(String.join(", ", names) + (label.isEmpty() ? "" : "\\fI" + escape(label) + "\\fR"));
            text(description(o));
        }
    }

    private void commands() {
        List<CommandSpec> subs = distinctSubcommands(spec);
        if (subs.isEmpty()) {
            return;
        }
        line(".SH COMMANDS");
        for (CommandSpec sub : subs) {
            line(".TP");
            line("\\fB" + escape(sub.name()) + "\\fR");
            text(summary(sub) + " See " + name(sub) + "(1).");
        }
    }

    /** Each subcommand once (an alias maps to the same spec), hidden ones left out. */
    public static List<CommandSpec> distinctSubcommands(CommandSpec spec) {
        return spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(s -> !s.usageMessage().hidden()).toList();
    }

    private static String description(ArgSpec arg) {
        // Rendered by picocli: defaults substituted, %n turned into line breaks.
        return String.join("\n", arg.description());
    }

    /** The first sentence of the description: the line {@code whatis} and {@code apropos} show. */
    private static String summary(CommandSpec spec) {
        String first = new Help(spec, Help.defaultColorScheme(Ansi.OFF)).description().strip().split("\n\n|\n ", 2)[0]
                .replace('\n', ' ');
        int end = first.indexOf(". ");
        // A closing colon or full stop goes; an ellipsis stays.
        return end < 0 ? first.replaceFirst("(?<!\\.)[.:]$", "") : first.substring(0, end);
    }

    /**
     * Lines of text: runs of plain lines become filled paragraphs, an empty line starts a new
     * paragraph, and indented lines (shell commands, tables) keep their layout.
     */
    private void text(String text) {
        boolean verbatim = false;
        for (String l : text.strip().split("\n", -1)) {
            if (l.isBlank()) {
                if (verbatim) {
                    line(".fi");
                    verbatim = false;
                }
                line(".PP");
            } else if (l.startsWith(" ")) {
                if (!verbatim) {
                    line(".nf");
                    verbatim = true;
                }
                line(escape(l));
            } else {
                if (verbatim) {
                    line(".fi");
                    verbatim = false;
                }
                line(escape(l));
            }
        }
        if (verbatim) {
            line(".fi");
        }
    }

    private void preformatted(String text) {
        line(".nf");
        for (String l : text.split("\n", -1)) {
            line(escape(l));
        }
        line(".fi");
    }

    /**
     * troff's special characters: the escape character, minus signs, control lines, and anything
     * outside ASCII as a {@code \[uXXXX]} escape (troff reads its input as Latin-1 unless a
     * preprocessor converts it).
     */
    static String escape(String s) {
        StringBuilder e = new StringBuilder(s.length() + 8);
        if (s.startsWith(".") || s.startsWith("'")) {
            e.append("\\&");
        }
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                e.append("\\e");
            } else if (c == '-') {
                e.append("\\-");
            } else if (c > 0x7e) {
                e.append(String.format(Locale.ROOT, "\\[u%04X]", c));
            } else {
                e.appendCodePoint(c);
            }
        });
        return e.toString();
    }

    private void line(String l) {
        out.append(l).append('\n');
    }
}
