// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Raw settings from the command line ({@code --name=value}) and the environment ({@code WAYMARK_NAME}); the command
 * line wins. Only the bootstrap reads the environment; everything else receives typed configuration.
 */
public final class Settings {
    private final Map<String, String> flags;
    private final Map<String, String> environment;
    private final List<String> positional;

    private Settings(Map<String, String> flags, Map<String, String> environment, List<String> positional) {
        this.flags = flags;
        this.environment = environment;
        this.positional = positional;
    }

    /** Parses arguments; {@link IllegalArgumentException} for anything that is not {@code --name=value} or a word. */
    public static Settings parse(List<String> args, Map<String, String> environment) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> positional = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                flags.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
            } else {
                positional.add(arg);
            }
        }
        return new Settings(flags, environment, List.copyOf(positional));
    }

    public Optional<String> get(String name) {
        String flag = flags.get(name);
        if (flag != null) {
            return Optional.of(flag);
        }
        return Optional.ofNullable(environment.get(environmentName(name)));
    }

    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }

    public Map<String, String> flags() {
        return flags;
    }

    static String environmentName(String name) {
        return "WAYMARK_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
