// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Golden files for wire output, with volatile values replaced by placeholders. Regenerate with
 * {@code mvn verify -Dgolden.update=true} (never edit a golden file by hand).
 */
public final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final Map<Pattern, String> VOLATILE = new LinkedHashMap<>();

    static {
        VOLATILE.put(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), "<time>");
        VOLATILE.put(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>");
        VOLATILE.put(Pattern.compile("(AKIA|ASIA)[A-Z2-7]{16}"), "<access-key>");
        VOLATILE.put(Pattern.compile("(AIDA|AROA)[A-Z2-7]{17}"), "<unique-id>");
        VOLATILE.put(Pattern.compile("[0-9a-f]{32}"), "<id>");
        VOLATILE.put(Pattern.compile("(?<![0-9])\\d{12}(?![0-9])"), "<account>");
    }

    private Golden() {
    }

    /** Normalises volatile values and compares with (or, when updating, writes) the golden file. */
    public static void assertMatches(String name, JsonNode actual, Map<String, String> replacements) throws IOException {
        compare(name + ".json", MAPPER.writeValueAsString(actual), replacements);
    }

    /** The same for wire text that is not JSON (an S3 XML document); {@code name} includes the extension. */
    public static void assertMatchesText(String name, String actual, Map<String, String> replacements) throws IOException {
        compare(name, actual, replacements);
    }

    private static void compare(String fileName, String actual, Map<String, String> replacements) throws IOException {
        String text = actual;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        for (Map.Entry<Pattern, String> entry : VOLATILE.entrySet()) {
            text = entry.getKey().matcher(text).replaceAll(entry.getValue());
        }
        Path file = ROOT.resolve(fileName);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n");
            return;
        }
        assertEquals(Files.readString(file).trim(), text.trim(), "golden file " + file);
    }
}
