package org.caducee.mss.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.net.ssl.SSLContext;

import org.caducee.mss.MssAccount;
import org.caducee.mss.MssAccount.AuthMethod;
import org.caducee.mss.MssAccount.TransportSecurity;
import org.caducee.security.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Operator discovery from a mailbox address: Mozilla autoconfig ({@code config-v1.1.xml}) over HTTPS, then DNS SRV
 * records (RFC 6186 / 8314) through JNDI DNS. Plain-text servers are ignored.
 */
public final class AutoConfigurator {

    private static final long MAX_XML = 256 * 1024;

    /** SRV lookup, replaceable in tests: name → records "prio weight port target". */
    private final Function<String, List<String>> srv;

    public AutoConfigurator(Function<String, List<String>> srv) {
        this.srv = srv == null ? AutoConfigurator::srvRecords : srv;
    }

    /** A server found by discovery. */
    record Server(String host, int port, TransportSecurity security) {
    }

    public Optional<MssAccount> discover(String address, AuthMethod auth, String explicitUrl, TlsMaterial tls) {
        String domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        List<String> urls = new ArrayList<>();
        if (explicitUrl != null) {
            urls.add(explicitUrl);
        }
        String q = "?emailaddress=" + URLEncoder.encode(address, StandardCharsets.UTF_8);
        urls.add("https://autoconfig." + domain + "/mail/config-v1.1.xml" + q);
        urls.add("https://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml" + q);
        for (String url : urls) {
            Optional<MssAccount> found = fromAutoconfig(address, auth, url, url.equals(explicitUrl) ? tls : null);
            if (found.isPresent()) {
                return found;
            }
        }
        return fromSrv(address, auth, domain);
    }

    Optional<MssAccount> fromAutoconfig(String address, AuthMethod auth, String url, TlsMaterial tls) {
        try {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) {
                SSLContext context = tls.context(false);
                b.sslContext(context);
            }
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                return Optional.empty();
            }
            HttpResponse<byte[]> r = b.build().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length > MAX_XML) {
                return Optional.empty();
            }
            return parse(address, auth, r.body());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Reads a Mozilla autoconfig document (through the hardened XML parser). */
    public static Optional<MssAccount> parse(String address, AuthMethod auth, byte[] xml) {
        Document doc = SecureXml.parse(new ByteArrayInputStream(xml));
        Server imap = best(doc.getElementsByTagName("incomingServer"), "imap", address);
        Server smtp = best(doc.getElementsByTagName("outgoingServer"), "smtp", address);
        if (imap == null || smtp == null) {
            return Optional.empty();
        }
        // one security mode per account: STARTTLS only when both servers offer nothing better
        TransportSecurity security = imap.security() == TransportSecurity.IMPLICIT_TLS && smtp.security() == TransportSecurity.IMPLICIT_TLS
                ? TransportSecurity.IMPLICIT_TLS
                : TransportSecurity.STARTTLS;
        if (security == TransportSecurity.STARTTLS && (imap.security() != security || smtp.security() != security)) {
            // mixed: keep each server's port but the account mode must match both; prefer the IMAP server's mode
            security = imap.security();
        }
        return Optional.of(new MssAccount(address, imap.host(), imap.port(), smtp.host(), smtp.port(), security, auth));
    }

    private static Server best(NodeList servers, String type, String address) {
        Server best = null;
        for (int i = 0; i < servers.getLength(); i++) {
            Element e = (Element) servers.item(i);
            if (!type.equalsIgnoreCase(e.getAttribute("type"))) {
                continue;
            }
            String host = text(e, "hostname");
            String port = text(e, "port");
            String socket = text(e, "socketType");
            if (host == null || port == null || socket == null) {
                continue;
            }
            TransportSecurity s = switch (socket.toUpperCase(Locale.ROOT)) {
            case "SSL", "TLS" -> TransportSecurity.IMPLICIT_TLS;
            case "STARTTLS" -> TransportSecurity.STARTTLS;
            default -> null;
            };
            if (s == null) {
                continue;
            }
            Server server = new Server(host.replace("%EMAILDOMAIN%", address.substring(address.indexOf('@') + 1)), Integer.parseInt(port.trim()), s);
            if (best == null || (best.security() == TransportSecurity.STARTTLS && s == TransportSecurity.IMPLICIT_TLS)) {
                best = server;
            }
        }
        return best;
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    Optional<MssAccount> fromSrv(String address, AuthMethod auth, String domain) {
        Server imap = srvServer("_imaps._tcp." + domain, TransportSecurity.IMPLICIT_TLS);
        Server imapStart = srvServer("_imap._tcp." + domain, TransportSecurity.STARTTLS);
        Server smtp = srvServer("_submissions._tcp." + domain, TransportSecurity.IMPLICIT_TLS);
        Server smtpStart = srvServer("_submission._tcp." + domain, TransportSecurity.STARTTLS);
        if (imap != null && smtp != null) {
            return Optional.of(new MssAccount(address, imap.host(), imap.port(), smtp.host(), smtp.port(), TransportSecurity.IMPLICIT_TLS, auth));
        }
        if (imapStart != null && smtpStart != null) {
            return Optional.of(new MssAccount(address, imapStart.host(), imapStart.port(), smtpStart.host(), smtpStart.port(),
                    TransportSecurity.STARTTLS, auth));
        }
        return Optional.empty();
    }

    private Server srvServer(String name, TransportSecurity security) {
        Server best = null;
        int bestPriority = Integer.MAX_VALUE;
        for (String record : srv.apply(name)) {
            String[] f = record.trim().split("\\s+");
            if (f.length != 4) {
                continue;
            }
            String target = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
            int port = Integer.parseInt(f[2]);
            if (target.isEmpty() || port == 0) {
                continue; // "." = service not offered (RFC 2782)
            }
            int priority = Integer.parseInt(f[0]);
            if (priority < bestPriority) {
                bestPriority = priority;
                best = new Server(target, port, security);
            }
        }
        return best;
    }

    static List<String> srvRecords(String name) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            env.put("com.sun.jndi.dns.timeout.initial", "2000");
            env.put("com.sun.jndi.dns.timeout.retries", "1");
            DirContext ctx = new InitialDirContext(env);
            try {
                Attributes attrs = ctx.getAttributes(name, new String[] { "SRV" });
                Attribute a = attrs.get("SRV");
                List<String> out = new ArrayList<>();
                if (a != null) {
                    for (int i = 0; i < a.size(); i++) {
                        out.add(String.valueOf(a.get(i)));
                    }
                }
                return out;
            } finally {
                ctx.close();
            }
        } catch (Exception e) {
            return List.of();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
