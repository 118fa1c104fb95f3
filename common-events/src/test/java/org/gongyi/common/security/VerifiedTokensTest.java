package org.gongyi.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokensTest {

    private static final String ISSUER = "https://issuer.test";

    private final KeyPair keys = rsa();
    private final VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser(context()));

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTAuthContextInfo context() {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        info.setExpectedAudience(Set.of("gongyi"));
        return info;
    }

    private String token(String subject, Instant expires) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("gongyi");
        claims.setSubject(subject);
        claims.setStringListClaim("groups", List.of("user"));
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aVerifiedTokenIsKeptAndAnythingElseIsCheckedInFull() throws Exception {
        String valid = token("alice", Instant.now().plusSeconds(600));
        var first = tokens.parse(valid);
        assertEquals("alice", first.getSubject());
        assertSame(first, tokens.parse(valid), "verified once, kept");
        // another person's token in between: each token is its own person's
        String bobs = token("bob", Instant.now().plusSeconds(600));
        for (int i = 0; i < 3; i++) {
            assertEquals("bob", tokens.parse(bobs).getSubject());
            assertEquals("alice", tokens.parse(valid).getSubject());
        }

        // the same claims with a signature changed: a different text, checked in full, refused
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(ParseException.class, () -> tokens.parse(tampered));
        // signed by another key
        KeyPair other = rsa();
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(new String(Base64.getUrlDecoder().decode(valid.split("\\.")[1])));
        forged.setKey(other.getPrivate());
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        assertThrows(ParseException.class, () -> tokens.parse(forged.getCompactSerialization()));
    }

    @Test
    void anExpiredTokenIsNeverTakenFromTheCache() throws Exception {
        // expired beyond the parser's allowed clock skew: refused, and so never kept
        String expired = token("bob", Instant.now().minusSeconds(3600));
        assertThrows(ParseException.class, () -> tokens.parse(expired));
        assertThrows(ParseException.class, () -> tokens.parse(expired));
    }
}
