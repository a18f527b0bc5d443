package org.ptreplay.core.profile;

import com.google.protobuf.TextFormat;
import com.google.protobuf.TextFormatParseInfoTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.spi.MachineProfileSource;

/**
 * Loads machine profiles: from a user's file ({@code --profile-file}) or from a bundled
 * {@link MachineProfileSource}. Every failure is one {@link InvalidProfileException} sentence that
 * names the profile and, where it has one, the line.
 */
public final class MachineProfiles {
    /** A profile is a page of text; anything larger is not one (and is not read into memory). */
    static final int MAX_BYTES = 1 << 20;
    /** TextFormat prefixes its messages with "line:column:"; the sentence carries the line itself. */
    private static final Pattern POSITION = Pattern.compile("^\\d+:\\d+:\\s*");

    private MachineProfiles() {
    }

    /** Reads and validates the profile file {@code file}. */
    public static MachineProfile parse(Path file) throws InvalidProfileException {
        String origin = "Profile file " + file;
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidProfileException(sentence(origin, 0, "it is larger than " + MAX_BYTES + " bytes"), 0);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidProfileException(sentence(origin, 0, "it cannot be read (" + describe(e) + ")"), 0);
        }
        return parse(bytes, origin);
    }

    /** Reads and validates the profile a provider bundles, and checks it is the one the provider names. */
    public static MachineProfile load(MachineProfileSource source) throws InvalidProfileException {
        String origin = "Bundled profile " + source.name();
        byte[] bytes;
        try (InputStream in = source.open()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidProfileException(sentence(origin, 0, "it cannot be read (" + describe(e) + ")"), 0);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidProfileException(sentence(origin, 0, "it is larger than " + MAX_BYTES + " bytes"), 0);
        }
        MachineProfile profile = parse(bytes, origin);
        if (!profile.name().equals(source.name()) || !profile.arch().equals(source.arch())) {
            throw new InvalidProfileException(sentence(origin, 0, "it describes " + profile.name() + " (" + profile.arch()
                    + ") but its provider announces " + source.name() + " (" + source.arch() + ")"), 0);
        }
        return profile;
    }

    /** Parses and validates profile text; {@code origin} starts every error sentence, e.g. "Profile file x". */
    public static MachineProfile parse(String text, String origin) throws InvalidProfileException {
        TextFormatParseInfoTree.Builder info = TextFormatParseInfoTree.builder();
        TextFormat.Parser parser = TextFormat.Parser.newBuilder()
                .setParseInfoTreeBuilder(info)
                .setSingularOverwritePolicy(TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
                .build();
        Profile.Builder builder = Profile.newBuilder();
        try {
            parser.merge(text, builder);
        } catch (TextFormat.ParseException e) {
            String problem = oneLine(e.getMessage());
            throw new InvalidProfileException(sentence(origin, e.getLine(), "column " + e.getColumn() + ": " + problem), e.getLine());
        }
        Profile profile = builder.build();
        new ProfileValidator(origin).validate(profile, info.build());
        return new MachineProfile(profile, origin);
    }

    private static MachineProfile parse(byte[] bytes, String origin) throws InvalidProfileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProfileException(sentence(origin, 0, "it is not UTF-8 text"), 0);
        }
        return parse(text, origin);
    }

    /**
     * TextFormat lists unknown fields on extra "line:column:\tname" lines; the sentence keeps the
     * first position only and names the fields inline.
     */
    private static String oneLine(String message) {
        String[] lines = message.split("\n");
        StringBuilder out = new StringBuilder(POSITION.matcher(lines[0]).replaceFirst(""));
        for (int i = 1; i < lines.length; i++) {
            out.append(i == 1 ? " " : ", ").append(POSITION.matcher(lines[i]).replaceFirst("").strip());
        }
        return out.toString();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** "{origin}: line {n}: {problem}." — without the line part when {@code line} is 0. */
    static String sentence(String origin, int line, String problem) {
        String text = line > 0 ? origin + ": line " + line + ": " + problem : origin + ": " + problem;
        return text.endsWith(".") ? text : text + ".";
    }
}
