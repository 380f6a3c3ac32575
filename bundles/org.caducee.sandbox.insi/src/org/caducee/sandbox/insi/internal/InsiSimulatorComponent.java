package org.caducee.sandbox.insi.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import org.caducee.core.identity.Ins;
import org.caducee.core.installation.Installation;
import org.caducee.ins.insi.InsiAuthentication;
import org.caducee.ins.insi.InsiAuthentications;
import org.caducee.ins.insi.InsiSettings;
import org.caducee.ins.insi.InsiSettingsSource;
import org.caducee.ins.qualification.ApcvIdentity;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.caducee.sandbox.insi.InsiSimulatorControl;
import org.caducee.security.xml.SecureXml;
import org.caducee.security.xml.XmlRejectedException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The local INSi simulator: one HTTPS endpoint on loopback ({@code /lps}) speaking the CNAM SOAP 1.2 contract. It
 * validates requests against the CNAM XSDs (read at run time), checks the software authorisation number, the caller
 * (organisation certificate in mutual TLS, or an Assertion PS signed by a PS card of the test PKI), searches its
 * persons and answers 00/01/02 with the INS history, or a SOAP fault. While it runs it also gives the INSi client
 * its settings (higher-ranked {@link InsiSettingsSource}): the sandbox needs no configuration.
 */
@Component(service = { Simulator.class, InsiSimulatorControl.class, InsiSettingsSource.class }, property = Constants.SERVICE_RANKING + ":Integer=100")
public final class InsiSimulatorComponent implements Simulator, InsiSimulatorControl, InsiSettingsSource {

    private static final System.Logger LOG = System.getLogger(InsiSimulatorComponent.class.getName());
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String WSA = "http://www.w3.org/2005/08/addressing";
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String CTXLPS = "urn:siram:lps:ctxlps";
    private static final String CTXBAM = "urn:siram:bam:ctxbam";
    private static final String REC_SANS = "http://www.cnamts.fr/INSiRecSans";
    private static final String REC_VIT = "http://www.cnamts.fr/INSiRecVit";
    private static final String ACTION_VITALE = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";
    private static final String ACTION_TRAITS = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    private static final int MAX_REQUEST = 64 * 1024;

    private final Installation installation;
    private final InsiPersons persons = new InsiPersons();
    private final AtomicInteger requests = new AtomicInteger();

    private volatile Failure failure = Failure.NONE;
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration clientTimeout = Duration.ofSeconds(20);
    private volatile String clientMode = "cps";
    private volatile String clientIdam = SANDBOX_IDAM;
    private volatile Schema schema;
    private volatile String schemaProblem;

    private HttpsServer server;
    private ExecutorService executor;
    private SimulatorContext context;
    private volatile URI endpoint;
    private volatile CachedSettings cached;

    private record CachedSettings(String key, InsiSettings settings) {
    }

    @Activate
    public InsiSimulatorComponent(@Reference Installation installation) {
        this.installation = installation;
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public String name() {
        return "insi";
    }

    @Override
    public String description() {
        return Messages.get("description");
    }

    @Override
    public synchronized URI start(SimulatorContext ctx) throws Exception {
        this.context = ctx;
        loadSchemas();
        listen(ctx.port());
        return endpoint;
    }

    private void listen(int port) throws IOException {
        SSLContext tls = context.pki().serverSslContext();
        server = HttpsServer.create(new InetSocketAddress(context.address(), port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setWantClientAuth(true);
                if (failure == Failure.TLS_REFUSAL) {
                    p.setProtocols(new String[] { "TLSv1" });
                }
                params.setSSLParameters(p);
            }
        });
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "caducee-sandbox-insi");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/lps", this::handle);
        server.start();
        int bound = server.getAddress().getPort();
        endpoint = URI.create("https://localhost:" + bound + "/lps");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public Optional<URI> endpoint() {
        return server == null ? Optional.empty() : Optional.ofNullable(endpoint);
    }

    @Override
    public synchronized void available(boolean available) throws Exception {
        if (context == null) {
            throw new IllegalStateException("simulator not started");
        }
        if (!available) {
            stop();
        } else if (server == null) {
            listen(endpoint.getPort());
        }
    }

    // ---- control

    @Override
    public void failure(Failure f) {
        failure = f == null ? Failure.NONE : f;
    }

    @Override
    public void latency(Duration d) {
        latency = d == null ? Duration.ZERO : d;
    }

    @Override
    public void clientTimeout(Duration timeout) {
        clientTimeout = timeout;
        cached = null;
    }

    @Override
    public void clientMode(String mode) {
        clientMode = mode;
        cached = null;
    }

    @Override
    public void clientIdam(String idam) {
        clientIdam = idam;
        cached = null;
    }

