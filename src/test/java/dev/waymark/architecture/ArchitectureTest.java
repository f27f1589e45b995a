// SPDX-License-Identifier: Apache-2.0
package dev.waymark.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, checked on the sources: services know core, store and channel only (never
 * HTTP types, protocol or server); protocol knows core only; core knows store only; store knows nothing of
 * Waymark. Every package says what it is for in a package-info.java.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/waymark");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?(dev\\.waymark\\.[a-z0-9]+|org\\.eclipse\\.jetty)",
            Pattern.MULTILINE);
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("store", Set.of()),
            Map.entry("core", Set.of("store")),
            Map.entry("protocol", Set.of("core")),
            Map.entry("iam", Set.of("core", "store")),
            Map.entry("audit", Set.of("core", "store")),
            Map.entry("pinpoint", Set.of("core", "store", "channel")),
            Map.entry("s3", Set.of("core", "store")),
            Map.entry("sns", Set.of("core", "store")),
            Map.entry("trail", Set.of("core", "store", "audit", "s3", "sns")),
            Map.entry("channel", Set.of("core", "store")),
            // Pinpoint Email's SendEmail renders Pinpoint's message templates (its public EmailTemplates facade).
            Map.entry("email", Set.of("core", "store", "channel", "sns", "pinpoint")),
            Map.entry("smsvoice", Set.of("core", "store", "channel", "sns")));

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> rule : ALLOWED.entrySet()) {
            Path dir = SOURCES.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = IMPORT.matcher(Files.readString(file));
                    while (matcher.find()) {
                        String target = matcher.group(2);
                        String name = target.startsWith("org.eclipse.jetty") ? "jetty" : target.substring("dev.waymark.".length());
                        if (!name.equals(rule.getKey()) && !rule.getValue().contains(name)) {
                            violations.add(SOURCES.relativize(file) + " imports " + target);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> files = Files.list(dir)) {
                    hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasJava && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(SOURCES.relativize(dir).toString());
                }
            }
        }
        assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
    }
}
