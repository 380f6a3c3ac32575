package org.caducee.sandbox.mss.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.mss.SandboxMssOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A tiny Annuaire Santé FHIR endpoint on loopback (HTTPS, test PKI) serving the demo practitioners and their MSSanté
 * mailboxes: {@code GET /fhir/v2/Practitioner?family=…&given=…&identifier=…}, answered with a searchset Bundle of
 * Practitioner and PractitionerRole resources. Requires the {@code ESANTE-API-KEY} header (any non-empty value).
 */
final class DirectoryEndpoint {

    /** One demo practitioner with one mailbox. */
    record Demo(String id, String rpps, String family, String given, String profession, String specialty, String organisation, String city,
            String postalCode, String mailbox, String type) {
    }

    static final List<Demo> DEMO = List.of(
            new Demo("p1", DemoPractice.DOCTOR_RPPS, DemoPractice.DOCTOR_LAST_NAME, "Sophie", "Médecin", "Médecine générale", DemoPractice.STRUCTURE_NAME,
                    "Paris", "75011", SandboxMssOperator.DOCTOR, "PER"),
            new Demo("p2", DemoPractice.SECOND_DOCTOR_RPPS, "MARTIN", "Jean", "Médecin", "Cardiologie", "CABINET DE CARDIOLOGIE (DEMO)", "Lyon", "69003",
                    SandboxMssOperator.PDF_ONLY_CORRESPONDENT, "PER"),
            new Demo("p3", "10009876543", "BERNARD", "Claire", "Biologiste", "Biologie médicale", "LABORATOIRE DU ROBOT (DEMO)", "Paris", "75012",
                    SandboxMssOperator.ROBOT, "ORG"),
            new Demo("p4", "10008765432", "MARTIN", "Luc", "Infirmier", "Soins infirmiers", "CABINET INFIRMIER (DEMO)", "Marseille", "13001",
                    "luc.martin@" + SandboxMssOperator.DOMAIN, "PER"));

    /** The 31 columns of the ANS extract of MSSanté mailboxes, in their order (ADR 0014). */
    static final List<String> EXTRACT_COLUMNS = List.of("Type de BAL", "Adresse BAL", "Type Identifiant PP", "Identifiant PP",
            "Identification nationale PP", "Type identifiant structure", "Identification Structure", "Service de rattachement", "Civilité d'exercice",
            "Nom d'exercice", "Prénom d'exercice", "Catégorie profession", "Libellé de catégorie profession", "Code Profession", "Libellé Profession",
            "Code savoir-faire", "Libellé savoir-faire", "Dématérialisation", "Raison Sociale structure BAL", "Enseigne commerciale structure BAL",
            "L2COMPLEMENTLOCALISATION", "L3COMPLEMENTDISTRIBUTION", "L4NUMEROVOIE", "L4COMPLEMENTNUMEROVOIE", "NL4TYPEVOIE", "L4LIBELLEVOIE",
            "L5LIEUDITMENTION", "L6LIGNEACHEMINEMENT", "Code postal", "Département", "Pays");

    /**
     * Writes the demo mailboxes as the ANS public extract ({@code Extraction_Correspondance_MSSante_AAAAMMJJhhmm.txt},
     * UTF-8, {@code |}) in {@code dir}, replacing an earlier one; returns the file.
     */
    static java.nio.file.Path writeExtract(java.nio.file.Path dir, java.time.LocalDateTime now) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        try (var old = java.nio.file.Files.newDirectoryStream(dir, "Extraction_Correspondance_MSSante_*.txt")) {
            for (java.nio.file.Path p : old) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
        StringBuilder out = new StringBuilder(String.join("|", EXTRACT_COLUMNS)).append('\n');
        for (Demo d : DEMO) {
            String[] f = new String[EXTRACT_COLUMNS.size()];
            java.util.Arrays.fill(f, "");
            f[0] = d.type();
            f[1] = d.mailbox();
            f[2] = "8";
            f[3] = d.rpps();
            f[4] = "8" + d.rpps();
            f[9] = d.family();
            f[10] = d.given();
            f[14] = d.profession();
            f[16] = d.specialty();
            f[18] = d.organisation();
            f[27] = d.postalCode() + " " + d.city().toUpperCase(Locale.FRANCE);
            f[28] = d.postalCode();
            f[29] = d.postalCode().substring(0, 2);
            f[30] = "FRANCE";
            out.append(String.join("|", f)).append('\n');
        }
        java.nio.file.Path file = dir.resolve("Extraction_Correspondance_MSSante_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm").format(now)
                + ".txt");
        java.nio.file.Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private HttpsServer server;
    private ExecutorService executor;

    URI start(InetSocketAddress address, SSLContext ssl) throws IOException {
        server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/fhir/v2/Practitioner", this::practitioners);
        server.start();
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/fhir/v2/");
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void practitioners(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("ESANTE-API-KEY");
            if (key == null || key.isBlank()) {
                send(exchange, 401, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"security\"}]}");
                return;
            }
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            StringBuilder entries = new StringBuilder();
            for (Demo d : DEMO) {
                if (!starts(d.family(), q.get("family")) || !starts(d.given(), q.get("given"))) {
                    continue;
                }
                String identifier = q.get("identifier");
                if (identifier != null && !identifier.endsWith("|" + d.rpps()) && !identifier.equals(d.rpps())) {
                    continue;
                }
                if (!entries.isEmpty()) {
                    entries.append(',');
                }
                entries.append(practitioner(d)).append(',').append(role(d));
            }
            send(exchange, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + entries + "]}");
        }
    }

    private static String practitioner(Demo d) {
        return "{\"resource\":{\"resourceType\":\"Practitioner\",\"id\":\"" + d.id() + "\",\"identifier\":[{\"system\":\"urn:oid:1.2.250.1.71.4.2.1\",\"value\":\""
                + d.rpps() + "\"}],\"name\":[{\"family\":\"" + d.family() + "\",\"given\":[\"" + d.given() + "\"]}],\"address\":[{\"city\":\"" + d.city()
                + "\",\"postalCode\":\"" + d.postalCode() + "\"}]}}";
    }

    private static String role(Demo d) {
        return "{\"resource\":{\"resourceType\":\"PractitionerRole\",\"id\":\"r" + d.id() + "\",\"practitioner\":{\"reference\":\"Practitioner/" + d.id()
                + "\"},\"organization\":{\"display\":\"" + d.organisation() + "\"},\"code\":[{\"text\":\"" + d.profession() + "\"}],\"specialty\":[{\"text\":\""
                + d.specialty() + "\"}],\"telecom\":[{\"system\":\"email\",\"value\":\"" + d.mailbox()
                + "\",\"extension\":[{\"url\":\"https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata\","
                + "\"extension\":[{\"url\":\"type\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL\",\"code\":\""
                + d.type() + "\"}]}},{\"url\":\"listeRouge\",\"valueBoolean\":false}]}]}]}}";
    }

    private static boolean starts(String value, String wanted) {
        return wanted == null || value.toLowerCase(Locale.FRANCE).startsWith(wanted.toLowerCase(Locale.FRANCE));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            if (i > 0) {
                m.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
