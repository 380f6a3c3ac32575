package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Scans every Java source of the bundles for TLS code that accepts everything: trust managers whose check methods
 * neither delegate nor throw, host name verifiers that always answer true, and the usual trust-all helpers.
 */
class NoTrustAllTest {

    private static final Pattern CHECK_SERVER = Pattern.compile("void\\s+checkServerTrusted\\s*\\([^)]*\\)\\s*(throws[^{]*)?\\{");
    private static final Pattern ALWAYS_TRUE_VERIFIER = Pattern.compile(
            "(HostnameVerifier[^;]*\\(\\s*\\w+\\s*,\\s*\\w+\\s*\\)\\s*->\\s*true)|(verify\\s*\\(\\s*String\\s+\\w+\\s*,\\s*SSLSession\\s+\\w+\\s*\\)\\s*\\{\\s*return\\s+true\\s*;)");
    private static final List<String> FORBIDDEN = List.of("InsecureTrustManagerFactory", "TrustAllStrategy", "TrustSelfSignedStrategy",
            "NoopHostnameVerifier", "ALLOW_ALL_HOSTNAME_VERIFIER", "disableHostnameVerification", "jdk.internal.httpclient.disableHostnameVerification");

    @Test
    void noBundleAcceptsEveryCertificateOrEveryHostName() throws IOException {
        Path bundles = bundlesDirectory();
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(bundles)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")).toList()) {
                scanned++;
                String source = Files.readString(file);
                Matcher m = CHECK_SERVER.matcher(source);
                while (m.find()) {
                    String body = body(source, m.end());
                    if (!body.contains("throw") && !body.contains("delegate") && !body.contains(".checkServerTrusted(")) {
                        problems.add(file + " : checkServerTrusted n’effectue aucun contrôle");
                    }
                }
                if (ALWAYS_TRUE_VERIFIER.matcher(source).find()) {
                    problems.add(file + " : vérificateur de nom d’hôte toujours vrai");
                }
                for (String f : FORBIDDEN) {
                    if (source.contains(f)) {
                        problems.add(file + " : " + f);
                    }
                }
            }
        }
        assertThat(scanned).as("sources analysées").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void theScanRecognisesATrustAllManager() {
        String trustAll = "class T implements X509TrustManager { public void checkServerTrusted(X509Certificate[] c, String a) { } }";
        Matcher m = CHECK_SERVER.matcher(trustAll);
        assertThat(m.find()).isTrue();
        assertThat(body(trustAll, m.end())).isBlank();
        assertThat(ALWAYS_TRUE_VERIFIER.matcher("conn.setHostnameVerifier((HostnameVerifier) (h, s) -> true);").find()).isTrue();
    }

    /** The text up to the brace closing the one opened just before {@code start}. */
    private static String body(String source, int start) {
        int depth = 1;
        int i = start;
        while (i < source.length() && depth > 0) {
            char c = source.charAt(i++);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return source.substring(start, Math.max(start, i - 1));
    }

    private static Path bundlesDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("bundles/org.caducee.security"))) {
                return d.resolve("bundles");
            }
        }
        throw new AssertionError("dossier bundles introuvable depuis " + dir);
    }
}
