// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code waymark} command line: {@code serve} runs the server; the other commands administer identities in
 * the data directory's store (they may run while the server runs). Every command takes {@code --help}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("waymark: " + e.getMessage());
            return 2;
        }
        List<String> words = settings.positional();
        if (words.isEmpty()) {
            usage(out);
            return settings.has("help") ? 0 : 2;
        }
        try {
            return switch (words.get(0)) {
                case "serve" -> Serve.run(settings, out);
                case "account", "user", "key", "role", "policy", "mfa", "identities", "organization", "outbox" ->
                        AdminCommands.run(settings, out);
                case "events" -> EventsCommand.run(settings, out, err);
                case "validate-logs" -> ValidateLogsCommand.run(settings, out, err);
                case "help" -> {
                    usage(out);
                    yield 0;
                }
                default -> {
                    err.println("waymark: unknown command '" + words.get(0) + "'");
                    usage(err);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("waymark: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("waymark: " + e);
            return 1;
        }
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: waymark <command> [--name=value ...]

                Commands:
                  serve                     run the server (waymark serve --help for its settings)
                  account create|list       accounts
                  user create               IAM users
                  key create|deactivate     access keys of the root or of a user
                  role create               roles with a trust policy
                  policy put                attach an inline identity policy to a user or role
                  mfa create                a virtual MFA device (TOTP) for a user or the root
                  identities apply          apply an identities file (see README)
                  organization create|add-account   group accounts under a management account (organization trails)
                  events export             download event history as CSV or JSON
                  validate-logs             check a trail's digest and log files (embedded bucket store)
                  outbox list               messages accepted for delivery (e-mail, voice calls, events) and their state

                Every setting may also be given as an environment variable WAYMARK_<NAME>, e.g.
                WAYMARK_DATA_DIR for --data-dir. Add --help to any command for its options.""");
    }
}
