package io.voicegate.jwt;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureGenerationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * EdDSA (Ed25519, RFC 8037) for java-jwt, signed and verified by the JDK's own {@code Ed25519} {@link Signature}:
 * java-jwt has no EdDSA of its own. Verification picks the public key by the token's {@code kid}; an unknown or
 * missing {@code kid} fails. Thread-safe.
 */
final class Ed25519Algorithm extends Algorithm {

    static final String NAME = "EdDSA";

    private final Function<String, Optional<PublicKey>> verifyingKeys;
    private final String signingKeyId;
    private final PrivateKey signingKey;

    private Ed25519Algorithm(Function<String, Optional<PublicKey>> verifyingKeys, String signingKeyId,
                             PrivateKey signingKey) {
        super(NAME, "Ed25519 with the JDK's Signature");
        this.verifyingKeys = verifyingKeys;
        this.signingKeyId = signingKeyId;
        this.signingKey = signingKey;
    }

    /** Verifies only, with the key the token's {@code kid} names. */
    static Ed25519Algorithm verifying(Function<String, Optional<PublicKey>> keysById) {
        return new Ed25519Algorithm(keysById, null, null);
    }

    /** Signs with the given key, naming it by {@code kid}. */
    static Ed25519Algorithm signing(String kid, PrivateKey key) {
        return new Ed25519Algorithm(id -> Optional.empty(), kid, key);
    }

    @Override
    public String getSigningKeyId() {
        return signingKeyId;
    }

    @Override
    public void verify(DecodedJWT jwt) throws SignatureVerificationException {
        var kid = jwt.getKeyId();
        var key = kid == null ? Optional.<PublicKey>empty() : verifyingKeys.apply(kid);
        if (key.isEmpty()) throw new SignatureVerificationException(this);
        try {
            var signature = Base64.getUrlDecoder().decode(jwt.getSignature());
            var verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.get());
            verifier.update((jwt.getHeader() + "." + jwt.getPayload()).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) throw new SignatureVerificationException(this);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SignatureVerificationException(this, e);
        }
    }

    /** {@code contentBytes} is {@code base64url(header) + "." + base64url(payload)}, as java-jwt hands it over. */
    @Override
    public byte[] sign(byte[] contentBytes) throws SignatureGenerationException {
        if (signingKey == null) throw new SignatureGenerationException(this, new IllegalStateException("verify-only"));
        try {
            var signer = Signature.getInstance("Ed25519");
            signer.initSign(signingKey);
            signer.update(contentBytes);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new SignatureGenerationException(this, e);
        }
    }
}