    @Override
    public int requests() {
        return requests.get();
    }

    @Override
    public boolean validatesRequests() {
        return schema != null;
    }

    @Override
    public Optional<ApcvIdentity> apcv(String nir) {
        return persons.byNir(nir).map(p -> new ApcvIdentity(p.traits(), p.ins(), "sandbox"));
    }

    @Override
    public void reset() {
        failure = Failure.NONE;
        latency = Duration.ZERO;
        clientTimeout = Duration.ofSeconds(20);
        clientMode = "cps";
        clientIdam = SANDBOX_IDAM;
        cached = null;
    }

    // ---- settings for the sandbox client

    @Override
    public Optional<InsiSettings> settings() {
        URI url = endpoint;
        SimulatorContext ctx = context;
        if (url == null || ctx == null) {
            return Optional.empty();
        }
        String key = url + "|" + clientMode + "|" + clientIdam + "|" + clientTimeout;
        CachedSettings c = cached;
        if (c != null && c.key().equals(key)) {
            return Optional.of(c.settings());
        }
        SandboxPki pki = ctx.pki();
        char[] password = pki.keyStorePassword().toCharArray();
        InsiAuthentication auth;
        if ("organisation".equals(clientMode)) {
            auth = InsiAuthentications.organisation(pki.keyStore(Credential.ORGANISATION_AUTH), password, Credential.ORGANISATION_AUTH.alias(),
                    pki.trustStore());
        } else {
            auth = InsiAuthentications.card(pki.keyStore(Credential.CARD_AUTH), password, Credential.CARD_AUTH.alias(),
                    Credential.CARD_SIGN.alias(), pki.trustStore(), "8" + DemoPractice.DOCTOR_RPPS, "123456789", "SA07");
        }
        InsiSettings s = new InsiSettings(url, clientIdam, "urn:lps:caducee:0.1.0", "0.1.0", "bac-a-sable", auth, clientTimeout,
                InsiSettings.DEFAULT_MAX_RESPONSE_BYTES);
        cached = new CachedSettings(key, s);
        return Optional.of(s);
    }

    // ---- schemas

    private void loadSchemas() {
        Path dir = installation.setting("ins.insi.xsd.dir").map(Path::of).orElseGet(() -> {
            String shared = System.getProperty("caducee.shared");
            return shared == null ? installation.dataDir().resolve("ref/insi/src/wsdl/xsd") : Path.of(shared, "ref/insi/src/wsdl/xsd");
        });
        List<Path> files = List.of(dir.resolve("ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd"), dir.resolve("ServiceIdentiteCertifiee/INSi_RECVITALE_INS.xsd"),
                dir.resolve("CTX/ROOT_ctxbam_CTXBAM_V01_02.xsd"), dir.resolve("CTX/ROOT_ctxlps_CTXLPS_V01_00.xsd"));
        if (!files.stream().allMatch(Files::isRegularFile)) {
            schemaProblem = Messages.get("xsd.missing", dir);
            LOG.log(System.Logger.Level.WARNING, schemaProblem);
            return;
        }
        try {
            List<StreamSource> sources = new ArrayList<>();
            for (Path f : files) {
                sources.add(new StreamSource(f.toFile()));
            }
            schema = SecureXml.schemaFactory("file").newSchema(sources.toArray(new StreamSource[0]));
            LOG.log(System.Logger.Level.INFO, Messages.get("xsd.loaded", dir));
        } catch (Exception e) {
            schemaProblem = Messages.get("xsd.missing", dir + " : " + e.getMessage());
            LOG.log(System.Logger.Level.WARNING, schemaProblem);
        }
    }

