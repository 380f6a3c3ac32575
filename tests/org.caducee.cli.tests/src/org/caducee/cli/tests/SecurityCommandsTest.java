package org.caducee.cli.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caducee.cli.internal.CliRunner;
import org.caducee.security.AccountService;
import org.caducee.security.AccountStatus;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupReport;
import org.caducee.security.backup.BackupService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code account …} and the encrypted {@code db backup|verify|restore}: JSON shapes, refusals and exit codes. */
class SecurityCommandsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private FakeServices services;
    private final List<String> calls = new ArrayList<>();
    private final UserAccount doctor = new UserAccount("jdupont", "Dr Jeanne Dupont", Set.of(Role.MEDECIN), "10101010101", true);

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        AccountService accounts = fake(AccountService.class, (name, args) -> switch (name) {
            case "list" -> List.of(doctor);
            case "status" -> Optional.of(new AccountStatus(doctor, 2, Instant.parse("2099-01-01T00:00:00Z"), false,
                    Instant.parse("2026-01-01T00:00:00Z"), null, true));
            case "policy" -> PasswordPolicySettings.DEFAULTS;
            default -> null;
        });
        BackupService backups = fake(BackupService.class, (name, args) -> {
            if (name.equals("verify")) {
                String passphrase = new String((char[]) args[1]);
                if (!passphrase.equals("la bonne phrase de passe")) {
                    throw new BackupException(BackupException.Reason.WRONG_PASSPHRASE, "Phrase de passe incorrecte : elle n’ouvre pas cette sauvegarde.");
                }
                return new BackupReport((Path) args[0], Instant.parse("2026-11-23T10:00:00Z"), "H2", Map.of("patient", 12L), 1234, "ab".repeat(32));
            }
            return null;
        });
        services = new FakeServices().with(AccountService.class, accounts).with(BackupService.class, backups)
                .with(SessionGuard.class, fake(SessionGuard.class, (name, args) -> null));
    }

    @SuppressWarnings("unchecked")
    private <T> T fake(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            calls.add(method.getName());
            return answer.apply(method.getName(), args == null ? new Object[0] : args);
        });
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CliRunner(services, Duration.ofMillis(200)).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void accountListShowsTheStateOfEachAccountAsTextAndJson() throws Exception {
        Result text = run("account", "list");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("jdupont", "Dr Jeanne Dupont", "verrouillé", "mot de passe à changer", "1 compte(s)");
        JsonNode json = MAPPER.readTree(run("account", "list", "--json").out());
        JsonNode first = json.get("data").get("accounts").get(0);
        assertThat(first.get("login").asText()).isEqualTo("jdupont");
        assertThat(first.get("locked").asBoolean()).isTrue();
        assertThat(first.get("passwordChangeRequired").asBoolean()).isTrue();
        assertThat(first.get("roles").get(0).asText()).isEqualTo("MEDECIN");
        assertThat(json.toString()).doesNotContain("hash").doesNotContain("argon");
    }

    @Test
    void changesWithoutAnAdministratorAreRefusedWithExitCode2_andNothingIsCalled() {
        for (String[] args : List.of(new String[] { "account", "lock", "jdupont" }, new String[] { "account", "unlock", "jdupont" },
                new String[] { "account", "policy", "--set", "minLength=14" })) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("réauthentification d’un administrateur");
        }
        assertThat(calls).doesNotContain("lock", "unlock", "updatePolicy", "requireAdministrator");
    }

    @Test
    void theAdministratorsPasswordIsNeverTakenFromTheCommandLine() {
        Result r = run("account", "lock", "jdupont", "--admin", "admin");
        // no terminal and no CADUCEE_ADMIN_PASSWORD in the test: a clear refusal, not a prompt that hangs
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("CADUCEE_ADMIN_PASSWORD");
        assertThat(calls).doesNotContain("lock");
    }

    @Test
    void restoreNeedsConfirmationAndAnAdministrator() throws Exception {
        Path archive = Files.writeString(dir.resolve("s.cdbk"), "x");
        assertThat(run("db", "restore", archive.toString()).err()).contains("--oui");
        Result r = run("db", "restore", archive.toString(), "--oui");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--admin");
        assertThat(calls).doesNotContain("restore");
    }

    @Test
    void verifyReportsTheArchive_andAWrongPassphraseExitsWith5() throws Exception {
        Path archive = Files.writeString(dir.resolve("s.cdbk"), "x");
        Path good = Files.writeString(dir.resolve("bonne.txt"), "la bonne phrase de passe\n");
        Path bad = Files.writeString(dir.resolve("mauvaise.txt"), "une autre phrase de passe\n");
        Result ok = run("db", "verify", archive.toString(), "--phrase-fichier", good.toString(), "--json");
        assertThat(ok.code()).isZero();
        JsonNode data = MAPPER.readTree(ok.out()).get("data");
        assertThat(data.get("rows").asLong()).isEqualTo(12);
        assertThat(data.get("sha256").asText()).hasSize(64);
        Result refused = run("db", "verify", archive.toString(), "--phrase-fichier", bad.toString());
        assertThat(refused.code()).isEqualTo(5);
        assertThat(refused.err()).contains("Phrase de passe incorrecte");
    }

    @Test
    void aBackupWithoutAnyWayToGiveThePassphraseIsRefusedClearly() {
        Result r = run("db", "backup", dir.resolve("s.cdbk").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("CADUCEE_BACKUP_PASSPHRASE");
    }
}
