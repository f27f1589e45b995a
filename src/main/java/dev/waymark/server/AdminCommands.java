// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.SecretBox;
import dev.waymark.iam.Identities.AccessKey;
import dev.waymark.iam.IdentityFile;
import dev.waymark.iam.IdentityStore;
import dev.waymark.iam.Ids;
import dev.waymark.iam.Totp;
import dev.waymark.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The identity administration commands. They open the data directory's store directly. */
final class AdminCommands {
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("account create", "--name=NAME [--id=123456789012]   creates an account and a root access key"),
            Map.entry("account list", "                                  lists accounts"),
            Map.entry("user create", "--account=ID --name=NAME [--path=/]  creates an IAM user"),
            Map.entry("key create", "--account=ID [--user=NAME]        creates an access key for the root or a user"),
            Map.entry("key deactivate", "--access-key-id=AKIA...          deactivates an access key"),
            Map.entry("role create", "--account=ID --name=NAME --trust-policy=JSON|@FILE [--max-session-duration=3600]"),
            Map.entry("policy put", "--account=ID (--user=NAME|--role=NAME) --name=POLICY --document=JSON|@FILE"),
            Map.entry("mfa create", "--account=ID [--user=NAME] --serial=SERIAL  creates a virtual MFA device; prints its seed"),
            Map.entry("identities apply", "--file=FILE                      applies an identities file"),
            Map.entry("organization create", "--management-account=ID [--id=o-...]  creates an organization; prints its id"),
            Map.entry("organization add-account", "--id=o-... --account=ID     makes an account a member of an organization"),
            Map.entry("outbox list", "[--account=ID] [--kind=email|voice|sms|push|event] [--limit=50]  lists the outbox, "
                    + "newest first"));

    private AdminCommands() {
    }

    static int run(Settings settings, PrintStream out) throws Exception {
        List<String> words = settings.positional();
        String command = words.size() < 2 ? words.get(0) : words.get(0) + " " + words.get(1);
        if (!HELP.containsKey(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "'; try waymark --help");
        }
        if (settings.has("help")) {
            out.println("Usage: waymark " + command + " " + HELP.get(command) + " [--data-dir=DIR]");
            return 0;
        }
        Path dataDir = Path.of(settings.get("data-dir", "data"));
        try (Store store = WaymarkServer.openStore(ServerConfig.from(settings))) {
            IdentityStore identities = new IdentityStore(SecretBox.fromKeyFile(dataDir.resolve("master.key")));
            long now = System.currentTimeMillis();
            store.write(tx -> {
                switch (command) {
                    case "account create" -> {
                        String id = settings.get("id", Ids.accountId());
                        if (!Ids.isAccountId(id)) {
                            throw new IllegalArgumentException("--id must be 12 digits");
                        }
                        identities.createAccount(tx, id, required(settings, "name"), now);
                        printKey(out, identities.createAccessKey(tx, id, "ROOT", "", now));
                    }
                    case "account list" -> identities.accounts(tx).forEach(a -> out.println(a.id() + "\t" + a.name()));
                    case "user create" -> out.println(identities.createUser(tx, required(settings, "account"),
                            required(settings, "name"), settings.get("path", "/"), now).arn());
                    case "key create" -> printKey(out, identities.createAccessKey(tx, required(settings, "account"),
                            settings.get("user").isPresent() ? "USER" : "ROOT", settings.get("user", ""), now));
                    case "key deactivate" -> identities.setAccessKeyStatus(tx, required(settings, "access-key-id"), "Inactive");
                    case "role create" -> out.println(identities.createRole(tx, required(settings, "account"),
                            required(settings, "name"), document(required(settings, "trust-policy")),
                            Long.parseLong(settings.get("max-session-duration", "3600")), now).arn());
                    case "policy put" -> identities.putPolicy(tx, subject(settings), required(settings, "name"),
                            document(required(settings, "document")));
                    case "mfa create" -> {
                        String seed = Totp.newSeed();
                        identities.createMfaDevice(tx, required(settings, "account"), settings.get("user", ""),
                                required(settings, "serial"), seed);
                        out.println(seed);
                    }
                    case "organization create" -> {
                        String id = settings.get("id", Ids.organizationId());
                        identities.createOrganization(tx, id, required(settings, "management-account"), now);
                        out.println(id);
                    }
                    case "organization add-account" -> identities.addToOrganization(tx, required(settings, "id"),
                            required(settings, "account"));
                    case "outbox list" -> dev.waymark.channel.OutboxListing.print(tx, settings.get("account"),
                            settings.get("kind"), Integer.parseInt(settings.get("limit", "50")), out);
                    case "identities apply" -> new IdentityFile(identities).apply(tx,
                            IdentityFile.read(Path.of(required(settings, "file"))), now);
                    default -> throw new IllegalArgumentException("unknown command " + command);
                }
                return null;
            });
        }
        return 0;
    }

    private static void printKey(PrintStream out, AccessKey key) {
        out.println("account\t" + key.accountId());
        out.println("aws_access_key_id\t" + key.accessKeyId());
        out.println("aws_secret_access_key\t" + key.secret());
    }

    private static PolicySubject subject(Settings settings) {
        String account = required(settings, "account");
        if (settings.get("user").isPresent()) {
            return new PolicySubject(PolicySubject.Kind.USER, account, settings.get("user").get());
        }
        return new PolicySubject(PolicySubject.Kind.ROLE, account, required(settings, "role"));
    }

    private static String document(String value) throws IOException {
        return value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
    }

    private static String required(Settings settings, String name) {
        return settings.get(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }
}
