package io.voicegate.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Web Key Set of Voicegate's verifying keys (OKP, Ed25519), served at {@code /.well-known/jwks.json}. */
public final class Jwks {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SigningKeys keys;

    public Jwks(SigningKeys keys) {
        this.keys = keys;
    }

    /** The document as JSON text; public keys only. */
    public String json() {
        var list = new ArrayList<Map<String, String>>();
        for (var key : keys.verifying()) {
            var jwk = new LinkedHashMap<String, String>();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("use", "sig");
            jwk.put("alg", Ed25519Algorithm.NAME);
            jwk.put("kid", key.kid());
            jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(key.rawPublicKey()));
            list.add(jwk);
        }
        try {
            return MAPPER.writeValueAsString(Map.of("keys", List.copyOf(list)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
