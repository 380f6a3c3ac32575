package org.caducee.mss.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal IMAP server for the paths GreenMail lacks: STARTTLS upgrade (RFC 3501 §6.2.1) and SASL OAUTHBEARER
 * (RFC 7628), with or without SASL-IR. Enough of the protocol for a client to connect, authenticate and log out;
 * records what it saw.
 */
final class TinyImapServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean offerStarttls;
    private final String acceptedToken;
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;

    TinyImapServer(SSLContext tls, boolean offerStarttls, String acceptedToken) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.offerStarttls = offerStarttls;
        this.acceptedToken = acceptedToken;
        this.thread = new Thread(this::serve, "tiny-imap");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // next client
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket socket = plain;
        boolean secure = false;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        write(out, "* OK tiny IMAP ready");
        String line;
        while ((line = in.readLine()) != null) {
            seen.add(line.startsWith("A") && line.contains("AUTHENTICATE") ? line.replaceAll("AUTHENTICATE (\\S+) .*", "AUTHENTICATE $1 …") : line);
            String[] parts = line.split(" ", 3);
            String tag = parts[0];
            String command = parts.length > 1 ? parts[1].toUpperCase() : "";
            switch (command) {
            case "CAPABILITY" -> {
                write(out, secure ? "* CAPABILITY IMAP4rev1 AUTH=OAUTHBEARER AUTH=XOAUTH2 SASL-IR"
                        : "* CAPABILITY IMAP4rev1 LOGINDISABLED" + (offerStarttls ? " STARTTLS" : ""));
                write(out, tag + " OK CAPABILITY completed");
            }
            case "STARTTLS" -> {
                if (!offerStarttls || secure) {
                    write(out, tag + " BAD STARTTLS not available");
                    continue;
                }
                write(out, tag + " OK Begin TLS negotiation now");
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                socket = ssl;
                secure = true;
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                out = socket.getOutputStream();
            }
            case "AUTHENTICATE" -> {
                if (!secure) {
                    write(out, tag + " NO [PRIVACYREQUIRED] TLS required");
                    continue;
                }
                String[] args = parts[2].split(" ");
                String response;
                if (args.length > 1) {
                    response = args[1];
                } else {
                    write(out, "+ ");
                    response = in.readLine();
                }
                String decoded = new String(Base64.getDecoder().decode(response.trim()), StandardCharsets.UTF_8);
                seen.add("SASL " + args[0] + " " + decoded.replace("\u0001", "^A").replaceAll("Bearer [^^]*", "Bearer ***"));
                boolean ok = args[0].equalsIgnoreCase("OAUTHBEARER") && decoded.startsWith("n,a=") && decoded.contains("\u0001auth=Bearer " + acceptedToken + "\u0001");
                if (ok) {
                    write(out, tag + " OK [CAPABILITY IMAP4rev1] authenticated");
                } else {
                    write(out, "+ " + Base64.getEncoder().encodeToString("{\"status\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8)));
                    in.readLine();
                    write(out, tag + " NO [AUTHENTICATIONFAILED] invalid token");
                }
            }
            case "LOGOUT" -> {
                write(out, "* BYE");
                write(out, tag + " OK LOGOUT completed");
                return;
            }
            default -> write(out, tag + " OK " + command + " completed");
            }
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
