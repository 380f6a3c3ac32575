package org.caducee.psc.internal;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import org.caducee.psc.ApiToken;
import org.caducee.psc.PscException;
import org.caducee.psc.PscException.Reason;
import org.caducee.psc.PscSettings;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * The protocol side of PSC for one settings value: discovery, keys, token requests, ID token and userinfo validation.
 * Stateless apart from the cached metadata and keys. Never logs a token.
 */
final class PscClient {

    /** Levels PSC returns, weakest first; a level at or above the requested one is accepted. */
    private static final List<String> LEVELS = List.of("eidas1", "eidas2", "eidas3");

    private final PscSettings settings;
    private final SSLSocketFactory sockets;
    private OIDCProviderMetadata metadata;
    private JWKSet keys;

    PscClient(PscSettings settings) {
        this.settings = settings;
        this.sockets = settings.sslContext().getSocketFactory();
    }

    PscSettings settings() {
        return settings;
    }

    synchronized OIDCProviderMetadata metadata() throws PscException {
        if (metadata == null) {
            URI uri = settings.discoveryUri();
            try {
                HTTPResponse response = send(new HTTPRequest(HTTPRequest.Method.GET, uri));
                if (!response.indicatesSuccess()) {
                    throw new PscException(Reason.UNAVAILABLE, Messages.get("discovery.failed", uri, "HTTP " + response.getStatusCode()));
                }
                OIDCProviderMetadata parsed = OIDCProviderMetadata.parse(response.getBody());
                if (!parsed.getIssuer().getValue().equals(settings.issuer().toString())) {
                    throw new PscException(Reason.UNAVAILABLE, Messages.get("discovery.failed", uri, "issuer " + parsed.getIssuer()));
                }
                HTTPResponse jwks = send(new HTTPRequest(HTTPRequest.Method.GET, parsed.getJWKSetURI()));
                keys = JWKSet.parse(jwks.getBody());
                metadata = parsed;
            } catch (IOException | com.nimbusds.oauth2.sdk.ParseException | ParseException e) {
                throw new PscException(Reason.UNAVAILABLE, Messages.get("discovery.failed", uri, e.getMessage()), e);
            }
        }
        return metadata;
    }

