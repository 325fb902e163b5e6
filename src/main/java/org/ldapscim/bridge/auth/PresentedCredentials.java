package org.ldapscim.bridge.auth;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request presented to be let in: its {@code Authorization} header (or null), the TLS client certificate
 * chain it offered (empty when none), and the address it came from, after {@link TrustedProxies}.
 */
public record PresentedCredentials(String authorization, List<X509Certificate> certificates, InetAddress source) {
    /** Longer than any token an IdP sends; a longer header is refused unread. */
    static final int MAX_TOKEN_LENGTH = 16_384;

    public PresentedCredentials {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /** The token of {@code Authorization: Bearer <token>} (RFC 6750 §2.1; the scheme in any case), if that is the header. */
    Optional<String> bearerToken() {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space <= 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || token.contains(" ")) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
