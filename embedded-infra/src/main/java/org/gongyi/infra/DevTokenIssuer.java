package org.gongyi.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A development token issuer: an RSA key pair made on this machine and RS256-signed JWTs for the local run and the
 * tests. Never for production, where services verify tokens of the real identity provider (its key or JWKS URL).
 */
public final class DevTokenIssuer {

    /** Its own issuer, never the identity provider's: a dev token is refused wherever the real issuer is expected. */
    public static final String ISSUER = "https://dev-issuer.gongyi.local";

    public static final String AUDIENCE = "gongyi";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokenIssuer(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair, kept in memory only. */
    public static DevTokenIssuer generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            return new DevTokenIssuer(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code file} readable and writable by its owner only (where the file system has POSIX permissions). */
    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /** The key pair in {@code dir} (private.pem, readable by its owner only, and public.pem), made there on first use. */
    public static DevTokenIssuer loadOrCreate(Path dir) {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new DevTokenIssuer(
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(priv)))),
                        rsa.generatePublic(new X509EncodedKeySpec(pemBody(Files.readString(pub)))));
            }
            DevTokenIssuer issuer = generate();
            Files.createDirectories(dir);
            ownerOnly(priv);
            Files.writeString(priv, pem("PRIVATE KEY", issuer.privateKey.getEncoded()));
            Files.writeString(pub, issuer.publicKeyPem());
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bad dev issuer key in " + dir, e);
        }
    }

    /** The public key as PEM: the value of {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code ttl} from now. */
    public String token(String subject, Collection<String> roles, Duration ttl) {
        return token(subject, roles, ttl, Map.of());
    }

    public String token(String subject, Collection<String> roles, Duration ttl, Map<String, String> extraClaims) {
        Instant now = Instant.now();
        return sign(subject, roles, now, now.plus(ttl), extraClaims);
    }

    /** A token that expired an hour ago. */
    public String expiredToken(String subject, Collection<String> roles) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(subject, roles, issued, issued.plus(Duration.ofHours(1)), Map.of());
    }

    /** Tokens an attacker might send; a service must take each as no token at all (401 where one is needed). */
    public enum Forgery {
        /** Unsigned: {@code "alg":"none"} and no signature. */
        ALG_NONE,
        /** HMAC-SHA256 keyed with the issuer's public key (a verifier that trusts the header's alg would accept it). */
        HS256_WITH_PUBLIC_KEY,
        /** Signed by the right key, for another issuer. */
        WRONG_ISSUER,
        /** Signed by the right key, for another audience. */
        WRONG_AUDIENCE
    }

    /** A forged token of {@code kind} for {@code subject} with {@code roles}, valid for an hour otherwise. */
    public String forged(Forgery kind, String subject, Collection<String> roles) {
        Instant now = Instant.now();
        Map<String, String> overrides = switch (kind) {
            case WRONG_ISSUER -> Map.of("iss", "https://auth.attacker.example");
            case WRONG_AUDIENCE -> Map.of("aud", "someone-else");
            default -> Map.of();
        };
        String payload = payload(subject, roles, now, now.plus(Duration.ofHours(1)), overrides);
        return switch (kind) {
            case ALG_NONE -> b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".";
            case HS256_WITH_PUBLIC_KEY -> {
                String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
                    yield input + "."
                            + Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            default -> signRs256(payload);
        };
    }

    private String sign(
            String subject,
            Collection<String> roles,
            Instant issuedAt,
            Instant expiresAt,
            Map<String, String> extraClaims) {
        return signRs256(payload(subject, roles, issuedAt, expiresAt, extraClaims));
    }

    /** The claims as JSON; {@code extraClaims} (string values) are added or replace the standard ones. */
    private static String payload(
            String subject,
            Collection<String> roles,
            Instant issuedAt,
            Instant expiresAt,
            Map<String, String> extraClaims) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", json(ISSUER));
        claims.put("aud", json(AUDIENCE));
        claims.put("sub", json(subject));
        claims.put("upn", json(subject));
        claims.put("groups", roles.stream().map(DevTokenIssuer::json).collect(Collectors.joining(",", "[", "]")));
        claims.put("iat", String.valueOf(issuedAt.getEpochSecond()));
        claims.put("exp", String.valueOf(expiresAt.getEpochSecond()));
        claims.put("jti", json(UUID.randomUUID().toString()));
        extraClaims.forEach((k, v) -> claims.put(k, json(v)));
        return claims.entrySet().stream()
                .map(e -> json(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private String signRs256(String payload) {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