    // ---- the endpoint

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] request = exchange.getRequestBody().readNBytes(MAX_REQUEST + 1);
            if (!latency.isZero()) {
                sleep(latency);
            }
            Failure f = failure;
            if (f != Failure.NONE) {
                // no keep-alive while failures are injected: the next request opens a new connection (and handshake)
                exchange.getResponseHeaders().set("Connection", "close");
            }
            switch (f) {
                case TLS_REFUSAL -> {
                    // reached only on a connection opened before the refusal was injected
                    send(exchange, 503, "text/plain", "TLS");
                    return;
                }
                case TIMEOUT -> {
                    sleep(clientTimeout.plusSeconds(2));
                    send(exchange, 200, "application/soap+xml", "");
                    return;
                }
                case HTTP_500 -> {
                    send(exchange, 500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");
                    return;
                }
                case MALFORMED -> {
                    send(exchange, 200, "application/soap+xml",
                            "<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body><RESULTAT xmlns=\"http://www.cnamts.fr/INSiResultat\"><CR><CodeCR>00");
                    return;
                }
                case HUGE -> {
                    huge(exchange);
                    return;
                }
                case XXE -> {
                    send(exchange, 200, "application/soap+xml", "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body><RESULTAT xmlns=\"http://www.cnamts.fr/INSiResultat\">"
                            + "<CR><CodeCR>01</CodeCR><LibelleCR>&x;</LibelleCR></CR></RESULTAT></soap:Body></soap:Envelope>");
                    return;
                }
                default -> {
                }
            }
            if (request.length > MAX_REQUEST) {
                fault(exchange, "desir_580", Messages.get("fault.tooLarge"));
                return;
            }
            answer(exchange, request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "INSi simulator: " + e, e);
        }
    }

    private void answer(HttpExchange exchange, byte[] request) throws IOException {
        Document doc;
        try {
            doc = SecureXml.parse(new ByteArrayInputStream(request));
        } catch (XmlRejectedException e) {
            fault(exchange, "desir_580", Messages.get("fault.xml", e.getMessage()));
            return;
        }
        Element env = doc.getDocumentElement();
        Element header = child(env, SOAP12, "Header");
        Element body = child(env, SOAP12, "Body");
        if (header == null || body == null) {
            fault(exchange, "desir_580", Messages.get("fault.xml", "Header/Body"));
            return;
        }
        Element payload = firstElement(body);
        Element bam = child(header, CTXBAM, "ContexteBAM");
        Element lps = child(header, CTXLPS, "ContexteLPS");
        Schema s = schema;
        if (s != null) {
            try {
                var validator = s.newValidator();
                for (Element e : new Element[] { bam, lps, payload }) {
                    if (e == null) {
                        throw new org.xml.sax.SAXException("ContexteBAM, ContexteLPS et corps requis");
                    }
                    validator.validate(new DOMSource(e));
                }
            } catch (org.xml.sax.SAXException e) {
                fault(exchange, "desir_580", Messages.get("fault.schema", e.getMessage()));
                return;
            }
        }
        String idam = text(child(lps, CTXLPS, "LPS"), CTXLPS, "IDAM");
        if (!SANDBOX_IDAM.equals(idam)) {
            fault(exchange, "desir_550", Messages.get("fault.idam"));
            return;
        }
        String problem = authenticate(exchange, header);
        if (problem != null) {
            fault(exchange, "desir_570", Messages.get("fault.assertion", problem));
            return;
        }
        String action = text(header, WSA, "Action");
        List<InsiPersons.Person> found;
        if (ACTION_TRAITS.equals(action) && payload != null && REC_SANS.equals(payload.getNamespaceURI())) {
            List<String> firstNames = new ArrayList<>();
            for (Node n = payload.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "Prenom".equals(e.getLocalName())) {
                    firstNames.add(e.getTextContent().trim());
                }
            }
            found = persons.byTraits(text(payload, REC_SANS, "NomNaissance"), firstNames, text(payload, REC_SANS, "Sexe"),
                    text(payload, REC_SANS, "DateNaissance"), text(payload, REC_SANS, "LieuNaissance"));
        } else if (ACTION_VITALE.equals(action) && payload != null && REC_VIT.equals(payload.getNamespaceURI())) {
            found = persons.byVitale(text(child(payload, REC_VIT, "MatriculeIndividu"), REC_VIT, "NumIdentifiant"),
                    text(payload, REC_VIT, "NomNaissance"), text(payload, REC_VIT, "DateNaissance"));
        } else {
            fault(exchange, "desir_580", Messages.get("fault.action", action));
            return;
        }
        send(exchange, 200, "application/soap+xml; charset=utf-8", result(found));
    }

    /** Null when the caller is acceptable, else why not. */
    private String authenticate(HttpExchange exchange, Element header) {
        SandboxPki pki = context.pki();
        if (exchange instanceof HttpsExchange https) {
            try {
                Certificate[] peer = https.getSSLSession().getPeerCertificates();
                if (peer.length > 0 && peer[0] instanceof X509Certificate c
                        && c.getIssuerX500Principal().equals(pki.organisationsCaCertificate().getSubjectX500Principal())) {
                    return null;
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: the assertion must authenticate
            }
        }
        Element security = child(header, WSSE, "Security");
        Element assertion = security == null ? null : child(security, SAML, "Assertion");
        if (assertion == null) {
            return Messages.get("assertion.absent");
        }
        Element sig = child(assertion, XMLSignature.XMLNS, "Signature");
        if (sig == null) {
            return Messages.get("assertion.noSignature");
        }
        try {
            assertion.setIdAttribute("ID", true);
            X509Certificate cert = certificate(sig);
            if (cert == null) {
                return Messages.get("assertion.badSignature");
            }
            try {
                cert.verify(pki.personnesCaCertificate().getPublicKey());
                cert.checkValidity();
            } catch (Exception e) {
                return Messages.get("assertion.untrusted");
            }
            DOMValidateContext vc = new DOMValidateContext(cert.getPublicKey(), sig);
            vc.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(vc);
            boolean refOk = signature.getSignedInfo().getReferences().size() == 1
                    && ("#" + assertion.getAttribute("ID")).equals(((javax.xml.crypto.dsig.Reference) signature.getSignedInfo().getReferences().get(0)).getURI());
            if (!refOk) {
                return Messages.get("assertion.reference");
            }
            return signature.validate(vc) ? null : Messages.get("assertion.badSignature");
        } catch (Exception e) {
            return Messages.get("assertion.badSignature") + " (" + e.getMessage() + ")";
        }
    }

    private static X509Certificate certificate(Element sig) throws Exception {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Element ki = child(sig, XMLSignature.XMLNS, "KeyInfo");
        if (ki == null) {
            return null;
        }
        KeyInfo keyInfo = f.getKeyInfoFactory().unmarshalKeyInfo(new javax.xml.crypto.dom.DOMStructure(ki));
        for (Object o : keyInfo.getContent()) {
            if (o instanceof X509Data data) {
                for (Object c : data.getContent()) {
                    if (c instanceof X509Certificate x) {
                        return x;
                    }
                }
            }
        }
        return null;
    }

    private static String result(List<InsiPersons.Person> found) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body>"
                + "<RESULTAT xmlns:ns3=\"http://www.cnamts.fr/INSiRecVit\" xmlns:ns2=\"http://www.cnamts.fr/INSiRecSans\" xmlns=\"http://www.cnamts.fr/INSiResultat\">");
        if (found.isEmpty()) {
            b.append("<CR><CodeCR>01</CodeCR><LibelleCR>Aucune identite trouvee</LibelleCR></CR>");
        } else if (found.size() > 1) {
            b.append("<CR><CodeCR>02</CodeCR><LibelleCR>Plusieurs identites trouvees</LibelleCR></CR>");
        } else {
            InsiPersons.Person p = found.get(0);
            b.append("<CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR><INDIVIDU>");
            ins(b, "INSACTIF", p.ins());
            if (!p.history().isEmpty()) {
                ins(b, "INSHISTO", p.ins());
                p.history().forEach(h -> ins(b, "INSHISTO", h));
            }
            var t = p.traits();
            b.append("<TIQ><NomNaissance>").append(t.birthName()).append("</NomNaissance><Prenom>").append(t.firstBirthFirstName())
                    .append("</Prenom><ListePrenom>").append(t.firstNamesList()).append("</ListePrenom><Sexe>").append(t.sex().code())
                    .append("</Sexe><DateNaissance>").append(t.birthDate()).append("</DateNaissance>");
            if (t.birthplaceCode() != null) {
                b.append("<LieuNaissance>").append(t.birthplaceCode()).append("</LieuNaissance>");
            }
            b.append("</TIQ></INDIVIDU>");
        }
        return b.append("</RESULTAT></soap:Body></soap:Envelope>").toString();
    }

    private static void ins(StringBuilder b, String element, Ins ins) {
        b.append('<').append(element).append("><IdIndividu><NumIdentifiant>").append(ins.number()).append("</NumIdentifiant><Cle>").append(ins.key())
                .append("</Cle></IdIndividu><OID>").append(ins.oid()).append("</OID></").append(element).append('>');
    }

    private static void fault(HttpExchange exchange, String code, String text) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body><soap:Fault>"
                + "<soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value xmlns:siram=\"urn:siram\">siram:siram_100</soap:Value></soap:Subcode></soap:Code>"
                + "<soap:Reason><soap:Text xml:lang=\"fr\">" + escape(text) + "</soap:Text></soap:Reason>"
                + "<soap:Detail><siram:Erreur xmlns:siram=\"urn:siram\" severite=\"fatale\" code=\"" + code + "\" messageID=\"" + UUID.randomUUID() + "\">"
                + escape(text) + "</siram:Erreur></soap:Detail></soap:Fault></soap:Body></soap:Envelope>";
        send(exchange, 500, "application/soap+xml; charset=utf-8", xml);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(("<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body><RESULTAT xmlns=\"http://www.cnamts.fr/INSiResultat\"><CR><CodeCR>01</CodeCR><LibelleCR>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "A".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 512; i++) {
                out.write(chunk);
            }
            out.write("</LibelleCR></CR></RESULTAT></soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client hung up after its limit: expected
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Element child(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }
}