    ClientAuthentication clientAuthentication() {
        return new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret() == null ? "" : settings.clientSecret()));
    }

    HTTPResponse send(HTTPRequest request) throws IOException {
        request.setSSLSocketFactory(sockets);
        request.setConnectTimeout(10_000);
        request.setReadTimeout(30_000);
        return request.send();
    }

    /** Sends a token request; returns the success or throws with the provider's error (code kept in the message). */
    AccessTokenResponse token(AuthorizationGrant grant) throws PscException {
        TokenRequest request = new TokenRequest(metadata().getTokenEndpointURI(), clientAuthentication(), grant, null);
        return tokenResponse(request).toSuccessResponse();
    }

    TokenResponse tokenResponse(TokenRequest request) throws PscException {
        try {
            TokenResponse response = com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
                throw new ProviderError(error);
            }
            return response;
        } catch (IOException e) {
            throw new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.getMessage()), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new PscException(Reason.REFUSED, Messages.get("http.failed", e.getMessage()), e);
        }
    }

    /** A provider error answer, with its OAuth error code. */
    static final class ProviderError extends PscException {
        private static final long serialVersionUID = 1L;
        final String code;

        ProviderError(ErrorObject error) {
            super(Reason.REFUSED, Messages.get("refused", error.getCode() + (error.getDescription() == null ? "" : " – " + error.getDescription())));
            this.code = error.getCode();
        }
    }

    /**
     * Validates the ID token (signature with the provider's keys, issuer, audience = client id, expiry, nonce when
     * expected, eIDAS level) and returns its claims.
     */
    IDTokenClaimsSet validateIdToken(JWT idToken, Nonce expectedNonce) throws PscException {
        metadata();
        IDTokenValidator validator = new IDTokenValidator(new Issuer(settings.issuer().toString()), new ClientID(settings.clientId()),
                JWSAlgorithm.RS256, keys);
        validator.setMaxClockSkew(30);
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, expectedNonce);
        } catch (BadJOSEException | JOSEException e) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.invalid", e.getMessage()), e);
        }
        String acr = claims.getACR() == null ? null : claims.getACR().getValue();
        if (acr == null || !LEVELS.contains(acr) || LEVELS.indexOf(acr) < LEVELS.indexOf(settings.acr())) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.acr", acr, settings.acr()));
        }
        return claims;
    }

    /** Calls userinfo with the access token and maps the PSC claims; the subject must be the ID token's. */
    Map<String, Object> userInfo(OIDCTokens tokens, IDTokenClaimsSet idClaims) throws PscException {
        Map<String, Object> info;
        try {
            UserInfoRequest request = new UserInfoRequest(metadata().getUserInfoEndpointURI(), (BearerAccessToken) tokens.getBearerAccessToken());
            UserInfoResponse response = UserInfoResponse.parse(send(request.toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                throw new PscException(Reason.REFUSED, Messages.get("refused", response.toErrorResponse().getErrorObject().getCode()));
            }
            info = response.toSuccessResponse().getUserInfo().toJSONObject();
        } catch (IOException e) {
            throw new PscException(Reason.UNAVAILABLE, Messages.get("http.failed", e.getMessage()), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.invalid", e.getMessage()), e);
        }
        if (!idClaims.getSubject().getValue().equals(info.get("sub"))) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.subject"));
        }
        return info;
    }

    /** RFC 8693 exchange over mutual TLS; checks that the issued token is bound to our certificate. */
    ApiToken exchange(String accessToken, String scope) throws PscException {
        X509Certificate certificate = settings.clientCertificate();
        if (certificate == null) {
            throw new PscException(Reason.REFUSED, Messages.get("exchange.noCertificate"));
        }
        URI endpoint = settings.tokenExchangeEndpoint() != null ? settings.tokenExchangeEndpoint() : metadata().getTokenEndpointURI();
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessAccessToken(accessToken), TokenTypeURI.ACCESS_TOKEN);
        TokenRequest request = new TokenRequest(endpoint, new com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication(new ClientID(settings.clientId()), sockets), grant,
                scope == null ? null : Scope.parse(scope), null, Map.of("subject_issuer", List.of("psc")));
        AccessTokenResponse response = tokenResponse(request).toSuccessResponse();
        String value = response.getTokens().getAccessToken().getValue();
        String thumbprint = thumbprint(certificate);
        try {
            JWTClaimsSet claims = JWTParser.parse(value).getJWTClaimsSet();
            Object cnf = claims.getClaim("cnf");
            if (!(cnf instanceof Map<?, ?> map) || !thumbprint.equals(map.get("x5t#S256"))) {
                throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.notBound"));
            }
            Date exp = claims.getExpirationTime();
            return new ApiToken(value, scope, exp == null ? Instant.now().plusSeconds(response.getTokens().getAccessToken().getLifetime())
                    : exp.toInstant(), thumbprint);
        } catch (ParseException e) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.invalid", e.getMessage()), e);
        }
    }

    /** {@code x5t#S256} of a certificate (RFC 8705): base64url SHA-256 of its DER encoding. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** End of session at the provider (Keycloak form: POST refresh_token with client authentication); best effort. */
    void endSession(String refreshToken) {
        try {
            URI logout = metadata().getEndSessionEndpointURI();
            if (logout == null || refreshToken == null) {
                return;
            }
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, logout);
            request.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
            request.setBody("refresh_token=" + java.net.URLEncoder.encode(refreshToken, java.nio.charset.StandardCharsets.UTF_8));
            clientAuthentication().applyTo(request);
            send(request);
        } catch (IOException | PscException e) {
            // the local session ends anyway; the provider's session expires by itself
        }
    }

    static List<String> levels() {
        return new ArrayList<>(LEVELS);
    }

}
