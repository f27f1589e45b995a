// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code waymark} command line, run from the built jar as a user runs it. */
public final class WaymarkCommand {
    private WaymarkCommand() {
    }

    /** What the command printed and how it ended. */
    public record Result(int exit, String out, String err) {
        /** The tab-separated rows after the header line. */
        public List<String[]> rows() {
            return out.lines().skip(1).map(line -> line.split("\t", -1)).toList();
        }
    }

    public static Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar",
                System.getProperty("waymark.jar", "target/waymark.jar")));
        command.addAll(dev.waymark.testing.TestDatabase.commandLine(List.of(arguments)));
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("waymark " + String.join(" ", arguments) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
