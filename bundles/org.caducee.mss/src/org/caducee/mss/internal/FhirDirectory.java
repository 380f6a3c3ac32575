package org.caducee.mss.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.caducee.mss.MssDirectory.Entry;
import org.caducee.mss.MssDirectory.Query;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Annuaire Santé FHIR API client: {@code Practitioner?family=…&given=…&identifier=…&_revinclude=PractitionerRole:practitioner};
 * mailboxes are the {@code telecom} entries of system {@code email} carrying the {@code as-ext-mailbox-mss-metadata}
 * extension. City and postal code filter on the practitioner's address, profession, specialty and organisation on the
 * role. Results are cached for {@link #TTL}. {@link DirectoryService} falls back on the offline extract when it fails.
 */
@Component(service = FhirDirectory.class)
public class FhirDirectory {

    static final String RPPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";
    static final Duration TTL = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MssConnections connections;
    private final Clock clock;
    private final Map<Query, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Instant at, List<Entry> entries) {
    }

    @Activate
    public FhirDirectory(@Reference MssConnections connections) {
        this(connections, Clock.systemUTC());
    }

    public FhirDirectory(MssConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public List<Entry> search(Query q) throws MssException {
        if (blank(q.name()) && blank(q.rpps())) {
            throw new MssException(Kind.INVALID, Messages.get("dir.criteria"));
        }
        Cached c = cache.get(q);
        if (c != null && c.at().plus(TTL).isAfter(clock.instant())) {
            return c.entries();
        }
        URI base = connections.directoryUrl().orElseThrow(() -> new MssException(Kind.CONFIGURATION, Messages.get("dir.noUrl")));
        StringBuilder url = new StringBuilder(base.toString());
        if (url.charAt(url.length() - 1) != '/') {
            url.append('/');
        }
        url.append("Practitioner?_revinclude=PractitionerRole:practitioner");
        param(url, "family", q.name());
        param(url, "given", q.firstName());
        param(url, "identifier", blank(q.rpps()) ? null : RPPS_SYSTEM + "|" + q.rpps().strip());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(20)).header("Accept", "application/fhir+json");
        connections.directoryApiKey().ifPresent(k -> request.header("ESANTE-API-KEY", k));
        HttpResponse<byte[]> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(connections.directorySslContext()).build();
            response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MssException(Kind.CONNECTION, Messages.get("dir.unreachable", base.getHost(), e.getMessage()), e);
        } catch (java.io.IOException e) {
            throw new MssException(Kind.CONNECTION, Messages.get("dir.unreachable", base.getHost(), e.getMessage()), e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new MssException(Kind.AUTHENTICATION, Messages.get("dir.key"));
        }
        if (response.statusCode() != 200) {
            throw new MssException(Kind.CONNECTION, Messages.get("dir.status", response.statusCode()));
        }
        List<Entry> entries;
        try {
            entries = parse(JSON.readTree(response.body()), q);
        } catch (java.io.IOException e) {
            throw new MssException(Kind.INVALID, Messages.get("dir.unreadable", e.getMessage()), e);
        }
        cache.put(q, new Cached(clock.instant(), entries));
        return entries;
    }

    /** Reads a FHIR search Bundle (Practitioner + PractitionerRole). */
    static List<Entry> parse(JsonNode bundle, Query q) {
        Map<String, JsonNode> practitioners = new HashMap<>();
        List<JsonNode> roles = new ArrayList<>();
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            switch (r.path("resourceType").asText()) {
            case "Practitioner" -> practitioners.put("Practitioner/" + r.path("id").asText(), r);
            case "PractitionerRole" -> roles.add(r);
            default -> {
            }
            }
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode role : roles) {
            JsonNode p = practitioners.get(role.path("practitioner").path("reference").asText());
            if (p == null) {
                continue;
            }
            String rpps = null;
            for (JsonNode id : p.path("identifier")) {
                if (RPPS_SYSTEM.equals(id.path("system").asText())) {
                    rpps = id.path("value").asText();
                }
            }
            JsonNode name = p.path("name").path(0);
            String family = name.path("family").asText(null);
            String given = name.path("given").path(0).asText(null);
            JsonNode address = p.path("address").path(0);
            String city = address.path("city").asText(null);
            String postal = address.path("postalCode").asText(null);
            String profession = text(role.path("code").path(0));
            String specialty = text(role.path("specialty").path(0));
            String organisation = role.path("organization").path("display").asText(null);
            for (JsonNode t : role.path("telecom")) {
                if (!"email".equals(t.path("system").asText())) {
                    continue;
                }
                String type = null;
                boolean mss = false;
                for (JsonNode ext : t.path("extension")) {
                    if (ext.path("url").asText().endsWith("as-ext-mailbox-mss-metadata")) {
                        mss = true;
                        for (JsonNode sub : ext.path("extension")) {
                            if ("type".equals(sub.path("url").asText())) {
                                type = sub.path("valueCodeableConcept").path("coding").path(0).path("code").asText(null);
                            }
                        }
                    }
                }
                if (!mss) {
                    continue;
                }
                Entry entry = new Entry(rpps, family, given, profession, specialty, organisation, city, postal, t.path("value").asText(), type);
                if (matches(entry, q)) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    private static boolean matches(Entry e, Query q) {
        return like(e.city(), q.city()) && like(e.postalCode(), q.postalCode()) && (blank(q.mailboxType()) || q.mailboxType().equalsIgnoreCase(e.mailboxType()))
                && within(e.profession(), q.profession()) && within(e.specialty(), q.specialty()) && within(e.organisation(), q.organisation());
    }

    private static boolean within(String value, String wanted) {
        return blank(wanted) || org.caducee.core.text.Names.searchKey(value).contains(org.caducee.core.text.Names.searchKey(wanted));
    }

    private static boolean like(String value, String wanted) {
        return blank(wanted) || (value != null && value.toLowerCase(Locale.FRANCE).startsWith(wanted.strip().toLowerCase(Locale.FRANCE)));
    }

    private static String text(JsonNode concept) {
        String t = concept.path("text").asText(null);
        return t != null ? t : concept.path("coding").path(0).path("display").asText(concept.path("coding").path(0).path("code").asText(null));
    }

    private static void param(StringBuilder url, String name, String value) {
        if (!blank(value)) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** For tests: forget cached answers. */
    void clearCache() {
        cache.clear();
    }

    Optional<Integer> cached() {
        return Optional.of(cache.size());
    }
}
