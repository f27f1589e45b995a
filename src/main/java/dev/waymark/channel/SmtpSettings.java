// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * How to reach the SMTP server e-mail is handed to ({@code --smtp-*}).
 *
 * @param tls      {@code NONE}: plain SMTP; {@code STARTTLS}: upgrade with STARTTLS and refuse a server that cannot;
 *                 {@code SMTPS}: TLS from the first byte. TLS servers are checked against the JVM's trust store.
 * @param username with {@code password}, authenticate (AUTH); neither: send without authenticating
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> username, Optional<String> password) {
    public enum Tls {
        NONE(25), STARTTLS(587), SMTPS(465);

        private final int defaultPort;

        Tls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** {@code none}, {@code starttls} or {@code smtps}. */
        public static Tls parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--smtp-tls must be none, starttls or smtps, got '" + text + "'");
            }
        }
    }

    public SmtpSettings {
        requireNonNull(host, "host is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("--smtp-host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--smtp-port must be between 1 and 65535, got " + port);
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("--smtp-username and --smtp-password go together");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", tls=" + tls + username.map(u -> ", user=" + u).orElse("") + "]";
    }
}
